import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../../helpers/cli.js';
import { sarifErrors } from '../../helpers/sarif.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const PROJECT = join(FIXTURES, 'project');
const CLEAN = join(FIXTURES, 'clean');
const scratch = mkdtempSync(join(tmpdir(), 'authkit-regex-cli-'));
// One cache for the suite, so that each pattern is analysed once; tests about the cache use their own.
const SHARED_CACHE = join(scratch, 'shared-cache');
const env = { AUTHKIT_CACHE_DIR: SHARED_CACHE };
const TIMEOUT = 120_000;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const byRule = (report: any) => report.findings.map((f: any) => [f.ruleId, f.file, f.line, f.column, f.severity]);

describe('authkit regex-audit on a directory', () => {
  it('proves the seed pattern exponential with a measured attack, and reports every kind of finding', { timeout: TIMEOUT }, async () => {
    const result = await runCli(['regex-audit', '--format', 'json'], { cwd: PROJECT, env });
    // src/broken.js does not parse: an input error (exit 2), the rest still audited.
    expect(result.code).toBe(2);
    const report = parseJson(result);
    expect(report.errors).toEqual([{ file: 'src/broken.js', message: 'cannot parse (Expected function name at line 3); checked what parsed' }]);
    expect(byRule(report)).toEqual([
      // auth-related first: the schema (email) and the login form
      ['regex/redos-exponential', 'schemas/email.schema.json', 4, 45, 'error'],
      ['regex/redos-exponential', 'src/auth/login.ts', 3, 24, 'error'],
      ['regex/invalid-pattern', 'src/build.js', 2, 23, 'error'],
      ['regex/redos-polynomial', 'src/util.js', 2, 38, 'error'],
      ['meta/unused-suppression', 'src/util.js', 6, 4, 'warning'],
    ]);
    const seed = report.findings[1];
    expect(seed.data).toMatchObject({ pattern: '^(\\w+\\s?)*$', flags: '', complexity: 'exponential', confirmed: true, auth: true, identifier: 'NAME_RE', usages: ['test'] });
    expect(seed.data.measuredMs).toBeGreaterThanOrEqual(100);
    expect(seed.data.inputLength).toBeGreaterThan(0);
    expect(seed.data.inputLength).toBeLessThanOrEqual(50_000);
    expect(typeof seed.data.attack).toBe('string');
    expect(seed.message).toMatch(/backtracks exponentially: [\d.]+ (ms|s) on a \d+-character input$/);
    expect(report.findings[3].data).toMatchObject({ pattern: '^\\s*|\\s*$', flags: 'g', usages: ['replace'], auth: false });
    expect(report.findings.every((f: any) => typeof f.fingerprint === 'string')).toBe(true);
    expect(report.stats).toMatchObject({ files: 6, regexes: 8 });
    // identical (pattern, flags) pairs are analysed once: the seed appears twice, /^[a-z]+$/ four times
    expect(report.stats.uniquePatterns).toBe(5);
  });

  it('shows the hotspot, the attack, the measured time and a fix in the human report', { timeout: TIMEOUT }, async () => {
    const result = await runCli(['regex-audit', '--no-color'], { cwd: PROJECT, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('authkit: src/broken.js: cannot parse (Expected function name at line 3); checked what parsed\n');
    expect(result.stdout).toMatch(/; 1 input not read or not parsed \(listed on stderr\)\n$/);
    const lines = result.stdout.split('\n');
    const patternLine = lines.findIndex((l) => l.trim() === '/^(\\w+\\s?)*$/');
    expect(patternLine).toBeGreaterThan(-1);
    expect(lines[patternLine + 1]).toMatch(/^\s+\^+$/);
    // the caret sits under the pattern, inside the slashes
    const caretStart = lines[patternLine + 1]!.indexOf('^');
    expect(caretStart).toBeGreaterThan(lines[patternLine]!.indexOf('/'));
    expect(result.stdout).toMatch(/measured [\d.]+ (ms|s) on a \d+-character input/);
    expect(result.stdout).toMatch(/attack {2}\S/);
    expect(result.stdout).toMatch(/fix {5}\S/);
    expect(result.stdout).toContain('[auth]');
    expect(result.stdout).toContain('src/auth/login.ts');
  });

  it('keeps only auth-related findings with --auth-only', { timeout: TIMEOUT }, async () => {
    const report = parseJson(await runCli(['regex-audit', '--auth-only', '--json'], { cwd: PROJECT, env }));
    expect(report.findings.map((f: any) => f.file)).toEqual(['schemas/email.schema.json', 'src/auth/login.ts']);
    expect(report.findings.every((f: any) => f.data.auth === true)).toBe(true);
  });

  it('writes valid SARIF with the ReDoS detail in result.properties', { timeout: TIMEOUT }, async () => {
    const result = await runCli(['regex-audit', 'src', '--format', 'sarif'], { cwd: PROJECT, env });
    expect(result.code).toBe(2);
    const log = JSON.parse(result.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const seed = log.runs[0].results.find((r: any) => r.ruleId === 'regex/redos-exponential');
    // SARIF URIs are relative to the git repository root (here authkit's own), whatever the cwd.
    const root = log.runs[0].originalUriBaseIds['%SRCROOT%'].uri as string;
    expect(`${root}${seed.locations[0].physicalLocation.artifactLocation.uri}`).toBe(`${pathToFileURL(PROJECT).href.replace(/\/$/, '')}/src/auth/login.ts`);
    expect(seed.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 24 } });
    for (const key of ['pattern', 'flags', 'complexity', 'attack', 'confirmed', 'measuredMs', 'inputLength', 'auth']) expect(seed.properties).toHaveProperty(key);
    const ruleIds = log.runs[0].tool.driver.rules.map((r: any) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['regex/redos-exponential', 'regex/redos-polynomial', 'regex/analysis-incomplete', 'regex/invalid-pattern']));
    const notes = log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text);
    expect(notes.join('\n')).toContain('cannot parse (Expected function name at line 3)');
  });

  it('writes GitHub annotations', { timeout: TIMEOUT }, async () => {
    const result = await runCli(['regex-audit', 'src/auth', '--format', 'github'], { cwd: PROJECT, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=src\/auth\/login\.ts,line=3,/m);
  });

  it('exits 0 on a tree without findings, and 2 for a missing path while still reporting the rest', { timeout: TIMEOUT }, async () => {
    const clean = await runCli(['regex-audit', '.'], { cwd: CLEAN, env });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('no problems found in 1 input');

    const mixed = await runCli(['regex-audit', 'does-not-exist', 'src/auth', '--json'], { cwd: PROJECT, env });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('does-not-exist: no such file or directory');
    const report = parseJson(mixed);
    expect(report.findings.map((f: any) => f.ruleId)).toEqual(['regex/redos-exponential']);
  });
});

