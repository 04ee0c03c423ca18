import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hmacMidstates256, messageSchedule256, rounds256, schedule256 } from './sha256-scalar.js';
import { type KeySource, MAX_MESSAGE_BLOCKS, searchSimd, simdAvailable } from './sha256-simd.js';
import { blocksOf, type HmacKeySource, MAX_BLOCKS_512, type Sha2Variant, searchSha512, sha512KernelAvailable } from './sha512-wasm.js';

/**
 * The offline known-secret check (RFC 8725 section 3.5: HMAC keys must not be guessable).
 * data/jwt-secrets.list holds 103,979 secrets from public examples (wallarm/jwt-secrets, MIT),
 * one per CRLF line, the first line being the empty secret. A match is named by its line number,
 * never by the secret.
 *
 * Speed: trying every secret is 104k HMACs. With SHA extensions the hashing itself is cheap and
 * the per-call overhead of node:crypto dominates a createHmac loop. HS256 therefore runs in a
 * WebAssembly SIMD kernel (sha256-simd.ts: four keys per instruction, no call per key) that
 * reuses what does not depend on the key: the message schedule of the signing input is computed
 * once per token, the ipad/opad midstates once per secret per process. Where WebAssembly SIMD is
 * missing, a scalar JavaScript version of the same idea runs (sha256-scalar.ts). HS384/HS512 do
 * the same in a SHA-512 kernel (sha512-wasm.ts, two keys per i64x2 instruction); without
 * WebAssembly they fall back to two one-shot node:crypto hashes per secret.
 */

export type HmacAlg = 'HS256' | 'HS384' | 'HS512';

export interface WeakSecretMatch {
  /** 1-based line of the merged list; `secretListPlace` names the file and its own line. */
  line: number;
  total: number;
}

export const WEAK_SECRET_FILE = 'data/jwt-secrets.list';

/**
 * The search costs one hash of the signing input per known secret, so its time grows with the
 * token: past this size (far beyond real tokens) it is skipped and the output says so.
 */
export const WEAK_SECRET_MAX_INPUT = 4096;

interface SecretList {
  raw: Buffer;
  /** The same bytes as a latin1 string, for fast line splitting. */
  text: string;
  /** starts[i]..ends[i] is secret i (line i + 1), for i < count. */
  starts: Int32Array;
  ends: Int32Array;
  /** Lines indexed so far; the whole list once `complete`. */
  count: number;
  complete: boolean;
  /** Where indexing resumes. */
  next: number;
}

/** The shipped list's size, so a match near the top can be reported without indexing it all. */
export const WEAK_SECRET_LIST_SIZE = 103_979;

let list: SecretList | null = null;

/**
 * The list ships in dist/data/ (the build copies it from the team's shared data; it is not in
 * the repository). Bundled chunks find it beside them; the sources, as tests import them, find
 * the built copy.
 */
