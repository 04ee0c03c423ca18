// Signature verification in the page, through WebCrypto. The algorithm is the one the person
// expects (chosen in the form), never the token's; a key is used only for an algorithm its type
// allows, by the CLI's own rules (src/jwt/keys.ts), so no key confusion (RFC 8725 3.1, 3.2).
import { decodeSegment } from '../../jwt/base64url.js';
import { type CandidateKey, algsForKey } from '../../jwt/keys.js';
import { spkiOfCertificate, spkiOfPkcs1 } from './der.js';
import { Buffer } from './shims/buffer.js';

export interface VerifyInput {
  compact: string;
  alg: string;
  keyText: string;
  secretEncoding: 'utf8' | 'base64url';
  /** The position (0-based) of the key chosen in a JWKS; undefined: the one whose kid matches. */
  keyIndex?: number;
}

export interface VerifyOutcome {
  ok: boolean;
  message: string;
}

const HASH: Record<string, string> = { '256': 'SHA-256', '384': 'SHA-384', '512': 'SHA-512' };
const CURVE: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

function importParams(alg: string): { name: string; hash?: string; namedCurve?: string } {
  const bits = alg.slice(2);
  if (alg.startsWith('HS')) return { name: 'HMAC', hash: HASH[bits]! };
  if (alg.startsWith('RS')) return { name: 'RSASSA-PKCS1-v1_5', hash: HASH[bits]! };
  if (alg.startsWith('PS')) return { name: 'RSA-PSS', hash: HASH[bits]! };
  if (alg.startsWith('ES')) return { name: 'ECDSA', namedCurve: CURVE[alg]! };
  return { name: 'Ed25519' };
}

function verifyParams(alg: string): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  const bits = alg.slice(2);
  if (alg.startsWith('PS')) return { name: 'RSA-PSS', saltLength: Number(bits) / 8 };
  if (alg.startsWith('ES')) return { name: 'ECDSA', hash: HASH[bits]! };
  return { name: importParams(alg).name };
}

/** A JWKS's keys, for the form's key picker. */
export function keysOfSet(keyText: string): { kid?: string; kty?: string; alg?: string }[] | null {
  try {
    const parsed = JSON.parse(keyText) as { keys?: unknown };
    return Array.isArray(parsed.keys) ? (parsed.keys as { kid?: string; kty?: string; alg?: string }[]) : null;
  } catch {
    return null;
  }
}

type Prepared = { format: 'raw' | 'spki' | 'jwk'; data: Uint8Array | JsonWebKey; candidate: CandidateKey; label: string };

