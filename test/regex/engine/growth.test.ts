// Confirmation by growth: when two runs measured in CPU time may stand in for a run that takes the
// whole budget, and when they may not.
import { describe, expect, it } from 'vitest';
import { projectGrowth } from '../../../src/regex/confirm.js';

const BUDGET = 100;
/** A pump of one character after a two-character prefix. */
const lengthOf = (count: number) => count + 2;
const point = (count: number, ms: number) => ({ count, length: lengthOf(count), ms });

describe('projectGrowth, polynomial', () => {
  it('projects a quadratic run one doubling on', () => {
    const p = projectGrowth('polynomial', point(8192, 7), point(16384, 28), BUDGET, 50_000, lengthOf);
    expect(p).toBeDefined();
    expect(p!.exponent).toBeCloseTo(2, 1);
    expect(p!.inputLength).toBe(lengthOf(32768));
    expect(p!.ms).toBeGreaterThanOrEqual(BUDGET);
  });

  it('never projects linear growth, however slow the runs', () => {
    expect(projectGrowth('polynomial', point(8192, 40), point(16384, 80), BUDGET, 50_000, lengthOf)).toBeUndefined();
    // n^1.4: super-linear, but not clearly enough to stand in for a run.
    expect(projectGrowth('polynomial', point(8192, 30), point(16384, 30 * 2 ** 1.4), BUDGET, 50_000, lengthOf)).toBeUndefined();
  });

  it('needs the larger run at a quarter of the budget and the smaller above the noise floor', () => {
    expect(projectGrowth('polynomial', point(8192, 5), point(16384, 20), BUDGET, 50_000, lengthOf)).toBeUndefined();
    expect(projectGrowth('polynomial', point(2048, 1), point(16384, 60), BUDGET, 50_000, lengthOf)).toBeUndefined();
  });

  it('does not project past the input limit, nor from runs too close in size', () => {
    // At the limit already: only a run that takes the budget confirms.
    expect(projectGrowth('polynomial', point(8192, 7), point(16384, 28), BUDGET, 16384, lengthOf)).toBeUndefined();
    // Half the remaining doubling fits, and n^2 does not reach the budget there.
    expect(projectGrowth('polynomial', point(8192, 7), point(16384, 28), BUDGET, 20_000, lengthOf)).toBeUndefined();
    expect(projectGrowth('polynomial', point(12000, 40), point(14000, 60), BUDGET, 50_000, lengthOf)).toBeUndefined();
  });
});

describe('projectGrowth, exponential', () => {
  it('projects doubling per repetition two repetitions on', () => {
    const p = projectGrowth('exponential', point(20, 8), point(22, 32), BUDGET, 1000, lengthOf);
    expect(p).toMatchObject({ inputLength: lengthOf(24), perRepetition: 2 });
    expect(p!.ms).toBeGreaterThanOrEqual(BUDGET);
  });

  it('needs at least 1.4x per repetition and the budget within two more', () => {
    expect(projectGrowth('exponential', point(20, 20), point(22, 26), BUDGET, 1000, lengthOf)).toBeUndefined();
    expect(projectGrowth('exponential', point(20, 16), point(22, 25), BUDGET, 1000, lengthOf)).toBeUndefined();
    expect(projectGrowth('exponential', point(20, 8), point(22, 32), BUDGET, 22, lengthOf)).toBeUndefined();
  });
});
