// Precision and recall of session-audit over the labelled corpus: the code half through the built
// CLI as a user runs it; the captures in process, at a fixed moment, since the JWTs they hold
// expire and session-audit has no --now. The README reports the figures this prints.
import { expect, it } from 'vitest';
import { runSessionAudit } from '../../src/session/command.js';
import { ROOT, parseJson, runCli } from '../helpers/cli.js';
import { corpusFiles, displayOf, labelsOf, perRule, score } from './corpus-score.js';

const CORPUS = `${ROOT}test/session/corpus`;
// A rule with fewer labelled cases than this has too few for its own figures to mean anything;
// it still counts in the overall ones.
const MIN_CASES = 5;

it('precision >= 0.95 and recall >= 0.9 over the session corpus, overall and per rule', async () => {
  const report = parseJson(await runCli(['session-audit', '--json', 'test/session/corpus/code'], { cwd: ROOT }));
  expect(report.errors).toEqual([]);
  const captures = await runSessionAudit([`${CORPUS}/captures`], { cwd: ROOT, now: new Date('2026-01-01T00:00:00Z') });
  expect(captures.errors).toEqual([]);
  report.findings.push(...captures.findings);
  const files = corpusFiles(CORPUS);
  const labels = files.flatMap((path) => labelsOf(path, displayOf(path, ROOT)));
  const code = files.filter((f) => f.includes('/corpus/code/')).length;
  expect(code).toBeGreaterThanOrEqual(124);
  const s = score(report.findings, labels);
  console.log(`session corpus: ${code} code files, ${files.length - code} captures, ${s.labels} labels, ${s.findings} findings, ${s.truePositives} matched: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`);
  for (const f of s.falsePositives) console.log(`  false positive ${f.file}:${f.line} ${f.ruleId}`);
  for (const m of s.misses) console.log(`  missed ${m.file}:${m.line ?? '*'} ${m.ruleId}`);
  const rules = perRule(report.findings, labels);
  for (const r of rules) console.log(`  ${r.ruleId}: ${r.labels} labels, ${r.findings} findings, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}`);
  expect(s.precision).toBeGreaterThanOrEqual(0.95);
  expect(s.recall).toBeGreaterThanOrEqual(0.9);
  const weak = rules.filter((r) => r.labels >= MIN_CASES && (r.precision < 0.95 || r.recall < 0.9)).map((r) => r.ruleId);
  expect(weak).toEqual([]);
});
