import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSegment } from '../../src/jwt/base64url.js';
import { decodeTokens } from '../../src/jwt/decode.js';
import { findTokens, tokensInArgument } from '../../src/jwt/extract.js';
import { scanJson } from '../../src/jwt/json.js';
import { TokenDecodeError, parseToken } from '../../src/jwt/parse.js';
import { isoFromSeconds, parseDuration, parseNow, preciseDuration, roughDuration } from '../../src/jwt/time.js';
import { WEAK_SECRET_LIST_SIZE, findWeakSecret, loadSecretList, setSimdEnabled, weakSecretLine } from '../../src/jwt/weak-secret.js';
import { b64, makeToken, NOW } from './helpers.js';

const DECODE = { now: NOW, leewaySeconds: 0, maxLifetimeSeconds: 900, weakSecretLimit: 5 };

describe('base64url and JSON', () => {
  it('decodes canonical segments and names every deviation', () => {
    expect(decodeSegment('eyJhIjoxfQ')).toEqual({ bytes: Buffer.from('{"a":1}'), issues: [] });
    expect(decodeSegment('eyJhIjoxfQ==')?.issues).toEqual(['padding']);
    expect(decodeSegment('eyJhI joxfQ')?.issues).toEqual(['whitespace']);
    expect(decodeSegment('eyJhIjoxfR')?.issues).toEqual(['trailing-bits']);
    expect(decodeSegment('a+/b')?.issues).toEqual(['standard-alphabet']);
    expect(decodeSegment('a!b')).toBeNull();
    expect(decodeSegment('abcde')).toBeNull();
  });

  it('finds duplicate member names at any depth without recursion', () => {
    expect(scanJson('{"a":1,"b":{"c":1,"c":2},"a":3}').duplicates).toEqual([
      { path: '$.b', name: 'c' },
      { path: '$', name: 'a' },
    ]);
    expect(scanJson('{"a\\u0062":1,"ab":2}').duplicates).toEqual([{ path: '$', name: 'ab' }]);
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(scanJson(deep)).toMatchObject({ ok: true, depth: 100_000 });
  });
});

