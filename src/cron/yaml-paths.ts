/**
 * Which files hold YAML schedules, by name (and, for `scan`, a cheap look at the text). Kept apart
 * from yaml-schedules.ts, which imports the YAML parser: cron-lint on a crontab decides here that
 * it needs no YAML and never loads the parser (issue 19).
 */
export function isWorkflowPath(display: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(display.replace(/\\/g, '/'));
}

export function isYamlPath(display: string): boolean {
  return /\.ya?ml$/i.test(display);
}

/** Cheap test before parsing, for `scan`: a workflow by path, or a manifest that names a CronJob. */
export function mayHoldSchedules(display: string, text: string): boolean {
  return isYamlPath(display) && (isWorkflowPath(display) || /^[ \t]*kind:[ \t]*["']?CronJob\b/m.test(text));
}