describe('authkit regex-audit --pattern and stdin', () => {
  it('audits one pattern from the command line', { timeout: TIMEOUT }, async () => {
    const result = await runCli(['regex-audit', '--pattern', '^(\\w+\\s?)*$', '--json'], { env });
    expect(result.code).toBe(1);
    const [finding] = parseJson(result).findings;
    expect(finding).toMatchObject({ ruleId: 'regex/redos-exponential', file: '<arg>', line: 1, column: 1 });
    expect(finding.data.confirmed).toBe(true);
  });

  it('uses --flags and reports a pattern that does not compile', { timeout: TIMEOUT }, async () => {
    const bad = await runCli(['regex-audit', '--pattern', 'a', '--flags', 'gg', '--json'], { env });
    expect(bad.code).toBe(1);
    expect(parseJson(bad).findings[0]).toMatchObject({ ruleId: 'regex/invalid-pattern', data: { pattern: 'a', flags: 'gg' } });
    const safe = await runCli(['regex-audit', '--pattern', '^[a-z]+$', '--flags', 'i'], { env });
    expect(safe.code).toBe(0);
  });

  it('reads patterns from stdin, one a line', { timeout: TIMEOUT }, async () => {
    const result = await runCli(['regex-audit', '-', '--json'], { env, input: '^[a-z]+$\n^(\\w+\\s?)*$\n\n(unclosed\n' });
    expect(result.code).toBe(1);
    expect(byRule(parseJson(result))).toEqual([
      ['regex/redos-exponential', '-', 2, 1, 'error'],
      ['regex/invalid-pattern', '-', 4, 1, 'error'],
    ]);
    const empty = await runCli(['regex-audit', '-'], { env, input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('-: no patterns on standard input');
  });

  it('refuses contradictory arguments with exit 2', async () => {
    const both = await runCli(['regex-audit', 'src', '--pattern', 'a']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --pattern or paths/);
    const badBudget = await runCli(['regex-audit', '--budget', 'soon', '--pattern', 'a']);
    expect(badBudget.code).toBe(2);
  });
});

describe('caches', () => {
  it('answers a rerun from the cache without parsing or analysing, and the cache holds no source text', { timeout: TIMEOUT }, async () => {
    const cacheDir = join(scratch, 'rerun-cache');
    const cold = parseJson(await runCli(['regex-audit', 'src/auth', '--json'], { cwd: PROJECT, env: { AUTHKIT_CACHE_DIR: cacheDir } }));
    expect(cold.stats).toMatchObject({ parsedFiles: 1, cachedFiles: 0, cachedVerdicts: 0, analysedPatterns: 1 });
    const warm = parseJson(await runCli(['regex-audit', 'src/auth', '--json'], { cwd: PROJECT, env: { AUTHKIT_CACHE_DIR: cacheDir } }));
    expect(warm.stats).toMatchObject({ parsedFiles: 0, cachedFiles: 1, cachedVerdicts: 1, analysedPatterns: 0 });
    expect(warm.findings.map((f: any) => f.data.measuredMs)).toEqual(cold.findings.map((f: any) => f.data.measuredMs));
    const files = readdirSync(cacheDir).sort();
    expect(files).toEqual(['extractions.json', 'verdicts.json']);
    for (const file of files) expect(readFileSync(join(cacheDir, file), 'utf8')).not.toContain('SECRET_MARKER');
  });

  it('neither reads nor writes a cache with --no-cache', { timeout: TIMEOUT }, async () => {
    const cacheDir = join(scratch, 'unused-cache');
    const result = await runCli(['regex-audit', 'src/auth', '--no-cache', '--json'], { cwd: PROJECT, env: { AUTHKIT_CACHE_DIR: cacheDir } });
    expect(result.code).toBe(1);
    expect(parseJson(result).stats).toMatchObject({ cachedFiles: 0, cachedVerdicts: 0, analysedPatterns: 1 });
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('recovers from a corrupt cache file', { timeout: TIMEOUT }, async () => {
    const cacheDir = join(scratch, 'corrupt-cache');
    await runCli(['regex-audit', 'src/auth', '--json'], { cwd: PROJECT, env: { AUTHKIT_CACHE_DIR: cacheDir } });
    const verdicts = join(cacheDir, 'verdicts.json');
    const text = readFileSync(verdicts, 'utf8');
    writeFileSync(verdicts, text.slice(0, text.length >> 1));
    const result = await runCli(['regex-audit', 'src/auth', '--json'], { cwd: PROJECT, env: { AUTHKIT_CACHE_DIR: cacheDir } });
    expect(result.code).toBe(1);
    expect(parseJson(result).findings[0].ruleId).toBe('regex/redos-exponential');
    expect(() => JSON.parse(readFileSync(verdicts, 'utf8'))).not.toThrow();
  });
});

describe('interrupted runs', () => {
  it('stops promptly on SIGINT without corrupting the cache, and the next run works', { timeout: TIMEOUT }, async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../../helpers/cli.js');
    const cacheDir = join(scratch, 'sigint-cache');
    // Fill the cache, then interrupt a run that has new patterns to analyse.
    await runCli(['regex-audit', 'src/auth', '--json'], { cwd: PROJECT, env: { AUTHKIT_CACHE_DIR: cacheDir } });
    const before = readFileSync(join(cacheDir, 'verdicts.json'), 'utf8');
    // A run that is certainly still going when the signal lands: dozens of distinct exponential
    // patterns that each need a confirming run of at least the budget, none of them cached yet.
    const busy = join(scratch, 'sigint-busy');
    mkdirSync(busy, { recursive: true });
    for (let i = 0; i < 40; i++) writeFileSync(join(busy, `p${i}.js`), `export const re${i} = /^(a${'b'.repeat(i)}|a${'b'.repeat(i)})*$/;\n`);
    const child = spawn(process.execPath, [BIN, 'regex-audit', busy, '--json'], { cwd: PROJECT, env: { ...process.env, AUTHKIT_CACHE_DIR: cacheDir, CI: '1' }, stdio: 'ignore' });
    // Listen before waiting, so a close is never missed.
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    await new Promise((r) => setTimeout(r, 700));
    expect(child.exitCode, 'the run ended before the signal: the workload is too small to prove the interrupt').toBeNull();
    const sentAt = Date.now();
    child.kill('SIGINT');
    const { code, signal } = await closed;
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(code ?? (signal === 'SIGINT' ? 130 : null)).toBe(130);
    const after = readFileSync(join(cacheDir, 'verdicts.json'), 'utf8');
    expect(() => JSON.parse(after)).not.toThrow();
    // The cache is replaced whole by rename, never left half-written: every earlier verdict is still there.
    expect(Object.keys(JSON.parse(after).entries)).toEqual(expect.arrayContaining(Object.keys(JSON.parse(before).entries)));
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const rerun = await runCli(['regex-audit', 'src/auth', '--json'], { cwd: PROJECT, env: { AUTHKIT_CACHE_DIR: cacheDir } });
    expect(rerun.code).toBe(1);
    expect(parseJson(rerun).stats.cachedVerdicts).toBe(1);
  });
});

describe('hostile input', () => {
  it('refuses a file that sends the native parser into quadratic time, names it once, and audits the rest', { timeout: TIMEOUT }, async () => {
    // oxc takes ~3 s and ~600 MB on these 52 KB (TypeScript type arguments that never close); the
    // parser process is killed at its CPU limit instead.
    const dir = join(scratch, 'hostile');
    mkdirSync(dir);
    writeFileSync(join(dir, 'slow.ts'), `${`<D\\\u{7b955}${' '.repeat(19)}`.repeat(2000)};x = /a/\n`);
    writeFileSync(join(dir, 'ok.js'), 'export const ok = (s) => /^(a+)+$/.test(s);\n');
    const result = await runCli(['regex-audit', '.', '--json'], { cwd: dir, env });
    expect(result.code).toBe(2);
    const report = parseJson(result);
    expect(byRule(report)).toEqual([['regex/redos-exponential', 'ok.js', 1, 26, 'error']]);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].file).toBe('slow.ts');
    expect(report.errors[0].message).toMatch(/^cannot parse \(not parsed: the parser used more than ([\d.]+ s|\d+ MB) on it at line 1\); not checked$/);
  });
});