describe('parseToken', () => {
  it('keeps the raw header bytes (RFC 7515 A.1 has CRLF inside)', () => {
    const token = parseToken('eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(token.headerText).toBe('{"typ":"JWT",\r\n "alg":"HS256"}');
    expect(token.header).toEqual({ typ: 'JWT', alg: 'HS256' });
  });

  it('shows a non-JSON payload as text (RFC 7515 A.4)', () => {
    const token = parseToken('eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AAAA');
    expect(token).toMatchObject({ kind: 'jws', payloadKind: 'text', payloadText: 'Payload' });
  });

  it('reads a JWE protected header and says it is encrypted', () => {
    const token = parseToken(`${b64('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.AAAA.AAAA.AAAA.AAAA`);
    expect(token).toMatchObject({ kind: 'jwe', header: { alg: 'RSA-OAEP', enc: 'A256GCM' } });
  });

  it('decodes a nested JWT (cty: JWT)', () => {
    const inner = makeToken({ alg: 'HS256' }, { sub: 'inner' }, 'k');
    const outer = parseToken(`${b64('{"alg":"HS256","cty":"JWT"}')}.${b64(inner)}.AAAA`);
    expect(outer.kind === 'jws' && outer.nested).toMatchObject({ kind: 'jws', payload: { sub: 'inner' } });
  });

  it('survives payloads nested 100,000 levels deep', () => {
    const token = makeToken({ alg: 'HS256' }, `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'k');
    const parsed = parseToken(token);
    expect(parsed).toMatchObject({ payloadKind: 'too-deep' });
    const result = decodeTokens([{ file: '<arg>', text: token, source: 'arg' }], DECODE);
    expect(() => JSON.stringify(result.json)).not.toThrow();
    expect((result.json!.signature as { weakSecret: { skippedReason: string } }).weakSecret.skippedReason).toContain('KiB');
  });

  it('refuses what is not a token with a reason naming the part', () => {
    expect(() => parseToken('eyJ.x')).toThrow(TokenDecodeError);
    expect(() => parseToken(`${b64('not json')}.e30.AAAA`)).toThrow('the header is not JSON');
    expect(() => parseToken(`${b64('[1]')}.e30.AAAA`)).toThrow('not an object');
  });

  it('never throws anything but TokenDecodeError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 200 }), (a, b) => {
        for (const candidate of [a, `eyJ${a}.${b}.x`, `${b64(a)}.${b64(b)}.${b64(a)}`, `${b64(`{"alg":${JSON.stringify(a)}}`)}.${b64(b)}.`]) {
          try {
            parseToken(candidate);
          } catch (error) {
            if (!(error instanceof TokenDecodeError)) throw error;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('finding tokens in text', () => {
  const token = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: '1' }, 'k');
  it('finds tokens in Bearer, Cookie, JSON and URL contexts with positions', () => {
    const text = [
      `Authorization: Bearer ${token}`,
      `Cookie: session=${token}; theme=dark`,
      `{"access_token":"${token}","id_token": "${token}"}`,
      `https://app.example/cb#state=1&id_token=${token}&x=1`,
      `plain ${token}.`,
    ].join('\r\n');
    const found = findTokens(text);
    expect(found.map((f) => [f.line, f.column, f.context, f.field])).toEqual([
      [1, 23, 'bearer', undefined],
      [2, 17, 'cookie', undefined],
      [3, 18, 'json', 'access_token'],
      [3, 18 + token.length + '","id_token": "'.length, 'json', 'id_token'],
      [4, 41, 'url', 'id_token'],
      [5, 7, 'text', undefined],
    ]);
    expect(found.every((f) => f.compact === token)).toBe(true);
  });

  it('treats a whole argument as one token, even with padding', () => {
    const [h, p, s] = token.split('.');
    expect(tokensInArgument(` ${h}==.${p}.${s} `)).toMatchObject([{ compact: `${h}==.${p}.${s}`, column: 2 }]);
  });

  it('scans 10,000 tokens and hostile text in linear time', () => {
    const many = Array.from({ length: 10_000 }, () => token).join('\n');
    expect(findTokens(many)).toHaveLength(10_000);
    expect(findTokens('eyJ'.repeat(200_000))).toEqual([]);
    const chain = findTokens(`${'eyJa.'.repeat(100_000)}`);
    expect(chain.length).toBeLessThan(100_000 / 4);
    expect(() => {
      for (const f of chain) parseToken(f.compact);
    }).toThrow(TokenDecodeError);
  });
});

describe('time', () => {
  it('parses --now and durations, formats NumericDates', () => {
    expect(parseNow('1300819380').toISOString()).toBe('2011-03-22T18:43:00.000Z');
    expect(parseNow('2011-03-22T18:43:00Z').getTime()).toBe(1300819380000);
    expect(parseNow('2011-03-22T18:43:00').getTime()).toBe(1300819380000);
    expect(() => parseNow('yesterday')).toThrow('--now');
    expect(parseDuration('90', '--leeway')).toBe(90);
    expect(parseDuration('5m', '--leeway')).toBe(300);
    expect(parseDuration('1h30m', '--leeway')).toBe(5400);
    expect(() => parseDuration('5 minutes', '--leeway')).toThrow('--leeway');
    expect(isoFromSeconds(1300819380)).toBe('2011-03-22T18:43:00Z');
    expect(isoFromSeconds(1e20)).toBeNull();
    expect(roughDuration(15 * 365 * 86400 + 5)).toBe('15y');
    expect(roughDuration(14 * 60 + 59)).toBe('14m');
    expect(preciseDuration(5400)).toBe('1h 30m');
  });
});

describe('known-secret search', () => {
  const list = loadSecretList();
  const lineText = (line: number) => list.raw.subarray(list.starts[line - 1]!, list.ends[line - 1]!);

  it('ships all 103,979 secrets, the first one empty', () => {
    expect(list.count).toBe(103_979);
    expect(WEAK_SECRET_LIST_SIZE).toBe(list.count);
    expect(lineText(1).length).toBe(0);
    expect(lineText(40).toString()).toBe('secret');
  });

  it('finds the same lines with the WebAssembly SIMD kernel and the scalar fallback (HS256)', () => {
    const lines = [1, 2, 3, 4, 5, 40, 777, 103_977, 103_978, 103_979];
    for (const simd of [true, false]) {
      setSimdEnabled(simd);
      try {
        for (const line of lines) {
          // A different input per case: results are cached per signing input.
          const input = `${b64('{"alg":"HS256"}')}.${b64(`{"sub":"${simd}-${line}"}`)}`;
          const found = findWeakSecret('HS256', input, createHmac('sha256', lineText(line)).update(input).digest());
          expect(found && lineText(found.line).equals(lineText(line)), `simd=${simd} line ${line}`).toBe(true);
        }
        const longInput = `${b64('{"alg":"HS256"}')}.${b64(`{"pad":"${'x'.repeat(3000)}","simd":${simd}}`)}`;
        const found = findWeakSecret('HS256', longInput, createHmac('sha256', lineText(90_001)).update(longInput).digest());
        expect(found && lineText(found.line).equals(lineText(90_001))).toBe(true);
      } finally {
        setSimdEnabled(true);
      }
    }
  });

  it('finds secrets at the start, middle and end of the list for HS256/384/512', () => {
    const input = `${b64('{"alg":"HS256"}')}.${b64('{"sub":"x"}')}`;
    const longest = Array.from({ length: list.count }, (_, i) => i + 1).reduce((a, b) => (lineText(b).length > lineText(a).length ? b : a), 1);
    for (const line of [1, 40, 51_234, longest, list.count]) {
      for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
        const signature = createHmac(alg.replace('HS', 'sha'), lineText(line)).update(input).digest();
        const found = findWeakSecret(alg, input, signature);
        // Duplicates in the list: the first line holding the same secret is named.
        expect(found && lineText(found.line).equals(lineText(line)), `${alg} line ${line}`).toBe(true);
      }
    }
    expect(lineText(longest).length).toBeGreaterThan(128);
  });

  it('reports no match for a random secret, and matches a supplied secret by value', () => {
    const input = `${b64('{"alg":"HS256"}')}.${b64('{"sub":"y"}')}`;
    expect(findWeakSecret('HS256', input, createHmac('sha256', 'k7Qv2pLx9Zr4Tn8Wc1Hy6Bd3Fg5Jm0Ps').update(input).digest())).toBeNull();
    expect(weakSecretLine(Buffer.from('secret'))).toBe(40);
    expect(weakSecretLine(Buffer.from('k7Qv2pLx9Zr4Tn8Wc1Hy6Bd3Fg5Jm0Ps'))).toBeNull();
  });

  it('names the same line by value once a run has looked up enough secrets to index the list', () => {
    const { raw, starts, ends, count } = loadSecretList();
    const lineText = (line: number) => raw.subarray(starts[line - 1]!, ends[line - 1]!);
    // The first lookups scan the list; later ones use the index built from it: both must agree,
    // duplicates named by their first line, bytes that are not ASCII included.
    const probes = [1, 2, 40, Math.floor(count / 2), count - 1, count].map((line) => Buffer.from(lineText(line)));
    const scanned = probes.map((p) => weakSecretLine(p));
    for (let i = 0; i < 10; i++) weakSecretLine(Buffer.from(`not-a-known-secret-${i}-k7Qv2pLx9Z`));
    expect(probes.map((p) => weakSecretLine(p))).toEqual(scanned);
    for (const [i, line] of scanned.entries()) expect(lineText(line!).equals(probes[i]!)).toBe(true);
    expect(weakSecretLine(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toBeNull();
    let nonAscii = 1;
    while (nonAscii <= count && !lineText(nonAscii).some((b) => b > 0x7f)) nonAscii++;
    expect(nonAscii).toBeLessThanOrEqual(count);
    const named = weakSecretLine(Buffer.from(lineText(nonAscii)));
    expect(named).not.toBeNull();
    expect(named!).toBeLessThanOrEqual(nonAscii);
    expect(lineText(named!).equals(lineText(nonAscii))).toBe(true);
  });
});
