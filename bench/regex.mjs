#!/usr/bin/env node
// regex-audit benchmark: authkit against eslint + eslint-plugin-redos (its `redos/no-vulnerable`
// rule, recheck underneath) on the same files from pinned npm packages, cold (empty caches) and
// warm (a rerun over unchanged files), with peak RSS; plus extraction throughput on the whole corpus.
//
//   node bench/regex.mjs              prepare, measure, print the table
//   BENCH_REGEX_PACKAGES=semver,yaml  compare on these packages instead of the default set
//   BENCH_REGEX_COLD_RUNS=3 BENCH_REGEX_WARM_RUNS=10 BENCH_REGEX_ESLINT_TIMEOUT_S=600
//   BENCH_REGEX_SCALE=0               skip the 10k/25k/50k-file scale runs
//
// Exports prepareCorpus, measureAuthkit, measureEslint, measureExtraction, measureScale and runRegexBench for
// the combined `npm run bench`. Everything is installed under bench/.work (git-ignored).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmtMs, median } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(ROOT, 'bench', '.work');
const PKGS = join(WORK, 'pkgs');
const CORPUS = join(WORK, 'corpus');
const BIN = join(ROOT, 'bin', 'authkit.js');

/** The corpus: real packages full of regexes, pinned so that runs compare. */
export const CORPUS_PACKAGES = {
  'ua-parser-js': '2.0.10',
  moment: '2.31.0',
  marked: '18.2.1',
  'highlight.js': '11.12.0',
  validator: '13.15.35',
  semver: '7.8.6',
  yaml: '2.9.1',
  lodash: '4.18.1',
  'markdown-it': '15.0.3',
  handlebars: '4.7.10',
  dayjs: '1.11.23',
  prismjs: '1.30.0',
};
/** The regex engine issue's second comparison corpus, pinned. */
export const PINNED_COMPARISON = { validator: '13.12.0', semver: '7.6.3', 'js-yaml': '4.1.0', express: '4.21.2' };
/** Releases whose many advisories' patterns once made recheck's agent grow past 600 MB: memory only. */
export const MEMORY_SETS = { 'ua-parser-js': '0.7.22', validator: '13.7.0' };
/** The peer, pinned. eslint 10 runs on Node ^20.19. */
export const PEERS = { eslint: '10.15.0', 'eslint-plugin-redos': '4.5.0' };
/**
 * eslint-plugin-redos takes minutes per package (ua-parser-js alone: about 5 minutes here), so
 * the side-by-side comparison runs on a subset that keeps the whole benchmark near 5 minutes.
 */
export const DEFAULT_COMPARISON = ['semver', 'yaml', 'dayjs', 'marked'];

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git', '.cache']);
const JS_FILE = /\.(?:js|mjs|cjs)$/;

function log(message) {
  process.stderr.write(`${message}\n`);
}

/** Installs the pinned packages and peers (once), and copies their JS files into the corpus. */
export function prepareCorpus() {
  const wanted = { ...CORPUS_PACKAGES, ...PEERS };
  const stamp = JSON.stringify(wanted);
  const stampFile = join(WORK, 'corpus.stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(CORPUS)) return corpusInfo();
  mkdirSync(PKGS, { recursive: true });
  writeFileSync(join(PKGS, 'package.json'), JSON.stringify({ name: 'authkit-bench-corpus', private: true }, null, 2));
  log('bench: installing the pinned corpus and eslint-plugin-redos ...');
  const install = spawnSync('npm', ['install', '--prefix', PKGS, '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', ...Object.entries(wanted).map(([n, v]) => `${n}@${v}`)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (install.status !== 0) throw new Error('npm install of the benchmark corpus failed');
  writeFileSync(
    join(PKGS, 'eslint.config.mjs'),
    `import redos from 'eslint-plugin-redos';\nexport default [{ files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, plugins: { redos }, rules: { 'redos/no-vulnerable': 'error' } }];\n`,
  );
  rmSync(CORPUS, { recursive: true, force: true });
  for (const name of Object.keys(CORPUS_PACKAGES)) copyJs(join(PKGS, 'node_modules', name), join(CORPUS, name));
  writeFileSync(stampFile, stamp);
  return corpusInfo();
}

// Both tools skip node_modules and build output on their own terms; the corpus holds only files
// that both read, so that they do the same work.
function copyJs(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) copyJs(source, join(to, entry.name));
    } else if (entry.isFile() && JS_FILE.test(entry.name)) {
      mkdirSync(to, { recursive: true });
      cpSync(source, join(to, entry.name));
    }
  }
}

function listFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function corpusInfo(packages = Object.keys(CORPUS_PACKAGES)) {
  const files = packages.flatMap((p) => listFiles(join(CORPUS, p)));
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  return { packages, files: files.length, bytes };
}

const hasGnuTime = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

/**
 * Resident memory (KB) of a process and all its descendants (recheck's agent is a separate
 * process: GNU time's %M only sees the largest single process). Linux /proc; 0 elsewhere.
 */
function treeRssKb(rootPid) {
  let entries;
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const children = new Map();
  const rss = new Map();
  for (const pid of entries) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      rss.set(Number(pid), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(pid));
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * A project tree of pinned packages of its own (versions that differ from the main corpus), under
 * bench/.work/<name>: installed once, their JS files copied into a git-initialised tree.
 */
export function preparePinned(name, packages) {
  const base = join(WORK, name);
  const tree = join(base, 'tree');
  const stampFile = join(base, 'stamp');
  const stamp = JSON.stringify(packages);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(tree)) return tree;
  rmSync(base, { recursive: true, force: true });
  const pkgs = join(base, 'pkgs');
  mkdirSync(pkgs, { recursive: true });
  writeFileSync(join(pkgs, 'package.json'), JSON.stringify({ name: `authkit-bench-${name}`, private: true }, null, 2));
  log(`bench: installing ${Object.entries(packages).map(([n, v]) => `${n}@${v}`).join(', ')} ...`);
  const install = spawnSync('npm', ['install', '--prefix', pkgs, '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', ...Object.entries(packages).map(([n, v]) => `${n}@${v}`)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (install.status !== 0) throw new Error(`npm install of the ${name} corpus failed`);
  for (const pkg of Object.keys(packages)) copyJs(join(pkgs, 'node_modules', pkg), join(tree, pkg));
  spawnSync('git', ['init', '-q'], { cwd: tree });
  writeFileSync(stampFile, stamp);
  return tree;
}

/**
 * The hostile TypeScript shape oxc parses in quadratic time and memory (52 KB: ~3 s, ~600 MB when
 * parsed in-process), beside a file with a real finding: the run must refuse the one and audit
 * the other.
 */
export async function measureHostile() {
  const tree = join(WORK, 'hostile');
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  writeFileSync(join(tree, 'slow.ts'), `${`<D\\\u{7b955}${' '.repeat(19)}`.repeat(2000)};x = /a/\n`);
  writeFileSync(join(tree, 'ok.js'), 'export const ok = (s) => /^(a+)+$/.test(s);\n');
  const r = await runTimed(process.execPath, [BIN, 'regex-audit', '.', '--json', '--no-cache'], { cwd: tree, env: { CI: '1' }, timeoutMs: 120_000 });
  // A file not parsed is an input error in every command (issue 24): one message naming it, exit 2.
  const report = r.stdout ? JSON.parse(r.stdout) : { findings: [], errors: [] };
  const messages = report.errors ?? [];
  return { ms: r.ms, rssMb: r.rssMb, code: r.code, messages: messages.length, namesFile: messages.every((e) => e.file === 'slow.ts'), others: report.findings.length };
}

/** One run of a command: wall ms, peak RSS (MB) of the whole process tree (sampled), exit code. */
export function runTimed(cmd, args, { cwd, env, timeoutMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const argv = hasGnuTime ? ['-f', '__PEAK_RSS_KB=%M', cmd, ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(hasGnuTime ? '/usr/bin/time' : cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let treePeakKb = 0;
    const sampler = setInterval(() => {
      treePeakKb = Math.max(treePeakKb, treeRssKb(child.pid));
    }, 100);
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, timeoutMs)
      : null;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      clearInterval(sampler);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const m = /__PEAK_RSS_KB=(\d+)/.exec(stderr);
      const largestMb = m ? Number(m[1]) / 1024 : undefined;
      // The whole tree where /proc tells (sampled every 100 ms), else the largest process.
      const rssMb = treePeakKb > 0 ? Math.max(treePeakKb / 1024, largestMb ?? 0) : largestMb;
      resolve({ ms, rssMb, code, timedOut, stdout, stderr: stderr.replace(/__PEAK_RSS_KB=\d+\n?/, '') });
    });
  });
}

