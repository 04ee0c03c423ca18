import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';
import { sarifErrors } from '../helpers/sarif.js';
import { cliFixtures, makeToken, NOW_S, signatureOf, STRONG_SECRET } from './helpers.js';

const { keys: KEYS, file } = cliFixtures();
const STRONG = STRONG_SECRET;

describe('authkit sign', () => {
  it('mints HS256 tokens with claims, exp and headers; decode --json | edit | sign round-trips', async () => {
    const minted = await runCli(['sign', '--secret-env', 'AK_SECRET', '--claim', 'sub=42', '--claim', 'roles=["admin"]', '--claim', 'name=Ada', '--header', 'kid=k1', '--exp', '15m', '--now', String(NOW_S)], { env: { AK_SECRET: STRONG } });
    expect(minted.code).toBe(0);
    expect(minted.stderr).toBe('');
    const token = minted.stdout.trim();
    const decoded = await runCli(['decode', token, '--json', '--now', String(NOW_S)]);
    const out = parseJson(decoded);
    expect(out.header).toEqual({ kid: 'k1', alg: 'HS256', typ: 'JWT' });
    expect(out.payload).toEqual({ sub: '42', roles: ['admin'], name: 'Ada', iat: NOW_S, exp: NOW_S + 900 });

    const edited = JSON.stringify({ ...out, payload: { ...out.payload, roles: ['reader'] } });
    const resigned = await runCli(['sign', '-', '--secret', STRONG], { input: edited });
    expect(resigned.code).toBe(0);
    const again = parseJson(await runCli(['decode', resigned.stdout.trim(), '--json', '--now', String(NOW_S)]));
    expect(again.payload).toEqual({ sub: '42', roles: ['reader'], name: 'Ada', iat: NOW_S, exp: NOW_S + 900 });
    expect(again.header.kid).toBe('k1');
    // The README's own example: `--claim sub=42` must verify with `--sub 42` (a numeric sub did not).
    const verified = await runCli(['verify', resigned.stdout.trim(), '--secret', STRONG, '--now', String(NOW_S), '--sub', '42']);
    expect(verified.code, verified.stdout).toBe(0);
  });

  it('warns on stderr (and in --json) about a token without exp, the way decode would flag it', async () => {
    const minted = await runCli(['sign', '--secret', STRONG, '--claim', 'sub=1', '--now', String(NOW_S)]);
    expect(minted.code).toBe(0);
    expect(minted.stderr).toBe('authkit: warning: The token has no exp claim, so it never expires (--exp 15m sets one) (jwt/missing-exp)\n');
    const decoded = parseJson(await runCli(['decode', minted.stdout.trim(), '--json', '--now', String(NOW_S)]));
    expect(decoded.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('jwt/missing-exp');
    const json = parseJson(await runCli(['sign', '--secret', STRONG, '--json']));
    expect(json.warnings.map((w: { ruleId: string }) => w.ruleId)).toEqual(['jwt/missing-exp']);
  });

  it('keeps sub, iss, jti and aud strings unless written as JSON arrays, objects or quoted strings', async () => {
    const minted = await runCli(
      ['sign', '--secret', STRONG, '--no-iat', '--claim', 'sub=42', '--claim', 'iss=1', '--claim', 'jti=true', '--claim', 'aud=["a","b"]', '--claim', 'n=42', '--claim', 'ok=true', '--json'],
    );
    expect(parseJson(minted).payload).toEqual({ sub: '42', iss: '1', jti: 'true', aud: ['a', 'b'], n: 42, ok: true });
  });

  it('refuses empty template input instead of minting an iat-only token', async () => {
    const empty = await runCli(['sign', '-', '--secret', STRONG], { input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('authkit: the template is empty (nothing on stdin or in the file); pipe in `authkit decode --json` output\n');
  });

  it('backdates with --iat=-2h and names the lifetime and the limit when it is too long', async () => {
    const minted = await runCli(['sign', '--secret', STRONG, '--iat=-2h', '--exp', '1d', '--now', String(NOW_S), '--json']);
    expect(minted.code).toBe(0);
    const { payload, warnings } = parseJson(minted);
    expect(payload).toEqual({ iat: NOW_S - 7200, exp: NOW_S + 86_400 });
    expect(warnings.map((w: { message: string }) => w.message)).toEqual(['The token lives 1d 2h (until 2026-01-02T00:00:00Z), over the 15m limit']);
    const help = await runCli(['sign', '--help']);
    expect(help.stdout).toContain('--iat=-2h');
  });

  it('refuses a publicly known secret and alg none unless --allow-weak, then warns (never "error" with exit 0)', async () => {
    const weak = await runCli(['sign', '--secret', 'secret', '--claim', 'sub=1']);
    expect(weak.code).toBe(2);
    expect(weak.stdout).toBe('');
    expect(weak.stderr).toMatch(/^authkit: the secret is publicly known \(line 40 of data\/jwt-secrets.list\).*--allow-weak for a deliberate test token\n$/);
    const allowed = await runCli(['sign', '--secret', 'secret', '--claim', 'sub=1', '--allow-weak']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.trim().split('.')).toHaveLength(3);
    expect(allowed.stderr).toContain('authkit: warning: The HS256 signature verifies with a publicly known secret');
    expect(allowed.stderr).toContain('jwt/short-hmac-key');
    expect(allowed.stderr).not.toContain('error');
    expect(allowed.stderr).not.toContain('"secret"');
    const none = await runCli(['sign', '--alg', 'none', '--claim', 'sub=admin']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('add --allow-weak');
    const noneAllowed = await runCli(['sign', '--alg', 'none', '--allow-weak', '--claim', 'sub=admin']);
    expect(noneAllowed.stdout.trim()).toMatch(/^eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0\.[\w-]+\.$/);
    expect(noneAllowed.stderr).toMatch(/^authkit: warning: .*\(jwt\/missing-exp\)\nauthkit: warning: .*\(jwt\/alg-none\)\n$/);
    const noKey = await runCli(['sign', '--claim', 'sub=1']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('sign needs a key');
  });
});

describe('secrets stay secret', () => {
  it('no decode or verify report in any format holds the signature, the secret or private key material', async () => {
    const secret = 'Zq8-unique-fixture-secret-0f3a9c2e71b4d65';
    const token = makeToken({ alg: 'HS256', kid: 'k1' }, { sub: 'x', iat: NOW_S, exp: NOW_S - 10 }, secret);
    const privatePem = readFileSync(join(KEYS, 'rsa-private.pem'), 'utf8');
    const privateBody = privatePem.split('\n')[5]!;
    const minted = await runCli(['sign', '--key', join(KEYS, 'rsa-private.pem'), '--claim', 'sub=1', '--now', String(NOW_S)]);
    const rs = minted.stdout.trim();
    expect(rs.split('.'), minted.stderr).toHaveLength(3);
    const secretFile = file('leak-secret.txt', secret);
    const runs = [
      ['decode', token],
      ['verify', token, '--secret-file', secretFile],
      ['verify', token, '--secret', `${secret}-wrong`],
      ['verify', rs, '--key', join(KEYS, 'rsa-private.pem')],
    ];
    for (const args of runs) {
      for (const format of ['stylish', 'json', 'sarif', 'github']) {
        const r = await runCli([...args, '--format', format, '--now', String(NOW_S)]);
        const all = r.stdout + r.stderr;
        expect(all.length, `${args.join(' ')} ${format}`).toBeGreaterThan(0);
        for (const needle of [signatureOf(token), signatureOf(rs), secret, privateBody, 'PRIVATE KEY']) {
          expect(all.includes(needle), `${args[0]} ${args[2]} --format ${format} leaks ${needle.slice(0, 12)}…`).toBe(false);
        }
        if (format === 'sarif') expect(sarifErrors(JSON.parse(r.stdout))).toEqual([]);
      }
    }
  }, 120_000);
});