function findDataFile(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    for (const candidate of [join(dir, WEAK_SECRET_FILE), join(dir, 'dist', WEAK_SECRET_FILE)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  return null;
}

let dataFile: string | null | undefined;

/** Lists a team adds (`--secrets-list`, `jwt.secretsList`): secrets that leaked in its own history. */
interface ExtraList {
  display: string;
  text: string;
}
let extraLists: ExtraList[] = [];

/** Where each list's lines begin in the merged list, for naming a match by its own file and line. */
let segments: { display: string; first: number }[] = [];

/** Adds the team's lists to the shipped one; call before the first search (one per process). */
export function useExtraSecretLists(lists: ExtraList[]): void {
  if (list) throw new Error('the known-secrets list is already loaded');
  extraLists = lists;
}

/** Set when a check wanted the list and there was none: the command then says so once. */
let listMissed = false;

/** False when there is no list at all (a build without the team's data and no list of the user's). */
export function weakSecretListAvailable(): boolean {
  if (dataFile === undefined) dataFile = findDataFile();
  const available = dataFile !== null || extraLists.length > 0;
  // Every check that would use the list asks here first, so this records exactly the runs that lost
  // a check: scan and session-audit quietly reported less on a clone built without the list.
  if (!available) listMissed = true;
  return available;
}

/** One note per command (stderr, JSON `notes`, SARIF notification) when a known-secret check could not run. */
export function missingListNote(): { message: string } | null {
  return listMissed ? { message: `known-secret checks skipped: ${WEAK_SECRET_UNAVAILABLE}` } : null;
}

/** "line 40 of data/jwt-secrets.list", or the line of the user's own list that matched. */
export function secretListPlace(line: number): string {
  let segment = { display: WEAK_SECRET_FILE, first: 0 };
  for (const s of segments) if (s.first < line) segment = s;
  return `line ${line - segment.first} of ${segment.display}`;
}

/** Why the known-secret check cannot run, for the places that would otherwise report a result. */
export const WEAK_SECRET_UNAVAILABLE = `the known-secrets list (${WEAK_SECRET_FILE}) is not installed: this build had no ../shared/data/jwt-secrets.list (the README's set-up says how a clone gets it)`;

/**
 * The list, indexed up to `lines` lines. Indexing is incremental: the common weak secrets sit
 * near the top, and finding `secret` (line 40) should not cost a pass over 104k lines.
 */
function secretsUpTo(lines: number): SecretList {
  if (!list) {
    if (!weakSecretListAvailable()) throw new Error(WEAK_SECRET_UNAVAILABLE);
    const parts: Buffer[] = [];
    let lines = 0;
    segments = [];
    const append = (display: string, bytes: Buffer) => {
      segments.push({ display, first: lines });
      let end = bytes.length;
      if (end > 0 && bytes[end - 1] === 10) end--;
      if (end > 0 && bytes[end - 1] === 13) end--;
      const body = bytes.subarray(0, end);
      parts.push(body, Buffer.from('\r\n'));
      lines += body.toString('latin1').split('\n').length;
    };
    if (dataFile) append(WEAK_SECRET_FILE, readFileSync(dataFile));
    for (const extra of extraLists) append(extra.display, Buffer.from(extra.text.replace(/\r?\n$/, ''), 'utf8'));
    const raw = Buffer.concat(parts);
    list = { raw, text: raw.toString('latin1'), starts: new Int32Array(lines + 1), ends: new Int32Array(lines + 1), count: 0, complete: false, next: 0 };
  }
  if (list.complete || list.count >= lines) return list;
  // String.indexOf on a latin1 copy: Buffer.indexOf has a JavaScript wrapper per call, and
  // there is one call per line.
  const { text, starts, ends } = list;
  let { count, next } = list;
  const limit = Math.min(lines, starts.length);
  let complete = false;
  while (count < limit) {
    if (next >= text.length) {
      complete = true;
      break;
    }
    let end = text.indexOf('\n', next);
    if (end < 0) {
      end = text.length;
      complete = true;
    }
    starts[count] = next;
    ends[count] = end > next && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    count++;
    next = end + 1;
    if (complete) break;
  }
  Object.assign(list, { count, next, complete: complete || next >= text.length });
  return list;
}

export function loadSecretList(): SecretList {
  return secretsUpTo(Number.POSITIVE_INFINITY);
}

export function weakSecretCount(): number {
  return loadSecretList().count;
}

/** The line of a secret the user supplied, when it is in the public list (verify, sign). */
/**
 * A scan of the whole list costs ~0.2 ms; a file with 200,000 literal keys in one array took 60 s.
 * Past a few lookups a run gets an index of line by secret (latin1 keys: bytes as they are).
 */
const SCANS_BEFORE_INDEX = 8;
let lookups = 0;
const lineIndexes = new WeakMap<SecretList, Map<string, number>>();

function lineIndex(list: SecretList): Map<string, number> {
  let index = lineIndexes.get(list);
  if (!index) {
    index = new Map();
    // First line wins, as the scan's does.
    for (let i = list.count - 1; i >= 0; i--) index.set(list.text.slice(list.starts[i]!, list.ends[i]!), i + 1);
    lineIndexes.set(list, index);
  }
  return index;
}

export function weakSecretLine(secret: Uint8Array): number | null {
  // verify and sign report a match, never its absence: without the list there is nothing to say.
  if (!weakSecretListAvailable()) return null;
  const list = loadSecretList();
  const wanted = Buffer.from(secret);
  if (++lookups > SCANS_BEFORE_INDEX) return lineIndex(list).get(wanted.toString('latin1')) ?? null;
  const { raw, starts, ends, count } = list;
  for (let i = 0; i < count; i++) {
    if (ends[i]! - starts[i]! === wanted.length && raw.compare(wanted, 0, wanted.length, starts[i]!, ends[i]!) === 0) return i + 1;
  }
  return null;
}

/**
 * Distinct HMAC tokens searched per run by the commands that meet tokens in bulk (scan,
 * session-audit): a search costs ~20 ms (HS256) to ~50 ms (HS384/HS512) once the kernels are
 * built (~0.1 s to ~0.15 s for the first), so a file full of tokens would still stall CI. Past the limit tokens go unsearched, are counted, and the command says how many.
 */
export const BULK_SEARCH_LIMIT = 20;
const bulkSearched = new Set<string>();
const bulkUnsearched = new Set<string>();

/** Whether this token may be searched within the run's budget; repeats of a searched token are free. */
export function claimBulkSearch(signingInput: string, signature: Uint8Array): boolean {
  const key = `${signingInput}\0${Buffer.from(signature).toString('base64')}`;
  if (bulkSearched.has(key)) return true;
  if (bulkSearched.size < BULK_SEARCH_LIMIT) {
    bulkSearched.add(key);
    return true;
  }
  bulkUnsearched.add(key);
  return false;
}

/** The run's note about tokens left unsearched, or none. */
export function bulkSearchNote(): { message: string } | null {
  const n = bulkUnsearched.size;
  if (n === 0) return null;
  return {
    message: `${n} HMAC token${n === 1 ? ' was' : 's were'} not checked against the known secrets: a run searches at most ${BULK_SEARCH_LIMIT} distinct tokens (authkit decode --weak-secret-limit checks more)`,
  };
}

const cache = new Map<string, WeakSecretMatch | null>();

/**
 * Tries every known secret against an HS256/384/512 signature. Results are cached per signing
 * input and signature, so a token repeated in many files costs one search.
 */
export function findWeakSecret(alg: HmacAlg, signingInput: string, signature: Uint8Array): WeakSecretMatch | null {
  const key = `${alg}\0${signingInput}\0${Buffer.from(signature).toString('base64')}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const secrets = secretsUpTo(SCALAR_PREFIX);
  const expectedLength = alg === 'HS256' ? 32 : alg === 'HS384' ? 48 : 64;
  let index = -1;
  if (signature.length === expectedLength) {
    const message = Buffer.from(signingInput, 'latin1');
    index = alg === 'HS256' ? searchSha256(secrets, message, signature) : searchSha512Family(secrets, alg, message, signature);
  }
  const match = index >= 0 ? { line: index + 1, total: extraLists.length ? loadSecretList().count : WEAK_SECRET_LIST_SIZE } : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(key, match);
  return match;
}

/** ipad and opad midstates of each secret, filled in list order as searches reach them. */
// node:crypto (and the streams it pulls in) is loaded when an HMAC key is hashed, not by every
// `authkit decode`: an RS256 token never needs it.
const createHash: (typeof import('node:crypto'))['createHash'] = (algorithm, options) => process.getBuiltinModule('node:crypto').createHash(algorithm, options);

let midstates256: Int32Array | null = null;
let midstatesReady = 0;

function computeMidstates256(secrets: SecretList, upTo: number): void {
  // Grown as searches go: with the SIMD kernel only the top of the list is searched here.
  if (!midstates256 || midstates256.length < upTo * 16) {
    const grown = new Int32Array(Math.min(secrets.starts.length, Math.max(upTo, 2 * (midstates256?.length ?? 0) / 16)) * 16);
    if (midstates256) grown.set(midstates256);
    midstates256 = grown;
  }
  const { raw, starts, ends } = secrets;
  for (let i = midstatesReady; i < upTo; i++) {
    let keyBytes: Uint8Array = raw.subarray(starts[i]!, ends[i]!);
    // RFC 2104: keys longer than the block are hashed first.
    if (keyBytes.length > 64) keyBytes = createHash('sha256').update(keyBytes).digest();
    hmacMidstates256(keyBytes, midstates256, i * 16);
  }
  midstatesReady = Math.max(midstatesReady, upTo);
}

function searchSha256(secrets: SecretList, message: Buffer, signature: Uint8Array): number {
  // The inner hash input after the key block is the message plus padding: the same for every key.
  const { messageKW, blocks } = messageSchedule256(message);
  const target = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
  const targetWords = new Int32Array(8);
  for (let j = 0; j < 8; j++) targetWords[j] = target.readInt32BE(4 * j);
  // The top of the list first, in plain JavaScript: most weak tokens use a famous secret, and
  // this avoids building the SIMD engine (and indexing the whole list) for them.
  const early = searchScalar(secrets, messageKW, blocks, targetWords, 0, Math.min(SCALAR_PREFIX, secrets.count));
  if (early >= 0) return early;
  const all = loadSecretList();
  const kernelKeys = kernelKeySource(all);
  const found =
    useSimd && blocks <= MAX_MESSAGE_BLOCKS && simdAvailable(kernelKeys)
      ? searchSimd(kernelKeys, messageKW, blocks, targetWords, SCALAR_PREFIX / 4)
      : searchScalar(all, messageKW, blocks, targetWords, SCALAR_PREFIX, kernelKeys.count);
  if (found >= 0 || kernelKeys.count === all.count) return found;
  return searchNative(all, 'HS256', message, signature, kernelKeys.count, all.count);
}

/** Keys searched in JavaScript before the SIMD engine is built; a multiple of 4 (lane groups). */
const SCALAR_PREFIX = 256;

function searchScalar(secrets: SecretList, messageKW: Int32Array, blocks: number, target: Int32Array, from: number, to: number): number {
  const state = new Int32Array(8);
  const outerW = new Int32Array(64);
  const outerKW = new Int32Array(64);
  const result = new Int32Array(8);
  let chunk = 64;
  for (let first = from; first < to; first += chunk, chunk = Math.min(chunk * 4, 4096)) {
    const last = Math.min(to, first + chunk);
    if (last > midstatesReady) computeMidstates256(secrets, last);
    const mid = midstates256!;
    for (let i = first; i < last; i++) {
      rounds256(mid, i * 16, messageKW, 0, state, 0);
      for (let b = 1; b < blocks; b++) rounds256(state, 0, messageKW, b * 64, state, 0);
      for (let j = 0; j < 8; j++) outerW[j] = state[j]!;
      outerW[8] = 0x80000000 | 0;
      for (let j = 9; j < 15; j++) outerW[j] = 0;
      outerW[15] = (64 + 32) * 8;
      schedule256(outerW, outerKW, 0);
      rounds256(mid, i * 16 + 8, outerKW, 0, result, 0);
      if (result[0] === target[0] && result[1] === target[1] && result[7] === target[7] && sameWords(result, target)) return i;
    }
  }
  return -1;
}

function sameWords(a: Int32Array, b: Int32Array): boolean {
  for (let j = 0; j < 8; j++) if (a[j] !== b[j]) return false;
  return true;
}

let keySource: (KeySource & HmacKeySource) | null = null;

/** The whole list as the kernels see it; one object, so each kernel's midstates are built once. */
function keySourceOf(secrets: SecretList): KeySource & HmacKeySource {
  if (keySource) return keySource;
  const { raw, starts, ends, count } = secrets;
  keySource = {
    count,
    raw,
    starts,
    ends,
    hashLongKey: (i, variant: 256 | Sha2Variant = 256) => createHash(`sha${variant}`).update(raw.subarray(starts[i]!, ends[i]!)).digest(),
  };
  return keySource;
}

let useSimd = true;

/** Tests compare both kernels; the scalar one is the fallback where WebAssembly SIMD is missing. */
export function setSimdEnabled(enabled: boolean): void {
  useSimd = enabled;
}


// ---------------------------------------------------------------------------------------------
// HS384/HS512: the top of the list with node:crypto, the rest in the WebAssembly kernel
// (sha512-wasm.ts), or all of it with node:crypto where WebAssembly SIMD is missing.

function searchSha512Family(secrets: SecretList, alg: 'HS384' | 'HS512', message: Buffer, signature: Uint8Array): number {
  // As for HS256: a famous secret is found before the kernel is built or the list indexed whole.
  const early = searchNative(secrets, alg, message, signature, 0, Math.min(SCALAR_PREFIX, secrets.count));
  if (early >= 0) return early;
  const all = loadSecretList();
  const variant = alg === 'HS384' ? 384 : 512;
  const kernelKeys = kernelKeySource(all);
  if (useSimd && blocksOf(message.length) <= MAX_BLOCKS_512 && sha512KernelAvailable(variant, kernelKeys)) {
    const found = searchSha512(variant, kernelKeys, message, signature, SCALAR_PREFIX);
    if (found >= 0 || kernelKeys.count === all.count) return found;
    return searchNative(all, alg, message, signature, kernelKeys.count, all.count);
  }
  return searchNative(all, alg, message, signature, SCALAR_PREFIX, all.count);
}

/**
 * Secrets whose midstates the kernels keep (HS256: 136 bytes each, 34 MB at most; HS384 and
 * HS512: 128 bytes each per algorithm, 33.5 MB): the shipped list and a team's lists up to this
 * many lines. A `--secrets-list` can hold millions of short lines; the ones past this are
 * searched with node:crypto, without a table.
 */
const KERNEL_MAX_KEYS = 262_144;
let kernelKeys: (KeySource & HmacKeySource) | null = null;

function kernelKeySource(all: SecretList): KeySource & HmacKeySource {
  if (!kernelKeys) {
    const whole = keySourceOf(all);
    kernelKeys = whole.count <= KERNEL_MAX_KEYS ? whole : { ...whole, count: KERNEL_MAX_KEYS };
  }
  return kernelKeys;
}

/** Two one-shot native hashes per key over precomputed padded key blocks, keys [from, to). */
function searchNative(secrets: SecretList, alg: HmacAlg, message: Buffer, signature: Uint8Array, from: number, to: number): number {
  const hashName = alg === 'HS256' ? 'sha256' : alg === 'HS384' ? 'sha384' : 'sha512';
  const blockSize = alg === 'HS256' ? 64 : 128;
  const digestSize = alg === 'HS256' ? 32 : alg === 'HS384' ? 48 : 64;
  const inner = Buffer.alloc(blockSize + message.length);
  message.copy(inner, blockSize);
  const outer = Buffer.alloc(blockSize + digestSize);
  const target = Buffer.from(signature);
  const oneShotHash = process.getBuiltinModule('node:crypto').hash;
  const { raw, starts, ends } = secrets;
  for (let i = from; i < to; i++) {
    let keyBytes: Buffer = raw.subarray(starts[i]!, ends[i]!);
    if (keyBytes.length > blockSize) keyBytes = createHash(hashName).update(keyBytes).digest();
    inner.fill(0x36, 0, blockSize);
    outer.fill(0x5c, 0, blockSize);
    for (let j = 0; j < keyBytes.length; j++) {
      inner[j]! ^= keyBytes[j]!;
      outer[j]! ^= keyBytes[j]!;
    }
    const innerDigest = oneShotHash(hashName, inner, 'buffer') as unknown as Buffer;
    innerDigest.copy(outer, blockSize);
    if ((oneShotHash(hashName, outer, 'buffer') as unknown as Buffer).equals(target)) return i;
  }
  return -1;
}
