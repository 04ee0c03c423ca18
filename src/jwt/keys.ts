import type { KeyObject } from 'node:crypto';
import { UsageError } from '../findings/errors.js';

/**
 * Keys for verify and sign, from PEM (SPKI, X.509 certificate, PKCS#8/PKCS#1/SEC1 private key),
 * a JWK, a JWKS, or an HMAC secret. Everything is normalised to a JWK (public half only for
 * verification) so jose can import it for exactly the algorithm being checked.
 */

export class KeyError extends UsageError {}

export type KeyKind = 'hmac' | 'rsa' | 'ec' | 'okp';

export interface CandidateKey {
  /** Human description: never holds key material. */
  source: string;
  kind: KeyKind;
  kid?: string;
  /** A JWK's own alg: the only algorithm that key may be used with. */
  alg?: string;
  crv?: string;
  use?: string;
  /** HMAC key bytes. Never printed. */
  secret?: Uint8Array;
  /** Public JWK for verification, or the private JWK for signing. */
  jwk?: JsonWebKey;
  /** Where in a JWKS (1-based), to tell duplicate kids apart. */
  position?: number;
  fromPrivate?: boolean;
  /** Where a PEM key was held when not plainly ("X.509 certificate"), for its description. */
  container?: string;
  modulusBits?: number;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export const ALGS_FOR_KIND: Record<KeyKind, string[]> = {
  hmac: ['HS256', 'HS384', 'HS512'],
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  ec: ['ES256', 'ES384', 'ES512', 'ES256K'],
  okp: ['EdDSA', 'Ed25519'],
};

const EC_ALG: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512', secp256k1: 'ES256K' };

/** The algorithms a key permits: its JWK alg, else its type and curve. Never `none`. */
export function algsForKey(key: CandidateKey): string[] {
  // An EC key's curve fixes its algorithm: an alg that names another curve's makes it unusable.
  if (key.alg) return key.kind === 'ec' && key.crv && EC_ALG[key.crv] !== key.alg ? [] : [key.alg];
  if (key.kind === 'ec') return key.crv && EC_ALG[key.crv] ? [EC_ALG[key.crv]!] : [];
  if (key.kind === 'okp') return key.crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : key.crv === 'Ed448' ? ['EdDSA'] : [];
  return ALGS_FOR_KIND[key.kind];
}

export function kindOfAlg(alg: string): KeyKind | null {
  for (const [kind, algs] of Object.entries(ALGS_FOR_KIND)) if (algs.includes(alg)) return kind as KeyKind;
  return null;
}

export function describeKind(key: CandidateKey): string {
  const role = `${key.fromPrivate ? 'private key, public half used' : 'public key'}${key.container ? ` from an ${key.container}` : ''}`;
  switch (key.kind) {
    case 'hmac':
      return 'HMAC secret';
    case 'rsa':
      return `RSA ${role}${key.modulusBits ? `, ${key.modulusBits} bits` : ''}`;
    case 'ec':
      return `EC ${key.crv ?? ''} ${role}`;
    case 'okp':
      return `${key.crv ?? 'OKP'} ${role}`;
  }
}

function kindOfJwk(jwk: Record<string, unknown>, display: string): KeyKind {
  switch (jwk.kty) {
    case 'oct':
      return 'hmac';
    case 'RSA':
      return 'rsa';
    case 'EC':
      return 'ec';
    case 'OKP':
      if (jwk.crv === 'X25519' || jwk.crv === 'X448') throw new KeyError(`${display}: ${String(jwk.crv)} keys are for key agreement, not signatures`);
      return 'okp';
    default:
      throw new KeyError(`${display}: unsupported JWK kty ${JSON.stringify(jwk.kty)} (expected RSA, EC, OKP or oct)`);
  }
}

function modulusBits(n: unknown): number | undefined {
  if (typeof n !== 'string') return undefined;
  const bytes = Buffer.from(n, 'base64url');
  let bits = bytes.length * 8;
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) bits -= 8;
  if (bytes.length > 0) {
    const first = bytes.find((b) => b !== 0) ?? 0;
    bits -= Math.clz32(first) - 24;
  }
  return bits;
}

