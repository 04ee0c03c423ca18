import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { b64, makeToken } from '../jwt/helpers.js';
import { expectNoStackTrace, expectOneLineErrors, run, scratchDir } from './support.js';

// Deep nesting must give a result or a clean error, never a RangeError or a native crash:
// JSON in a token, a config, a data file with patterns; JS/TS source; YAML; shell in a crontab.

const LEVELS = 100_000;
const SECRET = 'deep-recursion-fixture-secret-0123456789abcdef';
const arrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const objects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

let dir: string;
beforeAll(() => {
  dir = scratchDir('deep');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'arrays.config.json'), `{"rules":${arrays(LEVELS)}}`);
  writeFileSync(join(dir, 'objects.config.json'), objects(LEVELS));
  writeFileSync(join(dir, 'src/schema.json'), `{"pattern":"^(a+)+$","deep":${arrays(LEVELS)},"more":${objects(LEVELS)}}`);
  writeFileSync(join(dir, 'src/flow.yaml'), `pattern: "^(a+)+$"\nx: ${'{a: '.repeat(LEVELS)}\n`);
  writeFileSync(join(dir, 'src/seq.yml'), `regex: "(x+x+)+y"\nx: ${'- '.repeat(LEVELS)}1\n`);
  writeFileSync(join(dir, 'src/parens.js'), `const re = /(a+)+$/;\nre.test(${'('.repeat(LEVELS)}x${')'.repeat(LEVELS)});\n`);
  writeFileSync(join(dir, 'src/arrays.ts'), `export const re = /(a+)+$/;\nexport const x = ${arrays(LEVELS)};\n`);
  writeFileSync(join(dir, 'src/news.js'), `x = ${'new '.repeat(30_000)}/(a+)+$/;\n`);
  writeFileSync(join(dir, 'src/ternary.js'), `x = ${'a ? b : '.repeat(30_000)}/(a+)+$/;\n`);
  writeFileSync(join(dir, 'src/templates.js'), `x = ${'`${'.repeat(20_000)}/(a+)+$/${'}`'.repeat(20_000)};\n`);
  writeFileSync(join(dir, 'src/ok.js'), 'export const EMAIL = /^([a-z0-9]+\\.?)+@x\\.com$/;\nEMAIL.test(s);\n');
  // Within cron-lint's 8 KiB per-file budget for the shell parser, so both lines are really parsed.
  writeFileSync(join(dir, 'deep.crontab'), `* * * * * ${'$('.repeat(1000)}x${')'.repeat(1000)}\n0 * * * * ${'if true; then '.repeat(250)}x${'; fi'.repeat(250)}\n@daily /usr/bin/true\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`nesting ${LEVELS.toLocaleString('en-US')} levels deep`, () => {
  it('in a token payload: decode shows it as text, verify checks the signature, no stack overflow', async () => {
    const token = makeToken({ alg: 'HS256' }, arrays(LEVELS), SECRET);
    const objectsToken = `${b64('{"alg":"HS256"}')}.${b64(objects(LEVELS))}.c2ln`;
    const [decoded, verified, nestedHeader] = await Promise.all([
      run(['decode', '-', '--json', '--weak-secret-limit', '0'], { input: `${token}\n${objectsToken}\n` }),
      run(['verify', '-', '--secret-env', 'S', '--json'], { input: token, env: { S: SECRET } }),
      run(['decode', `${b64(`{"alg":"HS256","x":${arrays(5000)}}`)}.e30.c2ln`]),
    ]);
    expectNoStackTrace(decoded);
    const report = parseJson(decoded);
    expect(report.tokens.map((t: { payloadKind: string }) => t.payloadKind)).toEqual(['too-deep', 'too-deep']);
    expect(report.tokens[0].payloadNote).toContain(`nested ${LEVELS} levels deep`);
    expectNoStackTrace(verified);
    expect(parseJson(verified).signatureValid).toBe(true);
    expectNoStackTrace(nestedHeader);
    expect(nestedHeader.code).toBe(2);
    expectOneLineErrors(nestedHeader.stderr, { '<arg>': /nested 5001 levels deep/ });
  });

  it('in a config file: one line naming the file, exit 2', async () => {
    const [a, o] = await Promise.all([
      run(['-c', 'arrays.config.json', 'cron-lint', 'deep.crontab'], { cwd: dir }),
      run(['-c', 'objects.config.json', 'decode', 'x'], { cwd: dir }),
    ]);
    for (const [r, file] of [[a, 'arrays.config.json'], [o, 'objects.config.json']] as const) {
      expectNoStackTrace(r);
      expect(r.code).toBe(2);
      expectOneLineErrors(r.stderr, { [file]: /rules|unknown key|expected/ });
    }
  });

  it('in JSON and YAML pattern files and in JS/TS source: results or a "cannot parse" input error, the rest audited', async () => {
    // These one-line files look minified: --include-vendored keeps them in, as hostile input.
    const r = await run(['regex-audit', 'src', '--json', '--budget', '50', '--include-vendored'], { cwd: dir, env: { AUTHKIT_CACHE_DIR: join(dir, 'cache') }, timeoutMs: 300_000 });
    expectNoStackTrace(r);
    expect(r.code).toBe(2);
    const report = parseJson(r);
    const byFile = new Map<string, string[]>();
    for (const f of report.findings as { file: string; ruleId: string }[]) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f.ruleId]);
    // The iterative JSON scanner reads past the nesting and finds the pattern.
    expect(byFile.get('src/schema.json')).toContain('regex/redos-exponential');
    expect(byFile.get('src/ok.js')).toEqual(['regex/redos-exponential']);
    const unparsed = (report.errors as { file: string; message: string }[]).map((e) => e.file).sort();
    expect(unparsed).toEqual(['src/arrays.ts', 'src/flow.yaml', 'src/news.js', 'src/parens.js', 'src/seq.yml', 'src/templates.js', 'src/ternary.js']);
    for (const e of report.errors as { message: string }[]) expect(e.message).toMatch(/^cannot parse \(.+\); (not checked|checked what parsed)$/);
  }, 300_000);

  it('in a crontab command: said to be not checked (never called invalid shell), the other jobs still read', async () => {
    const r = await run(['cron-lint', 'deep.crontab', '--json'], { cwd: dir });
    expectNoStackTrace(r);
    const report = parseJson(r);
    expect(report.errors).toEqual([]);
    expect(report.files[0].jobs).toHaveLength(3);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'cron/invalid-line')).toEqual([]);
    // Line 1 nests 1,000 command substitutions; line 2's 250 nested `if`s pass the operator guard.
    expect(report.notes).toEqual([
      { file: 'deep.crontab', message: 'the shell syntax of 2 job commands (lines 1, 2) were not checked: nested more than 100 levels deep, too deep to check' },
    ]);
    const scanned = parseJson(await run(['scan', 'deep.crontab', '--json'], { cwd: dir }));
    expect(scanned.notes).toContainEqual(report.notes[0]);
  });
});

it('JSX: 20,000 flat siblings are parsed and checked, 12,000 nested elements are refused as too deep', async () => {
  // The guard once counted every sibling's `<`, `/` and `>` as one chain and refused the flat file.
  const scratch = scratchDir('jsx');
  try {
    const items = Array.from({ length: 20_000 }, (_, i) => `<li key="${i}">Item ${i}? yes.</li><br />\n`).join('');
    writeFileSync(join(scratch, 'flat.jsx'), `export const List = () => <ul>${items}</ul>;\nlocalStorage.setItem('t', token);\n`);
    writeFileSync(join(scratch, 'deep.jsx'), `export const x = ${'<a><b/>'.repeat(12_000)}${'</a>'.repeat(12_000)};\n`);
    const r = await run(['scan', 'flat.jsx', 'deep.jsx', '--json'], { cwd: scratch, timeoutMs: 120_000 });
    expectNoStackTrace(r);
    expect(r.code).toBe(2);
    const report = parseJson(r);
    expect(report.findings.map((f: { file: string; ruleId: string; line: number }) => [f.file, f.ruleId, f.line])).toEqual([['flat.jsx', 'session/token-in-web-storage', 20_002]]);
    expect(report.errors.map((e: { file: string; message: string }) => [e.file, e.message])).toEqual([['deep.jsx', expect.stringMatching(/^cannot parse \(not parsed: more than 20000 chained operators/)]]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}, 120_000);
