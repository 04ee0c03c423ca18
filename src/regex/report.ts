// What regex-audit reports for one occurrence of a pattern, from its verdict: the finding's rule,
// severity, message and machine detail, and the order findings are listed in (auth first).
import { type Finding, type Severity, compareFindings } from '../findings/model.js';
import type { ExtractedRegex } from './extract.js';
import { REGEX_RULES, type RegexRuleId } from './rules.js';
import type { Verdict } from './types.js';

/** True when a path or a name around the regex looks like authentication code. */
const AUTH_WORD = /auth|login|logon|signin|sign_in|token|jwt|session|cookie|passw(?:or)?d|passphrase|e-?mail|bearer|credential|oauth|otp/i;

export function looksAuthRelated(file: string, names: readonly string[]): boolean {
  return AUTH_WORD.test(file) || names.some((name) => AUTH_WORD.test(name));
}

export const SEVERITY: Record<string, Severity> = Object.fromEntries(REGEX_RULES.map((r) => [r.id, r.severity]));

export interface Occurrence extends ExtractedRegex {
  file: string;
}

function shortPattern(pattern: string, flags: string): string {
  const max = 60;
  const body = pattern.length > max ? `${pattern.slice(0, max)}…` : pattern;
  return `/${body}/${flags}`;
}

export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}

export function measuredText(verdict: Verdict): string | undefined {
  if (verdict.measuredMs === undefined || verdict.inputLength === undefined) return undefined;
  const measured = `${formatDuration(verdict.measuredMs)} on a ${verdict.inputLength}-character input`;
  const p = verdict.projected;
  if (!p) return measured;
  const growth = p.exponent !== undefined ? `time growing as n^${p.exponent.toFixed(1)}` : `time x${(p.perRepetition ?? 0).toFixed(1)} per repetition`;
  return `${measured}, ${growth}: about ${formatDuration(p.ms)} at ${p.inputLength} characters`;
}

function complexityText(verdict: Verdict): string {
  const c = verdict.complexity;
  if (!c || c.type === 'safe') return 'unknown';
  return c.type === 'exponential' ? 'exponential' : `polynomial (degree ${c.degree})`;
}

/** What every regex finding says of its occurrence. */
function occurrenceData(occurrence: Occurrence) {
  return {
    pattern: occurrence.pattern,
    flags: occurrence.flags,
    /** The file or a name around the regex looks like authentication code: listed first. */
    auth: looksAuthRelated(occurrence.file === '-' || occurrence.file === '<arg>' ? '' : occurrence.file, occurrence.names),
    ...(occurrence.names[0] ? { identifier: occurrence.names[0] } : {}),
    kind: occurrence.kind,
    ...(occurrence.usages.length ? { usages: occurrence.usages } : {}),
    ...(occurrence.flagsUnknown ? { flagsUnknown: true as const } : {}),
  };
}

/** What a finding from a verdict adds: the analysis, the attack and the measured run. */
function verdictData(common: ReturnType<typeof occurrenceData>, verdict: Verdict) {
  return {
    ...common,
    complexity: verdict.complexity?.type === 'polynomial' ? ('polynomial' as const) : (verdict.complexity?.type ?? null),
    ...(verdict.complexity?.type === 'polynomial' ? { degree: verdict.complexity.degree } : {}),
    attack: verdict.attack?.readable ?? null,
    confirmed: verdict.confirmed,
    measuredMs: verdict.measuredMs === undefined ? null : Math.round(verdict.measuredMs),
    inputLength: verdict.inputLength ?? null,
    ...(verdict.projected ? { projected: verdict.projected } : {}),
    ...(verdict.method ? { method: verdict.method } : {}),
    ...(verdict.hotspot?.length ? { hotspot: verdict.hotspot } : {}),
    ...(verdict.checker ? { checker: verdict.checker } : {}),
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    ...(verdict.hint ? { fix: verdict.hint } : {}),
  };
}

/** The data of each regex rule's findings (src/findings/model.ts, RuleData). */
export type RegexRuleData = {
  [Id in RegexRuleId]: Id extends 'regex/invalid-pattern' ? ReturnType<typeof occurrenceData> & { reason: string } : ReturnType<typeof verdictData>;
};

/** Any regex finding's data: each rule's shape holds the occurrence's. */
export function regexData(finding: Finding): ReturnType<typeof occurrenceData> | undefined {
  return REGEX_RULE_IDS.has(finding.ruleId) ? (finding.data as ReturnType<typeof occurrenceData> | undefined) : undefined;
}

const REGEX_RULE_IDS: ReadonlySet<string> = new Set(REGEX_RULES.map((r) => r.id));

export function authFirst(a: Finding, b: Finding): number {
  return Number(regexData(b)?.auth === true) - Number(regexData(a)?.auth === true) || compareFindings(a, b);
}

/** A finding of one regex rule, its data in the declared shape. */
function regexFinding<Id extends RegexRuleId>(ruleId: Id, severity: Severity, message: string, where: Pick<Finding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>, data: RegexRuleData[Id]): Finding {
  return { ruleId, severity, message, ...where, data };
}

export function findingFor(occurrence: Occurrence, verdict: Verdict, maxInput: number): Finding | null {
  const where = {
    file: occurrence.file,
    line: occurrence.line,
    column: occurrence.column,
    ...(occurrence.endLine ? { endLine: occurrence.endLine, endColumn: occurrence.endColumn } : {}),
  };
  const shown = shortPattern(occurrence.pattern, occurrence.flags);
  const common = occurrenceData(occurrence);

  if (verdict.status === 'invalid') {
    const reason = verdict.reason ?? 'does not compile';
    return regexFinding('regex/invalid-pattern', SEVERITY['regex/invalid-pattern'] ?? 'error', `Regex ${shown} does not compile: ${reason}`, where, { ...common, reason });
  }
  if (verdict.status === 'safe') return null;

  const detail = verdictData(common, verdict);


  if (verdict.status === 'incomplete') {
    return regexFinding('regex/analysis-incomplete', SEVERITY['regex/analysis-incomplete'] ?? 'warning', `Regex ${shown} could not be proven safe: ${verdict.reason ?? 'the analysis did not finish'}`, where, detail);
  }

  const exponential = verdict.complexity?.type === 'exponential';
  const ruleId = exponential ? 'regex/redos-exponential' : 'regex/redos-polynomial';
  const measured = measuredText(verdict);
  const how = exponential ? 'backtracks exponentially' : `backtracks in ${complexityText(verdict)} time`;
  // Unconfirmed: the analysis says so, but no run within the input limit was slow.
  const severity: Severity = verdict.confirmed ? 'error' : 'warning';
  const message = verdict.confirmed
    ? `Regex ${shown} ${how}: ${measured ?? 'confirmed by a real run'}`
    : `Regex ${shown} ${how} by analysis, but no run within ${maxInput} characters took the budget (unconfirmed${measured ? `; slowest ${measured}` : ''})`;
  return regexFinding(ruleId, severity, message, where, detail);
}
