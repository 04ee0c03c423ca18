import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyzePatterns, analyzerVersions } from '../../../src/regex/analyze.js';
import { recheckBackend } from '../../../src/regex/recheck.js';
import { liveWorkerCount, WorkerPool } from '../../../src/regex/pool.js';
import { REGEX_RULES } from '../../../src/regex/rules.js';
import type { Verdict } from '../../../src/regex/types.js';
import { buildEngine, type EngineBundle } from './build-engine.js';

let engine: EngineBundle;
beforeAll(async () => {
  engine = await buildEngine();
});
afterAll(() => engine?.cleanup());

const options = { budgetMs: 100, maxInput: 50_000 };

/** Child processes of this process whose command is recheck's agent. */
function recheckChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => /recheck/.test(line));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('analyzePatterns verdicts', () => {
  let verdicts: Verdict[];
  beforeAll(async () => {
    verdicts = await analyzePatterns(
      [
        { pattern: '^(\\w+\\s?)*$', flags: '', usages: ['test'] },
        { pattern: '^\\s*|\\s*$', flags: 'g', usages: ['replace'] },
        { pattern: '^\\s*|\\s*$', flags: 'g', usages: ['test'] },
        { pattern: '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', flags: 'i', usages: ['test'] },
        { pattern: '^\\d{4}-\\d{2}-\\d{2}$', flags: '', usages: ['test'] },
        { pattern: 'Bearer ', flags: '', usages: ['test'] },
        { pattern: 'abc(', flags: '', usages: ['test'] },
        { pattern: 'a', flags: 'gg', usages: ['test'] },
        { pattern: '\\s*,\\s*', flags: '', usages: ['split'] },
      ],
      options,
    );
  }, 60_000);

  it('proves the seed pattern exponential with a measured attack', () => {
    const v = verdicts[0]!;
    expect(v).toMatchObject({ status: 'vulnerable', complexity: { type: 'exponential' }, confirmed: true, method: 'test', checker: 'ambiguity' });
    expect(v.measuredMs).toBeGreaterThanOrEqual(100);
    expect(v.inputLength).toBeLessThanOrEqual(50);
    expect(v.attack!.readable).toMatch(/\.repeat\(\d+\)/);
    // Rebuild the attack from its parts: the readable form and the parts describe the same input.
    const count = Number(/\.repeat\((\d+)\)/.exec(v.attack!.readable)![1]);
    expect(v.attack!.prefix.length + v.attack!.pump.length * count + v.attack!.suffix.length).toBe(v.inputLength);
    expect(v.hotspot![0]).toEqual({ start: 2, end: 4 });
    expect(v.hint).toMatch(/disjoint/);
  });

  it('models g-flag iteration: trim under replace is quadratic, one test() is not', () => {
    const replaced = verdicts[1]!;
    expect(replaced).toMatchObject({ status: 'vulnerable', complexity: { type: 'polynomial', degree: 2 }, confirmed: true, method: 'replace' });
    // Confirmed by a run that took the budget, or by runs whose growth reaches it one doubling on.
    if (replaced.projected) {
      expect(replaced.measuredMs).toBeGreaterThanOrEqual(25);
      expect(replaced.projected.ms).toBeGreaterThanOrEqual(100);
      expect(replaced.projected.exponent).toBeGreaterThanOrEqual(1.5);
      expect(replaced.projected.inputLength).toBeLessThanOrEqual(Math.min(50_000, 2 * replaced.inputLength! + 2));
    } else {
      expect(replaced.measuredMs).toBeGreaterThanOrEqual(100);
    }
    expect(replaced.inputLength).toBeLessThanOrEqual(50_000);
    // The hotspot is the unanchored alternative, in the original pattern's offsets.
    expect(replaced.hotspot!.every((h) => h.start >= 5)).toBe(true);
    expect(replaced.hint).toMatch(/trim\(\)/);
    expect(verdicts[2]).toMatchObject({ status: 'safe', confirmed: false });
  });

  it('calls linear patterns safe', () => {
    expect(verdicts[3]).toMatchObject({ status: 'safe', checker: 'ambiguity' });
    expect(verdicts[4]).toMatchObject({ status: 'safe' });
    expect(verdicts[5]).toMatchObject({ status: 'safe', checker: 'safe-regex2' });
  });

  it('reports patterns and flags that do not compile as invalid', () => {
    expect(verdicts[6]).toMatchObject({ status: 'invalid', confirmed: false });
    expect(verdicts[6]!.reason).toMatch(/Unterminated group/);
    expect(verdicts[7]).toMatchObject({ status: 'invalid' });
    expect(verdicts[7]!.reason).toMatch(/flags/);
  });

  it('confirms split on the real method', () => {
    expect(verdicts[8]).toMatchObject({ status: 'vulnerable', confirmed: true, method: 'split' });
  });

  it('stamps every verdict with the analyser versions', () => {
    for (const v of verdicts) expect(v.analyzerVersions).toEqual(analyzerVersions());
    expect(analyzerVersions()).toMatchObject({ recheck: '4.5.0', 'safe-regex2': '5.1.2', recheckBackend: recheckBackend() });
  });
});

