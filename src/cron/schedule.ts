/**
 * cron's own schedule grammar, checked strictly (cron-parser accepts Quartz extensions cron does
 * not). Per field: a comma list of `*`, `N`, `N-M`, each optionally `/step` when it is `*` or a
 * range; names (jan, mon) in the month and day-of-week fields; cronie's `~` random ranges apart.
 */
export interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

export const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES },
];

export const KEYWORDS: Record<string, string | null> = {
  '@reboot': null,
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface FieldProblem {
  /** 0-based offset inside the field text. */
  offset: number;
  message: string;
  /** Accepted by some crons (cronie's `~`, wrapping day ranges), refused by others. */
  nonportable?: 'random-range' | 'wrapping-range';
  /** Valid cron that does not do what it says (a step longer than its range): a warning. */
  ineffective?: boolean;
}

export interface FieldResult {
  values: Set<number>;
  /** Vixie cron's DOM_STAR/DOW_STAR: the field text starts with `*`, so a star-step such as every-2-days counts as a star. */
  startsWithStar: boolean;
  isStar: boolean;
  problems: FieldProblem[];
}

const QUARTZ: Record<string, string> = {
  '?': '`?` is Quartz/Spring syntax; cron has no "no specific value" marker, use *',
  L: '`L` (last day) is Quartz syntax; cron has no last-day-of-month marker',
  W: '`W` (nearest weekday) is Quartz syntax, not cron',
  '#': '`#` (nth weekday) is Quartz syntax, not cron',
};

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

class FieldReader {
  i = 0;
  constructor(
    readonly text: string,
    readonly spec: FieldSpec,
  ) {}

  peek(): string | undefined {
    return this.text[this.i];
  }

  /** A number or (month and weekday fields) a three-letter name. */
  value(): { value: number; offset: number } | FieldProblem {
    const start = this.i;
    if (isDigit(this.peek())) {
      while (isDigit(this.peek())) this.i++;
      const digits = this.text.slice(start, this.i);
      const value = Number(digits);
      if (value < this.spec.min || value > this.spec.max) {
        return { offset: start, message: `${digits} is out of range for ${this.spec.name} (${this.spec.min}-${this.spec.max})` };
      }
      return { value, offset: start };
    }
    if (isLetter(this.peek())) {
      while (isLetter(this.peek())) this.i++;
      const word = this.text.slice(start, this.i);
      const index = this.spec.names?.indexOf(word.toLowerCase() as never) ?? -1;
      if (index >= 0) return { value: this.spec.names === MONTH_NAMES ? index + 1 : index, offset: start };
      const quartz = QUARTZ[word.toUpperCase()];
      if (quartz && word.length === 1) return { offset: start, message: quartz };
      return {
        offset: start,
        message: this.spec.names ? `'${word}' is not a ${this.spec.name} name (use the first three letters, like ${this.spec.names[1]})` : `names are not allowed in the ${this.spec.name} field`,
      };
    }
    const c = this.peek();
    if (c === undefined) return { offset: start, message: `${this.spec.name} field ends where a value is expected` };
    if (QUARTZ[c]) return { offset: start, message: QUARTZ[c]! };
    if (c === '-') return { offset: start, message: `a negative value; the ${this.spec.name} field takes ${this.spec.min}-${this.spec.max}` };
    return { offset: start, message: `unexpected '${c}' in the ${this.spec.name} field` };
  }
}

function isProblem(x: unknown): x is FieldProblem {
  return typeof (x as FieldProblem).message === 'string';
}

export function parseField(text: string, spec: FieldSpec): FieldResult {
  const values = new Set<number>();
  const problems: FieldProblem[] = [];
  const r = new FieldReader(text, spec);
  const size = spec.max - spec.min + 1;
  const add = (lo: number, hi: number, step: number) => {
    for (let v = lo; v <= hi; v += step) values.add(spec.name === 'day of week' && v === 7 ? 0 : v);
  };

  while (true) {
    const elementStart = r.i;
    let lo: number;
    let hi: number;
    let isRange = false;
    if (r.peek() === '*') {
      r.i++;
      lo = spec.min;
      hi = spec.max;
      isRange = true;
    } else if (r.peek() === '~') {
      r.i++;
      problems.push({ offset: elementStart, message: "`~` (a random value) is cronie-only syntax", nonportable: 'random-range' });
      lo = spec.min;
      hi = spec.max;
    } else {
      const first = r.value();
      if (isProblem(first)) {
        problems.push(first);
        break;
      }
      lo = hi = first.value;
      if (r.peek() === '-' || r.peek() === '~') {
        const random = r.peek() === '~';
        r.i++;
        const second = r.value();
        if (isProblem(second)) {
          problems.push(second);
          break;
        }
        hi = second.value;
        isRange = true;
        if (random) {
          problems.push({ offset: elementStart, message: "`~` (a random value in a range) is cronie-only syntax", nonportable: 'random-range' });
        }
        if (lo > hi) {
          if (spec.name === 'day of week' && (hi === 0 || lo === 7)) {
            problems.push({ offset: elementStart, message: `day-of-week range ${text.slice(elementStart, r.i)} wraps past Sunday; not every cron accepts a reversed range (write ${lo}-7 or list the days)`, nonportable: 'wrapping-range' });
            add(lo, 7, 1);
            add(0, hi, 1);
            lo = hi + 1; // both halves are added above
          } else {
            problems.push({ offset: elementStart, message: `range ${text.slice(elementStart, r.i)} runs backwards` });
            break;
          }
        }
      }
    }
    let step = 1;
    if (r.peek() === '/') {
      const slash = r.i;
      r.i++;
      if (!isRange) {
        problems.push({ offset: slash, message: `a step needs * or a range before it: write */${text.slice(r.i) || 'N'} or ${lo}-${spec.max}/${text.slice(r.i) || 'N'}` });
        break;
      }
      const digitsStart = r.i;
      while (isDigit(r.peek())) r.i++;
      const digits = text.slice(digitsStart, r.i);
      if (digits.length === 0) {
        problems.push({ offset: digitsStart, message: 'a / must be followed by a step number' });
        break;
      }
      step = Number(digits);
      if (step < 1 || step > size) {
        problems.push({ offset: digitsStart, message: `step ${digits} is outside 1-${size} for ${spec.name}` });
        break;
      }
    }
    if (lo <= hi) add(lo, hi, step);
    // cron accepts 10-20/15 and */60 and runs them only at the range's start: almost never meant.
    if (step > 1 && lo <= hi && lo + step > hi) {
      problems.push({ offset: elementStart, message: `step ${step} is longer than the range ${lo}-${hi}, so the job runs only at ${lo}: the step has no effect`, ineffective: true });
    }
    const c = r.peek();
    if (c === undefined) break;
    if (c === ',') {
      r.i++;
      continue;
    }
    const quartz = QUARTZ[c] ?? (c === 'L' || c === 'W' ? QUARTZ[c] : undefined);
    problems.push({ offset: r.i, message: quartz ?? `unexpected '${c}' in the ${spec.name} field` });
    break;
  }
  return { values, startsWithStar: text.startsWith('*'), isStar: text === '*', problems };
}

export interface Schedule {
  minute: FieldResult;
  hour: FieldResult;
  dom: FieldResult;
  month: FieldResult;
  dow: FieldResult;
}

export function parseSchedule(fields: readonly string[]): Schedule {
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i]!)) as [FieldResult, FieldResult, FieldResult, FieldResult, FieldResult];
  return { minute, hour, dom, month, dow };
}