function pemBlocks(text: string): { label: string; der: Uint8Array }[] {
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)].map((m) => ({ label: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') }));
}

function fromJwk(jwk: JsonWebKey & { kid?: string }, label: string): Prepared {
  const kind = jwk.kty === 'oct' ? 'hmac' : jwk.kty === 'RSA' ? 'rsa' : jwk.kty === 'EC' ? 'ec' : jwk.kty === 'OKP' ? 'okp' : null;
  if (!kind) throw new Error(`${label}: unsupported key type ${String(jwk.kty)}`);
  if (kind === 'hmac') return { format: 'raw', data: Buffer.from(jwk.k ?? '', 'base64url'), candidate: { source: label, kind, ...(jwk.alg ? { alg: jwk.alg } : {}) }, label };
  // Only the public half verifies; a pasted private JWK is used as its public key.
  const pub: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete pub[member];
  delete pub.key_ops;
  delete pub.alg;
  return { format: 'jwk', data: pub as JsonWebKey, candidate: { source: label, kind, ...(jwk.alg ? { alg: jwk.alg } : {}), ...(jwk.crv ? { crv: jwk.crv } : {}) }, label };
}

function prepareKey(input: VerifyInput, tokenKid: unknown): Prepared {
  const text = input.keyText.trim();
  if (text.startsWith('{')) {
    let parsed: JsonWebKey & { keys?: (JsonWebKey & { kid?: string })[]; kid?: string };
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`the key looks like JSON but is not: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed.keys)) return fromJwk(parsed, 'the JWK');
    const keys = parsed.keys;
    const index = input.keyIndex ?? keys.findIndex((k) => k.kid !== undefined && k.kid === tokenKid);
    if (index < 0) throw new Error(`no key in the set has the token's kid ${JSON.stringify(tokenKid ?? null)}: pick one`);
    const chosen = keys[index];
    if (!chosen) throw new Error('no such key in the set');
    return fromJwk(chosen, `key ${index + 1} of the set${chosen.kid !== undefined ? ` (kid ${JSON.stringify(chosen.kid)})` : ''}`);
  }
  const blocks = pemBlocks(text);
  if (blocks.length > 0) {
    const { label, der } = blocks[0]!;
    if (label.includes('PRIVATE')) throw new Error('that is a private key: paste the public key or certificate (the private key never needs to leave its place)');
    const spki = label === 'CERTIFICATE' ? spkiOfCertificate(der) : label === 'RSA PUBLIC KEY' ? spkiOfPkcs1(der) : label === 'PUBLIC KEY' ? der : null;
    if (!spki) throw new Error(`unsupported PEM block "${label}"`);
    const kind = input.alg.startsWith('ES') ? 'ec' : input.alg === 'EdDSA' ? 'okp' : 'rsa';
    // The SPKI names its own key type; WebCrypto refuses one that does not fit the algorithm.
    return { format: 'spki', data: spki, candidate: { source: 'PEM', kind, ...(kind === 'ec' ? { crv: CURVE[input.alg] } : kind === 'okp' ? { crv: 'Ed25519' } : {}) }, label: label === 'CERTIFICATE' ? 'the X.509 certificate' : 'the PEM public key' };
  }
  const secret = input.secretEncoding === 'base64url' ? decodeSegment(text)?.bytes : Buffer.from(input.keyText);
  if (!secret) throw new Error('the secret is not base64url');
  return { format: 'raw', data: secret, candidate: { source: 'secret', kind: 'hmac' }, label: `the ${input.secretEncoding === 'base64url' ? 'base64url' : 'UTF-8'} secret` };
}

export async function verifyToken(input: VerifyInput): Promise<VerifyOutcome> {
  const parts = input.compact.split('.');
  if (parts.length !== 3) return { ok: false, message: 'Only a signed token (JWS, 3 segments) can be verified.' };
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(decodeSegment(parts[0]!)?.bytes ?? new Uint8Array()));
  } catch {
    return { ok: false, message: 'The header is not JSON: nothing to verify.' };
  }
  // A verifier pinned to one algorithm refuses a token naming another: that is the defence.
  if (header.alg !== input.alg) return { ok: false, message: `Refused: the token says alg ${JSON.stringify(header.alg)}, you expect ${input.alg}.` };
  let prepared: Prepared;
  try {
    prepared = prepareKey(input, header.kid);
  } catch (error) {
    return { ok: false, message: `Key problem: ${(error as Error).message}.` };
  }
  if (!algsForKey(prepared.candidate).includes(input.alg)) {
    return { ok: false, message: `Refused: ${prepared.label} is a ${prepared.candidate.kind.toUpperCase()} key and cannot verify ${input.alg}.` };
  }
  const signature = decodeSegment(parts[2]!)?.bytes;
  if (!signature) return { ok: false, message: 'The signature is not base64url.' };
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(prepared.format as 'raw', prepared.data as BufferSource, importParams(input.alg), false, ['verify']);
  } catch (error) {
    return { ok: false, message: `Key problem: ${prepared.label} does not fit ${input.alg} (${(error as Error).message}).` };
  }
  const ok = await crypto.subtle.verify(verifyParams(input.alg), key, signature as BufferSource, new TextEncoder().encode(`${parts[0]}.${parts[1]}`));
  return ok ? { ok, message: `Signature verified: ${input.alg} with ${prepared.label}.` } : { ok, message: `Signature does NOT verify with ${prepared.label} (${input.alg}).` };
}