describe('limits and cleanup', () => {
  it('kills a run at the hard limit (worker.terminate interrupts irregexp)', async () => {
    const pool = new WorkerPool(1);
    try {
      const run = await pool.run(
        { pattern: '^(a+)+$', flags: '', method: 'test', prefix: '', pumps: [{ prefix: '', pump: 'a' }], count: 60, suffix: '!' },
        50,
      );
      expect(run.killed).toBe(true);
      // The pool replaces the killed worker and goes on.
      const next = await pool.run(
        { pattern: '^a+$', flags: '', method: 'test', prefix: '', pumps: [{ prefix: '', pump: 'a' }], count: 10, suffix: '' },
        1000,
      );
      expect(next.killed).toBe(false);
      // Matching time is the thread's own CPU time where Linux reports it.
      if (process.platform === 'linux') expect(next.cpuMs).toBeTypeOf('number');
    } finally {
      await pool.close();
    }
    expect(liveWorkerCount()).toBe(0);
  });

  it('returns for a pathological pattern with a tiny budget, confirmed, leaving no workers or agent behind', async () => {
    const [v] = await analyzePatterns([{ pattern: '^(a|a)*$', flags: '', usages: ['test'] }], { budgetMs: 5, maxInput: 1000 });
    expect(v).toMatchObject({ status: 'vulnerable', confirmed: true });
    expect(v!.inputLength).toBeLessThanOrEqual(1000);
    expect(liveWorkerCount()).toBe(0);
    expect(recheckChildren()).toEqual([]);
  });

  it('an interrupted scan (SIGINT) leaves no recheck agent running', async () => {
    const script = path.join(engine.dir, 'sigint.mjs');
    writeFileSync(
      script,
      `process.env.AUTHKIT_REGEX_WORKER = ${JSON.stringify(engine.worker)};
const { analyzePatterns } = await import(${JSON.stringify(engine.analyze)});
const { createRequire } = await import('node:module');
const recheck = createRequire(${JSON.stringify(engine.analyze)})('recheck/lib/main.js');
// A lookbehind that repeats is what the in-process analysis hands to recheck at once.
const jobs = Array.from({ length: 40 }, (_, i) => ({ pattern: '(?<=\\\\w+\\\\s?)(\\\\w+\\\\s?)*' + 'x'.repeat(i) + '$', flags: '', usages: ['test'] }));
analyzePatterns(jobs, { budgetMs: 2000, maxInput: 50000 });
const timer = setInterval(() => {
  const agent = recheck.__mock__.agent;
  if (agent && agent.child) { clearInterval(timer); process.stdout.write(String(agent.child.pid) + '\\n'); }
}, 20);
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let agentPid: number;
    try {
      agentPid = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
        child.once('exit', () => reject(new Error('child exited before reporting the agent')));
        setTimeout(() => reject(new Error('no recheck agent within 20 s')), 20_000).unref();
      });
      expect(isAlive(agentPid)).toBe(true);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    // The agent exits when its stdin (a pipe from the dead parent) closes.
    for (let i = 0; i < 50 && isAlive(agentPid); i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(agentPid)).toBe(false);
  }, 30_000);
});

describe('rule registry', () => {
  it('declares the four public regex rules with examples', () => {
    expect(REGEX_RULES.map((r) => [r.id, r.severity])).toEqual([
      ['regex/redos-exponential', 'error'],
      ['regex/redos-polynomial', 'error'],
      ['regex/analysis-incomplete', 'warning'],
      ['regex/invalid-pattern', 'error'],
    ]);
    for (const rule of REGEX_RULES) {
      expect(rule.examples!.valid.length).toBeGreaterThan(0);
      expect(rule.examples!.invalid.length).toBeGreaterThan(0);
      expect(rule.description).not.toMatch(/\.$/);
    }
  });
});
