import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';
import { RFC_VECTORS, alterSignature } from './fixtures/rfc-vectors.js';
import { b64, cliFixtures, makeToken, NOW_S, STRONG_SECRET } from './helpers.js';

const { keys: KEYS, file } = cliFixtures();
const STRONG = STRONG_SECRET;

describe('authkit verify with the published RFC vectors', () => {
  for (const vector of RFC_VECTORS) {
    it(`${vector.name}: valid with its key, invalid when a middle signature character changes`, async () => {
      const keyFile = file(`${vector.alg}-${RFC_VECTORS.indexOf(vector)}.jwk`, JSON.stringify(vector.key));
      const good = await runCli(['verify', vector.token, '--key', keyFile, '--now', vector.now, '--json']);
      expect(good.code, good.stdout).toBe(0);
      const out = parseJson(good);
      expect(out).toMatchObject({ signatureValid: true, valid: true, alg: vector.alg });
      if (!vector.payloadIsJson) expect(out.payloadText.length).toBeGreaterThan(0);
      const bad = await runCli(['verify', alterSignature(vector.token), '--key', keyFile, '--now', vector.now, '--json']);
      expect(bad.code).toBe(1);
      expect(parseJson(bad).signatureValid).toBe(false);
    });
  }
});

describe('authkit verify', () => {
  const claims = { iss: 'https://issuer.example', aud: ['api', 'web'], sub: 'user-1', iat: NOW_S - 60, exp: NOW_S + 600 };
  const hs = makeToken({ alg: 'HS256', typ: 'at+jwt' }, claims, STRONG);
  const now = ['--now', String(NOW_S)];

  it('passes with the right secret and every requested claim check', async () => {
    const r = await runCli(['verify', hs, '--secret-env', 'AK_SECRET', ...now, '--iss', 'https://issuer.example', '--aud', 'api', '--sub', 'user-1', '--typ', 'application/AT+JWT', '--max-age', '5m', '--require', 'exp,iat', '--json'], {
      env: { AK_SECRET: STRONG },
    });
    expect(r.code, r.stdout).toBe(0);
    const out = parseJson(r);
    expect(out.signatureValid).toBe(true);
    expect(out.checks.map((c: any) => [c.check, c.ok])).toEqual([
      ['signature', true],
      ['typ', true],
      ['exp', true],
      ['iss', true],
      ['aud', true],
      ['sub', true],
      ['max-age', true],
      ['require', true],
    ]);
    expect(out.verifiedBy.source).toBe('the secret in $AK_SECRET');
  });

  it('explains each failed check precisely and exits 1', async () => {
    const path = file('secret.txt', `${STRONG}\n`);
    const r = await runCli(['verify', hs, '--secret-file', path, '--now', String(NOW_S + 3600 * 5 + 17), '--iss', 'other', '--aud', 'mobile', '--max-age', '1h', '--require', 'jti,exp', '--json']);
    expect(r.code).toBe(1);
    const out = parseJson(r);
    expect(out.signatureValid).toBe(true);
    const failed = Object.fromEntries(out.checks.filter((c: any) => !c.ok).map((c: any) => [c.check, c.message]));
    expect(failed.exp).toMatch(/^expired 4h 50m ago/);
    expect(failed.iss).toBe('iss is "https://issuer.example", expected "other"');
    expect(failed.aud).toContain('expected "mobile"');
    expect(failed['max-age']).toContain('older than --max-age 1h by 4h 1m');
    expect(failed.require).toBe('missing required claim: jti');
    expect(out.findings.filter((f: any) => f.ruleId === 'jwt/verification-failed')).toHaveLength(5);
  });

  it('says "wrong key" for a wrong secret and flags weak and short secrets', async () => {
    const weak = makeToken({ alg: 'HS256' }, claims, 'secret');
    const r = await runCli(['verify', weak, '--secret', 'secret', ...now, '--json']);
    expect(r.code).toBe(1);
    const ok = parseJson(r);
    expect(ok.signatureValid).toBe(true);
    expect(ok.findings.map((f: any) => f.ruleId).sort()).toEqual(['jwt/short-hmac-key', 'jwt/weak-secret']);
    const wrong = await runCli(['verify', weak, '--secret', STRONG, ...now]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('wrong key: the HS256 signature does not match the --secret secret');
  });

  it('says VALID only when nothing follows; a weak secret gets a verdict that counts the findings', async () => {
    const weak = makeToken({ alg: 'HS256' }, claims, 'secret');
    const r = await runCli(['verify', weak, '--secret', 'secret', ...now]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('VALID');
    expect(r.stdout).toContain('signature valid, every check passed; 1 error, 1 warning (see below)');
    const clean = await runCli(['verify', hs, '--secret', STRONG, ...now]);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('VALID: signature and every check passed');
    expect(clean.stdout).not.toContain('problem');
  });

  it('reports the RS256-to-HS256 confusion pattern and never accepts none', async () => {
    const forged = makeToken({ alg: 'HS256' }, claims, readFileSync(join(KEYS, 'rsa-public.pem')));
    const r = await runCli(['verify', forged, '--key', join(KEYS, 'rsa-public.pem'), ...now, '--json']);
    expect(r.code).toBe(1);
    const check = parseJson(r).checks[0];
    expect(check.message).toContain('RS256-to-HS256 key-confusion');
    const forcedAlg = await runCli(['verify', forged, '--key', join(KEYS, 'rsa-cert.pem'), '--alg', 'HS256,RS256', ...now]);
    expect(forcedAlg.code).toBe(1);
    expect(forcedAlg.stdout).toContain('key-confusion');
    const none = await runCli(['verify', `${b64('{"alg":"none"}')}.${b64(JSON.stringify(claims))}.`, '--secret', STRONG, ...now]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('never accepts it');
    const noneFlag = await runCli(['verify', hs, '--secret', STRONG, '--alg', 'none']);
    expect(noneFlag.code).toBe(2);
  });

  it('verifies RS256 with an X.509 certificate, a private key (public half), ES256 by curve and EdDSA', async () => {
    const rs = (await runCli(['sign', '--key', join(KEYS, 'rsa-private.pem'), '--claim', 'sub=42', '--exp', '10m', '--now', String(NOW_S)])).stdout.trim();
    for (const key of ['rsa-cert.pem', 'rsa-private.pem', 'rsa-public.pem']) {
      const r = await runCli(['verify', rs, '--key', join(KEYS, key), ...now, '--json']);
      expect(r.code, key).toBe(0);
      expect(parseJson(r).verifiedBy.type).toMatch(/^RSA (public key from an X\.509 certificate|public key|private key, public half used), 2048 bits$/);
    }
    const es = (await runCli(['sign', '--key', join(KEYS, 'ec-private.pem'), '--claim', 'sub=42', '--exp', '10m', '--now', String(NOW_S)])).stdout.trim();
    expect(JSON.parse(Buffer.from(es.split('.')[0]!, 'base64url').toString()).alg).toBe('ES256');
    const ok = await runCli(['verify', es, '--key', join(KEYS, 'ec-public.pem'), ...now]);
    expect(ok.code).toBe(0);
    const ed = (await runCli(['sign', '--key', join(KEYS, 'ed25519-private.pem'), '--claim', 'sub=42', '--now', String(NOW_S)])).stdout.trim();
    expect(JSON.parse(Buffer.from(ed.split('.')[0]!, 'base64url').toString()).alg).toBe('EdDSA');
    expect((await runCli(['verify', ed, '--key', join(KEYS, 'ed25519-private.pem'), ...now])).code).toBe(0);
    const notAllowed = await runCli(['verify', es, '--key', join(KEYS, 'ec-public.pem'), '--alg', 'ES384', ...now]);
    expect(notAllowed.code).toBe(1);
    expect(notAllowed.stdout).toContain('alg ES256 is not allowed: --alg allows ES384');
  });

  it('picks keys from a JWKS by kid, reports unknown kids, refuses one kid for two keys', async () => {
    const a = { kty: 'oct', kid: 'a', k: b64('first-key-0123456789-0123456789!!') };
    const b = { kty: 'oct', kid: 'b', k: b64(STRONG) };
    const jwks = file('jwks.json', JSON.stringify({ keys: [a, b] }));
    const token = makeToken({ alg: 'HS256', kid: 'b' }, claims, STRONG);
    const r = await runCli(['verify', token, '--key', jwks, ...now, '--json']);
    expect(r.code).toBe(0);
    const out = parseJson(r);
    expect(out.verifiedBy).toMatchObject({ kid: 'b', source: `${jwks} key #2 (kid "b")` });
    // Which of two keys named "b" verifies would depend on the order of the set: ambiguous.
    const duplicated = file('jwks-dup.json', JSON.stringify({ keys: [a, b, { ...b, k: b64('another-key-with-the-same-kid-xx') }] }));
    const dup = await runCli(['verify', token, '--key', duplicated, ...now]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('keys #2 and #3 share kid "b" but are different keys');
    const missing = await runCli(['verify', makeToken({ alg: 'HS256', kid: 'zz' }, claims, STRONG), '--key', jwks, ...now]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('kid "zz" not found in the key set');
  });

  it('fetches --jwks-url from a real HTTP server on loopback', async () => {
    const jwk = { kty: 'oct', kid: 'net', k: b64(STRONG), alg: 'HS256' };
    let requests = 0;
    const server: Server = createServer((req, res) => {
      requests++;
      if (req.url === '/jwks.json') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const token = makeToken({ alg: 'HS256', kid: 'net' }, claims, STRONG);
      const r = await runCli(['verify', token, '--jwks-url', `http://127.0.0.1:${port}/jwks.json`, ...now, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(parseJson(r).verifiedBy.kid).toBe('net');
      const missing = await runCli(['verify', token, '--jwks-url', `http://127.0.0.1:${port}/nope`, ...now]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('HTTP 404');
      expect(requests).toBe(2);
    } finally {
      server.close();
    }
  });

  it('refuses unusable keys and tokens with exit 2 and a one-line reason', async () => {
    const notKey = file('not-a-key.txt', 'hello');
    const r = await runCli(['verify', hs, '--key', notKey]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`authkit: ${notKey}: not a key: expected PEM (-----BEGIN ...), a JWK or a JWKS; if it holds an HMAC secret, pass it with --secret-file ${notKey}`);
    const x25519 = file('x.jwk', JSON.stringify({ kty: 'OKP', crv: 'X25519', x: 'AAAA' }));
    expect((await runCli(['verify', hs, '--key', x25519])).stderr).toContain('key agreement, not signatures');
    const jwe = await runCli(['verify', `${b64('{"alg":"dir","enc":"A128GCM"}')}..AAAA.AAAA.AAAA`, '--secret', STRONG, '--json']);
    expect(jwe.code).toBe(2);
    expect(parseJson(jwe).errors[0].message).toContain('JWE');
    expect((await runCli(['verify', hs])).stderr).toContain('verify needs a key');
  });

  it('warns in --help that --secret is visible in ps', async () => {
    const r = await runCli(['verify', '--help']);
    expect(r.stdout).toContain('other users can read it with ps');
    expect(r.stdout).toContain('--secret-file');
    expect(r.stdout).toContain('--secret-env');
    expect(r.stdout).toContain('Examples:');
  });
});


describe('decode, verify and sign read the same config', () => {
  it('jwt.maxLifetime in authkit.config.json holds for all three (verify once ignored it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authkit-jwtcfg-'));
    try {
      writeFileSync(join(dir, 'authkit.config.json'), JSON.stringify({ jwt: { maxLifetime: '48h' } }));
      const day = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', iat: NOW_S, exp: NOW_S + 86_400 }, STRONG);
      const now = ['--now', String(NOW_S + 60)];
      const decode = await runCli(['decode', day, ...now, '--json'], { cwd: dir });
      const verify = await runCli(['verify', day, '--secret', STRONG, ...now, '--json'], { cwd: dir });
      const sign = await runCli(['sign', '--secret', STRONG, '--exp', '1d', ...now, '--json'], { cwd: dir });
      for (const r of [decode, verify]) expect(parseJson(r).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('jwt/lifetime-too-long');
      expect(parseJson(sign).warnings).toEqual([]);
      expect(verify.code).toBe(0);
      // Without the config both report it: the setting, not luck, made the difference.
      const bare = await runCli(['verify', day, '--secret', STRONG, ...now, '--json']);
      expect(parseJson(bare).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('jwt/lifetime-too-long');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