/** Why a JWK may not be used for this operation by its own `use` or `key_ops` (RFC 7517 sections 4.2, 4.3). */
function unusableFor(jwk: Record<string, unknown>, operation: 'sign' | 'verify'): string | undefined {
  if (typeof jwk.use === 'string' && jwk.use !== 'sig') return `the key is for ${jwk.use === 'enc' ? 'encryption' : JSON.stringify(jwk.use)} (use "${jwk.use}"), not signatures (RFC 7517 section 4.2)`;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes(operation)) {
    return `the key's key_ops (${jwk.key_ops.map((o) => JSON.stringify(o)).join(', ')}) do not include "${operation}" (RFC 7517 section 4.3)`;
  }
  return undefined;
}

/** The key material that tells two JWKs apart, whatever their kid, alg or use say. */
function materialOf(key: CandidateKey): string {
  if (key.secret) return Buffer.from(key.secret).toString('base64url');
  const jwk = (key.jwk ?? {}) as Record<string, unknown>;
  return ['kty', 'crv', 'n', 'e', 'x', 'y'].map((m) => String(jwk[m] ?? '')).join('.');
}

/**
 * A key set that lets the token choose its key kind (an HMAC key beside public keys), or one kid
 * that names two different keys, is ambiguous: which key verifies depends on the token's header.
 */
function checkKeySet(keys: CandidateKey[], display: string): void {
  const symmetric = keys.filter((k) => k.kind === 'hmac');
  if (symmetric.length > 0 && symmetric.length < keys.length) {
    const name = (k: CandidateKey) => `#${k.position}${k.kid ? ` (kid "${k.kid}")` : ''}`;
    throw new KeyError(
      `${display}: the key set mixes symmetric keys (${symmetric.map(name).join(', ')}) with asymmetric ones (${keys.filter((k) => k.kind !== 'hmac').map(name).join(', ')}): a token could pick the HMAC key; refused as ambiguous`,
    );
  }
  const byKid = new Map<string, CandidateKey>();
  for (const key of keys) {
    if (key.kid === undefined) continue;
    const first = byKid.get(key.kid);
    if (first && materialOf(first) !== materialOf(key)) {
      throw new KeyError(`${display}: keys #${first.position} and #${key.position} share kid "${key.kid}" but are different keys: refused as ambiguous`);
    }
    if (!first) byKid.set(key.kid, key);
  }
}

function fromJwk(jwk: Record<string, unknown>, display: string, forSigning: boolean, position?: number): CandidateKey {
  const kind = kindOfJwk(jwk, display);
  const where = position ? `${display} key #${position}${typeof jwk.kid === 'string' ? ` (kid "${jwk.kid}")` : ''}` : display;
  const base: CandidateKey = {
    source: where,
    kind,
    ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
    // A JWK's alg binds the key to that algorithm (RFC 7517 section 4.4), even one no registry
    // knows: such a key verifies nothing.
    ...(typeof jwk.alg === 'string' ? { alg: jwk.alg } : {}),
    ...(typeof jwk.crv === 'string' ? { crv: jwk.crv } : {}),
    ...(typeof jwk.use === 'string' ? { use: jwk.use } : {}),
    ...(position ? { position } : {}),
  };
  const unusable = unusableFor(jwk, forSigning ? 'sign' : 'verify');
  if (unusable) throw new KeyError(`${where}: ${unusable}`);
  if (kind === 'rsa' && !forSigning && typeof jwk.e === 'string' && Buffer.from(jwk.e, 'base64url').toString('hex').replace(/^0+/, '') === '1') {
    throw new KeyError(`${where}: RSA public exponent 1: every value "verifies" as its own signature with it; refused`);
  }
  if (kind === 'hmac') {
    if (typeof jwk.k !== 'string') throw new KeyError(`${where}: an oct JWK needs "k"`);
    return { ...base, secret: Buffer.from(jwk.k, 'base64url') };
  }
  const hasPrivate = typeof jwk.d === 'string';
  if (forSigning) {
    if (!hasPrivate) throw new KeyError(`${where}: signing needs a private key, this JWK is public`);
    return { ...base, jwk: jwk as JsonWebKey, modulusBits: modulusBits(jwk.n) };
  }
  const publicJwk: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(jwk)) if (!PRIVATE_MEMBERS.includes(name)) publicJwk[name] = value;
  return { ...base, jwk: publicJwk as JsonWebKey, fromPrivate: hasPrivate, modulusBits: modulusBits(jwk.n) };
}

