// Confirmation: run the real pattern, with the method the code uses, on attack inputs of growing
// size, in a worker with a hard time limit. Confirmed when one run within maxInput takes at least
// budgetMs. Timings in V8 are not monotonic in the input length (tier-up, quick checks, GC), so
// several sizes and shapes are tried rather than only the largest.
import type { RegexUsage } from './types.js';
import { type AttackShape, attackLength, maxCount } from './attack.js';
import type { RunResult, WorkerPool } from './pool.js';

export interface ConfirmRequest {
  pattern: string;
  flags: string;
  methods: RegexUsage[];
  /** Tried in order; the first shape that confirms wins. */
  shapes: AttackShape[];
  growth: 'exponential' | 'polynomial';
  /** Degree of polynomial growth, when the analysis knows it: picks the first size probed. */
  degree?: number;
  budgetMs: number;
  maxInput: number;
  /** Total matching time this confirmation may spend (the cap keeps unconfirmed patterns cheap). */
  totalLimitMs: number;
  /**
   * Every shape at the size limit only: for speculative attacks (no failing suffix is known),
   * where a slow run is the exception and the smallest slow input matters little.
   */
  atLimitOnly?: boolean;
}

export interface Measurement {
  ms: number;
  inputLength: number;
  method: RegexUsage;
  shape: AttackShape;
  count: number;
  /** The run hit the hard limit and was killed: ms is a lower bound. */
  killed: boolean;
}

export interface ConfirmResult {
  confirmed: boolean;
  /** The confirming run, or the slowest run when none confirmed. */
  measurement?: Measurement;
  runs: number;
}

/** A run is stopped at this point: past the budget the verdict is known, more time tells nothing. */
export function hardLimitFor(budgetMs: number): number {
  return Math.max(budgetMs * 2, budgetMs + 100);
}

/**
 * First total length probed for polynomial growth, where the degree predicts a run near the
 * budget: 100 ms is some 10^8 backtracking steps at V8's pace, n^k/k! of them for degree k, about
 * 14,000 characters for k = 2 and 1,600 for k = 3. Starting a doubling below that keeps the
 * reported input small without spending runs that cannot be slow.
 */
export function firstPolynomialLength(degree: number | undefined): number {
  if (degree === 2) return 8192;
  if (degree === 3) return 512;
  return degree === undefined ? 2048 : 128;
}

export function countSeries(shape: AttackShape, growth: ConfirmRequest['growth'], maxInput: number, degree?: number): number[] {
  const limit = maxCount(shape, maxInput);
  if (limit <= 0) return [];
  const counts = new Set<number>();
  if (growth === 'exponential') {
    // Backtracking doubles (or worse) per pump; step by one pump through the range where a
    // budget of 10 ms..10 s is crossed, then jump, in case the pump needs more repetitions.
    for (let n = 12; n <= 40; n += n < 20 ? 2 : 1) counts.add(n);
    for (let n = 48; n < limit; n *= 2) counts.add(n);
  } else {
    const perCount = Math.max(1, attackLength(shape, 1) - attackLength(shape, 0));
    for (let length = firstPolynomialLength(degree); length < maxInput; length *= 2) counts.add(Math.max(1, Math.floor(length / perCount)));
  }
  counts.add(limit);
  return [...counts].filter((n) => n <= limit).sort((a, b) => a - b);
}

/**
 * A speculative exponential attack needs no smallest slow input: a few counts through the range
 * where doubling crosses the budget, and the largest, instead of some thirty runs.
 */
function sparse(series: number[]): number[] {
  const last = series[series.length - 1];
  return [...new Set([...series.filter((n) => n === 16 || n === 24 || n === 32), ...(last === undefined ? [] : [last])])];
}

/** Matching time of a run: the worker thread's CPU time where the OS reports it, else wall time. */
function cost(run: RunResult): number {
  return run.cpuMs ?? run.ms;
}

