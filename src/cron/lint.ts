/**
 * The cron domain's entry points. Pure and synchronous: no I/O, no console. mvdan-sh (shell
 * analysis) and cron-parser (impossible dates, next runs) are required lazily, only when a file
 * has a job command to read or a date to confirm, so a file of comments and assignments costs
 * neither.
 */
import { type Finding, type InputNote, type Severity, dataOf, plural } from '../findings/model.js';
import { COMMAND_NOT_USER, SYSTEM_ACCOUNTS, UNIVERSAL_ACCOUNTS, isPlausibleUserName } from './commands.js';
import { type CrontabKind, type JobEntry, type ParsedCrontab, parseCrontab, ramp } from './parse.js';
import { type CronRuleData, type CronRuleName, cronRule } from './rules.js';

import { KEYWORDS, describeKeyword } from './schedule.js';
import { type ScheduleCache, checkScheduleFields } from './schedule-rules.js';
import { inCronD, isSystemCrontabPath } from './detect.js';
import type { ShellFacts } from './shell-facts.js';
import { checkShell } from './shell-rules.js';
import { scanSimpleCommand } from './shell-scan.js';
import { analyzeWithParser } from './shell-tree.js';
import { VERSION_MANAGED } from './version-managers.js';
import { type CronTarget, resolveTarget } from './targets.js';

export type { CrontabKind } from './parse.js';

export interface CronLintOptions {
  /** Default: from the path (isSystemCrontabPath). */
  kind?: CrontabKind;
  /** debian | rhel | busybox | any (default any). */
  target?: string;
  /** The file's real path when `file` is only a display name: used for /etc/crontab and cron.d detection. */
  location?: string;
  /** Commands known to be on cron's PATH where the crontab runs (cron.trustedCommands, --trust). */
  trustedCommands?: readonly string[];
  /** Job summaries kept (every job is still linted): a million summaries cost some 200 MB. */
  maxJobs?: number;
}

export interface JobSummary {
  line: number;
  /** The schedule as written: `@daily` or the five fields. */
  schedule: string;
  /** Plain-English reading, or null when the schedule is invalid. */
  reading: string | null;
  fields?: string[];
  keyword?: string;
  /** CRON_TZ in effect when the target honours it. */
  timeZone?: string;
  user?: string;
  command: string;
}

