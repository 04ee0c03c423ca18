import { type CommandResult, type Severity, severityAtLeast } from './model.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * The one place exit codes are decided. Unusable input outranks findings, because a run that
 * could not read part of its input must not look like a clean or merely failing one.
 */
export function exitCodeFor(result: Pick<CommandResult, 'findings' | 'errors' | 'failed'>, failOn: Severity): number {
  if (result.errors.length > 0) return EXIT_USAGE;
  if (result.failed) return EXIT_FINDINGS;
  return result.findings.some((f) => severityAtLeast(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
