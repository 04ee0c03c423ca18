import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../helpers/cli.js';

/**
 * Shared by the short property runs in `npm test` (test/fuzz/*.test.ts) and the long ones in
 * `npm run fuzz` (test/fuzz/*.fuzz.test.ts). AUTHKIT_FUZZ_RUNS overrides both; AUTHKIT_FUZZ_SEED
 * replays a failing run (fast-check prints the seed and path of every counterexample).
 */
export const SHORT_RUNS = 200;
export const LONG_RUNS = 100_000;

export function runs(defaultRuns: number): number {
  const fromEnv = Number(process.env.AUTHKIT_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}

export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.AUTHKIT_FUZZ_SEED);
  // With the seed, AUTHKIT_FUZZ_PATH (also printed by fast-check) replays just the failing case.
  const path = process.env.AUTHKIT_FUZZ_PATH;
  return { numRuns, ...(Number.isInteger(seed) ? { seed } : {}), ...(path ? { path } : {}), endOnFailure: true };
}

/**
 * A parser's time budget per input, in CPU time of this process: wall time on a loaded 2-core
 * machine mostly measures the scheduler. Inputs are at most a few hundred KB and every parser is
 * linear or close to it, so a healthy call takes milliseconds; the budget is far above that, so a
 * hang or a super-linear blow-up trips it and ordinary noise does not.
 */
export const CALL_BUDGET_MS = 3_000;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function checkBudget(what: string, startCpu: number): void {
  const spent = cpuMs() - startCpu;
  if (spent > CALL_BUDGET_MS) throw new Error(`${what} took ${spent.toFixed(0)} ms of CPU, over the ${CALL_BUDGET_MS} ms budget`);
}

/** Runs `fn`, failing the property when it takes longer than the budget. */
export function withinBudget<T>(what: string, fn: () => T): T {
  const start = cpuMs();
  const result = fn();
  checkBudget(what, start);
  return result;
}

export async function withinBudgetAsync<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const start = cpuMs();
  const result = await fn();
  checkBudget(what, start);
  return result;
}

/** Every file under `dir` (relative to the repository) whose name passes `accept`. */
export function corpusFiles(dir: string, accept: (name: string) => boolean = () => true): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const visit = (abs: string) => {
    for (const entry of readdirSync(abs)) {
      const path = join(abs, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (accept(entry)) out.push({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') });
    }
  };
  visit(join(ROOT, dir));
  return out;
}

/** Characters parsers trip on: line ends of every kind, NUL, BOM, surrogate halves, quotes, brackets. */
const NASTY = ['\r', '\n', '\r\n', '\0', '\ufeff', '\u2028', '\u2029', '\ud800', '\udfff', '\\', '"', "'", '`', '/', '*', '(', ')', '[', ']', '{', '}', '$', '%', '#', '.', '=', ' ', '\t', '\u00a0', 'é', '𝒳'];

export const nastyChar = fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

/** Text that looks like anything: ASCII, full Unicode, lone surrogates, and the nasty characters. */
export const anyText = (maxLength = 400) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme-ascii', maxLength }),
    fc.array(nastyChar, { maxLength: maxLength / 4 }).map((a) => a.join('')),
  );

type Edit = (text: string) => string;

const at = (text: string, ratio: number) => Math.floor(ratio * (text.length + 1));

/** One random edit: insert, delete, duplicate, replace, truncate, repeat a slice many times. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), anyText(20)).map(([r, s]): Edit => (t) => t.slice(0, at(t, r)) + s + t.slice(at(t, r))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40)).map(([r, n]): Edit => (t) => t.slice(0, at(t, r)) + t.slice(at(t, r) + n)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((r): Edit => (t) => t.slice(0, at(t, r))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), nastyChar).map(([r, c]): Edit => (t) => t.slice(0, at(t, r)) + c + t.slice(at(t, r) + 1)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(30), fc.integer({ min: 2, max: 2000 })).map(
    ([r, n, times]): Edit =>
      (t) => {
        const from = at(t, r);
        return t.slice(0, from) + t.slice(from, from + n).repeat(times) + t.slice(from);
      },
  ),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(
    ([r1, r2]): Edit =>
      (t) => {
        const a = at(t, Math.min(r1, r2));
        const b = at(t, Math.max(r1, r2));
        return t.slice(0, a) + t.slice(a, b) + t.slice(a, b) + t.slice(b);
      },
  ),
);

/** A real input with 1 to 8 random edits. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 8 })).map(([seed, edits]) => edits.reduce((t, e) => e(t), seed));
}

/** Mostly mutated real inputs, some untouched, some noise. */
export function hostile(seeds: readonly string[], maxNoise = 400): fc.Arbitrary<string> {
  return fc.oneof({ weight: 6, arbitrary: mutated(seeds) }, { weight: 1, arbitrary: fc.constantFrom(...seeds) }, { weight: 2, arbitrary: anyText(maxNoise) });
}

/** Asserts that `error` is one of the parser's documented failure types, rethrowing anything else. */
export function expectCleanError(error: unknown, ...allowed: (abstract new (...args: never[]) => Error)[]): void {
  if (allowed.some((type) => error instanceof type)) {
    const message = (error as Error).message;
    if (message.includes('\n')) throw new Error(`clean errors are one line, got: ${JSON.stringify(message)}`);
    return;
  }
  throw error;
}
