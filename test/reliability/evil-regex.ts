import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { childrenOf, expectNoStackTrace, isAlive, run, scratchDir, startTimeOf } from './support.js';

// The engine's own per-pattern limits (src/regex/analyze.ts, confirm.ts): recheck's analysis
// stops at 10 s, confirmation at max(4 s, 40 x budget). The bound asserted here is what those
// limits allow for N patterns over the worker threads, plus start-up: a hang or a missed kill
// breaks it, a slow machine does not.
const ANALYSIS_LIMIT_MS = 10_000;
const confirmLimitMs = (budgetMs: number) => Math.max(4_000, budgetMs * 40);

const TEMPLATES = [
  (i: number) => `^p${i}(a+)+$`,
  (i: number) => `(x${i}+x${i}+)+y`,
  (i: number) => `^q${i}(\\w+\\s?)*$`,
  (i: number) => `^(?:b${i}|b${i})*c$`,
  (i: number) => `^r${i}(\\d+)*[a-z]$`,
];

/** N distinct catastrophic patterns (distinct, so that neither the cache nor dedup skips one). */
export function evilSource(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += `export const r${i} = /${TEMPLATES[i % TEMPLATES.length]!(i)}/;\nr${i}.test(input);\n`;
  return text;
}

interface Watched {
  pid: number;
  startTime: string;
}

/** Runs the CLI while sampling its child processes from /proc, so that orphans can be checked after it exits. */
async function runWatched(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; interruptAfterMs?: number; timeoutMs: number }) {
  const seen = new Map<number, Watched>();
  let timer: NodeJS.Timeout | undefined;
  let interruptedAt: number | undefined;
  const result = await run(args, {
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs,
    onSpawn: (pid) => {
      const spawnedAt = performance.now();
      timer = setInterval(() => {
        const pending = [pid];
        while (pending.length > 0) {
          for (const child of childrenOf(pending.pop()!)) {
            const startTime = startTimeOf(child);
            if (startTime && !seen.has(child)) seen.set(child, { pid: child, startTime });
            pending.push(child);
          }
        }
        if (options.interruptAfterMs !== undefined && performance.now() - spawnedAt >= options.interruptAfterMs && interruptedAt === undefined) {
          interruptedAt = performance.now();
          process.kill(pid, 'SIGINT');
        }
      }, 50);
    },
  });
  clearInterval(timer);
  const exitedAfterInterruptMs = interruptedAt === undefined ? undefined : performance.now() - interruptedAt;
  return { result, children: [...seen.values()], exitedAfterInterruptMs };
}

async function expectNoOrphans(children: Watched[]): Promise<void> {
  // The agent may take a moment to notice its parent's pipe closing; after that it must be gone.
  const deadline = Date.now() + 5_000;
  while (children.some((c) => isAlive(c.pid, c.startTime)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(children.filter((c) => isAlive(c.pid, c.startTime)).map((c) => c.pid)).toEqual([]);
}

export function defineEvilRegex(patterns: number, options: { budgetMs: number; concurrency: number }): void {
  const { budgetMs, concurrency } = options;
  const perPatternMs = ANALYSIS_LIMIT_MS + confirmLimitMs(budgetMs);
  const boundMs = Math.ceil(patterns / concurrency) * perPatternMs + 30_000;
  let dir: string;
  beforeAll(() => {
    dir = scratchDir('evil-regex');
    // Over 16 KB, so that the parser runs in its child process, which must be gone afterwards.
    writeFileSync(join(dir, 'evil.js'), `${evilSource(patterns)}// ${'padding '.repeat(2_500)}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe(`${patterns} catastrophic patterns (budget ${budgetMs} ms, ${concurrency} threads)`, () => {
    it(`every one is proven within the engine's limits (bound ${Math.round(boundMs / 1000)} s), and no child process outlives the CLI`, async () => {
      const env = { AUTHKIT_CACHE_DIR: join(dir, 'cache') };
      const args = ['regex-audit', 'evil.js', '--json', '--budget', String(budgetMs), '--concurrency', String(concurrency)];
      const { result, children } = await runWatched(args, { cwd: dir, env, timeoutMs: boundMs + 60_000 });
      expectNoStackTrace(result);
      expect(result.code).toBe(1);
      expect(result.ms).toBeLessThan(boundMs);
      const report = parseJson(result);
      expect(report.errors).toEqual([]);
      expect(report.stats.analysedPatterns).toBe(patterns);
      const flagged = new Set(report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('regex/redos')).map((f: { line: number }) => f.line));
      // Every pattern is either proven or reported as not analysable in time: none is silently passed.
      const unknown = report.findings.filter((f: { ruleId: string }) => !f.ruleId.startsWith('regex/redos')).length;
      expect(flagged.size + unknown).toBeGreaterThanOrEqual(patterns);
      // The parser ran as a child process: it must be gone now.
      expect(children.length).toBeGreaterThan(0);
      await expectNoOrphans(children);
      console.log(`[evil-regex] ${patterns} patterns: ${(result.ms / 1000).toFixed(1)} s (${(result.ms / patterns).toFixed(0)} ms a pattern), ${flagged.size} proven, bound ${(boundMs / 1000).toFixed(0)} s`);
    }, boundMs + 120_000);
  });

  describe('an interrupted run', () => {
    for (const command of ['regex-audit', 'scan'] as const) {
      it(`${command}: SIGINT stops it promptly, leaves no child process, no corrupt cache, and the next run works`, async () => {
        const env = { AUTHKIT_CACHE_DIR: join(dir, `cache-${command}`) };
        // Long enough to be interrupted in the middle of confirming attacks: each of the ten
        // exponential patterns needs a run of at least the budget on one of two threads.
        writeFileSync(join(dir, `few-${command}.js`), evilSource(10));
        const args = command === 'scan' ? ['scan', `few-${command}.js`, '--json'] : ['regex-audit', `few-${command}.js`, '--json', '--budget', String(budgetMs)];
        const interrupted = await runWatched(args, { cwd: dir, env, interruptAfterMs: 400, timeoutMs: 120_000 });
        expect(interrupted.exitedAfterInterruptMs, 'the CLI must still have been running when interrupted').toBeDefined();
        expect(interrupted.exitedAfterInterruptMs!).toBeLessThan(10_000);
        expect(interrupted.result.code === 130 || interrupted.result.signal === 'SIGINT').toBe(true);
        expect(interrupted.result.stderr).not.toMatch(/^\s+at /m);
        await expectNoOrphans(interrupted.children);
        // Whatever the cache holds after the interruption is whole: every file parses.
        const cacheDir = env.AUTHKIT_CACHE_DIR;
        if (existsSync(cacheDir)) {
          for (const name of readdirSync(cacheDir).filter((n) => n.endsWith('.json'))) expect(() => JSON.parse(readFileSync(join(cacheDir, name), 'utf8'))).not.toThrow();
        }
        const next = await runWatched(args, { cwd: dir, env, timeoutMs: 300_000 });
        expectNoStackTrace(next.result);
        expect(next.result.code).toBe(1);
        expect(parseJson(next.result).errors).toEqual([]);
        // Each of the ten is reported (proven, or at worst not provable in time): none slips through.
        expect(new Set(parseJson(next.result).findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('regex/')).map((f: { line: number }) => f.line)).size).toBe(10);
        await expectNoOrphans(next.children);
      }, 600_000);
    }
  });
}
