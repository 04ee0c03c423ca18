// The contract between the regex engine (analyze/confirm/worker) and the regex-audit command
// (extraction, cache, reporting). Changing a shape here is a change for both sides.

/** How the scanned code uses the regex; decides which method confirmation runs. */
export type RegexUsage =
  | 'test'
  | 'exec'
  | 'match'
  | 'matchAll'
  | 'replace'
  | 'replaceAll'
  | 'split'
  | 'search'
  | 'unknown';

/** One unique (pattern, flags) pair with every usage seen for it in the code. */
export interface PatternJob {
  pattern: string;
  flags: string;
  usages: RegexUsage[];
}

export interface EngineOptions {
  /** A confirmed finding is a run that takes at least this long. Default 100. */
  budgetMs: number;
  /** Longest attack input tried, in characters. Default 50000. */
  maxInput: number;
  /** Wall-clock limit for the static analysis of one pattern. Default 10000. */
  analysisTimeoutMs?: number;
  /** Worker threads; default: number of cores. */
  concurrency?: number;
}

/** EngineOptions with every default filled in. */
export type ResolvedOptions = Required<EngineOptions>;

export type Complexity = { type: 'exponential' } | { type: 'polynomial'; degree: number } | { type: 'safe' };

export interface Attack {
  /** JavaScript expression that builds the input, e.g. "'a'.repeat(31) + '!'". */
  readable: string;
  prefix: string;
  pump: string;
  suffix: string;
}

/** What runs measured in CPU time predict one step past the largest (confirmation by growth). */
export interface Projection {
  ms: number;
  inputLength: number;
  /** Polynomial: time grows as n^exponent between the two runs. */
  exponent?: number;
  /** Exponential: time multiplies by this with each repetition of the pump. */
  perRepetition?: number;
}

export interface Verdict {
  pattern: string;
  flags: string;
  status: 'safe' | 'vulnerable' | 'incomplete' | 'invalid';
  complexity?: Complexity;
  attack?: Attack;
  /** Offsets (UTF-16, end exclusive) in `pattern` of the part that backtracks. */
  hotspot?: { start: number; end: number }[];
  /**
   * True when a real run of the pattern on an attack input took at least budgetMs, or when runs
   * measured in CPU time grew fast enough to reach it one step past the largest (`projected`).
   */
  confirmed: boolean;
  measuredMs?: number;
  inputLength?: number;
  /** Confirmed by growth: what the measured runs predict one step past the largest. */
  projected?: Projection;
  /** The method the confirming (or slowest) run used. */
  method?: RegexUsage;
  checker?: 'ambiguity' | 'automaton' | 'fuzz' | 'safe-regex2' | 'measurement';
  /** Why the in-process analysis handed this pattern to recheck (absent when it did not). */
  fallback?: string;
  /** Why the verdict is incomplete or invalid. */
  reason?: string;
  /** Concrete fix advice. */
  hint?: string;
  /** Keys the verdict cache: a new analyser version invalidates old verdicts. */
  analyzerVersions: Record<string, string>;
}
