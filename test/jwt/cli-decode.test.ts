import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';
import { sarifErrors } from '../helpers/sarif.js';
import { loadSecretList } from '../../src/jwt/weak-secret.js';
import { RFC_VECTORS } from './fixtures/rfc-vectors.js';
import { b64, cliFixtures, makeToken, NOW_S, signatureOf, STRONG_SECRET } from './helpers.js';

const { example: EXAMPLE, file, dir: scratchDir } = cliFixtures();
const A1 = RFC_VECTORS[0]!;
const STRONG = STRONG_SECRET;

describe('authkit decode', () => {
  it('decodes the README example: header, payload, times, honest status, findings, exit 1', async () => {
    const r = await runCli(['decode', EXAMPLE, '--now', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('"alg": "HS256"');
    expect(r.stdout).toContain('"sub": "user-42"');
    expect(r.stdout).toMatch(/exp\s+2018-01-19T01:30:22Z {2}expired 7y ago/);
    expect(r.stdout).toMatch(/lifetime\s+1d \(exp - iat\)/);
    expect(r.stdout).toContain('not verified, no key given');
    expect(r.stdout).toContain('jwt/weak-secret');
    expect(r.stdout).toContain('line 40 of data/jwt-secrets.list');
    expect(r.stdout).toContain('jwt/expired');
    expect(r.stdout).toContain('jwt/lifetime-too-long');
    expect(r.stdout).not.toContain(signatureOf(EXAMPLE));
  });

  it('shows RFC 7515 A.1 with its raw CRLF header and evaluates exp at --now with --leeway', async () => {
    const before = await runCli(['decode', A1.token, '--now', '2011-03-22T18:00:00Z', '--json']);
    expect(before.code).toBe(0);
    const out = parseJson(before);
    expect(out.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(out.headerRaw).toBe('{"typ":"JWT",\r\n "alg":"HS256"}');
    expect(out.payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect(out.time.claims[0]).toMatchObject({ claim: 'exp', iso: '2011-03-22T18:43:00Z', relative: 'expires in 43m' });
    expect(out.signature).toMatchObject({ verified: false, weakSecret: { checked: true, line: null } });
    expect(out.findings.map((f: any) => f.ruleId)).toEqual(['jwt/missing-iat']);

    const at = await runCli(['decode', A1.token, '--now', '1300819380', '--weak-secret-limit', '0']);
    expect(at.code).toBe(1);
    expect(at.stdout).toContain('The token expired 0s ago');
    const lenient = await runCli(['decode', A1.token, '--now', '1300819380', '--leeway', '30s', '--weak-secret-limit', '0']);
    expect(lenient.code).toBe(0);
    const stylish = await runCli(['decode', A1.token, '--now', '2011-03-22T18:00:00Z', '--weak-secret-limit', '0']);
    expect(stylish.stdout).toContain('raw header bytes (differ from the JSON above): "{\\"typ\\":\\"JWT\\",\\r\\n \\"alg\\":\\"HS256\\"}"');
  });

  it('names HS384/HS512 known secrets at the start, middle and end of the list by line, and nothing for a strong one', async () => {
    // Through the built bundle: the WebAssembly kernel past the first 256 secrets, node:crypto before.
    const { raw, starts, ends } = loadSecretList();
    const secret = (line: number) => raw.subarray(starts[line - 1]!, ends[line - 1]!);
    const cases = [
      ['HS512', 3],
      ['HS384', 257],
      ['HS512', 90_001],
      ['HS384', 103_979],
    ] as const;
    const tokens = cases.map(([alg, line]) => makeToken({ alg }, { sub: `line-${line}` }, secret(line)));
    tokens.push(makeToken({ alg: 'HS512' }, { sub: 'strong' }, STRONG), makeToken({ alg: 'HS384' }, { sub: 'strong' }, STRONG));
    const r = await runCli(['decode', '-', '--json'], { input: `${tokens.join('\n')}\n` });
    const lines = parseJson(r).tokens.map((t: { signature: { weakSecret: { line: number | null } } }) => t.signature.weakSecret.line);
    expect(lines).toEqual([3, 257, 90_001, 103_979, null, null]);
  });

  it('reads many tokens from stdin: Bearer lines, cookies, JSON responses', async () => {
    const none = `${b64('{"alg":"none"}')}.${b64('{"sub":"x"}')}.`;
    const rs = makeToken({ alg: 'RS256', kid: 'k1' }, { iss: 'https://issuer.example', iat: NOW_S, exp: NOW_S + 300 });
    const input = `GET / HTTP/1.1\nAuthorization: Bearer ${rs}\nCookie: sid=${none}\n{"id_token":"${A1.token}"}\n`;
    const r = await runCli(['decode', '--json', '--now', '2026-01-01T00:01:00Z'], { input });
    expect(r.code).toBe(1);
    const out = parseJson(r);
    expect(out.tokens.map((t: any) => [t.line, t.column, t.foundIn, t.alg])).toEqual([
      [2, 23, 'bearer', 'RS256'],
      [3, 13, 'cookie', 'none'],
      [4, 14, 'json', 'HS256'],
    ]);
    expect(out.header).toBeUndefined();
    expect(out.findings.find((f: any) => f.ruleId === 'jwt/alg-none')).toMatchObject({ file: '-', line: 3, column: 13 });
  });

  it('reads --file, reports an unreadable input in one line and still decodes the rest', async () => {
    const path = file('tokens.log', `2024-01-01 token=${A1.token}\n`);
    const r = await runCli(['decode', '--file', path, '--file', join(scratchDir(), 'missing.log'), '--now', '2011-03-22T18:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`authkit: ${join(scratchDir(), 'missing.log')}: no such file or directory`);
    expect(r.stdout).toContain('"iss": "joe"');
  });

  it('exits 2 when the input holds no decodable token, in JSON too', async () => {
    const empty = await runCli(['decode'], { input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('authkit: -: empty input, no JWT found');
    const junk = await runCli(['decode', 'hello.world', '--json']);
    expect(junk.code).toBe(2);
    expect(parseJson(junk).errors).toEqual([{ file: '<arg>', message: 'the argument is not a JWT' }]);
    const broken = await runCli(['decode', `${b64('{"alg":"HS256"')}.e30.AAAA`]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('cannot decode the token: the header is not well-formed JSON');
  });

  it('handles JWE, nested JWTs, unknown algorithms and non-JSON payloads without crashing', async () => {
    const jwe = `${b64('{"alg":"RSA-OAEP","enc":"A256GCM","kid":"enc-1"}')}.AAAA.AAAA.AAAA.AAAA`;
    const inner = makeToken({ alg: 'none' }, { sub: 'inner' });
    const nested = makeToken({ alg: 'HS256', cty: 'JWT' }, inner, STRONG);
    const odd = makeToken({ alg: 'XY999' }, 'just text');
    const r = await runCli(['decode', jwe, nested, odd, '--json', '--now', '2026-01-01T00:00:00Z']);
    const out = parseJson(r);
    expect(out.tokens[0]).toMatchObject({ type: 'JWE', header: { enc: 'A256GCM' }, encrypted: { note: expect.stringContaining('encrypted') } });
    expect(out.tokens[1].nested).toMatchObject({ alg: 'none', payload: { sub: 'inner' } });
    expect(out.findings.some((f: any) => f.ruleId === 'jwt/alg-none' && f.message.startsWith('Nested token'))).toBe(true);
    expect(out.tokens[2]).toMatchObject({ algKnown: false, payloadKind: 'text', payloadText: 'just text' });
    const text = await runCli(['decode', jwe, nested, odd, '--now', '2026-01-01T00:00:00Z']);
    expect(text.stdout).toContain('encrypted (JWE, enc A256GCM)');
    expect(text.stdout).toContain('(unknown algorithm)');
    expect(text.stderr).toBe('');
  });

  it('renders every format; SARIF validates; no format leaks the signature', async () => {
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const r = await runCli(['decode', EXAMPLE, '--format', format, '--now', '2026-01-01T00:00:00Z']);
      expect(r.code, format).toBe(1);
      expect(r.stdout + r.stderr, format).not.toContain(signatureOf(EXAMPLE));
      if (format === 'sarif') {
        const log = JSON.parse(r.stdout);
        expect(sarifErrors(log)).toEqual([]);
        expect(log.runs[0].results.map((x: any) => x.ruleId)).toContain('jwt/weak-secret');
      }
      if (format === 'github') expect(r.stdout).toContain('::error line=1,col=1,title=jwt/weak-secret::');
    }
  });
});

