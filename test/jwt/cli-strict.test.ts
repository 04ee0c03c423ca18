import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, parseJson, runCli } from '../helpers/cli.js';
import { b64, cliFixtures, makeToken, NOW_S, STRONG_SECRET } from './helpers.js';

const { keys: KEYS, file } = cliFixtures();
const STRONG = STRONG_SECRET;
const TOKEN = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', iat: NOW_S, exp: NOW_S + 600 }, STRONG);
const at = ['--now', String(NOW_S + 60)];

describe('verify refuses what a strict server refuses, and says what the input is', () => {
  it.each([
    ['a fourth, empty segment', `${TOKEN}.`, 'has a fourth, empty segment after the signature'],
    ['two segments', TOKEN.slice(0, TOKEN.lastIndexOf('.')), 'has 2 segments; a JWS is header.payload.signature (the signature segment is missing)'],
    ['a token wrapped across lines', `${TOKEN.slice(0, 30)}\n${TOKEN.slice(30)}`, 'the token is wrapped across lines'],
    [
      'JSON serialization',
      JSON.stringify({ payload: TOKEN.split('.')[1], protected: TOKEN.split('.')[0], signature: TOKEN.split('.')[2] }),
      'is a JWS in JSON serialization (RFC 7515 section 7.2)',
    ],
    ['an RFC 7797 unencoded payload', makeToken({ alg: 'HS256', b64: false, crit: ['b64'] }, { sub: 'x' }, STRONG), 'uses an unencoded payload (RFC 7797, "b64": false)'],
  ])('%s: exit 2 with the reason', async (_, token, reason) => {
    const r = await runCli(['verify', token, '--secret', STRONG, ...at]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(reason);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('non-canonical base64url is refused by default with the reason, and accepted with --allow-noncanonical', async () => {
    const { createHmac } = await import('node:crypto');
    // A payload whose base64url has spare bits in its last character; setting one keeps the bytes.
    let claims: Record<string, unknown> = { sub: 'x', exp: NOW_S + 600 };
    while (b64(JSON.stringify(claims)).length % 4 === 0) claims = { ...claims, pad: `${claims.pad ?? ''}a` };
    const canonical = b64(JSON.stringify(claims));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(canonical.at(-1)!);
    const payload = `${canonical.slice(0, -1)}${alphabet[last | 1]}`;
    expect(Buffer.from(payload, 'base64url').equals(Buffer.from(canonical, 'base64url'))).toBe(true);
    const header = b64(JSON.stringify({ alg: 'HS256' }));
    // The MAC covers the text as sent, as a lenient issuer would have signed it.
    const token = `${header}.${payload}.${createHmac('sha256', STRONG).update(`${header}.${payload}`).digest('base64url')}`;
    const strict = await runCli(['verify', token, '--secret', STRONG, ...at, '--json']);
    expect(strict.code).toBe(1);
    const report = parseJson(strict);
    expect(report.signatureValid).toBe(true);
    expect(report.valid).toBe(false);
    expect(report.checks.find((c: { check: string }) => c.check === 'encoding').message).toContain('not canonical base64url');
    const lenient = await runCli(['verify', token, '--secret', STRONG, ...at, '--allow-noncanonical']);
    expect(lenient.code).toBe(0);
  });

  it('an encryption key, or key_ops without verify, is refused', async () => {
    const jwk = { kty: 'oct', k: b64(STRONG) };
    for (const [member, reason] of [
      [{ use: 'enc' }, 'the key is for encryption (use "enc"), not signatures'],
      [{ key_ops: ['sign'] }, 'do not include "verify"'],
    ] as const) {
      const key = file(`k-${Object.keys(member)[0]}.json`, JSON.stringify({ ...jwk, ...member }));
      const r = await runCli(['verify', TOKEN, '--key', key, ...at]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(reason);
    }
  });

  it('an ambiguous key set (symmetric beside asymmetric keys, one kid for two keys) is refused, naming the keys', async () => {
    const rsa = JSON.parse(spawnSync(process.execPath, ['-e', `const {createPublicKey}=require('crypto');process.stdout.write(JSON.stringify(createPublicKey(require('fs').readFileSync(${JSON.stringify(join(KEYS, 'rsa-public.pem'))})).export({format:'jwk'})))`], { encoding: 'utf8' }).stdout);
    const mixed = file('mixed.json', JSON.stringify({ keys: [{ ...rsa, kid: 'r1' }, { kty: 'oct', k: b64(STRONG), kid: 'h1' }] }));
    const r = await runCli(['verify', TOKEN, '--key', mixed, ...at]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mixes symmetric keys (#2 (kid "h1")) with asymmetric ones (#1 (kid "r1"))');
    const dup = file('dup.json', JSON.stringify({ keys: [{ kty: 'oct', k: b64(STRONG), kid: 'a' }, { kty: 'oct', k: b64(`${STRONG}x`), kid: 'a' }] }));
    const d = await runCli(['verify', TOKEN, '--key', dup, ...at]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('keys #1 and #2 share kid "a" but are different keys');
  });

  it('a --key file holding an HMAC secret points to --secret-file; key descriptions have one set of brackets', async () => {
    const secretFile = file('hs.key', `${STRONG}\n`);
    const r = await runCli(['verify', TOKEN, '--key', secretFile, ...at]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`pass it with --secret-file ${secretFile}`);
    const { createSign } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const input = `${b64(JSON.stringify({ alg: 'RS256' }))}.${b64(JSON.stringify({ sub: 'x', exp: NOW_S + 600 }))}`;
    const rsToken = `${input}.${createSign('RSA-SHA256').update(input).sign(readFileSync(join(KEYS, 'rsa-private.pem'))).toString('base64url')}`;
    const rs = await runCli(['verify', rsToken, '--key', join(KEYS, 'rsa-public.pem'), ...at]);
    expect(rs.code).toBe(0);
    expect(rs.stdout).toContain(`${join(KEYS, 'rsa-public.pem')} (RSA public key, 2048 bits)`);
    expect(rs.stdout).not.toMatch(/\) \(/);
  });
});

describe('decode on an interactive terminal', () => {
  it('says it is reading stdin instead of waiting silently', () => {
    // `script` gives the CLI a real terminal; stdin ends at once (EOF), as Ctrl-D would.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} decode </dev/tty`, '/dev/null'], { encoding: 'utf8', input: '\u0004', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout).toContain('authkit: reading tokens from stdin');
  });
});
