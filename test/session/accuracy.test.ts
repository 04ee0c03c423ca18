// Precision and recall of session-audit over the labelled corpus (code and captures), through the
// same entry point as the command. The README reports the figures this prints.
import { expect, it } from 'vitest';
import { runSessionAudit } from '../../src/session/command.js';
import { ROOT } from '../helpers/cli.js';
import { corpusFiles, displayOf, labelsOf, score } from './corpus-score.js';

const CORPUS = `${ROOT}test/session/corpus`;

it('precision >= 0.9 and recall >= 0.8 over the session corpus', async () => {
  const result = await runSessionAudit([CORPUS], { cwd: ROOT, now: new Date('2026-01-01T00:00:00Z') });
  expect(result.errors).toEqual([]);
  const files = corpusFiles(CORPUS);
  const labels = files.flatMap((path) => labelsOf(path, displayOf(path, ROOT)));
  const code = files.filter((f) => f.includes('/corpus/code/')).length;
  const captures = files.length - code;
  expect(code).toBeGreaterThanOrEqual(40);
  const s = score(result.findings, labels);
  const summary = `session corpus: ${code} code files, ${captures} captures, ${s.labels} labels, ${s.findings} findings, ${s.truePositives} matched: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`;
  console.log(summary);
  for (const f of s.falsePositives) console.log(`  false positive ${f.file}:${f.line} ${f.ruleId}`);
  for (const m of s.misses) console.log(`  missed ${m.file}:${m.line ?? '*'} ${m.ruleId}`);
  expect(s.precision).toBeGreaterThanOrEqual(0.9);
  expect(s.recall).toBeGreaterThanOrEqual(0.8);
});
