// Accuracy on published npm ReDoS advisories: every vulnerable pattern must be found, fixed
// patterns must not be flagged. The full run with printed verdicts: node scripts/regex-corpus.mjs
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCorpus, formatCorpusReport, type CorpusEntry } from '../../../src/regex/corpus.js';
import { buildEngine, type EngineBundle } from '../engine/build-engine.js';

const corpus = JSON.parse(readFileSync(new URL('./advisories.json', import.meta.url), 'utf8')) as { entries: CorpusEntry[] };

let engine: EngineBundle;
beforeAll(async () => {
  engine = await buildEngine();
});
afterAll(() => engine?.cleanup());

describe('ReDoS advisory corpus', () => {
  it('has at least 30 vulnerable and 20 safe cases, each sourced, each vulnerable one with a measured attack', () => {
    const vulnerable = corpus.entries.filter((e) => e.kind === 'vulnerable');
    const safe = corpus.entries.filter((e) => e.kind === 'safe');
    expect(vulnerable.length).toBeGreaterThanOrEqual(30);
    expect(safe.length).toBeGreaterThanOrEqual(20);
    expect(new Set(corpus.entries.map((e) => e.id)).size).toBe(corpus.entries.length);
    for (const entry of corpus.entries) {
      expect(entry.advisory, entry.id).toMatch(/CVE-\d{4}-\d+|GHSA-[\w]{4}-[\w]{4}-[\w]{4}/);
      expect(entry.source.length, entry.id).toBeGreaterThan(10);
      expect(() => new RegExp(entry.pattern, entry.flags), entry.id).not.toThrow();
    }
    for (const entry of vulnerable) {
      expect(entry.measuredAttack, entry.id).toBeDefined();
      expect(entry.measuredAttack!.measuredMs, entry.id).toBeGreaterThanOrEqual(100);
      expect(entry.measuredAttack!.inputLength, entry.id).toBeLessThanOrEqual(50_000);
    }
  });

  it('recall >= 95% and false alarms <= 5%', async () => {
    // A generous analysis limit: on a loaded CI machine recheck slows down, and a timeout would
    // read as a miss although the verdict is only late.
    const report = await runCorpus(corpus.entries, { budgetMs: 100, maxInput: 50_000, analysisTimeoutMs: 30_000 });
    const { summary } = report;
    console.log(formatCorpusReport(report));
    const missed = report.rows.filter((r) => r.entry.kind === 'vulnerable' && !r.flagged).map((r) => r.entry.id);
    const alarms = report.rows.filter((r) => r.entry.kind === 'safe' && r.flagged).map((r) => r.entry.id);
    expect(summary.recall, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.95);
    expect(summary.falseAlarmRate, `false alarms: ${alarms.join(', ')}`).toBeLessThanOrEqual(0.05);
  }, 240_000);
});
