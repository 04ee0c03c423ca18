import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSegment } from '../../../src/jwt/base64url.js';
import { decodeTokens } from '../../../src/jwt/decode.js';
import { findTokens, tokensInArgument } from '../../../src/jwt/extract.js';
import { parseTokenJson, scanJson } from '../../../src/jwt/json.js';
import { KeyError, keysFromText, secretKey } from '../../../src/jwt/keys.js';
import { TokenDecodeError, parseToken } from '../../../src/jwt/parse.js';
import { VerifyInputError, verifyToken } from '../../../src/jwt/verify.js';
import { ROOT } from '../../helpers/cli.js';
import { RFC_VECTORS } from '../../jwt/fixtures/rfc-vectors.js';
import { b64, makeToken } from '../../jwt/helpers.js';
import { anyText, expectCleanError, fuzzParameters, hostile, mutated, withinBudget, withinBudgetAsync } from '../support.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const DECODE_OPTIONS = { now: NOW, leewaySeconds: 0, maxLifetimeSeconds: 900, weakSecretLimit: 0 };

const REAL_TOKENS = [
  ...RFC_VECTORS.map((v) => v.token),
  makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: '42', exp: 1767225600, iat: 1767225000, roles: ['admin'] }, 'secret'),
  makeToken({ alg: 'none' }, { sub: 'admin' }),
  makeToken({ alg: 'RS256', kid: '../../etc/passwd' }, { iss: 'https://issuer.example', aud: ['a', 'b'], nbf: 'soon' }),
  makeToken({ alg: 'HS256', cty: 'JWT' }, 'not json at all'),
  `${b64('{"alg":"HS256","alg":"none"}')}.${b64('{"a":1,"a":2}')}.`,
  `${b64('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.${b64('key')}.${b64('iv')}.${b64('ciphertext')}.${b64('tag')}`,
];

/** Tokens as they turn up in logs, headers, cookies, JSON responses and URLs. */
const CARRIERS = REAL_TOKENS.flatMap((t) => [
  t,
  `Authorization: Bearer ${t}\n`,
  `Cookie: session=${t}; theme=dark\r\n`,
  `{"access_token":"${t}","id_token":"${t}"}`,
  `GET /cb?id_token=${t}&state=1 HTTP/1.1`,
  `2026-01-01T00:00:00Z INFO token ${t}. next`,
]);

/** Tokens built from parts: random JSON, random bytes, huge segments, odd base64url. */
const oddSegment = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => b64(Buffer.from(bytes))),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n'.split('')), maxLength: 200 }),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'A'.repeat(n)),
  fc.constantFrom('', 'A', 'AB=', 'A===', 'ey', '=', '..', '\u00e9'),
);
const jsonText = fc.oneof(fc.json({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ alg: 'HS256', x: v })));
const builtToken = fc.oneof(
  fc.tuple(jsonText, jsonText, oddSegment).map(([h, p, s]) => `${b64(h)}.${b64(p)}.${s}`),
  fc.tuple(oddSegment, oddSegment, oddSegment).map(([h, p, s]) => `eyJ${h}.${p}.${s}`),
  fc.tuple(jsonText, fc.array(oddSegment, { minLength: 1, maxLength: 6 })).map(([h, rest]) => [b64(h), ...rest].join('.')),
  fc.tuple(jsonText, jsonText).map(([h, p]) => `${b64(h)}.${b64(`[${p}`.repeat(50))}.sig`),
);

const tokenText = fc.oneof({ weight: 3, arbitrary: hostile(CARRIERS) }, { weight: 2, arbitrary: builtToken }, { weight: 1, arbitrary: mutated(REAL_TOKENS) });

const KEYS_DIR = join(ROOT, 'test/jwt/fixtures/keys');
const REAL_KEYS = [
  ...['ec-private.pem', 'ec-public.pem', 'ed25519-private.pem', 'rsa-cert.pem', 'rsa-private.pem', 'rsa-public.pem'].map((f) => readFileSync(join(KEYS_DIR, f), 'utf8')),
  ...RFC_VECTORS.map((v) => JSON.stringify(v.key)),
  JSON.stringify({ keys: RFC_VECTORS.map((v) => v.key) }),
];

export function defineJwtFuzz(numRuns: number, timeoutMs: number): void {
  const params = fuzzParameters(numRuns);
  describe(`JWT parsers under hostile input (${numRuns} cases each)`, () => {
    it('extraction finds only real substrings and never throws', () => {
      fc.assert(
        fc.property(tokenText, (text) => {
          const found = withinBudget('findTokens', () => findTokens(text));
          for (const token of found) {
            expect(text.slice(token.offset, token.offset + token.compact.length)).toBe(token.compact);
            expect(token.line).toBeGreaterThanOrEqual(1);
            expect(token.column).toBeGreaterThanOrEqual(1);
          }
          withinBudget('tokensInArgument', () => tokensInArgument(text));
        }),
        params,
      );
    }, timeoutMs);

    it('decoding returns a token or a TokenDecodeError', () => {
      fc.assert(
        fc.property(tokenText, (text) => {
          for (const candidate of [text, ...findTokens(text, 5).map((t) => t.compact)]) {
            try {
              withinBudget('parseToken', () => parseToken(candidate));
            } catch (error) {
              expectCleanError(error, TokenDecodeError);
            }
          }
          withinBudget('decodeSegment', () => decodeSegment(text));
          withinBudget('parseTokenJson', () => parseTokenJson(text));
          withinBudget('scanJson', () => scanJson(text));
        }),
        params,
      );
    }, timeoutMs);

    it('decodeTokens returns findings or one-line errors for any input', () => {
      fc.assert(
        fc.property(tokenText, fc.constantFrom('arg', 'stdin', 'file') as fc.Arbitrary<'arg' | 'stdin' | 'file'>, (text, source) => {
          const result = withinBudget('decodeTokens', () => decodeTokens([{ file: 'in.txt', text, source }], DECODE_OPTIONS));
          for (const e of result.errors) expect(e.message).not.toContain('\n');
          for (const f of result.findings) expect(f.line).toBeGreaterThanOrEqual(1);
          // The report is what the user sees: building it must not throw either.
          JSON.stringify(result.json);
        }),
        params,
      );
    }, timeoutMs);

    it('key files parse to keys or a KeyError', () => {
      fc.assert(
        fc.property(hostile(REAL_KEYS, 200), fc.boolean(), (text, forSigning) => {
          try {
            withinBudget('keysFromText', () => keysFromText(text, 'key.pem', { forSigning }));
          } catch (error) {
            expectCleanError(error, KeyError);
          }
        }),
        params,
      );
    }, timeoutMs);

    it('verify returns a result or a VerifyInputError', async () => {
      const key = secretKey(Buffer.from('secret'), 'secret');
      await fc.assert(
        fc.asyncProperty(tokenText, async (text) => {
          try {
            await withinBudgetAsync('verifyToken', () =>
              verifyToken(text, '-', [key], { now: NOW, leewaySeconds: 0, maxLifetimeSeconds: 900, keyOrigin: 'secret', keySet: false, require: ['exp'] }),
            );
          } catch (error) {
            expectCleanError(error, VerifyInputError);
          }
        }),
        params,
      );
    }, timeoutMs);

    it('tokens found in noise are JWT-shaped (start with eyJ)', () => {
      fc.assert(
        fc.property(anyText(2000), (text) => {
          for (const token of findTokens(text)) expect(token.compact.startsWith('eyJ')).toBe(true);
        }),
        params,
      );
    }, timeoutMs);
  });
}
