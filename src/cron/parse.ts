/**
 * Reads a crontab the way cron does (Debian cron's and cronie's entry.c/env.c): lines split on LF
 * only, leading blanks skipped, `#` comments, `NAME = value` environment lines, job lines of five
 * time fields or an @keyword, a user field in system crontabs, then the command up to the first
 * unescaped `%`. A trailing CR stays out of the fields but is remembered (it is its own finding).
 */
import { type EnvEntry, EnvHistory, type EnvView } from './env.js';

export type CrontabKind = 'system' | 'user';

export interface Span {
  text: string;
  /** 0-based index in the line. */
  col: number;
}

export interface JobEntry {
  kind: 'job';
  line: number;
  text: string;
  /** `@daily` and friends, or the five time fields. */
  keyword?: Span;
  fields?: Span[];
  user?: Span;
  /** The command as written, up to the end of the line (percent signs included). */
  command: Span;
  /** What `sh -c` receives: up to the first unescaped %, with `\%` turned into `%`. */
  executed: string;
  /** For each character of `executed`, its 0-based index in the line. Shared between jobs: never change it in place. */
  executedCols: readonly number[];
  /** 0-based column of the first unescaped % (the start of stdin), if any. */
  percentCol?: number;
  env: EnvView;
  hasCR: boolean;
}

export interface InvalidEntry {
  kind: 'invalid';
  line: number;
  text: string;
  col: number;
  reason: string;
  hasCR: boolean;
}

export interface CommentEntry {
  kind: 'comment' | 'blank';
  line: number;
  text: string;
  hasCR: boolean;
}

export type CrontabEntry = EnvEntry | JobEntry | InvalidEntry | CommentEntry;

