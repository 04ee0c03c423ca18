// Which files are crontabs: by path (what `authkit scan` hands to cron-lint, system vs user) and,
// for files not named like one, by content.
import { parseCrontab } from './parse.js';
import { KEYWORDS, parseSchedule } from './schedule.js';
import { mayHoldSchedules } from './yaml-paths.js';

/** /etc/crontab and anything in a cron.d folder are system crontabs (with a user field). */
export function isSystemCrontabPath(displayPath: string): boolean {
  const parts = displayPath.replace(/\\/g, '/').split('/');
  const base = parts[parts.length - 1];
  if (parts.slice(0, -1).includes('cron.d')) return true;
  return base === 'crontab' && parts[parts.length - 2] === 'etc';
}

export function inCronD(displayPath: string): boolean {
  return displayPath.replace(/\\/g, '/').split('/').slice(0, -1).includes('cron.d');
}

/** Files `authkit scan` should hand to cron-lint by name: `crontab`, `*.cron`, `*.crontab`, anything in `cron.d`. */
export function isCrontabPath(displayPath: string): boolean {
  const parts = displayPath.replace(/\\/g, '/').split('/');
  const base = parts[parts.length - 1] ?? '';
  if (parts.slice(0, -1).includes('cron.d')) return true;
  const lower = base.toLowerCase();
  return lower === 'crontab' || lower.endsWith('.cron') || lower.endsWith('.crontab');
}

/**
 * Content that is clearly a crontab, for files not named like one. Conservative: at least two job
 * lines with five valid time fields (or an @keyword) and a command, no line that is neither a
 * comment, an assignment nor such a job, and no code-like lines.
 */
export function looksLikeCrontab(text: string): boolean {
  if (text.length > 256 * 1024 || text.includes('\0')) return false;
  const parsed = parseCrontab(text.replace(/\r\n/g, '\n'), 'user');
  let jobs = 0;
  for (const entry of parsed.entries) {
    if (entry.kind === 'invalid') return false;
    if (entry.kind === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(entry.name)) return false;
    if (entry.kind !== 'job') continue;
    if (entry.command.text.trim().length === 0) return false;
    if (entry.keyword) {
      if (!(entry.keyword.text in KEYWORDS)) return false;
    } else {
      const schedule = parseSchedule(entry.fields!.map((f) => f.text));
      if (Object.values(schedule).some((f) => f.problems.length > 0)) return false;
    }
    jobs++;
  }
  return jobs >= 2;
}

/**
 * Extensions of files that are never crontabs, so that content sniffing (`looksLikeCrontab`) runs
 * only on files that could be one: no extension, .txt, .conf and the like.
 */
const NOT_CRONTAB = new Set(
  'js mjs cjs jsx ts mts cts tsx json jsonc json5 yaml yml toml md markdown rst html htm css scss less svg xml py rb go rs java kt c h cc cpp hpp cs php swift scala sql lock map vue svelte ipynb csv tsv'.split(' '),
);

function extensionOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * The files found in a folder that the cron checks read, in `scan` and in `cron-lint <folder>`
 * alike: a workflow or CronJob manifest, a file named like a crontab, or one whose content is one.
 */
export function isCronInput(file: string, text: string): boolean {
  return mayHoldSchedules(file, text) || isCrontabPath(file) || (!NOT_CRONTAB.has(extensionOf(file)) && looksLikeCrontab(text));
}
