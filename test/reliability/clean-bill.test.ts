import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { b64 } from '../jwt/helpers.js';
import { expectNoStackTrace, run, scratchFolder } from './support.js';

// Issue 25 item 3: inputs that were reported clean (exit 0) while a live `alg: none` token sat in a
// part that was never examined.

const NONE = `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64(JSON.stringify({ sub: 'hidden' }))}.`;
const HANG = { timeoutMs: 60_000 };

const { dir, f } = scratchFolder('clean-bill');

const ruleIds = (result: { stdout: string; code: number | null; stderr: string }) => parseJson(result).findings.map((x: { ruleId: string }) => x.ruleId);

it('a token in a base64-encoded HAR response body is examined', async () => {
  const content = { mimeType: 'application/json', encoding: 'base64', text: Buffer.from(JSON.stringify({ access_token: NONE })).toString('base64') };
  const entry = { request: { method: 'POST', url: 'https://a.example/token', headers: [{ name: 'Cookie', value: 'sid=1' }] }, response: { status: 200, headers: [], content } };
  const text = JSON.stringify({ log: { entries: [entry] } }, null, 2);
  writeFileSync(f('b64.har'), text);
  const result = await run(['session-audit', 'b64.har', '--json'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  expect(result.code).toBe(1);
  const none = parseJson(result).findings.find((x: { ruleId: string }) => x.ruleId === 'jwt/alg-none');
  // Placed on the line of the encoded body, the only place the file has for it.
  expect(none).toMatchObject({ line: text.split('\n').findIndex((l) => l.includes('"text"')) + 1, data: { field: 'response body (base64)' } });
});

const DECOYS = 'eyJx.y.z\n'.repeat(200);

it('200 decoys before a real token do not hide it from scan', async () => {
  writeFileSync(f('decoys.txt'), `${DECOYS}${NONE}\n`);
  const result = await run(['scan', 'decoys.txt', '--json'], { cwd: dir, ...HANG });
  expect(result.code).toBe(1);
  expect(parseJson(result).findings).toEqual([expect.objectContaining({ ruleId: 'jwt/token-in-source', line: 201 })]);
});

it('200 decoys before a real token do not hide it in a HAR or a curl dump', async () => {
  const entries = [{ request: { method: 'GET', url: 'https://a.example/', headers: [{ name: 'Authorization', value: `Bearer ${NONE}` }] }, response: { status: 200, headers: [] } }];
  writeFileSync(f('decoys.har'), JSON.stringify({ log: { comment: DECOYS, entries } }));
  const har = await run(['session-audit', 'decoys.har', '--json'], { cwd: dir, ...HANG });
  expect(ruleIds(har)).toContain('jwt/alg-none');
  const curl = await run(['session-audit', '-', '--stdin-filename', 'dump.txt', '--json'], { cwd: dir, input: `HTTP/1.1 200 OK\nX-Decoys: ${DECOYS.replaceAll('\n', ' ')}\nAuthorization: Bearer ${NONE}\n\n`, ...HANG });
  expect(ruleIds(curl)).toContain('jwt/alg-none');
});

it('a JSON-escaped newline right before a token does not hide it', async () => {
  writeFileSync(f('log.json'), JSON.stringify({ message: `issued\n${NONE}` }));
  const scan = await run(['scan', 'log.json', '--json'], { cwd: dir, ...HANG });
  expect(parseJson(scan).findings).toEqual([expect.objectContaining({ ruleId: 'jwt/token-in-source' })]);
  const entries = [{ request: { method: 'GET', url: 'https://a.example/', headers: [] }, response: { status: 200, headers: [], content: { text: `issued\n${NONE}` } } }];
  // JSON.stringify writes the newline as `\n`, right before the token.
  writeFileSync(f('escaped.har'), JSON.stringify({ log: { entries } }));
  expect(ruleIds(await run(['session-audit', 'escaped.har', '--json'], { cwd: dir, ...HANG }))).toContain('jwt/alg-none');
});

it('a .har that is not a HAR is an input error, not a clean curl dump', async () => {
  writeFileSync(f('plain.har'), `some notes\nAuthorization: Bearer ${NONE}\n`);
  writeFileSync(f('wrapped.har'), JSON.stringify([{ log: { entries: [] } }]));
  writeFileSync(f('deep.har'), `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  const result = await run(['session-audit', 'plain.har', 'wrapped.har', 'deep.har'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^authkit: plain\.har: not valid HAR JSON/m);
  expect(result.stderr).toMatch(/^authkit: wrapped\.har: not a HAR file: no log\.entries array$/m);
  expect(result.stderr).toMatch(/^authkit: deep\.har: not a HAR file: no log\.entries array$/m);
  const scan = await run(['scan', 'plain.har', 'wrapped.har'], { cwd: dir, ...HANG });
  expect(scan.code).toBe(2);
  expect(scan.stderr).toMatch(/^authkit: plain\.har: not valid HAR JSON/m);
  expect(scan.stderr).toMatch(/^authkit: wrapped\.har: not a HAR file/m);
});

it('scan says it skipped a text file that is not UTF-8 (a Latin-1 log) instead of dropping it silently', async () => {
  writeFileSync(f('latin1.log'), Buffer.from(`caf\xe9 ${NONE}\n`, 'latin1'));
  writeFileSync(f('image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0xff]));
  const result = await run(['scan', '.', '--format', 'sarif'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  expect(result.stderr).toMatch(/^authkit: skipped .*latin1\.log \(not valid UTF-8 text\)/m);
  expect(result.stderr).not.toContain('image.bin');
  const notifications = parseJson(result).runs[0].invocations[0].toolExecutionNotifications;
  expect(notifications).toContainEqual(expect.objectContaining({ message: { text: 'skipped latin1.log: not valid UTF-8 text' } }));
});

it('session-audit of a folder reads a curl dump pasted with its shell prompt', async () => {
  mkdirSync(f('dumps'));
  writeFileSync(f('dumps/login.txt'), `$ curl -si https://api.example/auth/token\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{"access_token":"${NONE}"}\n`);
  const result = await run(['session-audit', 'dumps', '--json'], { cwd: dir, ...HANG });
  expect(ruleIds(result)).toContain('jwt/alg-none');
});

it('a workflow or CronJob manifest scan cannot parse is said to be unchecked; a Helm template stays quiet', async () => {
  mkdirSync(f('yaml/.github/workflows'), { recursive: true });
  mkdirSync(f('yaml/chart/templates'), { recursive: true });
  writeFileSync(f('yaml/.github/workflows/nightly.yml'), "on:\n  schedule:\n    - cron: '0 3 * * *'\njobs: [\n");
  writeFileSync(f('yaml/.github/workflows/deep.yml'), `on:\n  schedule:\n    - cron: '0 3 * * *'\n${'['.repeat(600)}\n`);
  writeFileSync(f('yaml/chart/templates/cronjob.yaml'), 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: {{ .Values.schedule | quote }}\n');
  const result = await run(['scan', 'yaml', '--json'], { cwd: dir, ...HANG });
  expectNoStackTrace(result);
  const notes = parseJson(result).notes.map((n: { file: string; message: string }) => [n.file, n.message]);
  expect(notes).toEqual([
    ['yaml/.github/workflows/deep.yml', 'not parsed: YAML nested deeper than 500 levels: its schedules were not checked'],
    ['yaml/.github/workflows/nightly.yml', expect.stringMatching(/^not valid YAML \(.+\): its schedules were not checked$/)],
  ]);
});