export interface ParsedCrontab {
  kind: CrontabKind;
  entries: CrontabEntry[];
  /** True when the text is not empty and its last line has no LF. */
  missingFinalNewline: boolean;
  /** 1-based numbers of the lines that end in CR. */
  crLines: number[];
  jobs: JobEntry[];
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function skipBlanks(s: string, i: number): number {
  while (i < s.length && isBlank(s[i])) i++;
  return i;
}

function readToken(s: string, i: number): Span | null {
  const start = skipBlanks(s, i);
  let end = start;
  while (end < s.length && !isBlank(s[end])) end++;
  return end > start ? { text: s.slice(start, end), col: start } : null;
}

/** A line is a job when its first character can start a time field; otherwise it may be `NAME=value`. */
function startsLikeJob(body: string, at: number): boolean {
  const c = body[at]!;
  // `~` starts cronie's random minute; no environment name starts with it. `-5 * * * *` is a job
  // with a bad minute, which the schedule check names precisely.
  return c === '*' || c === '@' || c === '~' || (c >= '0' && c <= '9') || (c === '-' && isDigitChar(body[at + 1]));
}

function isDigitChar(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** cron's load_env: a name (no blanks, no `=`), optional blanks, `=`, optional blanks, the value. */
function parseEnv(body: string, lineNo: number, text: string, hasCR: boolean): EnvEntry | null {
  let i = skipBlanks(body, 0);
  const nameStart = i;
  let name: string;
  const q = body[i];
  if (q === '"' || q === "'") {
    // cronie accepts a quoted name.
    const close = body.indexOf(q, i + 1);
    if (close < 0) return null;
    name = body.slice(i + 1, close);
    i = close + 1;
  } else {
    while (i < body.length && body[i] !== '=' && !isBlank(body[i])) i++;
    name = body.slice(nameStart, i);
  }
  if (name.length === 0) return null;
  i = skipBlanks(body, i);
  if (body[i] !== '=') return null;
  i = skipBlanks(body, i + 1);
  let raw = body.slice(i).replace(/(^|[^ \t])[ \t]+$/, '$1');
  let valueCol = i;
  let quoted = false;
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
    raw = raw.slice(1, -1);
    valueCol++;
    quoted = true;
  }
  return { kind: 'env', line: lineNo, text, name, nameCol: nameStart, value: raw, valueCol, quoted, hasCR };
}

/** cron's child_process: an odd run of backslashes escapes `%` (and loses one backslash); quotes do not. */
export function splitCommand(line: string, start: number): { executed: string; cols: number[]; percentCol?: number } {
  const pieces: string[] = [];
  const cols: number[] = [];
  let pieceStart = start;
  let escaped = false;
  let percentCol: number | undefined;
  let i = start;
  for (; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (escaped) {
      escaped = false;
      if (ch === 0x25 /* % */) {
        // The backslash that escaped it is dropped.
        pieces.push(line.slice(pieceStart, i - 1));
        cols.pop();
        pieceStart = i;
      }
      cols.push(i);
      continue;
    }
    if (ch === 0x5c /* \ */) escaped = true;
    else if (ch === 0x25) {
      percentCol = i;
      break;
    }
    cols.push(i);
  }
  pieces.push(line.slice(pieceStart, i));
  return { executed: pieces.join(''), cols, percentCol };
}

export function parseCrontab(text: string, kind: CrontabKind): ParsedCrontab {
  const missingFinalNewline = text.length > 0 && !text.endsWith('\n');
  const entries: CrontabEntry[] = [];
  const jobs: JobEntry[] = [];
  const crLines: number[] = [];
  const env = new EnvHistory();

  // Line by line without splitting the text: a job keeps offsets into it, not copies.
  for (let start = 0, lineNo = 1; start < text.length; lineNo++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const rawLine = { start, end };
    start = end + 1;
    const hasCR = text.charCodeAt(rawLine.end - 1) === 13 && rawLine.end > rawLine.start;
    if (hasCR) crLines.push(lineNo);
    const body = text.slice(rawLine.start, hasCR ? rawLine.end - 1 : rawLine.end);
    const first = skipBlanks(body, 0);
    if (first >= body.length || body[first] === '#') {
      entries.push({ kind: first >= body.length ? 'blank' : 'comment', line: lineNo, text: text.slice(rawLine.start, rawLine.end), hasCR });
      continue;
    }
    if (!startsLikeJob(body, first)) {
      const rawText = text.slice(rawLine.start, rawLine.end);
      const assignment = parseEnv(body, lineNo, rawText, hasCR);
      if (assignment) {
        env.assign(assignment);
        entries.push(assignment);
      } else {
        entries.push({ kind: 'invalid', line: lineNo, text: rawText, col: first, reason: 'neither a job (five time fields or an @keyword) nor a NAME=value line', hasCR });
      }
      continue;
    }
    const job = parseJob(text, rawLine.start, rawLine.end, body, lineNo, kind, env, hasCR);
    entries.push(job);
    if (job.kind === 'job') jobs.push(job);
  }
  return { kind, entries, missingFinalNewline, crLines, jobs };
}

/** Where the schedule (and the user, in a system crontab) ends, or why the line is not a job. */
function scheduleEnd(body: string, kind: CrontabKind): { keyword?: Span; fields?: Span[]; user?: Span; end: number } | { col: number; reason: string } {
  let cursor = 0;
  let keyword: Span | undefined;
  let fields: Span[] | undefined;
  const head = readToken(body, 0)!;
  if (head.text.startsWith('@')) {
    keyword = head;
    cursor = head.col + head.text.length;
  } else {
    fields = [];
    for (let n = 0; n < 5; n++) {
      const token = readToken(body, cursor);
      if (!token) return { col: skipBlanks(body, 0), reason: `job line has ${n} time field${n === 1 ? '' : 's'} and no command; cron needs five fields then the command` };
      fields.push(token);
      cursor = token.col + token.text.length;
    }
  }
  let user: Span | undefined;
  if (kind === 'system') {
    const token = readToken(body, cursor);
    if (!token) return { col: skipBlanks(body, cursor), reason: 'job line has no user field and no command' };
    user = token;
    cursor = token.col + token.text.length;
  }
  return { keyword, fields, user, end: cursor };
}

function parseJob(text: string, start: number, end: number, body: string, lineNo: number, kind: CrontabKind, env: EnvHistory, hasCR: boolean): JobEntry | InvalidEntry {
  const schedule = scheduleEnd(body, kind);
  if ('reason' in schedule) return { kind: 'invalid', line: lineNo, text: text.slice(start, end), col: schedule.col, reason: schedule.reason, hasCR };
  const commandStart = skipBlanks(body, schedule.end);
  const split = scanCommand(body, commandStart);
  return new JobLine(text, start, end, lineNo, kind, env.view(), hasCR, commandStart, split.percentCol ?? -1, split.escapes);
}

/** splitCommand's first pass: where the command ends and whether a `\%` is unescaped on the way, without copying. */
function scanCommand(line: string, start: number): { percentCol?: number; escapes: boolean } {
  let escaped = false;
  let escapes = false;
  for (let i = start; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (escaped) {
      escaped = false;
      if (ch === 0x25 /* % */) escapes = true;
      continue;
    }
    if (ch === 0x5c /* \ */) escaped = true;
    else if (ch === 0x25) return { percentCol: i, escapes };
  }
  return { escapes };
}

/**
 * Columns of a command without `\%`: start, start + 1, ... Generated crontabs repeat a few
 * (column, length) pairs, so these are shared, frozen, up to a bound.
 */
const ramps = new Map<number, readonly number[]>();
let rampElements = 0;
export function ramp(start: number, length: number): readonly number[] | null {
  const key = start * 2 ** 26 + length;
  const known = ramps.get(key);
  if (known) return known;
  if (ramps.size >= 4096 || rampElements + length > 1 << 20) return null;
  const cols = Object.freeze(Array.from({ length }, (_, k) => start + k));
  ramps.set(key, cols);
  rampElements += length;
  return cols;
}

/** What lint changes on a job (the command it checks, after a user field or a stray %), and columns computed once. */
interface JobOverrides {
  executed?: string;
  executedCols?: readonly number[];
  percentCol?: number | undefined;
  percentSet?: boolean;
}

/**
 * A job line kept as offsets into the crontab's text: its spans and command are read again from
 * the line when asked for. A record of objects per line (spans, an array of one number per command
 * character) cost some 800 bytes for a 12-byte line, 1.4 GB for a million one-line jobs.
 */
class JobLine implements JobEntry {
  readonly kind = 'job';
  #text: string;
  #start: number;
  #end: number;
  #system: boolean;
  #commandCol: number;
  #percentCol: number;
  #escapes: boolean;
  #over: JobOverrides | undefined;

