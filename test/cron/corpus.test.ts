import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintCrontab } from '../../src/cron/lint.js';
import { analyzeYamlSchedules } from '../../src/cron/yaml-lint.js';
import { isYamlPath } from '../../src/cron/yaml-paths.js';

interface CorpusEntry {
  file: string;
  clean?: boolean;
  kind?: 'system' | 'user';
  target?: string;
  expected: [number, string][];
}

const root = new URL('./corpus/', import.meta.url);
const corpus = JSON.parse(readFileSync(new URL('corpus.json', root), 'utf8')) as { files: CorpusEntry[] };

const key = (line: number, rule: string) => `${line}\t${rule}`;

/** Rule families for the README's table; core is what every crontab is checked for. */
const FAMILIES: Record<string, string[]> = {
  schedule: ['invalid-schedule', 'nonportable-schedule', 'impossible-date', 'dom-dow-or', 'dom-dow-star-step', 'every-minute-in-hour'],
  path: ['relative-binary', 'missing-path', 'missing-home'],
  shell: ['bashism-under-sh', 'missing-shell', 'unescaped-percent', 'output-not-redirected'],
  'github-actions': ['actions-too-frequent', 'actions-top-of-hour', 'actions-utc'],
  kubernetes: ['k8s-time-zone', 'k8s-missed-schedules'],
};
const CORE = ['schedule', 'path', 'shell', 'file'];
const familyOf = (ruleId: string) => Object.entries(FAMILIES).find(([, rules]) => rules.includes(ruleId.slice('cron/'.length)))?.[0] ?? 'file';

describe('cron-lint corpus', () => {
  const rows = corpus.files.map((entry) => {
    const text = readFileSync(new URL(entry.file, root), 'utf8');
    const findings = isYamlPath(entry.file) ? analyzeYamlSchedules(entry.file, text).findings : lintCrontab(entry.file, text, { kind: entry.kind, target: entry.target });
    const actual = new Set(findings.map((f) => key(f.line, f.ruleId)));
    const expected = new Set(entry.expected.map(([line, rule]) => key(line, rule)));
    return { entry, findings, actual, expected };
  });

  it('reports nothing on the distribution crontabs', () => {
    const noisy = rows.filter((r) => r.entry.clean && r.findings.length > 0).map((r) => `${r.entry.file}: ${r.findings.map((f) => `${f.line} ${f.ruleId}`).join(', ')}`);
    expect(noisy).toEqual([]);
    expect(rows.filter((r) => r.entry.clean).length).toBeGreaterThanOrEqual(15);
  });

  it('reports precision and recall per rule family, and the core families reach 0.95 on the real-world files', () => {
    const counts = new Map<string, { tp: number; fp: number; fn: number }>();
    const bump = (rule: string, what: 'tp' | 'fp' | 'fn') => {
      const family = familyOf(rule);
      const c = counts.get(family) ?? { tp: 0, fp: 0, fn: 0 };
      c[what]++;
      counts.set(family, c);
    };
    const real = rows.filter((r) => r.entry.file.startsWith('real/'));
    for (const row of real) {
      for (const k of row.actual) bump(k.split('\t')[1]!, row.expected.has(k) ? 'tp' : 'fp');
      for (const k of row.expected) if (!row.actual.has(k)) bump(k.split('\t')[1]!, 'fn');
    }
    const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
    const lines = [...counts].sort().map(([f, c]) => `${f}: TP ${c.tp}, FP ${c.fp}, FN ${c.fn}, precision ${ratio(c.tp, c.tp + c.fp)}, recall ${ratio(c.tp, c.tp + c.fn)}`);
    const core = [...counts].filter(([f]) => CORE.includes(f)).reduce((a, [, c]) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    console.log(`cron-lint per family, real-world files (${real.length} runs):\n  ${lines.join('\n  ')}\n  core (${CORE.join(', ')}): precision ${ratio(core.tp, core.tp + core.fp)}, recall ${ratio(core.tp, core.tp + core.fn)}`);
    expect(core.tp / (core.tp + core.fp)).toBeGreaterThanOrEqual(0.95);
    expect(core.tp / (core.tp + core.fn)).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches precision and recall of at least 0.95', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    // The real-world files alone (distribution packages and issue reports), without the hand-made cases.
    const real = { tp: 0, fp: 0, fn: 0 };
    const surprises: string[] = [];
    for (const row of rows) {
      const isReal = !row.entry.file.startsWith('rules/');
      if (isReal) {
        for (const k of row.actual) row.expected.has(k) ? real.tp++ : real.fp++;
        for (const k of row.expected) if (!row.actual.has(k)) real.fn++;
      }
      for (const k of row.actual) {
        if (row.expected.has(k)) truePositives++;
        else {
          falsePositives++;
          surprises.push(`unexpected ${row.entry.file}${row.entry.target ? ` (${row.entry.target})` : ''}: ${k}`);
        }
      }
      for (const k of row.expected) {
        if (!row.actual.has(k)) {
          falseNegatives++;
          surprises.push(`missed ${row.entry.file}${row.entry.target ? ` (${row.entry.target})` : ''}: ${k}`);
        }
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const files = new Set(corpus.files.map((f) => f.file)).size;
    const expectedCount = rows.reduce((n, r) => n + r.entry.expected.length, 0);
    console.log(
      `cron-lint corpus: ${files} files (${corpus.files.length} runs), ${expectedCount} expected findings; ` +
        `TP ${truePositives}, FP ${falsePositives}, FN ${falseNegatives}; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ` +
        `real-world files only: TP ${real.tp}, FP ${real.fp}, FN ${real.fn}, precision ${(real.tp / (real.tp + real.fp)).toFixed(3)}, recall ${(real.tp / (real.tp + real.fn)).toFixed(3)}` +
        (surprises.length ? `\n  ${surprises.join('\n  ')}` : ''),
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
