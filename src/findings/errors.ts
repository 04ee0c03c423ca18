/**
 * A user-facing failure of a whole command (bad key, bad option value, unknown rule): one line,
 * exit status 2. Domain errors extend it, so the CLI needs no converter per domain.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
