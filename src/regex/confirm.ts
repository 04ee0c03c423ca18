// Confirmation: run the real pattern, with the method the code uses, on attack inputs of growing
// size, in a worker with a hard time limit. Confirmed when one run within maxInput takes at least
// budgetMs. Timings in V8 are not monotonic in the input length (tier-up, quick checks, GC), so
// several sizes and shapes are tried rather than only the largest.
import type { RegexUsage } from './types.js';
import { type AttackShape, attackLength, maxCount } from './attack.js';
import type { WorkerPool } from './pool.js';

export interface ConfirmRequest {
  pattern: string;
  flags: string;
  methods: RegexUsage[];
  /** Tried in order; the first shape that confirms wins. */
  shapes: AttackShape[];
  growth: 'exponential' | 'polynomial';
  budgetMs: number;
  maxInput: number;
  /** Total wall time this confirmation may spend (the cap keeps unconfirmed patterns cheap). */
  totalLimitMs: number;
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

export function countSeries(shape: AttackShape, growth: ConfirmRequest['growth'], maxInput: number): number[] {
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
    for (let length = 512; length < maxInput; length *= 2) counts.add(Math.max(1, Math.floor(length / perCount)));
  }
  counts.add(limit);
  return [...counts].filter((n) => n <= limit).sort((a, b) => a - b);
}

export async function confirmAttack(pool: WorkerPool, request: ConfirmRequest): Promise<ConfirmResult> {
  const started = performance.now();
  const hardLimit = hardLimitFor(request.budgetMs);
  let slowest: Measurement | undefined;
  let runs = 0;
  for (const shape of request.shapes) {
    for (const method of request.methods) {
      for (const count of countSeries(shape, request.growth, request.maxInput)) {
        if (performance.now() - started > request.totalLimitMs) return { confirmed: false, measurement: slowest, runs };
        const result = await pool.run(
          { pattern: request.pattern, flags: request.flags, method, prefix: '', pumps: shape.pumps, count, suffix: shape.suffix },
          hardLimit,
        );
        runs += 1;
        if (result.error) break;
        const measurement: Measurement = {
          ms: Math.round(result.ms * 10) / 10,
          inputLength: attackLength(shape, count),
          method,
          shape,
          count,
          killed: result.killed,
        };
        if (result.killed || result.ms >= request.budgetMs) {
          // One slow run can be a descheduled thread or a GC pause: the same input must be slow
          // twice, and the faster of the two is what gets reported.
          // Only "at least the budget" matters now, so the second run is stopped sooner.
          const again = await pool.run(
            { pattern: request.pattern, flags: request.flags, method, prefix: '', pumps: shape.pumps, count, suffix: shape.suffix },
            Math.max(request.budgetMs * 1.5, request.budgetMs + 50),
          );
          runs += 1;
          if (!again.error && (again.killed || again.ms >= request.budgetMs)) {
            const fastest = result.killed ? again : again.killed ? result : again.ms < result.ms ? again : result;
            measurement.ms = Math.round(fastest.ms * 10) / 10;
            measurement.killed = result.killed && again.killed;
            return { confirmed: true, measurement, runs };
          }
          measurement.ms = Math.round(Math.min(result.ms, again.ms) * 10) / 10;
        }
        if (!slowest || measurement.ms > slowest.ms) slowest = measurement;
      }
    }
  }
  return { confirmed: false, measurement: slowest, runs };
}
