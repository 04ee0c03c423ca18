#!/usr/bin/env node
// Runs the regex engine over the ReDoS advisory corpus (test/regex/corpus/advisories.json) and
// prints recall, false alarms and every verdict. `--update` records each vulnerable entry's
// measured attack in the corpus; `--json` prints the figures for the benchmark.
//   node scripts/regex-corpus.mjs [--budget 100] [--max-input 50000] [--update] [--json]
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_BUNDLE } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpusFile = path.join(root, 'test/regex/corpus/advisories.json');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const budgetMs = option('--budget', 100);
const maxInput = option('--max-input', 50_000);

// The engine is TypeScript; bundle it (and its worker) the way the CLI build does.
// Inside the project, so the bundle resolves recheck from node_modules like the CLI does.
mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const outdir = mkdtempSync(path.join(root, 'node_modules/.cache/authkit-regex-engine-'));
try {
  await build({
    absWorkingDir: root,
    entryPoints: { analyze: 'src/regex/analyze.ts', worker: 'src/regex/worker.ts', corpus: 'src/regex/corpus.ts' },
    outdir,
    ...NODE_BUNDLE,
  });
  process.env.AUTHKIT_REGEX_WORKER = path.join(outdir, 'worker.js');
  const { runCorpus, formatCorpusReport } = await import(pathToFileURL(path.join(outdir, 'corpus.js')).href);
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
  const started = Date.now();
  const report = await runCorpus(corpus.entries, { budgetMs, maxInput });
  const seconds = (Date.now() - started) / 1000;
  if (args.includes('--json')) {
    const checkers = {};
    for (const { verdict } of report.rows) checkers[verdict.checker ?? verdict.status] = (checkers[verdict.checker ?? verdict.status] ?? 0) + 1;
    const fallback = report.rows.filter((r) => r.verdict.fallback !== undefined).length;
    process.stdout.write(`${JSON.stringify({ ...report.summary, entries: report.rows.length, checkers, fallback, seconds }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatCorpusReport(report)}\nwall time ${seconds.toFixed(1)} s (budget ${budgetMs} ms, max input ${maxInput})\n`);
  }
  if (args.includes('--update')) {
    for (const entry of corpus.entries) {
      const row = report.rows.find((r) => r.entry.id === entry.id);
      if (entry.kind !== 'vulnerable' || !row?.verdict.confirmed) continue;
      const v = row.verdict;
      entry.measuredAttack = { readable: v.attack.readable, inputLength: v.inputLength, measuredMs: v.measuredMs, method: v.method, complexity: v.complexity };
    }
    writeFileSync(corpusFile, `${JSON.stringify(corpus, null, 2)}\n`);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