function fromKeyObject(key: KeyObject, display: string, container: string | undefined, fromPrivate: boolean): CandidateKey {
  const type = key.asymmetricKeyType as string | undefined;
  if (type === 'x25519' || type === 'x448' || type === 'dh') throw new KeyError(`${display}: ${type} keys are for key agreement, not signatures`);
  const jwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
  const candidate = fromJwk(jwk, display, key.type === 'private', undefined);
  return { ...candidate, source: display, fromPrivate: fromPrivate || undefined, ...(container ? { container } : {}) };
}

// The BEGIN line by regex, its END by indexOf: one /BEGIN (x)[\s\S]*?END \1/ backtracks in O(n^4) on a hostile key file.
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/;

function pemBlock(text: string): [string, string] | null {
  const begin = PEM_BEGIN.exec(text);
  if (!begin) return null;
  const endLine = `-----END ${begin[1]}-----`;
  const end = text.indexOf(endLine, begin.index + begin[0].length);
  return end < 0 ? null : [text.slice(begin.index, end + endLine.length), begin[1]!];
}

function fromPem(text: string, display: string, forSigning: boolean): CandidateKey {
  const block = pemBlock(text);
  if (!block) throw new KeyError(`${display}: no complete PEM block (-----BEGIN ...----- / -----END ...-----)`);
  const label = block[1]!;
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block[0])) {
    throw new KeyError(`${display}: the private key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)`);
  }
  const isPrivate = /PRIVATE KEY$/.test(label);
  try {
    if (forSigning) {
      if (!isPrivate) throw new KeyError(`${display}: signing needs a private key, this PEM holds a ${label.toLowerCase()}`);
      return fromKeyObject(process.getBuiltinModule('node:crypto').createPrivateKey(block[0]), display, undefined, false);
    }
    return fromKeyObject(process.getBuiltinModule('node:crypto').createPublicKey(block[0]), display, label === 'CERTIFICATE' ? 'X.509 certificate' : undefined, isPrivate);
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError(`${display}: cannot read the ${label.toLowerCase()} (${(error as Error).message.replace(/^error:[0-9A-F]+:/, '')})`);
  }
}

/** Keys from the text of a --key file or a JWKS document. */
export function keysFromText(text: string, display: string, options: { forSigning?: boolean } = {}): CandidateKey[] {
  const forSigning = Boolean(options.forSigning);
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (error) {
      // V8 quotes the text around the error, newlines and all: the message must stay one line.
      let detail = (error as Error).message;
      const excerpt = detail.indexOf(', "');
      if (excerpt >= 0 && detail.endsWith(' is not valid JSON')) detail = detail.slice(0, excerpt);
      throw new KeyError(`${display}: not valid JSON (${detail.replace(/\s+/g, ' ')})`);
    }
    const object = doc as Record<string, unknown>;
    if (Array.isArray(object.keys)) {
      if (forSigning) throw new KeyError(`${display}: a JWKS cannot sign; give one private JWK or PEM`);
      const keys: CandidateKey[] = [];
      object.keys.forEach((entry, i) => {
        if (!entry || typeof entry !== 'object') throw new KeyError(`${display}: keys[${i}] is not a JWK object`);
        const jwk = entry as Record<string, unknown>;
        // A published JWKS lists encryption keys beside signature keys: those are simply not candidates.
        if (unusableFor(jwk, 'verify')) return;
        if (jwk.kty === 'OKP' && (jwk.crv === 'X25519' || jwk.crv === 'X448')) return;
        keys.push(fromJwk(jwk, display, false, i + 1));
      });
      if (keys.length === 0) throw new KeyError(`${display}: the JWKS holds no signature verification key`);
      checkKeySet(keys, display);
      return keys;
    }
    if (typeof object.kty === 'string') return [fromJwk(object, display, forSigning)];
    throw new KeyError(`${display}: JSON but neither a JWK (no "kty") nor a JWKS (no "keys")`);
  }
  if (trimmed.includes('-----BEGIN')) return [fromPem(trimmed, display, forSigning)];
  throw new KeyError(`${display}: not a key: expected PEM (-----BEGIN ...), a JWK or a JWKS; if it holds an HMAC secret, pass it with --secret-file ${display}`);
}

export function secretKey(secret: Uint8Array, source: string): CandidateKey {
  return { source, kind: 'hmac', secret };
}

