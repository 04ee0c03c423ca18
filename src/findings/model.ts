import type { InputError } from '../files/read.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** One problem found in one place, in any domain. Shaped after ESLint's message. */
export interface Finding {
  /** Public, stable id such as 'jwt/alg-none': users write it in configs and suppressions. */
  ruleId: string;
  severity: Severity;
  /** One sentence, no trailing period. Never holds a token, signature, secret or key. */
  message: string;
  /** Repo-relative POSIX path; '-' for stdin; '<arg>' for a command-line argument. */
  file: string;
  /** 1-based. File-level findings use line 1, column 1. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Machine detail (attack string, measured ms, claims...). Never secrets. */
  data?: Record<string, unknown>;
  /** Stable across line moves, for baselines. Filled by `withFingerprints`. */
  fingerprint?: string;
}

/**
 * One inline directive (`authkit-ignore-next-line rule/a -- reason`, src/findings/suppress.ts).
 * Here, not beside its parser, because a command result carries them to the pipeline.
 */
export interface Suppression {
  line: number;
  column: number;
  /** The line whose findings it silences. */
  targetLine: number;
  /** null: every rule. */
  rules: string[] | null;
  reason?: string;
}

/**
 * The directives one input holds and the domains that read it. Commands hand these to the findings
 * pipeline, which applies them once for every command (src/findings/suppress.ts): a suppression is
 * stale only if it names a rule of a domain that read the file (or no rule, or an unknown one).
 */
export interface FileDirectives {
  file: string;
  suppressions: readonly Suppression[];
  domains: readonly string[];
  /** False when the command left findings out on purpose (regex-audit --auth-only): nothing is called stale. */
  reportUnused?: boolean;
}

/** A finding an inline directive silenced: kept for SARIF (`suppressions`), JSON and the summary's count. */
export interface SuppressedFinding extends Finding {
  suppression: { line: number; column: number; reason?: string };
}

/** An input that could not be used at all: reported in one line, exit status 2, the rest goes on. */
// Defined by the input layer below (src/files), which never imports from here.
export type { InputError };

export interface RuleExample {
  code: string;
  /** Why this example is (or is not) a finding, when not obvious. */
  note?: string;
}

/** An input passed over on purpose (over the size limit): reported on stderr, never silently. */
export interface SkippedInput {
  file: string;
  reason: string;
}

/**
 * Part of an input that was not examined because a cap was reached (token candidates, known-secret
 * searches, shell text): said in every format, so that no finding is never taken for a clean bill.
 */
export interface InputNote {
  /** Absent when the note is about the whole run. */
  file?: string;
  message: string;
}

/** Declarative rule metadata: `authkit rules`, the README table and SARIF rules[] come from it. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line, shown in `authkit rules` and as SARIF shortDescription. */
  description: string;
  /** Full help: why it matters and how to fix it, with references (RFC 8725, crontab(5)...). */
  help: string;
  /** True for rules about exploitable weaknesses: SARIF gets a security-severity. */
  security?: boolean;
  examples?: { valid: readonly RuleExample[]; invalid: readonly RuleExample[] };
}

/** What a command hands to the reporters and to the exit-code function. */
export interface CommandResult {
  command: string;
  findings: Finding[];
  errors: InputError[];
  /** The rules this command can report, for SARIF rules[] metadata. */
  rules: readonly RuleMeta[];
  /** Set by commands whose success is not about findings (verify: the signature failed). */
  failed?: boolean;
  /** Extra top-level members of the JSON report (decode puts header and payload here). */
  json?: Record<string, unknown>;
  /**
   * Human output shown before the findings in the stylish format. It gets the finished result
   * (config severities and baseline applied) so that a verdict line can count what follows it.
   */
  text?: (ctx: RenderContext, finished: CommandResult) => string;
  /** Files or inputs examined, for the summary line. */
  inputs?: number;
  /** SARIF automationDetails.id when one command's runs must stay apart (scan shards). */
  category?: string;
  /**
   * Where finding paths are relative to (`base`) and the folder SARIF URIs and fingerprints are
   * relative to (`root`: the git repository root, else the config file's folder or cwd).
   */
  locations?: { base: string; root: string };
  /** Inputs passed over (too large): stderr in every format, SARIF notifications, the summary line. */
  skipped?: SkippedInput[];
  /** What a cap left unexamined: stderr in every format, SARIF notifications, JSON `notes`. */
  notes?: InputNote[];
  /** Vendored and minified files passed over (--include-vendored reads them): the summary counts them. */
  vendored?: number;
  /** Inline directives read from the inputs, per file: the pipeline applies them and clears this. */
  directives?: FileDirectives[];
  /** Findings the directives silenced, set by the pipeline. */
  suppressed?: SuppressedFinding[];
}

