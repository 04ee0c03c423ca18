import { describe, expect, it } from 'vitest';
import { type AnalyseOptions, analyseToken } from '../../src/jwt/analyze.js';
import { decodeTokens } from '../../src/jwt/decode.js';
import { findLeakedTokens } from '../../src/jwt/leaks.js';
import { parseToken } from '../../src/jwt/parse.js';
import { JWT_RULES } from '../../src/jwt/rules.js';
import { b64, makeToken, NOW, NOW_S } from './helpers.js';

// The known-secret search is exercised by the weak-secret cases only: it is the slow part.
const OPTIONS: AnalyseOptions = { now: NOW, leewaySeconds: 0, maxLifetimeSeconds: 900, weakSecretSearch: false };
const STRONG = 'k7Qv2pLx9Zr4Tn8Wc1Hy6Bd3Fg5Jm0Ps'; // 32 random characters, not in the public list
const GOOD_CLAIMS = { sub: '42', iat: NOW_S - 60, exp: NOW_S + 600 };

function ruleIds(token: string, options: Partial<AnalyseOptions> = {}): string[] {
  return analyseToken(parseToken(token), { ...OPTIONS, ...options }).findings.map((f) => f.ruleId);
}

const CASES: { rule: string; valid: string; invalid: string[] }[] = [
  {
    rule: 'jwt/alg-none',
    valid: makeToken({ alg: 'HS256' }, GOOD_CLAIMS, STRONG),
    invalid: [`${b64('{"alg":"none"}')}.${b64(JSON.stringify(GOOD_CLAIMS))}.`, `${b64('{"alg":"NoNe"}')}.${b64(JSON.stringify(GOOD_CLAIMS))}.`],
  },
  {
    rule: 'jwt/missing-exp',
    valid: makeToken({ alg: 'HS256' }, GOOD_CLAIMS, STRONG),
    invalid: [makeToken({ alg: 'HS256' }, { sub: '1', iat: NOW_S }, STRONG), makeToken({ alg: 'HS256' }, { iat: NOW_S, exp: 'tomorrow' }, STRONG)],
  },
  {
    rule: 'jwt/expired',
    valid: makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, exp: NOW_S + 1 }, STRONG),
    invalid: [makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, exp: NOW_S }, STRONG), makeToken({ alg: 'HS256' }, { iat: 1300819000, exp: 1300819380 }, STRONG)],
  },
  { rule: 'jwt/not-yet-valid', valid: makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, nbf: NOW_S }, STRONG), invalid: [makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, nbf: NOW_S + 30 }, STRONG)] },
  {
    rule: 'jwt/lifetime-too-long',
    valid: makeToken({ alg: 'HS256' }, { iat: NOW_S, exp: NOW_S + 900 }, STRONG),
    invalid: [makeToken({ alg: 'HS256' }, { iat: NOW_S, exp: NOW_S + 901 }, STRONG)],
  },
  {
    rule: 'jwt/missing-iat',
    valid: makeToken({ alg: 'HS256' }, GOOD_CLAIMS, STRONG),
    invalid: [makeToken({ alg: 'HS256' }, { exp: NOW_S + 60 }, STRONG), makeToken({ alg: 'HS256' }, { exp: NOW_S + 60, iat: 1e30 }, STRONG)],
  },
  { rule: 'jwt/iat-in-future', valid: makeToken({ alg: 'HS256' }, GOOD_CLAIMS, STRONG), invalid: [makeToken({ alg: 'HS256' }, { iat: NOW_S + 120, exp: NOW_S + 600 }, STRONG)] },
  {
    rule: 'jwt/weak-secret',
    valid: makeToken({ alg: 'HS256' }, GOOD_CLAIMS, STRONG),
    invalid: [makeToken({ alg: 'HS256' }, GOOD_CLAIMS, 'secret'), makeToken({ alg: 'HS512' }, GOOD_CLAIMS, ''), makeToken({ alg: 'HS384' }, GOOD_CLAIMS, 'your-256-bit-secret')],
  },
  { rule: 'jwt/jku-header', valid: makeToken({ alg: 'RS256', kid: 'k1' }, GOOD_CLAIMS), invalid: [makeToken({ alg: 'RS256', jku: 'https://attacker.example/jwks.json' }, GOOD_CLAIMS)] },
  { rule: 'jwt/x5u-header', valid: makeToken({ alg: 'RS256' }, GOOD_CLAIMS), invalid: [makeToken({ alg: 'RS256', x5u: 'https://attacker.example/c.pem' }, GOOD_CLAIMS)] },
  {
    rule: 'jwt/embedded-jwk',
    valid: makeToken({ alg: 'RS256', kid: 'k1' }, GOOD_CLAIMS),
    invalid: [makeToken({ alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }, GOOD_CLAIMS)],
  },
  {
    rule: 'jwt/kid-injection',
    valid: makeToken({ alg: 'HS256', kid: '2024-01-rsa_key.v2' }, GOOD_CLAIMS, STRONG),
    invalid: [
      makeToken({ alg: 'HS256', kid: '../../../../dev/null' }, GOOD_CLAIMS, STRONG),
      makeToken({ alg: 'HS256', kid: "x' UNION SELECT 'key" }, GOOD_CLAIMS, STRONG),
      makeToken({ alg: 'HS256', kid: 'k1|id' }, GOOD_CLAIMS, STRONG),
      makeToken({ alg: 'HS256', kid: 42 }, GOOD_CLAIMS, STRONG),
    ],
  },
  {
    rule: 'jwt/unknown-crit',
    valid: makeToken({ alg: 'HS256', b64: false, crit: ['b64'] }, GOOD_CLAIMS, STRONG),
    invalid: [
      makeToken({ alg: 'HS256', 'exp-policy': 1, crit: ['exp-policy'] }, GOOD_CLAIMS, STRONG),
      makeToken({ alg: 'HS256', crit: [] }, GOOD_CLAIMS, STRONG),
      makeToken({ alg: 'HS256', crit: ['alg'] }, GOOD_CLAIMS, STRONG),
    ],
  },
  {
    rule: 'jwt/duplicate-claim',
    valid: makeToken({ alg: 'HS256' }, '{"sub":"alice","role":"user","iat":1,"exp":9999999999}', STRONG),
    invalid: [makeToken({ alg: 'HS256' }, '{"sub":"alice","role":"user","role":"admin"}', STRONG), makeToken('{"alg":"HS256","alg":"none"}', GOOD_CLAIMS, STRONG)],
  },
  {
    rule: 'jwt/sensitive-claim',
    valid: makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, scope: 'read', password_changed_at: 1, order: '4111 1111 1111 1112' }, STRONG),
    invalid: [
      makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, password: 'hunter2' }, STRONG),
      makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, billing: { card: '4111111111111111' } }, STRONG),
      makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, note: '4111-1111-1111-1111' }, STRONG),
      makeToken({ alg: 'HS256' }, { ...GOOD_CLAIMS, client_secret: 'abc' }, STRONG),
    ],
  },
];