  constructor(
    text: string,
    start: number,
    end: number,
    readonly line: number,
    kind: CrontabKind,
    readonly env: EnvView,
    readonly hasCR: boolean,
    commandCol: number,
    percentCol: number,
    escapes: boolean,
  ) {
    this.#text = text;
    this.#start = start;
    this.#end = end;
    this.#system = kind === 'system';
    this.#commandCol = commandCol;
    this.#percentCol = percentCol;
    this.#escapes = escapes;
  }

  get text(): string {
    return this.#text.slice(this.#start, this.#end);
  }

  #body(): string {
    return this.#text.slice(this.#start, this.hasCR ? this.#end - 1 : this.#end);
  }

  #schedule() {
    return scheduleEnd(this.#body(), this.#system ? 'system' : 'user') as { keyword?: Span; fields?: Span[]; user?: Span };
  }

  get keyword(): Span | undefined {
    return this.#schedule().keyword;
  }

  get fields(): Span[] | undefined {
    return this.#schedule().fields;
  }

  get user(): Span | undefined {
    return this.#schedule().user;
  }

  get command(): Span {
    return { text: this.#body().slice(this.#commandCol), col: this.#commandCol };
  }

  get executed(): string {
    return this.#over?.executed ?? this.#parsedExecuted();
  }

  /** The command as cron hands it to the shell, before lint's changes. */
  #parsedExecuted(): string {
    const body = this.#body();
    if (this.#escapes) return splitCommand(body, this.#commandCol).executed;
    return body.slice(this.#commandCol, this.#percentCol >= 0 ? this.#percentCol : body.length);
  }

  set executed(value: string) {
    this.#over = { ...this.#over, executed: value };
  }

  get executedCols(): readonly number[] {
    const over = this.#over?.executedCols;
    if (over) return over;
    if (!this.#escapes) {
      const length = (this.#percentCol >= 0 ? this.#percentCol : this.#body().length) - this.#commandCol;
      const shared = ramp(this.#commandCol, length);
      if (shared) return shared;
    }
    // Kept once computed: lint asks for a column per finding.
    const cols = splitCommand(this.#body(), this.#commandCol).cols;
    this.#over = { ...this.#over, executedCols: cols };
    return cols;
  }

  set executedCols(value: readonly number[]) {
    this.#over = { ...this.#over, executedCols: value };
  }

  get percentCol(): number | undefined {
    if (this.#over?.percentSet) return this.#over.percentCol;
    return this.#percentCol >= 0 ? this.#percentCol : undefined;
  }

  set percentCol(value: number | undefined) {
    this.#over = { ...this.#over, percentCol: value, percentSet: true };
  }
}
