import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, parseJson } from '../helpers/cli.js';
import { makeToken } from '../jwt/helpers.js';
import { expectNoStackTrace, expectOneLineErrors, run, scratchDir, unprivilegedPrefix } from './support.js';

// The bad input matrix of issue 7, end to end through the built CLI. Each command gets every bad
// input in ONE run next to good ones: each bad one must cost exactly one `authkit: <path>: <problem>`
// line, the good ones must still be reported, and the exit status is 2.

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const TOKEN = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'reliability', iat: 1767225000, exp: 1767225600 }, 'a-long-enough-secret-for-the-fixture-0001');
const KEYS = join(ROOT, 'test/jwt/fixtures/keys');

let dir: string;
let prefix: string[];
const f = (name: string) => join(dir, name);

const BAD_PROBLEMS = {
  missing: /no such file or directory/,
  binary: /binary file/,
  encoding: /not valid UTF-8/,
  large: /50\.0 MiB, over the .* limit/,
  loop: /symbolic links|symlink loop/,
  permission: /permission denied/,
};

/** Writes the same set of bad inputs for one file extension; returns display path => problem. */
function badInputs(ext: string): Record<string, RegExp> {
  writeFileSync(f(`nul${ext}`), Buffer.concat([Buffer.from('const a = 1;\n'), Buffer.from([0, 1, 2, 0xff]), Buffer.from('\n')]));
  writeFileSync(f(`latin1${ext}`), Buffer.from('caf\xe9 = /x/\n', 'latin1'));
  writeFileSync(f(`big${ext}`), '');
  truncateSync(f(`big${ext}`), 50 * 1024 * 1024); // sparse: the size check must refuse it before reading
  symlinkSync(`loop-b${ext}`, f(`loop-a${ext}`));
  symlinkSync(`loop-a${ext}`, f(`loop-b${ext}`));
  writeFileSync(f(`unreadable${ext}`), 'secret\n');
  chmodSync(f(`unreadable${ext}`), 0o000);
  return {
    [`missing${ext}`]: BAD_PROBLEMS.missing,
    [`nul${ext}`]: BAD_PROBLEMS.binary,
    [`latin1${ext}`]: BAD_PROBLEMS.encoding,
    [`big${ext}`]: BAD_PROBLEMS.large,
    [`loop-a${ext}`]: BAD_PROBLEMS.loop,
    [`unreadable${ext}`]: BAD_PROBLEMS.permission,
  };
}

let bad: Record<string, Record<string, RegExp>>;

