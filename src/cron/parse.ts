/**
 * Reads a crontab the way cron does (Debian cron's and cronie's entry.c/env.c): lines split on LF
 * only, leading blanks skipped, `#` comments, `NAME = value` environment lines, job lines of five
 * time fields or an @keyword, a user field in system crontabs, then the command up to the first
 * unescaped `%`. A trailing CR stays out of the fields but is remembered (it is its own finding).
 */
export type CrontabKind = 'system' | 'user';

export interface Span {
  text: string;
  /** 0-based index in the line. */
  col: number;
}

export interface EnvEntry {
  kind: 'env';
  line: number;
  text: string;
  name: string;
  nameCol: number;
  /** The value as cron stores it: outer matching quotes removed. */
  value: string;
  valueCol: number;
  quoted: boolean;
  hasCR: boolean;
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
  /** For each character of `executed`, its 0-based index in the line. */
  executedCols: number[];
  /** 0-based column of the first unescaped % (the start of stdin), if any. */
  percentCol?: number;
  /** Environment in effect for this job: the last assignment of each name before it. */
  env: Map<string, EnvEntry>;
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
  const rawLines = text.split('\n');
  const missingFinalNewline = text.length > 0 && !text.endsWith('\n');
  if (!missingFinalNewline) rawLines.pop();
  const entries: CrontabEntry[] = [];
  const jobs: JobEntry[] = [];
  const crLines: number[] = [];
  let env = new Map<string, EnvEntry>();

  rawLines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const hasCR = rawLine.endsWith('\r');
    if (hasCR) crLines.push(lineNo);
    const body = hasCR ? rawLine.slice(0, -1) : rawLine;
    const first = skipBlanks(body, 0);
    if (first >= body.length) {
      entries.push({ kind: 'blank', line: lineNo, text: rawLine, hasCR });
      return;
    }
    if (body[first] === '#') {
      entries.push({ kind: 'comment', line: lineNo, text: rawLine, hasCR });
      return;
    }
    if (!startsLikeJob(body, first)) {
      const assignment = parseEnv(body, lineNo, rawLine, hasCR);
      if (assignment) {
        env = new Map(env).set(assignment.name, assignment);
        entries.push(assignment);
      } else {
        entries.push({ kind: 'invalid', line: lineNo, text: rawLine, col: first, reason: 'neither a job (five time fields or an @keyword) nor a NAME=value line', hasCR });
      }
      return;
    }
    const job = parseJob(body, rawLine, lineNo, kind, env, hasCR);
    entries.push(job);
    if (job.kind === 'job') jobs.push(job);
  });
  return { kind, entries, missingFinalNewline, crLines, jobs };
}

function parseJob(body: string, rawLine: string, lineNo: number, kind: CrontabKind, env: Map<string, EnvEntry>, hasCR: boolean): JobEntry | InvalidEntry {
  const invalid = (col: number, reason: string): InvalidEntry => ({ kind: 'invalid', line: lineNo, text: rawLine, col, reason, hasCR });
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
      if (!token) return invalid(skipBlanks(body, 0), `job line has ${n} time field${n === 1 ? '' : 's'} and no command; cron needs five fields then the command`);
      fields.push(token);
      cursor = token.col + token.text.length;
    }
  }
  let user: Span | undefined;
  if (kind === 'system') {
    const token = readToken(body, cursor);
    if (!token) return invalid(skipBlanks(body, cursor), 'job line has no user field and no command');
    user = token;
    cursor = token.col + token.text.length;
  }
  const commandStart = skipBlanks(body, cursor);
  const commandText = body.slice(commandStart);
  const split = splitCommand(body, commandStart);
  return {
    kind: 'job',
    line: lineNo,
    text: rawLine,
    keyword,
    fields,
    user,
    command: { text: commandText, col: commandStart },
    executed: split.executed,
    executedCols: split.cols,
    percentCol: split.percentCol,
    env,
    hasCR,
  };
}