function summarise(runs) {
  const times = runs.map((r) => r.ms);
  return {
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    rssMb: Math.max(0, ...runs.map((r) => r.rssMb ?? 0)) || undefined,
    runs: runs.length,
    timedOut: runs.some((r) => r.timedOut),
  };
}

/**
 * A project tree holding the given packages, as a git work tree (untracked files): authkit and
 * eslint both run on `.` inside it, as a user runs them in a repository.
 */
export function projectTree(packages) {
  const tree = join(WORK, `project-${packages.join('+').replace(/[^\w+.-]/g, '_')}`);
  if (existsSync(join(tree, '.git'))) return tree;
  rmSync(tree, { recursive: true, force: true });
  for (const p of packages) cpSync(join(CORPUS, p), join(tree, p), { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: tree });
  return tree;
}

/**
 * authkit regex-audit over the project tree: `cold` runs each start from an empty cache folder,
 * `warm` runs reuse one filled by a first run. Returns both summaries and the JSON stats.
 */
export async function measureAuthkit(tree, { coldRuns = 2, warmRuns = 5, cache = 'authkit-cache' } = {}) {
  const cacheDir = join(WORK, cache);
  // eslint reads every file it is given, minified and vendored ones too: so does authkit here,
  // which passes them over by default (issue 24), or the comparison would not be on the same files.
  const args = [BIN, 'regex-audit', '.', '--format', 'json', '--include-vendored'];
  const run = () => runTimed(process.execPath, args, { cwd: tree, env: { AUTHKIT_CACHE_DIR: cacheDir, CI: '1' } });
  const cold = [];
  let stats;
  for (let i = 0; i < coldRuns; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    const r = await run();
    if (r.code === 2 || r.code === null) throw new Error(`authkit failed (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
    stats = JSON.parse(r.stdout).stats;
    cold.push(r);
    log(`bench: authkit cold run ${i + 1}/${coldRuns}: ${fmtMs(r.ms)}`);
  }
  const warm = [];
  let warmStats;
  for (let i = 0; i < warmRuns; i++) {
    const r = await run();
    warmStats = JSON.parse(r.stdout).stats;
    warm.push(r);
  }
  const last = JSON.parse(cold[cold.length - 1].stdout);
  const incomplete = last.findings.filter((f) => f.ruleId === 'regex/analysis-incomplete').length;
  return { cold: summarise(cold), warm: warm.length > 0 ? summarise(warm) : undefined, stats, warmStats, findings: last.summary, incomplete };
}

/** eslint with eslint-plugin-redos over the same tree; it has no cache, so every run is cold. */
export async function measureEslint(tree, { runs = 1, timeoutMs = 600_000 } = {}) {
  const eslint = join(PKGS, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const args = [eslint, '--no-config-lookup', '-c', join(PKGS, 'eslint.config.mjs'), '--format', 'json', '.'];
  const results = [];
  let problems;
  let files;
  for (let i = 0; i < runs; i++) {
    const r = await runTimed(process.execPath, args, { cwd: tree, timeoutMs });
    results.push(r);
    if (!r.timedOut && r.stdout) {
      const report = JSON.parse(r.stdout);
      files = report.length;
      problems = report.reduce((sum, file) => sum + file.messages.filter((m) => m.ruleId === 'redos/no-vulnerable').length, 0);
    }
    log(`bench: eslint run ${i + 1}/${runs}: ${r.timedOut ? `killed after ${fmtMs(r.ms)}` : fmtMs(r.ms)}`);
  }
  return { ...summarise(results), files, problems };
}

/**
 * Extraction alone (read, pre-filter, parse, walk), in this process, over the whole corpus:
 * the part of a scan that grows with the number of files rather than the number of patterns.
 */
export async function measureExtraction({ runs = 3 } = {}) {
  const bundle = join(WORK, 'extract-bundle.mjs');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(ROOT, 'src', 'regex', 'extract.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    external: ['oxc-parser'],
    logLevel: 'error',
  });
  const { extractFromSource } = await import(pathToFileURL(bundle).href);
  const files = listFiles(CORPUS).map((f) => [relative(CORPUS, f), readFileSync(f, 'utf8')]);
  const bytes = files.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);
  const times = [];
  let regexes = 0;
  const unique = new Set();
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    regexes = 0;
    for (const [name, text] of files) {
      for (const r of extractFromSource(name, text).regexes) {
        regexes++;
        unique.add(`${r.flags}/${r.pattern}`);
      }
    }
    if (i > 0) times.push(performance.now() - started); // the first run warms the JIT up
  }
  const ms = median(times);
  return { files: files.length, bytes, ms, regexes, unique: unique.size, mbPerSecond: bytes / 1e6 / (ms / 1000), filesPerSecond: files.length / (ms / 1000) };
}

/**
 * Scale: synthetic trees of `sizes` files, copies of the comparison files each with a different
 * first line (so that no extraction is answered by the cache), audited with the verdicts already
 * cached by the comparison run: this isolates what grows with the number of files (walking,
 * reading, parsing, memory) from the engine, whose work grows with the number of unique patterns.
 */
export async function measureScale(packages, sizes = [10_000, 25_000, 50_000]) {
  const sources = packages.flatMap((p) => listFiles(join(CORPUS, p)).map((f) => [relative(CORPUS, f), readFileSync(f, 'utf8')]));
  const verdictCache = join(WORK, 'authkit-cache', 'verdicts.json');
  if (!existsSync(verdictCache)) throw new Error('measureScale needs the verdict cache of a measureAuthkit run');
  const results = [];
  for (const size of sizes) {
    // Writing and deleting 50,000 files takes minutes on a busy disk: trees are kept for reruns.
    const tree = join(WORK, `scale-${size}`);
    const stamp = join(tree, '.complete');
    const expected = `${size} files from ${packages.join(',')}`;
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== expected) {
      rmSync(tree, { recursive: true, force: true });
      for (let i = 0; i < size; i++) {
        const [name, text] = sources[i % sources.length];
        const copy = Math.floor(i / sources.length);
        const target = join(tree, `copy-${copy}`, name);
        mkdirSync(join(target, '..'), { recursive: true });
        writeFileSync(target, `// synthetic copy ${copy} of ${name}\n${text}`);
      }
      writeFileSync(stamp, expected);
    }
    const cacheDir = join(WORK, `scale-cache-${size}`);
    rmSync(cacheDir, { recursive: true, force: true });
    mkdirSync(cacheDir, { recursive: true });
    cpSync(verdictCache, join(cacheDir, 'verdicts.json'));
    // As a user runs it: minified and vendored copies passed over (the files column counts what was read).
    const r = await runTimed(process.execPath, [BIN, 'regex-audit', '.', '--format', 'json'], { cwd: tree, env: { AUTHKIT_CACHE_DIR: cacheDir, CI: '1' } });
    const stats = r.stdout ? JSON.parse(r.stdout).stats : {};
    results.push({ size, ms: r.ms, rssMb: r.rssMb, secondsPer10k: r.ms / 1000 / (size / 10_000), files: stats.files, analysed: stats.analysedPatterns });
    log(`bench: scale ${size} files: ${fmtMs(r.ms)}, ${r.rssMb?.toFixed(0)} MB`);
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return results;
}

