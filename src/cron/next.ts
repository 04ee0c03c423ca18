/** Next run times through cron-parser (required lazily: only --next pays for it and luxon). */
import { createRequire } from 'node:module';
import type { JobSummary } from './lint.js';
import { andedDayField, parseSchedule } from './schedule.js';

interface CronParserModule {
  CronExpressionParser: {
    parse(expression: string, options?: { currentDate?: Date; tz?: string }): { next(): { toDate(): Date } };
  };
}

export interface NextRuns {
  timeZone: string;
  /** ISO 8601 instants (UTC). */
  runs: string[];
  /** The same instants as wall-clock time in `timeZone`, "YYYY-MM-DD HH:MM". */
  local: string[];
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dayParts(date: Date, timeZone: string): { dom: number; dow: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric', weekday: 'short' }).formatToParts(date);
  return {
    dom: Number(parts.find((p) => p.type === 'day')!.value),
    dow: WEEKDAYS.indexOf(parts.find((p) => p.type === 'weekday')!.value),
  };
}

function wallClock(date: Date, timeZone: string): string {
  // sv-SE formats as "YYYY-MM-DD HH:MM".
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}

/**
 * The next `count` runs after `from`. @reboot has none. `timeZone` is the job's CRON_TZ when the
 * target honours it, else the zone the schedule is read in (the caller's TZ, as cron uses the
 * system's).
 */
export function nextRuns(job: JobSummary, count: number, from: Date, timeZone: string): NextRuns | null {
  if (job.reading === null || job.keyword === '@reboot') return null;
  const zone = job.timeZone ?? timeZone;
  let expression = job.keyword ?? job.fields!.join(' ');
  // cron ANDs the day fields here (see andedDayField): let cron-parser walk one, filter by the other.
  let keep: (date: Date) => boolean = () => true;
  if (job.fields) {
    const schedule = parseSchedule(job.fields);
    const anded = andedDayField(schedule);
    if (anded) {
      const [minute, hour, dom, month, dow] = job.fields;
      expression = [minute, hour, anded === 'dom' ? dom : '*', month, anded === 'dow' ? dow : '*'].join(' ');
      const other = anded === 'dom' ? schedule.dow.values : schedule.dom.values;
      keep = (date) => {
        const { dom: d, dow: w } = dayParts(date, zone);
        return other.has(anded === 'dom' ? w : d);
      };
    }
  }
  const { CronExpressionParser } = createRequire(import.meta.url)('cron-parser') as CronParserModule;
  let iterator: ReturnType<CronParserModule['CronExpressionParser']['parse']>;
  try {
    iterator = CronExpressionParser.parse(expression, { currentDate: from, tz: zone });
  } catch {
    return { timeZone: zone, runs: [], local: [] }; // a date that never occurs (31 2)
  }
  const runs: string[] = [];
  const local: string[] = [];
  for (let tries = 0; runs.length < count && tries < 100_000; tries++) {
    let date: Date;
    try {
      date = iterator.next().toDate();
    } catch {
      break;
    }
    if (!keep(date)) continue;
    runs.push(date.toISOString());
    local.push(wallClock(date, zone));
  }
  return { timeZone: zone, runs, local };
}