beforeAll(() => {
  const wrapper = unprivilegedPrefix();
  if (wrapper === null) throw new Error('running as root without setpriv or runuser: cannot make a file truly unreadable');
  prefix = wrapper;
  dir = scratchDir('bad-input');
  bad = { '.cron': badInputs('.cron'), '.js': badInputs('.js'), '.txt': badInputs('.txt') };
  mkdirSync(f('adir'));
  writeFileSync(f('good.cron'), 'MAILTO=""\n*/5 * * * * cd /srv && ./run.sh\n');
  writeFileSync(f('bom.cron'), Buffer.concat([BOM, Buffer.from('* * * * * cd /srv && ./run.sh\n')]));
  writeFileSync(f('good.js'), 'export const re = /^(a+)+$/;\nre.test(input);\n');
  writeFileSync(f('bom.js'), Buffer.concat([BOM, Buffer.from('const re = /(x+x+)+y/;\nre.test(s);\n')]));
  writeFileSync(f('good.txt'), `Authorization: Bearer ${TOKEN}\n`);
  writeFileSync(f('bom.txt'), Buffer.concat([BOM, Buffer.from(`${TOKEN}\n`)]));
  writeFileSync(f('not-a-key.pem'), 'hello, I am not a key\n');
  writeFileSync(f('broken.config.json'), '{\n  "rules": {\n    "jwt/alg-none": "off",,\n  }\n}\n');
  writeFileSync(f('wrong.config.json'), '{"rules":{"jwt/no-such-rule":"error"}}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asUser = () => ({ cwd: dir, prefix, env: { AUTHKIT_CACHE_DIR: join(dir, '.cache') } });

describe('bad inputs next to good ones, one run per command', () => {
  it('cron-lint: each bad file is one line, the good ones are linted, BOM stripped, exit 2', async () => {
    const paths = ['good.cron', ...Object.keys(bad['.cron']!), 'bom.cron'];
    const r = await run(['cron-lint', ...paths, '--format', 'json'], asUser());
    expectNoStackTrace(r);
    expect(r.code).toBe(2);
    expectOneLineErrors(r.stderr, bad['.cron']!);
    const report = parseJson(r);
    expect(report.files.map((x: { file: string }) => x.file)).toEqual(['good.cron', 'bom.cron']);
    expect(report.files[1].jobs[0]).toMatchObject({ line: 1, schedule: '* * * * *' });
    expect(report.errors).toHaveLength(6);
  });

  it('regex-audit: each bad file is one line, the good ones are audited, BOM columns stay right, exit 2', async () => {
    const paths = ['good.js', ...Object.keys(bad['.js']!), 'bom.js', 'adir'];
    const r = await run(['regex-audit', ...paths, '--format', 'json', '--no-cache'], asUser());
    expectNoStackTrace(r);
    expect(r.code).toBe(2);
    expectOneLineErrors(r.stderr, bad['.js']!);
    const found = parseJson(r).findings.map((x: { file: string; line: number; column: number }) => [x.file, x.line, x.column]);
    expect(found).toEqual(expect.arrayContaining([['good.js', 1, 19], ['bom.js', 1, 12]]));
  });

  it('session-audit: the same bad files get the same one line each as in regex-audit and scan (issue 24), exit 2', async () => {
    const paths = ['good.js', ...Object.keys(bad['.js']!), 'bom.js'];
    const r = await run(['session-audit', ...paths, '--format', 'json'], asUser());
    expectNoStackTrace(r);
    expect(r.code).toBe(2);
    expectOneLineErrors(r.stderr, bad['.js']!);
    const audit = await run(['regex-audit', ...paths, '--format', 'json', '--no-cache'], asUser());
    const lines = (out: string) => out.split('\n').filter(Boolean).sort();
    expect(lines(r.stderr)).toEqual(lines(audit.stderr));
  });

  it('scan: each bad file is one line, the good ones are scanned, exit 2', async () => {
    const paths = ['good.js', 'good.cron', 'good.txt', ...Object.keys(bad['.js']!), ...Object.keys(bad['.cron']!), 'bom.js', 'adir'];
    const r = await run(['scan', ...paths, '--format', 'json'], asUser());
    expectNoStackTrace(r);
    expect(r.code).toBe(2);
    expectOneLineErrors(r.stderr, { ...bad['.js']!, ...bad['.cron']! });
    const files = new Set(parseJson(r).findings.map((x: { file: string }) => x.file));
    expect(files).toEqual(new Set(['good.js', 'good.cron', 'good.txt', 'bom.js']));
  });

  it('decode --file: each bad file or a directory is one line, tokens in the good ones are decoded, exit 2', async () => {
    const paths = ['good.txt', ...Object.keys(bad['.txt']!), 'adir', 'bom.txt'];
    const r = await run(['decode', ...paths.flatMap((p) => ['--file', p]), '--json', '--weak-secret-limit', '0'], asUser());
    expectNoStackTrace(r);
    expect(r.code).toBe(2);
    expectOneLineErrors(r.stderr, { ...bad['.txt']!, adir: /is a directory/ });
    expect(parseJson(r).tokens.map((t: { file: string; line: number; column: number }) => [t.file, t.line, t.column])).toEqual([
      ['good.txt', 1, 23],
      ['bom.txt', 1, 1],
    ]);
  });

  it('verify --key and sign --key: every unusable key file is one line naming it, exit 2', async () => {
    const cases: [string[], string, RegExp][] = [
      ...Object.entries(bad['.txt']!).map(([path, problem]): [string[], string, RegExp] => [['verify', TOKEN, '--key', path], path, problem]),
      [['verify', TOKEN, '--key', 'adir'], 'adir', /is a directory/],
      [['verify', TOKEN, '--key', 'not-a-key.pem'], 'not-a-key.pem', /not a key/],
      [['verify', TOKEN, '--key', join(KEYS, 'x25519-or-missing.pem')], join(KEYS, 'x25519-or-missing.pem'), /no such file/],
      [['sign', '--key', join(KEYS, 'ec-public.pem')], join(KEYS, 'ec-public.pem'), /needs a private key/],
      [['sign', '--key', 'not-a-key.pem'], 'not-a-key.pem', /not a key/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args, asUser())));
    results.forEach((r, i) => {
      const [, path, problem] = cases[i]!;
      expectNoStackTrace(r);
      expect(r.code, r.stderr).toBe(2);
      expectOneLineErrors(r.stderr, { [path]: problem });
    });
  });

  it('verify with a key of the wrong type fails the check and names the key type (exit 1), never crashes', async () => {
    const rs256 = await run(['sign', '--key', join(KEYS, 'rsa-private.pem'), '--claim', 'sub=1']);
    const r = await run(['verify', rs256.stdout.trim(), '--key', join(KEYS, 'ec-public.pem')]);
    expectNoStackTrace(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('RS256 is not allowed: the key (EC P-256 public key) permits ES256');
    const confusion = await run(['verify', TOKEN, '--key', join(KEYS, 'rsa-public.pem')]);
    expect(confusion.code).toBe(1);
    expect(confusion.stdout).toContain('key-confusion');
  });

  it('a malformed or invalid config is one line naming the file, for every command that reads it (exit 2)', async () => {
    // One command per way of reading the config: decode (jwt options), cron-lint, scan (all domains).
    const commands = [
      ['decode', TOKEN],
      ['cron-lint', 'good.cron'],
      ['scan', 'good.js'],
    ];
    const runs = await Promise.all(
      commands.flatMap((args) => [
        run(['-c', 'broken.config.json', ...args], { cwd: dir, env: { S: 'x', AUTHKIT_CACHE_DIR: join(dir, '.cache') } }),
        run(['-c', 'wrong.config.json', ...args], { cwd: dir, env: { S: 'x', AUTHKIT_CACHE_DIR: join(dir, '.cache') } }),
      ]),
    );
    runs.forEach((r, i) => {
      expectNoStackTrace(r);
      expect(r.code, `${commands[i >> 1]!.join(' ')}: ${r.stderr}`).toBe(2);
      if (i % 2 === 0) expectOneLineErrors(r.stderr, { 'broken.config.json': /invalid JSON at line 3, column \d+/ });
      else expectOneLineErrors(r.stderr, { 'wrong.config.json': /rules\["jwt\/no-such-rule"\]: unknown rule id/ });
    });
  });
});

describe('standard input', () => {
  it('empty stdin, /dev/null and a closed fd 0 give one line and exit 2 where input is required', async () => {
    const runs = await Promise.all([
      run(['decode', '-'], { input: '' }),
      run(['decode', '-'], { stdin: 'devnull' }),
      run(['decode', '-'], { stdin: 'closed' }),
      run(['regex-audit', '-'], { input: '' }),
      run(['regex-audit', '-'], { stdin: 'closed' }),
      run(['verify', '-', '--secret-env', 'S'], { stdin: 'devnull', env: { S: 'x' } }),
    ]);
    for (const r of runs) {
      expectNoStackTrace(r);
      expect(r.code, r.stderr).toBe(2);
      expectOneLineErrors(r.stderr, { '-': /empty|no patterns|no JWT|not a JWT/i });
    }
  });

  it('empty, closed or /dev/null stdin is an input error, never a clean input (issue 24)', async () => {
    const [cron, closed, scan] = await Promise.all([run(['cron-lint', '-'], { input: '' }), run(['cron-lint', '-'], { stdin: 'closed' }), run(['scan', '-'], { stdin: 'devnull', env: { AUTHKIT_CACHE_DIR: join(dir, '.cache') } })]);
    for (const r of [cron, closed, scan]) {
      expectNoStackTrace(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('authkit: -: empty input (nothing on standard input)\n');
    }
  });

  it('NUL bytes, invalid UTF-8 and a BOM on stdin', async () => {
    const [nul, latin1, bom] = await Promise.all([
      run(['decode', '-'], { input: Buffer.from(`${TOKEN}\0\n`) }),
      run(['cron-lint', '-'], { input: Buffer.from('* * * * * caf\xe9\n', 'latin1') }),
      run(['decode', '-', '--json', '--weak-secret-limit', '0'], { input: Buffer.concat([BOM, Buffer.from(TOKEN)]) }),
    ]);
    expectNoStackTrace(nul);
    expect(nul.code).toBe(2);
    expectOneLineErrors(nul.stderr, { '-': /binary/ });
    expectNoStackTrace(latin1);
    expect(latin1.code).toBe(2);
    expectOneLineErrors(latin1.stderr, { '-': /not valid UTF-8/ });
    expect(parseJson(bom).tokens[0]).toMatchObject({ file: '-', line: 1, column: 1 });
  });

  it('a 1 MB token decodes and verifies without trouble', async () => {
    const huge = makeToken({ alg: 'HS256' }, { sub: 'big', blob: 'a'.repeat(750_000) }, 'a-long-enough-secret-for-the-fixture-0001');
    expect(huge.length).toBeGreaterThan(1_000_000);
    const [decoded, verified] = await Promise.all([
      run(['decode', '-', '--json', '--weak-secret-limit', '0'], { input: huge }),
      run(['verify', '-', '--secret-env', 'S', '--json'], { input: huge, env: { S: 'a-long-enough-secret-for-the-fixture-0001' } }),
    ]);
    expectNoStackTrace(decoded);
    expect(parseJson(decoded).tokens).toHaveLength(1);
    expectNoStackTrace(verified);
    expect(parseJson(verified).signatureValid).toBe(true);
    // The signature of the fixture never comes back, however long the token.
    expect(decoded.stdout).not.toContain(huge.slice(huge.lastIndexOf('.') + 1));
  });

  it('10,000 tokens on stdin are all decoded in one run', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) lines.push(`Authorization: Bearer ${makeToken({ alg: 'HS256' }, { sub: String(i), iat: 1767225000, exp: 1767225300 }, `k${i}`)}`);
    // Every token is valid at --now (issued 100 s before, 5 minutes of lifetime): no finding, exit 0.
    const r = await run(['decode', '-', '--json', '--now', '1767225100'], { input: `${lines.join('\n')}\n` });
    expectNoStackTrace(r);
    expect(r.code).toBe(0);
    const report = parseJson(r);
    expect(report.tokens).toHaveLength(10_000);
    expect(report.tokens[9999]).toMatchObject({ line: 10_000, payload: { sub: '9999' } });
  });
});

describe('the scratch files are what the tests say', () => {
  it('the unreadable files really are unreadable for the user the CLI runs as', async () => {
    // Proves the permission case is not passing by accident under root.
    const r = await run(['cron-lint', 'unreadable.cron'], asUser());
    expect(r.stderr).toContain('permission denied');
    expect(readFileSync(f('good.cron'), 'utf8')).toContain('*/5');
  });
});
