// Confirmation: run the real pattern, with the method the code uses, on attack inputs of growing
// size, in a worker with a hard time limit. Confirmed when one run within maxInput takes at least
// budgetMs, or (see projectGrowth) when two runs measured in CPU time show the predicted growth
// and it reaches the budget one step further. Timings in V8 are not monotonic in the input length
// (tier-up, quick checks, GC), so several sizes and shapes are tried rather than only the largest.
import type { Projection, RegexUsage } from './types.js';
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
  /**
   * Allow confirmation by measured growth. Off where a bound the automaton did not keep (a large
   * bounded repeat taken for a loop) can stop the growth between the measured input and the
   * projected one.
   */
  byGrowth?: boolean;
}


export interface Measurement {
  ms: number;
  inputLength: number;
  method: RegexUsage;
  shape: AttackShape;
  count: number;
  /** The run hit the hard limit and was killed: ms is a lower bound. */
  killed: boolean;
  /** Confirmed by growth: the budget is reached at the projected input, not by this run. */
  projected?: Projection;
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

/** A run measured in CPU time: its pump count, input length and matching time. */
export interface GrowthPoint {
  count: number;
  length: number;
  ms: number;
}

/**
 * Below this a run's CPU time is mostly fixed cost (the call, the first compile), not the
 * backtracking whose growth is being measured.
 */
const GROWTH_FLOOR_MS = 2;

/**
 * Confirmation by growth. A linear pattern takes well under a millisecond on 50,000 characters, so
 * two runs in CPU time where the larger takes a quarter of the budget and the time grows as n^1.5
 * or faster (polynomial), or by 1.4x or more per repetition (exponential), show the backtracking
 * the analysis predicted. Confirmed when that growth reaches the budget within one more doubling
 * of the input (polynomial) or two more repetitions (exponential), and within maxInput: the
 * projection never reaches far past what was run, and the extra runs to the budget itself (the
 * largest cost of a cold audit) are saved.
 */
export function projectGrowth(
  growth: ConfirmRequest['growth'],
  previous: GrowthPoint,
  last: GrowthPoint,
  budgetMs: number,
  limitCount: number,
  lengthOf: (count: number) => number,
): Projection | undefined {
  if (previous.ms < GROWTH_FLOOR_MS || last.ms < budgetMs / 4 || last.count <= previous.count) return undefined;
  if (growth === 'polynomial') {
    if (last.length < previous.length * 1.5) return undefined;
    const exponent = Math.log(last.ms / previous.ms) / Math.log(last.length / previous.length);
    if (exponent < 1.5) return undefined;
    const count = Math.min(limitCount, last.count * 2);
    const inputLength = lengthOf(count);
    const ms = last.ms * (inputLength / last.length) ** exponent;
    return ms >= budgetMs ? { ms: round(ms), inputLength, exponent: round(exponent) } : undefined;
  }
  const perRepetition = (last.ms / previous.ms) ** (1 / (last.count - previous.count));
  if (perRepetition < 1.4) return undefined;
  const count = Math.min(limitCount, last.count + 2);
  const ms = last.ms * perRepetition ** (count - last.count);
  return ms >= budgetMs ? { ms: round(ms), inputLength: lengthOf(count), perRepetition: round(perRepetition) } : undefined;
}

function quarterAndLimit(series: number[]): number[] {
  const limit = series[series.length - 1];
  if (limit === undefined) return [];
  const quarter = Math.floor(limit / 4);
  return quarter >= 1 ? [quarter, limit] : [limit];
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
    const limitOnly = request.growth === 'polynomial' && (index > 0 || request.atLimitOnly);
    // By growth, a quarter of the limit first: a slow shape confirms from there and half the
    // limit at a fraction of a run at the limit.
    const counts = limitOnly ? (request.byGrowth ? quarterAndLimit(series) : series.slice(-1)) : request.atLimitOnly ? sparse(series) : series;
    const limit = counts[counts.length - 1] ?? 0;
    for (const method of request.methods) {
      // Polynomial growth is predictable: each run's time says how far the next must jump to
      // reach the budget (n^degree), so a confirmation takes two or three runs, not six.
      let extrapolated: number | undefined;
      let previousPoint: GrowthPoint | undefined;
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
        // Only CPU time is steady enough to compare two runs: wall time on a busy machine can
        // fake a growth that is not there.
        const byGrowth = request.byGrowth === true && result.cpuMs !== undefined && !result.killed;
        if (byGrowth) {
          const point = { count, length: measurement.inputLength, ms: result.cpuMs! };
          if (!previousPoint && point.ms >= request.budgetMs / 4) {
            // The first run took a quarter of the budget already: a smaller one, at a quarter of
            // its cost or less, gives the second point.
            const smaller = request.growth === 'polynomial' ? Math.floor(count / 2) : count - 2;
            const run = smaller >= 1 ? await measure(shape, method, smaller, hardLimit) : undefined;
            if (run && !run.error && !run.killed && run.cpuMs !== undefined) previousPoint = { count: smaller, length: attackLength(shape, smaller), ms: run.cpuMs };
          }
          const projected = previousPoint && projectGrowth(request.growth, previousPoint, point, request.budgetMs, limit, (n) => attackLength(shape, n));
          if (projected) return { confirmed: true, measurement: { ...measurement, projected }, runs };
          previousPoint = point;
        }
        if (request.growth === 'polynomial' && count < limit) {
          // Aim where the next run settles the verdict: a growth projection needs a quarter of the
          // budget or more, an absolute one the budget.
          const target = (byGrowth ? 0.4 : 1.2) * request.budgetMs;
          // A run under the growth floor is mostly fixed cost and says little about the slope:
          // jump less far from it.
          const cap = cost(result) < GROWTH_FLOOR_MS ? 4 : 16;
          // By growth, half again is enough from just under a quarter of the budget.
          const least = byGrowth ? 1.5 : 2;
          const factor = Math.min(cap, Math.max(least, (target / Math.max(cost(result), 0.5)) ** (1 / (request.degree ?? 2))));
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