/**
 * Vixie cron (Debian, cronie) ANDs the day fields when either starts with `*`; cron-parser ORs
 * them whenever both are restricted. Non-null when the two disagree: which field to filter by.
 */
export function andedDayField(s: Schedule): 'dom' | 'dow' | null {
  if (s.dom.isStar || s.dow.isStar) return null;
  if (s.dom.startsWithStar) return 'dom';
  if (s.dow.startsWithStar) return 'dow';
  return null;
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when no selected month has any selected day, so cron never fires (the day-of-week field
 * being `*`). February 29 counts as possible. Cheap enough to gate the cron-parser confirmation.
 */
export function maybeImpossibleDate(s: Schedule): boolean {
  if (!s.dow.isStar && !s.dow.startsWithStar) return false;
  if (s.dom.values.size === 0 || s.month.values.size === 0) return false;
  const smallestDay = Math.min(...s.dom.values);
  for (const m of s.month.values) if (smallestDay <= DAYS_IN_MONTH[m]!) return false;
  return true;
}

// ---------- plain-English reading ----------

const MONTH_LONG = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function runs(values: Set<number>): [number, number][] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

function listPhrase(values: Set<number>, name: (n: number) => string): string {
  const parts = runs(values).map(([a, b]) => (a === b ? name(a) : b === a + 1 ? `${name(a)}, ${name(b)}` : `${name(a)} through ${name(b)}`));
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function stepOf(f: FieldResult, spec: FieldSpec): number | null {
  const sorted = [...f.values].sort((a, b) => a - b);
  if (sorted.length < 2 || sorted[0] !== spec.min) return null;
  const step = sorted[1]! - sorted[0]!;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! - sorted[i - 1]! !== step) return null;
  return sorted[sorted.length - 1]! + step > spec.max ? step : null;
}

const two = (n: number) => String(n).padStart(2, '0');

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function describeKeyword(keyword: string): string {
  switch (keyword) {
    case '@reboot':
      return 'once, when cron starts (at boot)';
    case '@yearly':
    case '@annually':
      return 'at 00:00 on January 1';
    case '@monthly':
      return 'at 00:00 on day 1 of every month';
    case '@weekly':
      return 'at 00:00 every Sunday';
    case '@daily':
    case '@midnight':
      return 'at 00:00 every day';
    case '@hourly':
      return 'at minute 0 of every hour';
    default:
      return 'never (unknown keyword)';
  }
}

/** "at 03:15 on Monday through Friday", "every 10 minutes", for the human report. */
export function describeSchedule(s: Schedule): string {
  const [minuteSpec, hourSpec] = FIELDS as [FieldSpec, FieldSpec];
  let time: string;
  const minuteStep = stepOf(s.minute, minuteSpec);
  const hourStep = stepOf(s.hour, hourSpec);
  if (s.minute.isStar && s.hour.isStar) time = 'every minute';
  else if (s.minute.isStar) time = `every minute of hour ${listPhrase(s.hour.values, String)}`;
  else if (minuteStep && s.hour.isStar) time = `every ${minuteStep} minutes`;
  else if (s.hour.isStar) time = `at minute ${listPhrase(s.minute.values, String)} of every hour`;
  else if (s.minute.values.size * s.hour.values.size <= 4) {
    const times: string[] = [];
    for (const h of [...s.hour.values].sort((a, b) => a - b)) for (const m of [...s.minute.values].sort((a, b) => a - b)) times.push(`${two(h)}:${two(m)}`);
    time = `at ${times.length > 1 ? `${times.slice(0, -1).join(', ')} and ${times[times.length - 1]}` : times[0]}`;
  } else if (hourStep) time = `at minute ${listPhrase(s.minute.values, String)} of every ${hourStep} hours`;
  else time = `at minute ${listPhrase(s.minute.values, String)} past hour ${listPhrase(s.hour.values, String)}`;

  const domStep = s.dom.startsWithStar ? stepOf(s.dom, FIELDS[2]!) : null;
  const domText = s.dom.isStar ? '' : domStep ? `on every ${ordinal(domStep)} day of the month` : `on day ${listPhrase(s.dom.values, String)} of the month`;
  const dowText = s.dow.isStar ? '' : `on ${listPhrase(s.dow.values, (d) => DAY_LONG[d]!)}`;
  let days: string;
  if (domText && dowText) {
    // Vixie-derived crons AND the day fields when one starts with `*`, and OR them otherwise.
    days = s.dom.startsWithStar || s.dow.startsWithStar ? `${domText} if it is also ${dowText.slice(3)}` : `${domText} or ${dowText}`;
  } else days = domText || dowText || 'every day';
  const months = s.month.isStar ? '' : ` in ${listPhrase(s.month.values, (m) => MONTH_LONG[m]!)}`;
  if (days === 'every day' && time.startsWith('every')) return `${time}${months}`;
  return `${time} ${days}${months}`;
}
