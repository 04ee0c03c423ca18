// Verification in the page (WebCrypto), per algorithm and key form; the algorithm comes from the
// form, never the token; wrong keys and confused key types are refused; the token is never touched.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM, launch } from './browser.js';
import { openPage, paste } from './page.js';
import { ASYMMETRIC_ALGS, HMAC_ALGS, type KeyPair, hmac, keyPairs, signWith } from './tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'authkit-ui-verify-'));
const keys = keyPairs();
const other = keyPairs();
const claims = { sub: 'user-42', exp: 4102444800 };

const spki = (k: KeyPair) => k.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const jwk = (k: KeyPair, kid?: string) => ({ ...k.publicKey.export({ format: 'jwk' }), ...(kid ? { kid } : {}) });
/** A self-signed certificate for the key, made by openssl as a CA would. */
function certificate(k: KeyPair, name: string): string {
  const keyFile = join(dir, `${name}.key`);
  writeFileSync(keyFile, k.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const certFile = join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-new', '-x509', '-key', keyFile, '-subj', `/CN=${name}`, '-days', '1', '-out', certFile], { stdio: 'ignore' });
  return readFileSync(certFile, 'utf8');
}

async function verifyIn(page: Page, token: string, alg: string, key: string, options: { encoding?: string; keyIndex?: number } = {}) {
  await paste(page, token);
  await page.select('#alg', alg);
  await page.$eval('#key', (el, value) => {
    (el as HTMLTextAreaElement).value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, key);
  await page.select('#secret-encoding', options.encoding ?? 'utf8');
  await page.select('#kid', options.keyIndex === undefined ? '' : String(options.keyIndex));
  await page.click('#verify button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('verify-result')!.dataset.ok !== undefined);
  const result = await page.$eval('#verify-result', (el) => ({ ok: (el as HTMLElement).dataset.ok === 'true', message: el.textContent! }));
  expect(await page.$eval('#token', (el) => (el as HTMLTextAreaElement).value), 'the token field is never rewritten').toBe(token);
  return result;
}

describe.skipIf(!CHROMIUM)('verification in the page', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const file = join(dir, 'decoder.html');
    expect((await runCli(['ui', '--out', file])).code).toBe(0);
    browser = await launch();
    page = await openPage(browser, pathToFileURL(file).href);
  });
  afterAll(async () => browser?.close());

  it.each(HMAC_ALGS)('%s with a UTF-8 secret, a base64url secret, a JWK and a JWKS; wrong secrets refused', async (alg) => {
    const text = `correct horse battery staple ${alg}`;
    const bytes = randomBytes(64);
    expect(await verifyIn(page, hmac(alg, text, claims), alg, text)).toMatchObject({ ok: true });
    expect(await verifyIn(page, hmac(alg, bytes, claims), alg, bytes.toString('base64url'), { encoding: 'base64url' })).toMatchObject({ ok: true });
    const oct = JSON.stringify({ kty: 'oct', k: bytes.toString('base64url') });
    expect(await verifyIn(page, hmac(alg, bytes, claims), alg, oct)).toMatchObject({ ok: true });
    const set = JSON.stringify({ keys: [{ kty: 'oct', kid: 'a', k: randomBytes(32).toString('base64url') }, { kty: 'oct', kid: 'b', k: bytes.toString('base64url') }] });
    expect(await verifyIn(page, hmac(alg, bytes, claims, { kid: 'b' }), alg, set)).toMatchObject({ ok: true });
    expect(await verifyIn(page, hmac(alg, text, claims), alg, `${text}!`)).toMatchObject({ ok: false, message: expect.stringContaining('does NOT verify') });
  });

  it.each(ASYMMETRIC_ALGS)('%s with a PEM public key, an X.509 certificate, a JWK and a JWKS picked by kid; another key refused', async (alg) => {
    const key = keys.get(alg)!;
    const token = await signWith(key, claims, { kid: 'right' });
    expect(await verifyIn(page, token, alg, spki(key))).toMatchObject({ ok: true, message: expect.stringContaining('PEM public key') });
    expect(await verifyIn(page, token, alg, certificate(key, alg))).toMatchObject({ ok: true, message: expect.stringContaining('X.509 certificate') });
    expect(await verifyIn(page, token, alg, JSON.stringify(jwk(key)))).toMatchObject({ ok: true });
    const set = JSON.stringify({ keys: [jwk(other.get(alg)!, 'wrong'), jwk(key, 'right')] });
    expect(await verifyIn(page, token, alg, set)).toMatchObject({ ok: true, message: expect.stringContaining('key 2 of the set (kid "right")') });
    expect(await verifyIn(page, token, alg, set, { keyIndex: 0 })).toMatchObject({ ok: false, message: expect.stringContaining('does NOT verify') });
    expect(await verifyIn(page, token, alg, spki(other.get(alg)!))).toMatchObject({ ok: false, message: expect.stringContaining('does NOT verify') });
  });

  it('accepts a PKCS#1 RSA PUBLIC KEY', async () => {
    const key = keys.get('RS256')!;
    const pkcs1 = key.publicKey.export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(await verifyIn(page, await signWith(key, claims), 'RS256', pkcs1)).toMatchObject({ ok: true });
  });

  it('never takes the algorithm from the token: a mismatch, HS256 with a public key and a private key pasted are refused', async () => {
    const rsa = keys.get('RS256')!;
    const token = await signWith(rsa, claims);
    expect(await verifyIn(page, token, 'PS256', spki(rsa))).toMatchObject({ ok: false, message: expect.stringContaining('Refused: the token says alg "RS256"') });
    // Algorithm confusion (CVE-2015-9235): an HS256 token "signed" with the public key's PEM text.
    const confused = hmac('HS256', spki(rsa), claims);
    expect(await verifyIn(page, confused, 'HS256', spki(rsa))).toMatchObject({ ok: false, message: expect.stringContaining('cannot verify HS256') });
    expect(await verifyIn(page, token, 'RS256', rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toMatchObject({ ok: false, message: expect.stringContaining('private key') });
    expect(await verifyIn(page, token, 'ES256', JSON.stringify(jwk(keys.get('ES256')!)))).toMatchObject({ ok: false, message: expect.stringContaining('Refused') });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    expect(await verifyIn(page, unsigned, 'HS256', 'secret')).toMatchObject({ ok: false, message: expect.stringContaining('Refused') });
  });
});
