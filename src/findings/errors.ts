/**
 * A failure of the whole command that the user can fix (a bad key, a bad option value): one line,
 * exit 2. Domain errors extend it, so commands need no converters.
 */
export class UsageError extends Error {}