function row(cells, widths) {
  return `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
}

export function formatTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return [row(rows[0], widths), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map((r) => row(r, widths))].join('\n');
}

/** Everything, as a Markdown table plus the raw numbers. */
export async function runRegexBench(options = {}) {
  const packages = options.packages ?? (process.env.BENCH_REGEX_PACKAGES ? process.env.BENCH_REGEX_PACKAGES.split(',') : DEFAULT_COMPARISON);
  const coldRuns = Number(process.env.BENCH_REGEX_COLD_RUNS ?? options.coldRuns ?? 2);
  const warmRuns = Number(process.env.BENCH_REGEX_WARM_RUNS ?? options.warmRuns ?? 5);
  const eslintTimeoutMs = 1000 * Number(process.env.BENCH_REGEX_ESLINT_TIMEOUT_S ?? options.eslintTimeoutS ?? 600);
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error('run `npm run build` first');
  const whole = prepareCorpus();
  const compared = corpusInfo(packages);
  log(`bench: corpus ${whole.files} files (${(whole.bytes / 1e6).toFixed(1)} MB); comparison on ${packages.join(', ')}: ${compared.files} files`);

  const extraction = await measureExtraction();
  const tree = projectTree(packages);
  const authkit = await measureAuthkit(tree, { coldRuns, warmRuns });
  const eslint = await measureEslint(tree, { timeoutMs: eslintTimeoutMs });

  const scale = process.env.BENCH_REGEX_SCALE === '0' ? [] : await measureScale(packages, options.scaleSizes);

  const pinnedTree = preparePinned('pinned', PINNED_COMPARISON);
  const pinned = await measureAuthkit(pinnedTree, { coldRuns, warmRuns, cache: 'authkit-cache-pinned' });
  const pinnedEslint = await measureEslint(pinnedTree, { timeoutMs: eslintTimeoutMs });
  const memory = [];
  for (const [name, version] of Object.entries(MEMORY_SETS)) {
    const r = await measureAuthkit(preparePinned(`memory-${name}`, { [name]: version }), { coldRuns: 1, warmRuns: 0, cache: `authkit-cache-memory-${name}` });
    memory.push({ name: `${name}@${version}`, ...r });
  }
  const hostile = await measureHostile();

  const coldRatio = eslint.median / authkit.cold.median;
  const warmRatio = eslint.median / authkit.warm.median;
  const mb = (v) => (v ? `${v.toFixed(0)} MB` : 'n/a');
  const eslintTime = eslint.timedOut ? `> ${fmtMs(eslint.median)} (killed)` : fmtMs(eslint.median);
  const ratio = (r) => `${eslint.timedOut ? '> ' : ''}${r.toFixed(1)}x`;
  const table = formatTable([
    ['regex-audit benchmark', 'median', 'min', 'max', 'runs', 'vs eslint-plugin-redos', 'peak RSS'],
    ['eslint 10 + eslint-plugin-redos (no cache)', eslintTime, fmtMs(eslint.min), fmtMs(eslint.max), eslint.runs, '1.0x', mb(eslint.rssMb)],
    ['authkit regex-audit, cold (empty caches)', fmtMs(authkit.cold.median), fmtMs(authkit.cold.min), fmtMs(authkit.cold.max), authkit.cold.runs, ratio(coldRatio), mb(authkit.cold.rssMb)],
    ['authkit regex-audit, warm (unchanged files)', fmtMs(authkit.warm.median), fmtMs(authkit.warm.min), fmtMs(authkit.warm.max), authkit.warm.runs, ratio(warmRatio), mb(authkit.warm.rssMb)],
  ]);
  const notes = [
    `Comparison: ${packages.map((p) => `${p}@${CORPUS_PACKAGES[p]}`).join(', ')}: ${compared.files} files, ${(compared.bytes / 1e6).toFixed(1)} MB; ${authkit.stats.regexes} regexes, ${authkit.stats.uniquePatterns} unique (pattern, flags). eslint reported ${eslint.problems ?? '?'} problems in ${eslint.files ?? '?'} files; authkit ${authkit.findings.total} findings (${authkit.findings.error} errors).`,
    `authkit cold: extraction ${fmtMs(authkit.stats.extractMs)}, analysis of ${authkit.stats.analysedPatterns} patterns ${fmtMs(authkit.stats.analyseMs)}. Warm: ${authkit.warmStats.cachedFiles} files and ${authkit.warmStats.cachedVerdicts} verdicts from the caches.`,
    `Extraction alone over the whole corpus (${whole.files} files, ${(extraction.bytes / 1e6).toFixed(1)} MB, ${extraction.regexes} regexes, ${extraction.unique} unique): ${fmtMs(extraction.ms)}, ${extraction.filesPerSecond.toFixed(0)} files/s, ${extraction.mbPerSecond.toFixed(1)} MB/s on one thread.`,
    `Machine: ${availableParallelism()} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`,
  ];
  const scaleTable = scale.length
    ? formatTable([
        ['scale (extraction cold, verdicts cached)', 'files', 'time', 's per 10k files', 'peak RSS'],
        ...scale.map((s) => [`synthetic tree of ${s.size} files`, s.files ?? '?', fmtMs(s.ms), s.secondsPer10k.toFixed(2), mb(s.rssMb)]),
      ])
    : '';
  const pinnedRatio = pinnedEslint.median / pinned.cold.median;
  const pinnedTable = formatTable([
    ['regex-audit, pinned corpus', 'median', 'runs', 'vs eslint-plugin-redos', 'peak RSS (process tree)', 'patterns', 'to recheck', 'incomplete'],
    ['eslint 10 + eslint-plugin-redos (no cache)', pinnedEslint.timedOut ? `> ${fmtMs(pinnedEslint.median)} (killed)` : fmtMs(pinnedEslint.median), pinnedEslint.runs, '1.0x', mb(pinnedEslint.rssMb), '', '', ''],
    ['authkit regex-audit, cold', fmtMs(pinned.cold.median), pinned.cold.runs, `${pinnedRatio.toFixed(1)}x`, mb(pinned.cold.rssMb), pinned.stats.uniquePatterns, pinned.stats.fallbackPatterns, pinned.incomplete],
    ['authkit regex-audit, warm', fmtMs(pinned.warm.median), pinned.warm.runs, `${(pinnedEslint.median / pinned.warm.median).toFixed(1)}x`, mb(pinned.warm.rssMb), '', '', ''],
    ...memory.map((m) => [`authkit regex-audit, cold, ${m.name} (memory)`, fmtMs(m.cold.median), 1, '', mb(m.cold.rssMb), m.stats.uniquePatterns, m.stats.fallbackPatterns, m.incomplete]),
    ['authkit regex-audit, the hostile TypeScript file', fmtMs(hostile.ms), 1, '', mb(hostile.rssMb), '', '', ''],
  ]);
  notes.push(
    `Pinned corpus: ${Object.entries(PINNED_COMPARISON).map(([n, v]) => `${n}@${v}`).join(', ')}; authkit ${pinned.findings.total} findings, eslint ${pinnedEslint.problems ?? '?'} problems. Comparison corpus: ${authkit.stats.fallbackPatterns} of ${authkit.stats.uniquePatterns} patterns went to recheck, ${authkit.incomplete} incomplete.`,
    `Hostile file: exit ${hostile.code}, ${hostile.messages} input error(s) naming ${hostile.namesFile ? 'slow.ts' : 'another file'}, ${hostile.others} finding(s) in the other file.`,
  );
  return { table, scaleTable, pinnedTable, notes, authkit, eslint, extraction, scale, coldRatio, warmRatio, packages, pinned, pinnedEslint, pinnedRatio, memory, hostile };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runRegexBench();
  process.stdout.write(`${result.table}\n\n${result.scaleTable ? `${result.scaleTable}\n\n` : ''}${result.notes.join('\n')}\n`);
  const targets = [
    [`cold >= 20x faster than eslint-plugin-redos`, result.coldRatio >= 20],
    [`warm rerun < 1 s`, result.authkit.warm.median < 1000],
    [`peak RSS < 300 MB`, [result.authkit.cold, result.authkit.warm, ...result.scale].every((r) => (r.rssMb ?? 0) < 300)],
  ];
  process.stdout.write(`\n${targets.map(([name, ok]) => `${ok ? 'met    ' : 'MISSED '} ${name}`).join('\n')}\n`);
}