export interface CronAnalysis {
  findings: Finding[];
  /** The first `maxJobs` jobs. */
  jobs: JobSummary[];
  /** Every job of the file. */
  jobCount: number;
  parsed: ParsedCrontab;
  kind: CrontabKind;
  target: CronTarget;
  /** Lines whose % are all clearly literal (date/printf formats): --fix escapes them. */
  percentFixLines: number[];
  /** Jobs whose shell syntax was not read because the file exceeded MAX_PARSED_CHARACTERS. */
  shellSkipped: number;
  /** Jobs whose command the shell parser could not be given (too deep, too long a chain), and why. */
  notChecked: { line: number; why: string }[];
  /** Jobs need bash and no SHELL precedes them: --fix adds SHELL=/bin/bash. */
  needsShell: boolean;
  /** Jobs call commands outside the default PATH and no PATH is set: --fix adds PATH=. */
  needsPath: boolean;
  /** Version-managed tools called by bare name, by line: --fix says to write their absolute path. */
  needsAbsolutePath: Map<string, number[]>;
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Characters of distinct commands per file handed to mvdan-sh. Its GopherJS tree walk costs about
 * 0.1 ms per syntax node here (a typical command has twenty), so a hostile file of long, dense
 * commands would otherwise keep it busy for minutes. Plain commands take the fast scanner and do
 * not count; a real crontab uses a few hundred characters of this budget.
 */
export const MAX_PARSED_CHARACTERS = 8 * 1024;

/** 'line 3' or 'lines 3, 5, 9, 12, 20, ...': a message never grows with the file. */
export function listLines(lines: readonly number[]): string {
  const unique = [...new Set(lines)];
  const shown = unique.slice(0, 5).join(', ');
  return `line${unique.length === 1 ? '' : 's'} ${shown}${unique.length > 5 ? ', ...' : ''}`;
}

/** Whole-crontab analysis for the CLI: findings (suppressions applied), job readings, fix plan. */
export function analyzeCrontab(file: string, text: string, options: CronLintOptions = {}): CronAnalysis {
  const target = resolveTarget(options.target);
  const where = [file, ...(options.location ? [options.location] : [])];
  const kind: CrontabKind = options.kind ?? (where.some(isSystemCrontabPath) ? 'system' : 'user');
  const parsed = parseCrontab(text, kind);
  const raw: Finding[] = [];
  const jobs: JobSummary[] = [];
  const maxJobs = options.maxJobs ?? Number.POSITIVE_INFINITY;
  let jobCount = 0;
  const percentFixLines: number[] = [];
  const dropNote = target.dropsWholeFileOnError ? '; Debian cron then ignores the whole file' : '';

  // Jobs alike get equal messages: one string each, not one per finding (a million-job crontab).
  const messages = new Map<string, string>();
  const report = (rule: CronRuleName, line: number, column: number, text: string, data?: Record<string, unknown>, severity?: Severity) => {
    const ruleId = `cron/${rule}` as const;
    let message = messages.get(text);
    if (message === undefined) {
      message = text;
      if (messages.size < 10_000) messages.set(text, text);
    }
    raw.push({ ruleId, severity: severity ?? cronRule(ruleId).severity, message, file, line, column, ...(data ? { data } : {}) });
  };

  // ----- file level -----
  const hasSettings = parsed.entries.some((e) => e.kind === 'job' || e.kind === 'env' || e.kind === 'invalid');
  if (where.some(inCronD) && hasSettings) {
    const name = basename(file);
    if (target.runPartsNames ? !/^[A-Za-z0-9_-]+$/.test(name) : /^\.|~$|\.(rpmsave|rpmorig|rpmnew|swp|dpkg-(old|new|dist|bak|tmp))$/.test(name)) {
      report('cron-d-filename', 1, 1, `File name '${name}' has characters outside [A-Za-z0-9_-], so ${target.runPartsNames ? "Debian's cron never reads this file" : 'cronie skips this file'}`, { name });
    }
  }
  if (parsed.missingFinalNewline && target.needsFinalNewline) {
    const lastLine = text.split('\n').length;
    const lastText = text.slice(text.lastIndexOf('\n') + 1);
    report('no-trailing-newline', lastLine, lastText.length + 1, `The last line has no newline; ${target.name === 'rhel' ? "cronie's crontab refuses to install the file" : 'Debian cron ignores the whole file ("Missing newline before EOF")'}`, { fixable: true });
  }
  if (parsed.crLines.length > 0) {
    const first = parsed.crLines[0]!;
    const firstText = text.split('\n')[first - 1]!;
    report('crlf-line-endings', first, firstText.length, `${parsed.crLines.length} line${parsed.crLines.length === 1 ? ' ends' : 's end'} in CR (Windows line endings); cron keeps the CR in commands and values`, { lines: parsed.crLines.length, fixable: true });
  }

  // ----- per line -----
  const trusted = new Set(options.trustedCommands ?? []);
  const scheduleCache: ScheduleCache = new Map();
  const factsCache = new Map<string, ShellFacts>();
  let shellSkipped = 0;
  const notChecked: { line: number; why: string }[] = [];
  let parsedCharacters = 0;
  const needBash: number[] = [];
  const outsidePath: { name: string; line: number }[] = [];
  const otherUsers = new Map<string, { line: number; column: number; lines: number[] }>();

  for (const entry of parsed.entries) {
    if (entry.kind === 'invalid') {
      report('invalid-line', entry.line, entry.col + 1, `Invalid line: ${entry.reason}${dropNote}`);
      continue;
    }
    if (entry.kind === 'env') {
      const { value, valueCol } = entry;
      if (!entry.quoted) {
        const hash = /[ \t]#/.exec(value);
        if (hash) report('env-inline-comment', entry.line, valueCol + hash.index + 2, `The comment after ${entry.name}= becomes part of its value ('${value}')`);
      }
      const dollar = /\$(\{?[A-Za-z_][A-Za-z0-9_]*)|(?:^|:)~/.exec(value);
      if (dollar) {
        const at = value[dollar.index] === ':' ? dollar.index + 1 : dollar.index;
        report('env-var-expansion', entry.line, valueCol + at + 1, `cron does not expand ${value[at] === '~' ? '~' : `$${dollar[1]!.replace('{', '')}`} in ${entry.name}=; the value is the literal text '${value}'`);
      }
      if (value === '' && !entry.quoted) report('env-empty-value', entry.line, entry.nameCol + 1, `${entry.name}= has an empty unquoted value; write ${entry.name}="" as crontab(5) asks`);
      if (entry.name === 'CRON_TZ' && !target.honoursCronTz) {
        report('cron-tz-nonportable', entry.line, entry.nameCol + 1, `${target.name === 'any' ? 'Only cronie honours CRON_TZ' : `${target.label} ignores CRON_TZ`}; schedules run in the system time zone elsewhere`);
      } else if (entry.name === 'TZ') {
        report('cron-tz-nonportable', entry.line, entry.nameCol + 1, `TZ= only sets the jobs' environment; cron reads the schedules in the system time zone${target.honoursCronTz ? ' (cronie: use CRON_TZ)' : ''}`);
      }
      continue;
    }
    if (entry.kind !== 'job') continue;
    const job = entry;
    const summary: JobSummary = { line: job.line, schedule: job.keyword?.text ?? job.fields!.map((f) => f.text).join(' '), reading: null, command: job.command.text, user: job.user?.text };
    const cronTz = job.env.get('CRON_TZ')?.value;
    if (target.honoursCronTz && cronTz) summary.timeZone = cronTz;
    if (jobCount++ < maxJobs) jobs.push(summary);
    let scheduleOk = true;

    // Schedule.
    if (job.keyword) {
      summary.keyword = job.keyword.text;
      if (job.keyword.text in KEYWORDS) summary.reading = describeKeyword(job.keyword.text);
      else {
        scheduleOk = false;
        report('invalid-schedule', job.line, job.keyword.col + 1, `Unknown keyword ${job.keyword.text}; cron knows ${Object.keys(KEYWORDS).join(', ')}${dropNote}`);
      }
    } else {
      const fields = job.fields!;
      summary.fields = fields.map((f) => f.text);
      const checked = checkScheduleFields(fields, {
        report,
        cache: scheduleCache,
        line: job.line,
        dropNote,
        // cronie's ~ is valid there; Debian cron and BusyBox reject it, so it is an error for them.
        nonportable: (kind) => (kind === 'random-range' && target.randomRanges ? 'accept' : kind === 'random-range' && (target.name === 'debian' || target.name === 'busybox') ? 'invalid' : 'report'),
      });
      if (checked) summary.reading = checked.reading;
      else scheduleOk = false;
    }

    // The rest of a line with a broken schedule is not what cron would run: nothing more to say.
    if (!scheduleOk) continue;

    // A sixth time field: Quartz seconds or a year, pasted from elsewhere.
    const sixth = kind === 'system' ? job.user : firstWord(job.command.text, job.command.col);
    if (sixth && /^[\d*/,?-]+$/.test(sixth.text) && /[*/,?-]/.test(sixth.text) && !job.keyword) {
      report('invalid-schedule', job.line, sixth.col + 1, `'${sixth.text}' after the five time fields looks like a sixth field (seconds or year); cron has exactly five${dropNote}`);
      continue;
    }

    // User field.
    if (kind === 'system') {
      const user = job.user!;
      if (!isPlausibleUserName(user.text) || COMMAND_NOT_USER.has(user.text) || user.text.includes('=')) {
        report('missing-user-field', job.line, user.col + 1, `'${user.text}' is not a user name: a system crontab needs a user between the schedule and the command${dropNote}`);
        continue;
      }
      if (!UNIVERSAL_ACCOUNTS.has(user.text)) {
        const seen = otherUsers.get(user.text);
        if (seen) seen.lines.push(job.line);
        else otherUsers.set(user.text, { line: job.line, column: user.col + 1, lines: [job.line] });
      }
    }
    if (job.command.text.trim().length === 0) {
      report('invalid-line', job.line, job.command.col + 1, `Job has no command${dropNote}`);
      continue;
    }
    if (kind === 'user') {
      const word = firstWord(job.command.text, job.command.col);
      const rest = job.command.text.slice(word ? word.text.length : 0).trim();
      if (word && SYSTEM_ACCOUNTS.has(word.text) && rest.length > 0) {
        report('user-field-in-user-crontab', job.line, word.col + 1, `User crontabs have no user field: cron will run a command named '${word.text}'`);
        // The rest is the command the author meant: check it too, so one fix does not reveal the next problem.
        const skip = job.executed.indexOf(word.text) + word.text.length;
        job.executed = job.executed.slice(skip);
        job.executedCols = job.executedCols.slice(skip);
      }
    }

    // BusyBox hands the whole rest of the line to the shell, % included.
    if (!target.percentEndsCommand) {
      job.executed = job.command.text;
      // One column per UTF-16 unit, as the shell scanner's offsets count; shared with other jobs where it can be.
      job.executedCols = ramp(job.command.col, job.command.text.length) ?? Array.from({ length: job.command.text.length }, (_, k) => job.command.col + k);
      job.percentCol = undefined;
    }

    // Percent.
    if (job.percentCol !== undefined) {
      const fixable = percentsLookLiteral(job);
      if (fixable) percentFixLines.push(job.line);
      report('unescaped-percent', job.line, job.percentCol + 1, 'Unescaped % ends the command here: cron sends the rest to stdin; write \\% for a literal percent', { fixable });
      // Check the command as the author meant it (the % escaped), so escaping it does not reveal the next problem.
      const meant = commandAsMeant(job.command.text, job.command.col);
      job.executed = meant.text;
      job.executedCols = meant.cols;
    }

    // Shell.
    if (job.executed.trim().length === 0) continue;
    // Generated crontabs repeat the same command on many lines: read each once.
    let facts = factsCache.get(job.executed);
    if (!facts) {
      facts = scanSimpleCommand(job.executed) ?? undefined;
      if (!facts) {
        if (parsedCharacters + job.executed.length > MAX_PARSED_CHARACTERS) {
          shellSkipped++;
          continue;
        }
        parsedCharacters += job.executed.length;
        facts = analyzeWithParser(job.executed);
      }
      factsCache.set(job.executed, facts);
    }
    if (facts.notChecked) {
      notChecked.push({ line: job.line, why: facts.notChecked });
      continue;
    }
    const col = (offset: number) => (job.executedCols[offset] ?? job.command.col) + 1;
    if (facts.parseError) {
      if (job.percentCol === undefined) report('invalid-line', job.line, col(facts.parseError.offset), `The command is not valid shell: ${facts.parseError.message}${dropNote}`);
      continue;
    }
    checkShell({ report, target, kind, needBash, outsidePath, trusted }, job, facts, col);
  }

  if (needBash.length > 0) {
    report('missing-shell', 1, 1, `No SHELL= line before the jobs that need bash (${listLines(needBash)}); cron runs them with ${target.defaultShell}`, { lines: [...new Set(needBash)], fixable: true });
  }
  // A PATH line finds nothing a version manager installed: --fix adds one only for the other tools.
  const pathFixes = target.environmentLines === 'all' && outsidePath.some((o) => !VERSION_MANAGED[o.name]);
  const needsAbsolutePath = new Map<string, number[]>();
  for (const f of raw) {
    const data = dataOf<CronRuleData, 'cron/relative-binary'>(f, 'cron/relative-binary');
    if (!data?.versionManaged) continue;
    const name = data.command;
    // In place: copying the list for each finding was quadratic in the jobs calling one tool.
    const lines = needsAbsolutePath.get(name);
    if (lines) lines.push(f.line);
    else needsAbsolutePath.set(name, [f.line]);
  }
  if (outsidePath.length > 0) {
    const names = [...new Set(outsidePath.map((o) => o.name))];
    const lead = target.environmentLines === 'all' ? 'No PATH= line' : 'BusyBox crond ignores PATH= lines';
    report('missing-path', 1, 1, `${lead}, and ${names.join(', ')} (${listLines(outsidePath.map((o) => o.line))}) ${names.length === 1 ? 'is' : 'are'} outside cron's default PATH ${target.defaultPath}`, { commands: names, fixable: pathFixes });
  }
  for (const [user, seen] of otherUsers) {
    report('unknown-user-not-checked', seen.line, seen.column, `Jobs run as '${user}' (${listLines(seen.lines)}); authkit cannot check that this account exists on the target`, { user });
  }

  return {
    findings: raw,
    jobs,
    jobCount,
    parsed,
    kind,
    target,
    percentFixLines,
    shellSkipped,
    notChecked,
    needsShell: needBash.length > 0,
    needsPath: pathFixes,
    needsAbsolutePath,
  };
}

/** What the shell checks left unread in one crontab, said in every format (never a clean bill). */
export function shellNotes(file: string, analysis: Pick<CronAnalysis, 'shellSkipped' | 'notChecked'>): InputNote[] {
  const notes: InputNote[] = [];
  const { shellSkipped, notChecked } = analysis;
  if (shellSkipped > 0) {
    notes.push({ file, message: `the shell syntax of ${plural(shellSkipped, 'job command')} ${shellSkipped === 1 ? 'was' : 'were'} not read (the file's complex commands exceed ${MAX_PARSED_CHARACTERS / 1024} KiB)` });
  }
  if (notChecked.length > 0) {
    const lines = listLines(notChecked.map((n) => n.line));
    const which = notChecked.length === 1 ? `the job command on ${lines} was` : `${notChecked.length} job commands (${lines}) were`;
    notes.push({ file, message: `the shell syntax of ${which} not checked: ${notChecked[0]!.why}` });
  }
  return notes;
}

/**
 * Findings for one crontab. Pure and synchronous. `file` is the display path (repo-relative POSIX,
 * '-' for stdin); it decides system vs user when `kind` is not given, and cron.d naming rules.
 */
export function lintCrontab(file: string, text: string, options: CronLintOptions = {}): Finding[] {
  return analyzeCrontab(file, text, options).findings;
}

function firstWord(text: string, offset: number): { text: string; col: number } | null {
  const match = /^[ \t]*([^ \t]+)/.exec(text);
  if (!match) return null;
  return { text: match[1]!, col: offset + match[0].length - match[1]!.length };
}

/** Every unescaped % is followed by a letter, as in date +%F or printf %s: a literal, safe to escape. */
/** The command text with every % kept literal and `\\%` unescaped, with each character's column. */
function commandAsMeant(text: string, col: number): { text: string; cols: number[] } {
  let out = '';
  const cols: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '%') i++;
    out += text[i];
    cols.push(col + i);
  }
  return { text: out, cols };
}

function percentsLookLiteral(job: JobEntry): boolean {
  const line = job.text.replace(/\r$/, '');
  let escaped = false;
  for (let i = job.command.col; i < line.length; i++) {
    const ch = line[i]!;
    if (escaped) {
      escaped = false;
      continue;
    }
    if (ch === '\\') escaped = true;
    else if (ch === '%' && !/[A-Za-z:+-]/.test(line[i + 1] ?? '')) return false;
  }
  return true;
}