describe('JWT risk rules', () => {
  it('registers every public rule id with its documented severity and RFC 8725 help', () => {
    const severities = Object.fromEntries(JWT_RULES.map((r) => [r.id, r.severity]));
    const errors = ['alg-none', 'expired', 'not-yet-valid', 'weak-secret', 'embedded-jwk', 'duplicate-claim'];
    const warnings = ['missing-exp', 'lifetime-too-long', 'missing-iat', 'iat-in-future', 'short-hmac-key', 'jku-header', 'x5u-header', 'kid-injection', 'unknown-crit', 'noncanonical-encoding', 'sensitive-claim', 'token-in-source'];
    for (const id of errors) expect(severities[`jwt/${id}`], id).toBe('error');
    for (const id of warnings) expect(severities[`jwt/${id}`], id).toBe('warning');
    for (const rule of JWT_RULES) expect(rule.help, rule.id).toContain('RFC 8725');
  });

  for (const { rule, valid, invalid } of CASES) {
    it(`${rule}: valid example has no ${rule}, invalid ones do`, () => {
      const options = { weakSecretSearch: rule === 'jwt/weak-secret' };
      expect(ruleIds(valid, options)).not.toContain(rule);
      for (const token of invalid) expect(ruleIds(token, options), token).toContain(rule);
    });
  }

  it('jwt/noncanonical-encoding: padding, whitespace-free canonical form, and spare signature bits', () => {
    const token = makeToken({ alg: 'HS256' }, GOOD_CLAIMS, STRONG);
    expect(ruleIds(token)).not.toContain('jwt/noncanonical-encoding');
    const [h, p, s] = token.split('.') as [string, string, string];
    expect(ruleIds(`${h}==.${p}.${s}`)).toContain('jwt/noncanonical-encoding');
    // 43 characters carry 258 bits for a 256-bit signature: the last character has 2 spare bits.
    const last = s[s.length - 1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    const analysis = analyseToken(parseToken(`${h}.${p}.${s.slice(0, -1)}${twin}`), OPTIONS);
    const finding = analysis.findings.find((f) => f.ruleId === 'jwt/noncanonical-encoding');
    expect(finding?.message).toContain('signature: last character has non-zero spare bits');
  });

  it('names the weak secret by its line, never by value', () => {
    const analysis = analyseToken(parseToken(makeToken({ alg: 'HS256' }, GOOD_CLAIMS, 'secret')), { ...OPTIONS, weakSecretSearch: true });
    const finding = analysis.findings.find((f) => f.ruleId === 'jwt/weak-secret')!;
    expect(finding.data).toMatchObject({ secretListLine: 40 });
    expect(finding.message).toContain('line 40 of data/jwt-secrets.list');
    expect(JSON.stringify(finding)).not.toMatch(/"secret"/);
  });

  it('places decode findings at the token, with exact line and column', () => {
    const token = makeToken({ alg: 'none' }, { sub: 1 });
    const text = `GET /api HTTP/1.1\nHost: x\n  Authorization: Bearer ${token}\n`;
    const result = decodeTokens([{ file: 'req.txt', text, source: 'file' }], { now: NOW, leewaySeconds: 0, maxLifetimeSeconds: 900, weakSecretLimit: 5 });
    const none = result.findings.find((f) => f.ruleId === 'jwt/alg-none')!;
    expect(none).toMatchObject({ file: 'req.txt', line: 3, column: 25, severity: 'error' });
  });
});

describe('jwt/token-in-source (findLeakedTokens)', () => {
  const live = makeToken({ alg: 'RS256' }, { iss: 'https://issuer.example', sub: 'svc', iat: NOW_S - 10, exp: NOW_S + 300 });
  const expired = makeToken({ alg: 'RS256' }, { iss: 'https://issuer.example', iat: 1500000000, exp: 1500000600 });
  const weakExpired = makeToken({ alg: 'HS256' }, { iat: 1500000000, exp: 1500000600 }, 'secret');

  it('reports each token at its line and column without the token', () => {
    const text = `const a = 1;\nconst live = "${live}";\n// old: ${expired}\n`;
    const findings = findLeakedTokens('src/app.ts', text, { now: NOW });
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ ruleId: 'jwt/token-in-source', severity: 'error', file: 'src/app.ts', line: 2, column: 15 });
    expect(findings[0]!.message).toContain('RS256');
    expect(findings[0]!.message).toContain('iss https://issuer.example');
    expect(findings[0]!.message).toContain('still live');
    expect(findings[1]).toMatchObject({ severity: 'warning', line: 3, column: 9 });
    expect(findings[1]!.message).toContain('expired');
    for (const token of [live, expired]) expect(JSON.stringify(findings)).not.toContain(token.split('.')[2]);
  });

  it('is an error when expired but signed with a known secret', () => {
    const [finding] = findLeakedTokens('.env', `TOKEN=${weakExpired}\n`, { now: NOW });
    expect(finding).toMatchObject({ severity: 'error', line: 1, column: 7 });
    expect(finding!.message).toContain('publicly known secret (line 40');
    expect(JSON.stringify(finding)).not.toContain(weakExpired.split('.')[2]);
  });

  it('skips files without eyJ and text that only looks like a token', () => {
    expect(findLeakedTokens('a.txt', 'nothing here', { now: NOW })).toEqual([]);
    expect(findLeakedTokens('a.txt', 'eyJhbGciOi.x.y and eyJ!!!', { now: NOW })).toEqual([]);
  });
});
