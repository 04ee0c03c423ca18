// One answer at any load: the same findings (minus the timings) from an idle machine and from one
// whose cores are both kept busy by other processes, and with recheck's pure-JS build chosen
// (what platforms without its native binary get). Verdicts come from the in-process analysis and
// CPU-time measurement, so neither the queue nor a backend changes them.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../../src/regex/corpus.js';
import { parseJson, runCli } from '../../helpers/cli.js';

/** Advisories of every kind: exponential, polynomial, every-position, speculative, fixed. */
const IDS = [
  'ssri-strict',
  'ssri-strict-fixed',
  'path-parse-posix',
  'minimatch-brace',
  'minimatch-brace-fixed',
  'http-cache-semantics-split',
  'ansi-html',
  'trim',
  'trim-fixed',
  'normalize-url-data',
  'charset',
  'charset-fixed',
  'brace-expansion',
  'date-and-time-compile',
];

const CALLS: Record<string, (re: string) => string> = {
  test: (re) => `${re}.test(input)`,
  exec: (re) => `${re}.exec(input)`,
  match: (re) => `input.match(${re})`,
  replace: (re) => `input.replace(${re}, '')`,
  split: (re) => `input.split(${re})`,
};

const dir = mkdtempSync(join(tmpdir(), 'authkit-determinism-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const { entries } = JSON.parse(readFileSync(new URL('../corpus/advisories.json', import.meta.url), 'utf8')) as { entries: CorpusEntry[] };
  const chosen = IDS.map((id) => entries.find((e) => e.id === id)!);
  const source = chosen.map((e, i) => `const re${i} = new RegExp(${JSON.stringify(e.pattern)}, ${JSON.stringify(e.flags)});\nexport const f${i} = (input) => ${CALLS[e.usage]!(`re${i}`)};\n`).join('');
  writeFileSync(join(dir, 'advisories.js'), source);
});

/** The findings without what depends on timing: the measured time, and the input size that first crossed the budget. */
async function audit(env: NodeJS.ProcessEnv = {}) {
  const result = await runCli(['regex-audit', '.', '--json', '--no-cache'], { cwd: dir, env, timeoutMs: 240_000 });
  expect(result.code, result.stderr).toBe(1);
  const report = parseJson(result);
  expect(report.stats.fallbackPatterns).toBe(0);
  return report.findings.map((f: { ruleId: string; line: number; column: number; severity: string; data: Record<string, unknown> }) => ({
    rule: f.ruleId,
    at: `${f.line}:${f.column}`,
    severity: f.severity,
    complexity: f.data.complexity,
    confirmed: f.data.confirmed,
  }));
}

function cpuHogs(): ChildProcess[] {
  return Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

describe('regex-audit gives one answer', () => {
  it('at idle, with both cores saturated by other processes, and on recheck\'s pure-JS backend', { timeout: 600_000 }, async () => {
    const idle = await audit();
    expect(idle.filter((f: { rule: string }) => f.rule.startsWith('regex/redos')).length).toBe(10);
    expect(idle.every((f: { confirmed: unknown }) => f.confirmed === true)).toBe(true);
    const hogs = cpuHogs();
    let loaded: unknown;
    try {
      loaded = await audit();
    } finally {
      for (const hog of hogs) hog.kill('SIGKILL');
    }
    expect(loaded).toEqual(idle);
    expect(await audit({ RECHECK_BACKEND: 'pure' })).toEqual(idle);
  });
});
