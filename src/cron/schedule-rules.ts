// The rules about a five-field schedule, shared by crontabs and the YAML files that hold cron
// schedules (GitHub Actions, Kubernetes), so that a schedule gets the same findings and messages
// wherever it is written.
import { createRequire } from 'node:module';
import { FIELDS, type Schedule, describeSchedule, maybeImpossibleDate, parseSchedule } from './schedule.js';
import type { Report } from './shell-rules.js';

/** A field as written: its text and its 0-based column on `line`. */
export interface FieldSpan {
  text: string;
  col: number;
}

export interface ScheduleContext {
  report: Report;
  line: number;
  /** Appended to messages of errors that make the file unusable (Debian's whole-file drop). */
  dropNote: string;
  /** What the consumer makes of a non-portable construct: fine, a portability finding, or an invalid schedule. */
  nonportable: (kind: 'random-range' | 'wrapping-range') => 'accept' | 'report' | 'invalid';
  /**
   * Results by fields and columns, for one file (its dropNote and nonportable do not change):
   * parsing and reading `* * * * *` anew for each of a million jobs was most of cron-lint's time.
   */
  cache?: ScheduleCache;
}

type ReportCall = Parameters<Report>;
export type ScheduleCache = Map<string, { calls: ReportCall[]; result: { schedule: Schedule; reading: string } | null }>;
/** Distinct schedules remembered per file; past that, a schedule is checked each time. */
const MAX_CACHED = 10_000;

function cronParser(): { CronExpressionParser: { parse(expr: string, options?: Record<string, unknown>): { next(): { toDate(): Date } } } } {
  return createRequire(import.meta.url)('cron-parser');
}

/** cron-parser's search for the next run: it throws when no date in the range can match. */
function confirmImpossible(fields: string[]): boolean {
  try {
    cronParser().CronExpressionParser.parse(fields.join(' '), { currentDate: new Date(Date.UTC(2024, 0, 1)), tz: 'UTC' }).next();
    return false;
  } catch {
    return true;
  }
}

/** Field problems, then the day rules on a valid schedule. Returns the schedule and its reading, or null when invalid. */
export function checkScheduleFields(fields: readonly FieldSpan[], ctx: ScheduleContext): { schedule: Schedule; reading: string } | null {
  const cache = ctx.cache;
  if (!cache) return checkUncached(fields, ctx);
  const key = fields.map((f) => `${f.col}:${f.text}`).join('\0');
  let hit = cache.get(key);
  if (!hit) {
    // Recorded at line 0 and replayed at each job's line: every finding is still reported per job.
    const calls: ReportCall[] = [];
    const result = checkUncached(fields, { ...ctx, line: 0, report: (...call) => calls.push(call) });
    hit = { calls, result };
    if (cache.size < MAX_CACHED) cache.set(key, hit);
  }
  for (const [rule, , column, message, data, severity] of hit.calls) ctx.report(rule, ctx.line, column, message, data && { ...data }, severity);
  return hit.result;
}

function checkUncached(fields: readonly FieldSpan[], ctx: ScheduleContext): { schedule: Schedule; reading: string } | null {
  const { report, line, dropNote } = ctx;
  const schedule = parseSchedule(fields.map((f) => f.text));
  const results = [schedule.minute, schedule.hour, schedule.dom, schedule.month, schedule.dow];
  let ok = true;
  results.forEach((result, index) => {
    const problem = result.problems[0];
    if (!problem) return;
    const span = fields[index]!;
    const column = span.col + problem.offset + 1;
    const where = `${FIELDS[index]!.name} field '${span.text}'`;
    if (problem.ineffective) {
      report('invalid-schedule', line, column, `${where}: ${problem.message}`, undefined, 'warning');
      return;
    }
    const verdict = problem.nonportable ? ctx.nonportable(problem.nonportable) : 'invalid';
    if (verdict === 'accept') return;
    if (verdict === 'report') {
      report('nonportable-schedule', line, column, `${where}: ${problem.message}`);
      return;
    }
    ok = false;
    const looksLikeCommand = index > 0 && (span.text.startsWith('/') || span.text.startsWith('.') || /^[a-z][a-z0-9_-]{3,}$/i.test(span.text)) && !(FIELDS[index]!.names && /^[a-z]{3}(-[a-z]{3})?$/i.test(span.text));
    const detail = looksLikeCommand ? `'${span.text}' looks like the command: the line has only ${index} time field${index === 1 ? '' : 's'}, cron needs five` : problem.message;
    report('invalid-schedule', line, column, `Invalid ${where}: ${detail}${dropNote}`);
  });
  if (!ok) return null;
  checkDays(fields, schedule, ctx);
  return { schedule, reading: describeSchedule(schedule) };
}

function checkDays(fields: readonly FieldSpan[], s: Schedule, { report, line }: ScheduleContext): void {
  const [minuteSpan, hourSpan, domSpan, monthSpan, dowSpan] = fields as [FieldSpan, FieldSpan, FieldSpan, FieldSpan, FieldSpan];
  if (!s.dom.startsWithStar && !s.dow.startsWithStar) {
    report('dom-dow-or', line, domSpan.col + 1, `Day of month '${domSpan.text}' and day of week '${dowSpan.text}' are both restricted, so the job runs when either matches`);
  } else if (s.dom.startsWithStar && !s.dom.isStar && !s.dow.startsWithStar) {
    report('dom-dow-star-step', line, domSpan.col + 1, `Day of month '${domSpan.text}' starts with *, so Debian cron and cronie run only on days matching both fields (AND), not either`);
  } else if (s.dow.startsWithStar && !s.dow.isStar && !s.dom.startsWithStar) {
    report('dom-dow-star-step', line, dowSpan.col + 1, `Day of week '${dowSpan.text}' starts with *, so Debian cron and cronie run only on days matching both fields (AND), not either`);
  }
  if (s.minute.isStar && !s.hour.isStar) {
    report('every-minute-in-hour', line, minuteSpan.col + 1, `Minute * with hour '${hourSpan.text}' runs the job every minute of that hour (${60 * s.hour.values.size} times a day)`);
  }
  if (maybeImpossibleDate(s) && confirmImpossible(fields.map((f) => f.text))) {
    report('impossible-date', line, domSpan.col + 1, `Day ${domSpan.text} never occurs in month ${monthSpan.text}: the job never runs`);
  }
}
