// The parity and verification table: tokens of every algorithm the CLI verifies and every
// situation its rules judge, signed for real (keys generated per run, the weak secrets are
// lines of the shipped list).
import { type KeyObject, createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { CompactSign } from 'jose';

/** 2026-01-01T00:00:00Z: the page's clock and the CLI's --now in every browser test. */
export const NOW_ISO = '2026-01-01T00:00:00Z';
const NOW = Date.parse(NOW_ISO) / 1000;

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export interface KeyPair {
  alg: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function pair(alg: string): KeyPair {
  if (alg.startsWith('RS') || alg.startsWith('PS')) return { alg, ...generateKeyPairSync('rsa', { modulusLength: 2048 }) };
  if (alg === 'EdDSA') return { alg, ...generateKeyPairSync('ed25519') };
  const curve = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg]!;
  return { alg, ...generateKeyPairSync('ec', { namedCurve: curve }) };
}

export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
export const HMAC_ALGS = ['HS256', 'HS384', 'HS512'];

export function keyPairs(): Map<string, KeyPair> {
  return new Map(ASYMMETRIC_ALGS.map((alg) => [alg, pair(alg)]));
}

export async function signWith(key: KeyPair, payload: object, header: object = {}): Promise<string> {
  return new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader({ alg: key.alg, typ: 'JWT', ...header }).sign(key.privateKey);
}

export function hmac(alg: string, secret: string | Buffer, payload: object, header: object = {}): string {
  const signingInput = `${b64({ alg, typ: 'JWT', ...header })}.${b64(payload)}`;
  return `${signingInput}.${createHmac(alg.replace('HS', 'sha'), secret).update(signingInput).digest('base64url')}`;
}

const fresh = { sub: 'user-42', iss: 'https://issuer.example', aud: 'api', iat: NOW - 60, exp: NOW + 600 };

/** name → token; `loopback` is where jku, x5u and iss point in the no-network test. */
export async function parityTable(keys: Map<string, KeyPair>, loopback = 'http://127.0.0.1:9'): Promise<[string, string][]> {
  const strong = randomBytes(32);
  const rows: [string, string][] = [];
  for (const alg of ASYMMETRIC_ALGS) rows.push([alg, await signWith(keys.get(alg)!, fresh, { kid: `${alg}-key` })]);
  for (const alg of HMAC_ALGS) rows.push([`${alg} strong secret`, hmac(alg, strong, fresh)]);
  for (const alg of HMAC_ALGS) rows.push([`${alg} weak secret`, hmac(alg, 'your-256-bit-secret', fresh)]);
  rows.push(['none', `${b64({ alg: 'none' })}.${b64(fresh)}.`]);
  rows.push(['None mixed case', `${b64({ alg: 'None', typ: 'JWT' })}.${b64(fresh)}.`]);
  rows.push(['expired', hmac('HS256', strong, { ...fresh, iat: NOW - 7200, exp: NOW - 3600 })]);
  rows.push(['not yet valid', hmac('HS256', strong, { ...fresh, nbf: NOW + 3600, exp: NOW + 4000 })]);
  rows.push(['no exp', hmac('HS256', strong, { sub: 'user-42', iat: NOW })]);
  rows.push(['long lifetime', hmac('HS256', strong, { ...fresh, exp: NOW + 30 * 86400 })]);
  rows.push(['iat in the future', hmac('HS256', strong, { ...fresh, iat: NOW + 3600, exp: NOW + 4000 })]);
  rows.push(['jku and x5u', await signWith(keys.get('RS256')!, { ...fresh, iss: loopback }, { jku: `${loopback}/jwks.json`, x5u: `${loopback}/cert.pem` })]);
  rows.push(['embedded jwk', await signWith(keys.get('ES256')!, fresh, { jwk: keys.get('ES256')!.publicKey.export({ format: 'jwk' }) })]);
  rows.push(['kid path traversal', hmac('HS256', strong, fresh, { kid: '../../../../dev/null' })]);
  rows.push(['kid SQL', hmac('HS256', strong, fresh, { kid: "x' UNION SELECT 'key' --" })]);
  rows.push(['sensitive claims', hmac('HS256', strong, { ...fresh, password: 'hunter2', card_number: '4111111111111111' })]);
  rows.push(['crit unknown', hmac('HS256', strong, fresh, { crit: ['exp-ext'], 'exp-ext': true })]);
  rows.push(['broken payload', `${b64({ alg: 'HS256' })}.${b64('{"sub":')}.${b64('sig')}`]);
  rows.push(['broken base64', `${b64({ alg: 'HS256' })}.e$$$.${b64('sig')}`]);
  rows.push(['two segments', `${b64({ alg: 'HS256' })}.${b64(fresh)}`]);
  rows.push(['JWE', `${b64({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })}.${b64('k'.repeat(40))}.${b64('iv-iv-iv-iv!')}.${b64('ciphertext')}.${b64('tag-tag-tag-tag!')}`]);
  return rows;
}
