import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { b64 } from '../jwt/helpers.js';
import { expectNoStackTrace, run, scratchFolder } from './support.js';

// Issue 25 items 2 and 4: inputs of a few MB that used to hang (quadratic work) or crash (an
// unbounded array spread into a call). Generated here, not committed. The timeout only turns a hang
// into a failure; how time grows with size is the fuzz/bench suite's business, not a unit test's.

const HANG = { timeoutMs: 60_000 };

const { dir, f } = scratchFolder('big-inputs');

it('a HAR of 50,000 entries whose "request" key is escaped is read, and findings still point at the right header', async () => {
  const decoy = '{"r\\u0065quest":{},"response":{"status":200}}';
  // The last entry spells its keys with escapes too: a text search would never find them.
  const last =
    '{"request":{"method":"POST","url":"https://a.example/token","headers":[]},"r\\u0065sponse":{"status":200,' +
    '"h\\u0065aders":[{"n\\u0061me":"Cache-Control","value":"max-age=60"}],' +
    '"content":{"mimeType":"application/json","text":"{\\"access_token\\":\\"abc\\"}"}}}';
  const lines = [...Array(50_000).fill(decoy), last];
  writeFileSync(f('escaped.har'), `{"log":{"entries":[\n${lines.join(',\n')}\n]}}`);
  const result = await run(['session-audit', 'escaped.har', '--json'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  const cacheable = parseJson(result).findings.filter((x: { ruleId: string }) => x.ruleId === 'session/token-response-cacheable');
  expect(cacheable).toHaveLength(1);
  const lastLine = 50_000 + 2;
  expect(cacheable[0]).toMatchObject({ line: lastLine, column: last.indexOf('"max-age=60"') + 1, data: { entry: 50_000 } });
});

it('a HAR nested deeper than a recursive parser can go is still read', async () => {
  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  writeFileSync(f('deep.har'), `{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example/","headers":[]},"response":{"status":200,"headers":[]}}]},"x":${deep}}`);
  const result = await run(['session-audit', 'deep.har', '--json'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  expect(result.code).not.toBe(2);
  expect(parseJson(result).errors).toEqual([]);
});

describe('20,000 findings on one 1 MB line', () => {
  const LINE = `const r=await fetch("/login");const {access_token}=await r.json();${'localStorage.setItem("a",access_token);'.repeat(20_000)}`;
  // The documented fingerprint: sha256 of rule, path, whitespace-normalised line and occurrence index.
  const expected = (n: number) => createHash('sha256').update(`session/token-in-web-storage\0app.js\0${LINE}\0${n}`).digest('hex').slice(0, 32);

  beforeAll(() => writeFileSync(f('app.js'), LINE));

  it.each([['session-audit'], ['scan']])('%s --json fingerprints every finding, with the same fingerprints as before', async (command) => {
    const result = await run([command, 'app.js', '--json'], { cwd: dir, ...HANG });
    expectNoStackTrace(result);
    const findings = parseJson(result).findings.filter((x: { ruleId: string }) => x.ruleId === 'session/token-in-web-storage');
    expect(findings).toHaveLength(20_000);
    expect(new Set(findings.map((x: { fingerprint: string }) => x.fingerprint)).size).toBe(20_000);
    for (const n of [0, 1, 19_999]) expect(findings[n].fingerprint).toBe(expected(n));
  });

  it('baseline records them all, and a scan against it reports none', async () => {
    const written = await run(['baseline', 'app.js', '-o', 'baseline.json'], { cwd: dir, ...HANG });
    expectNoStackTrace(written);
    expect(written.code).toBe(0);
    const fingerprints: string[] = JSON.parse(readFileSync(f('baseline.json'), 'utf8')).fingerprints;
    expect(fingerprints).toContain(expected(19_999));
    const again = await run(['scan', 'app.js', '--baseline', 'baseline.json', '--json'], { cwd: dir, ...HANG });
    expect(parseJson(again).findings).toEqual([]);
  });
});

describe('a crontab of 200,000 jobs', () => {
  beforeAll(() => writeFileSync(f('crontab'), '* * * * * a\n'.repeat(200_000)));

  it.each([['stylish'], ['json']])('is linted in %s without a stack overflow', async (format) => {
    const result = await run(['cron-lint', 'crontab', '--user', '--format', format], { cwd: dir, ...HANG });
    expectNoStackTrace(result);
    expect(result.code).not.toBe(2);
    // Every job's finding, the first 10,000 jobs listed, and a note for the rest (a record per
    // job made a million jobs take 3.3 GB).
    expect(result.stderr).toBe('authkit: note: crontab: 200000 jobs: the first 10000 are listed, the other 190000 only by their findings\n');
    if (format === 'stylish') {
      expect(result.stdout).toContain('(user crontab, 200000 jobs)');
      expect(result.stdout).toContain('… 190000 more, not listed (their findings are below)');
      expect(result.stdout).toMatch(/^ {2}200000:11 +warning +'a' is not part of a base system/m);
    } else {
      const report = parseJson(result);
      expect(report.files[0].jobs).toHaveLength(10_000);
      expect(report.files[0].jobsNotListed).toBe(190_000);
      expect(report.findings.filter((x: { ruleId: string }) => x.ruleId === 'cron/relative-binary')).toHaveLength(200_000);
    }
  });
});

it('session-audit reports 160,000 findings of one HAR and 120,000 of a curl dump on standard input, in full', async () => {
  // Some 110,000 findings of one input overflowed the stack where they were spread into a push.
  const entry = '{"request":{"method":"GET","url":"https://a.example/","headers":[]},"response":{"status":200,"headers":[{"name":"Set-Cookie","value":"sid=1; Path=/"}]}}';
  writeFileSync(f('many.har'), `{"log":{"entries":[${Array(40_000).fill(entry).join(',')}]}}`);
  const har = await run(['session-audit', 'many.har', '--json'], { cwd: dir, ...HANG });
  expectNoStackTrace(har);
  expect(har.code).toBe(1);
  expect(parseJson(har).findings).toHaveLength(160_000);
  const stylish = await run(['session-audit', 'many.har'], { cwd: dir, ...HANG });
  expectNoStackTrace(stylish);
  expect(stylish.stdout).toMatch(/✖ 160000 problems \(40000 errors, 120000 warnings, 0 info\)/);
  const dump = `HTTP/1.1 200 OK\n${Array.from({ length: 40_000 }, (_, i) => `Set-Cookie: sid=${i}; Path=/\n`).join('')}\n`;
  const curl = await run(['session-audit', '-', '--stdin-filename', 'dump.txt', '--json'], { cwd: dir, input: dump, ...HANG });
  expectNoStackTrace(curl);
  const cookies = parseJson(curl).findings.filter((x: { ruleId: string }) => x.ruleId.startsWith('session/cookie-'));
  expect(cookies).toHaveLength(120_000);
  expect(cookies.at(-1)).toMatchObject({ file: 'dump.txt', line: 40_001 });
});

it('a crontab of 1,000,000 jobs on standard input is linted within a 400 MB heap', async () => {
  // The parse alone used to take ~800 bytes a 12-byte line (1.4 GB peak, 1.27 GB then a crash
  // before that); the heap cap turns a return to that into a failure. It needs ~250 MB now.
  const result = await run(['cron-lint', '-', '--user'], { cwd: dir, input: '* * * * * a\n'.repeat(1_000_000), nodeArgs: ['--max-old-space-size=400'], ...HANG });
  expectNoStackTrace(result);
  expect(result.signal).toBeNull();
  // Warnings only: below the default --fail-on error.
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^ {2}1000000:11 +warning +'a' is not part of a base system/m);
  expect(result.stdout).toContain('✖ 1000001 problems (0 errors, 1000001 warnings, 0 info)');
});

it('a crontab of 100,000 assignments between jobs is read in one pass, and each job sees the assignments before it', async () => {
  // The environment used to be a map copied at each assignment: 40,000 NAME=value lines took 95 s.
  // Each job gets its own CRON_TZ (cronie honours it), and every name is new.
  const lines = Array.from({ length: 100_000 }, (_, i) => `V${i}=x\nCRON_TZ=Zone/${i}\n* * * * * root /bin/true\n`);
  // The same name set once more after the last job changes nothing before it; SHELL set late
  // does not reach the bash-only job above it.
  lines.push('* * * * * root [[ -e /tmp ]] && /bin/true\nSHELL=/bin/bash\n');
  writeFileSync(f('env.cron'), lines.join(''));
  const result = await run(['cron-lint', 'env.cron', '--system', '--target', 'rhel', '--json'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  const report = parseJson(result);
  const jobs = report.files[0].jobs as { line: number; timeZone?: string }[];
  expect(jobs).toHaveLength(10_000);
  for (const k of [0, 1, 4_999, 9_999]) expect(jobs[k]).toMatchObject({ line: 3 * k + 3, timeZone: `Zone/${k}` });
  const bashism = report.findings.filter((x: { ruleId: string }) => x.ruleId === 'cron/bashism-under-sh');
  expect(bashism).toMatchObject([{ line: 300_001 }]);
});

it('jobs sharing a schedule each get that schedule\'s findings at their own line and column', async () => {
  // Schedule checks are remembered per fields and columns: the replay must keep each job's place.
  const lines = Array.from({ length: 3_000 }, (_, i) => (i % 2 ? '* 3 * * * /bin/true\n' : '*  3 1 * 1 /bin/true\n'));
  writeFileSync(f('same.cron'), lines.join(''));
  const report = parseJson(await run(['cron-lint', 'same.cron', '--user', '--json'], { cwd: dir, ...HANG }));
  const at = (rule: string) => report.findings.filter((x: { ruleId: string }) => x.ruleId === rule).map((x: { line: number; column: number }) => [x.line, x.column]);
  expect(at('cron/every-minute-in-hour')).toEqual(Array.from({ length: 3_000 }, (_, i) => [i + 1, 1]));
  expect(at('cron/dom-dow-or')).toEqual(Array.from({ length: 1_500 }, (_, i) => [2 * i + 1, 6]));
});

it('cron shell commands left unread by the parse budget are reported in SARIF, github and JSON too, by scan as by cron-lint', async () => {
  const lines = Array.from({ length: 300 }, (_, i) => `* * * * * if [ -f /tmp/x${i} ]; then echo $(date) | tee -a /var/log/x${i}.log; fi\n`);
  writeFileSync(f('complex.cron'), lines.join(''));
  const NOTE = /^the shell syntax of \d+ job commands were not read \(the file's complex commands exceed 8 KiB\)$/;
  const sarif = parseJson(await run(['cron-lint', 'complex.cron', '--format', 'sarif'], { cwd: dir, ...HANG }));
  expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toContainEqual(expect.objectContaining({ level: 'warning', message: { text: expect.stringMatching(/^complex\.cron: the shell syntax/) } }));
  const json = parseJson(await run(['cron-lint', 'complex.cron', '--json'], { cwd: dir, ...HANG }));
  expect(json.notes).toEqual([{ file: 'complex.cron', message: expect.stringMatching(NOTE) }]);
  const github = await run(['cron-lint', 'complex.cron', '--format', 'github'], { cwd: dir, ...HANG });
  expect(github.stdout).toMatch(/^::warning title=authkit,file=complex\.cron::the shell syntax/m);
  expect(github.stderr).toMatch(/^authkit: note: complex\.cron: the shell syntax/m);
  // scan ran the same checks and said nothing of it.
  const scanned = parseJson(await run(['scan', 'complex.cron', '--json'], { cwd: dir, ...HANG }));
  expect(scanned.notes).toContainEqual({ file: 'complex.cron', message: expect.stringMatching(NOTE) });
});

it('decode of 120,000 tokens on standard input: every token decoded, the first 10,000 shown in full, no stack overflow', async () => {
  // Past ~110,000 findings push(...findings) overflowed the stack; the stylish text filtered every
  // finding for each token (quadratic: 4,000 tokens took 8 s, 40,000 would take over ten minutes).
  const token = `${b64(JSON.stringify({ alg: 'none' }))}.${b64(JSON.stringify({ sub: 'x' }))}.`;
  const result = await run(['decode', '-'], { cwd: dir, input: `${token}\n`.repeat(120_000), ...HANG });
  expectNoStackTrace(result);
  expect(result.code).toBe(1);
  // The first 10,000 in full, the rest by their findings, and a note says so (a full record per
  // token made 250,000 tokens take 2 GB).
  expect(result.stdout).toContain('Token 10000 ');
  expect(result.stdout).not.toContain('Token 10001 ');
  expect(result.stdout).toMatch(/^ {2}120000:1 +error +The token is unsecured/m);
  expect(result.stderr).toBe('authkit: note: 120,000 tokens decoded: the first 10,000 are shown in full, the other 110,000 only by their findings (decode fewer at a time to see them)\n');
  const json = parseJson(await run(['decode', '-', '--json'], { cwd: dir, input: `${token}\n`.repeat(120_000), ...HANG }));
  expect(json.tokens).toHaveLength(10_000);
  expect(json.tokensNotListed).toBe(110_000);
  expect(json.notes).toEqual([{ message: expect.stringMatching(/^120,000 tokens decoded/) }]);
  expect(json.findings.filter((x: { ruleId: string }) => x.ruleId === 'jwt/alg-none')).toHaveLength(120_000);
  expect(json.findings.at(-1)).toMatchObject({ line: 120_000, data: { token: 120_000 } });
});

it('100,000 literal session keys in one array are looked up in the known-secrets list once each, and reported once', async () => {
  // Each lookup scanned the whole list (~0.2 ms): 200,000 keys took 60 s. Past a few lookups the
  // list is indexed. One array of keys is one mistake on one line: one finding.
  const keys = Array.from({ length: 100_000 }, (_, i) => `'rotation-key-${i}'`);
  writeFileSync(f('keys.js'), `const cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 's', keys: [${keys.join(',')}, 'secret'] }));\n`);
  const result = await run(['session-audit', 'keys.js', '--json'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  const secrets = parseJson(result).findings.filter((x: { ruleId: string }) => x.ruleId === 'session/hardcoded-secret');
  expect(secrets).toHaveLength(1);
  expect(secrets[0]).toMatchObject({ line: 2, severity: 'error', data: { knownSecretLine: 40 } });
  expect(secrets[0].message).toContain('(100001 literals in one array)');
});

it('sign refuses a template nested 5,000 deep with one line instead of a stack overflow', async () => {
  writeFileSync(f('deep-template.json'), `{"header":{"alg":"HS256"},"payload":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`);
  writeFileSync(f('secret.txt'), 'a-long-enough-secret-for-the-fixture-0001\n');
  const result = await run(['sign', 'deep-template.json', '--secret-file', 'secret.txt'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe('authkit: the template is nested more than 500 levels deep\n');
});

it('a JS file of 110,000 storage calls is never reported clean: its findings, or an input error naming it', async () => {
  // scan said "no problems found" when the parser process refused this file for memory (4.4 MB).
  writeFileSync(f('storage.js'), `const r=await fetch("/login");const {access_token}=await r.json();\n${'localStorage.setItem("a",access_token);\n'.repeat(110_000)}`);
  for (const command of ['scan', 'session-audit']) {
    const result = await run([command, 'storage.js', '--json'], { cwd: dir, ...HANG });
    expectNoStackTrace(result);
    expect(result.code).not.toBe(0);
    const report = parseJson(result);
    const found = report.findings.filter((x: { ruleId: string }) => x.ruleId === 'session/token-in-web-storage').length;
    if (found === 0) expect(report.errors).toEqual([{ file: 'storage.js', message: expect.stringMatching(/^cannot parse \(not parsed: the parser used more than/) }]);
    else expect(found).toBe(110_000);
  }
});