export async function confirmAttack(pool: WorkerPool, request: ConfirmRequest): Promise<ConfirmResult> {
  const hardLimit = hardLimitFor(request.budgetMs);
  // Matching time spent so far (CPU time where available), so a busy machine does not cut the
  // probing short.
  let spent = 0;
  let slowest: Measurement | undefined;
  let runs = 0;

  // A thread that reaches the wall-clock limit before using budgetMs of CPU is starved by other
  // processes, not slow: the pool gives it more time rather than killing it.
  const measure = async (shape: AttackShape, method: RegexUsage, count: number, limit: number): Promise<RunResult> => {
    const spec = { pattern: request.pattern, flags: request.flags, method, prefix: '', pumps: shape.pumps, count, suffix: shape.suffix };
    // An exponential run will not finish: it is stopped once it has used the budget. A polynomial
    // one, sized to land just past the budget, is left to finish: a fresh worker after a kill
    // costs more (~40 ms) than the last few milliseconds of the run.
    const run = await pool.run(spec, limit, request.budgetMs, request.growth === 'exponential');
    runs += 1;
    spent += cost(run);
    return run;
  };
  const isSlow = (run: RunResult) => !run.error && (run.killed ? run.cpuMs === undefined || run.cpuMs >= request.budgetMs : cost(run) >= request.budgetMs);

  for (const [index, shape] of request.shapes.entries()) {
    // Polynomial work peaks at the largest input: the first shape climbs the sizes (to report
    // the smallest slow input), the alternative shapes are tried at the size limit only, so a
    // pattern that is not slow within the limit costs a few runs rather than dozens.
    const series = countSeries(shape, request.growth, request.maxInput, request.degree);
    const counts = request.growth === 'polynomial' && (index > 0 || request.atLimitOnly) ? series.slice(-1) : request.atLimitOnly ? sparse(series) : series;
    const limit = counts[counts.length - 1] ?? 0;
    for (const method of request.methods) {
      // Polynomial growth is predictable: each run's time says how far the next must jump to
      // reach the budget (n^degree), so a confirmation takes two or three runs, not six.
      let extrapolated: number | undefined;
      for (const planned of counts) {
        if (extrapolated !== undefined && planned < extrapolated) continue;
        const count = Math.max(planned, extrapolated ?? 0);
        if (spent > request.totalLimitMs) return { confirmed: false, measurement: slowest, runs };
        const result = await measure(shape, method, count, hardLimit);
        if (result.error) break;
        const measurement: Measurement = {
          ms: round(cost(result)),
          inputLength: attackLength(shape, count),
          method,
          shape,
          count,
          killed: result.killed,
        };
        // The thread's own CPU time is not inflated by other processes: one slow run proves it.
        if (isSlow(result) && result.cpuMs !== undefined) return { confirmed: true, measurement, runs };
        if (isSlow(result)) {
          // Wall time only: one slow run can be a descheduled thread or a GC pause, so the same
          // input must be slow twice, and the faster of the two is what gets reported. Only "at
          // least the budget" matters now, so the second run is stopped sooner.
          const again = await measure(shape, method, count, Math.max(request.budgetMs * 1.5, request.budgetMs + 50));
          if (isSlow(again)) {
            measurement.ms = round(Math.min(cost(result), cost(again)));
            measurement.killed = result.killed && again.killed;
            return { confirmed: true, measurement, runs };
          }
          measurement.ms = round(Math.min(cost(result), cost(again)));
        }
        if (!slowest || measurement.ms > slowest.ms) slowest = measurement;
        if (request.growth === 'polynomial' && count < limit) {
          const factor = Math.min(16, Math.max(2, ((1.2 * request.budgetMs) / Math.max(cost(result), 0.5)) ** (1 / (request.degree ?? 2))));
          extrapolated = Math.min(limit, Math.ceil(count * factor));
          if (extrapolated > count && !counts.includes(extrapolated)) {
            // Not in the planned series: run it right away, then carry on from there.
            counts.splice(counts.findIndex((c) => c > extrapolated!), 0, extrapolated);
          }
        }
      }
    }
  }
  return { confirmed: false, measurement: slowest, runs };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