export interface Painter {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  gray(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
}

/** Everything a reporter may know about the world: reporters never read env or terminal. */
export interface RenderContext {
  color: boolean;
  paint: Painter;
  cwd: string;
  /** With `quiet`, findings below this are hidden (and counted as hidden in the summary). */
  quiet: boolean;
  failOn: Severity;
  toolVersion: string;
}

/**
 * push(...items) and Math.max(...items) pass every item as an argument, and V8 overflows its stack
 * past ~100,000 of them: a crontab of 200,000 jobs or a file with 110,000 findings crashed.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

export function maxOf(values: Iterable<number>, empty = 0): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max === Number.NEGATIVE_INFINITY ? empty : max;
}

/** "1 file", "2 files": counts in messages are never "1 files". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** One stderr line per command about the inputs it passed over, or '' when none. */
export function skippedLine(skipped: readonly SkippedInput[] | undefined): string {
  if (!skipped || skipped.length === 0) return '';
  const listed = skipped.slice(0, 5).map((s) => `${s.file} (${s.reason})`);
  const more = skipped.length > listed.length ? `, and ${skipped.length - listed.length} more` : '';
  return `skipped ${plural(skipped.length, 'file')}: ${listed.join(', ')}${more}`;
}

/** One stderr line per note; a run that hit many caps lists a few and counts the rest. */
export function noteLines(notes: readonly InputNote[] | undefined): string[] {
  if (!notes || notes.length === 0) return [];
  const listed = notes.slice(0, 20).map((n) => `note: ${n.file ? `${n.file}: ` : ''}${n.message}`);
  if (notes.length > listed.length) listed.push(`note: and ${notes.length - listed.length} more notes (see --format json)`);
  return listed;
}

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/**
 * Findings carry `data` for machines (JSON, SARIF properties) and for code that reads them back
 * (--fix, the order of a report). A domain declares the shape per rule id in a map (`CronRuleData`,
 * `RegexRuleData`), and reporting and reading both go through it: `RuleData` types what a report
 * call may pass, `dataOf` what a reader gets. Rules the map leaves out carry free-form data.
 */
export type RuleData<DataMap, Id extends string> = Id extends keyof DataMap ? DataMap[Id] : Record<string, unknown>;

/** The data of a finding of `ruleId`, in its declared shape; undefined for any other rule's finding. */
export function dataOf<DataMap, Id extends keyof DataMap & string>(finding: Pick<Finding, 'ruleId' | 'data'>, ruleId: Id): DataMap[Id] | undefined {
  return finding.ruleId === ruleId ? (finding.data as DataMap[Id] | undefined) : undefined;
}

/** Which finding this is, whatever copies the pipeline made of it (severity and fingerprint aside). */
export function findingKey(f: Pick<Finding, 'ruleId' | 'file' | 'line' | 'column'>): string {
  return `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    // localeCompare costs even on equal strings, and most pairs of a big report share the file.
    (a.file === b.file ? 0 : a.file.localeCompare(b.file)) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.ruleId === b.ruleId ? 0 : a.ruleId.localeCompare(b.ruleId))
  );
}
