/**
 * HMAC-SHA-256 over many keys at once: a WebAssembly module, generated here byte by byte, that
 * runs SHA-256 on four keys per 128-bit SIMD lane group. The known-secret search hashes one
 * message with 103,979 keys, so node:crypto's per-call overhead (not the hashing) dominates a
 * loop of createHmac calls; four lanes per instruction and no calls per key remove it.
 *
 * Memory layout (bytes):
 *   KW      message schedule of the signing input, K[t] + W[t] already added (scalar i32)
 *   K       the 64 round constants (scalar i32)
 *   TARGET  the 8 words of the signature being searched for
 *   WS      64 v128 words of schedule scratch
 *   KEYS    each key zero-padded to 64 bytes, as big-endian words; a group is 4 consecutive keys
 *   MIDS    per group: 8 v128 ipad midstate words, then 8 opad midstate words
 */
import { base, I32, simdOp, uleb, V128, wasmModule } from './wasm-encode.js';

/** SHA-256 round constants and initial hash value (FIPS 180-4 sections 4.2.2 and 5.3.3). */
export const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
export const SHA256_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

export const MAX_MESSAGE_BLOCKS = 72; // 4 KiB signing inputs and their padding
const KW = 0;
const K_OFF = KW + MAX_MESSAGE_BLOCKS * 256;
const TARGET = K_OFF + 256;
const WS = TARGET + 64;
const KEYS = WS + 64 * 16;
const GROUP_BYTES = 256;

const simd = simdOp;
const op = {
  ...base,
  load: (offset: number) => [...simd(0x00), 4, ...uleb(offset)],
  store: (offset: number) => [...simd(0x0b), 4, ...uleb(offset)],
  splatLoad: (offset: number) => [...simd(0x09), 2, ...uleb(offset)],
  splat: simd(0x11),
  replaceLane: (lane: number) => [...simd(0x1c), lane],
  and: simd(0x4e),
  or: simd(0x50),
  xor: simd(0x51),
  bitselect: simd(0x52),
  eq: simd(0x37),
  bitmask: simd(0xa4),
  shl: simd(0xab),
  shr: simd(0xad),
  add: simd(0xae),
};

// Locals of every function: params first, then a..h, t1, t2, x (v128), then t, g, p (i32).
const A = 4;
const T1 = A + 8;
const T2 = A + 9;
const X = A + 10;
const T = A + 11;
const G = A + 12;
const P = A + 13;

const rotr = (local: number, n: number) => [...op.get(local), ...op.i32(n), ...op.shr, ...op.get(local), ...op.i32(32 - n), ...op.shl, ...op.or];
const bigSigma = (local: number, r: [number, number, number]) => [...rotr(local, r[0]), ...rotr(local, r[1]), ...op.xor, ...rotr(local, r[2]), ...op.xor];
const smallSigma = (local: number, r: [number, number], s: number) => [...rotr(local, r[0]), ...rotr(local, r[1]), ...op.xor, ...op.get(local), ...op.i32(s), ...op.shr, ...op.xor];

/** One round; `kw` leaves K[t] + W[t] (v128) on the stack. */
function round(kw: number[]): number[] {
  const [a, b, c, d, e, f, g, h] = [A, A + 1, A + 2, A + 3, A + 4, A + 5, A + 6, A + 7];
  return [
    // t1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]
    ...op.get(h), ...bigSigma(e, [6, 11, 25]), ...op.add,
    ...op.get(f), ...op.get(g), ...op.get(e), ...op.bitselect, ...op.add,
    ...kw, ...op.add, ...op.set(T1),
    // t2 = Σ0(a) + Maj(a, b, c); Maj = bitselect(c, b, a ^ b)
    ...bigSigma(a, [2, 13, 22]),
    ...op.get(c), ...op.get(b), ...op.get(a), ...op.get(b), ...op.xor, ...op.bitselect, ...op.add, ...op.set(T2),
    ...op.get(g), ...op.set(h), ...op.get(f), ...op.set(g), ...op.get(e), ...op.set(f),
    ...op.get(d), ...op.get(T1), ...op.add, ...op.set(e),
    ...op.get(c), ...op.set(d), ...op.get(b), ...op.set(c), ...op.get(a), ...op.set(b),
    ...op.get(T1), ...op.get(T2), ...op.add, ...op.set(a),
  ];
}

/** for (t = 0; t < 64; t++) body, with t in local T. */
function loop64(body: number[]): number[] {
  return [...op.i32(0), ...op.set(T), 0x03, 0x40, ...body, ...op.get(T), ...op.i32(1), ...op.i32add, ...op.tee(T), ...op.i32(64), ...op.i32ltu, 0x0d, 0, 0x0b];
}

/** W[16..63] from W[0..15] in the WS scratch. */
function expandSchedule(): number[] {
  const at = (delta: number) => [...op.get(T), ...op.i32(16), ...op.i32mul, ...op.load(WS + delta * 16)];
  const body = [
    ...op.get(T), ...op.i32(16), ...op.i32mul,
    ...at(-2), ...op.set(X), ...smallSigma(X, [17, 19], 10),
    ...at(-7), ...op.add,
    ...at(-15), ...op.set(X), ...smallSigma(X, [7, 18], 3), ...op.add,
    ...at(-16), ...op.add,
    ...op.store(WS),
  ];
  // t runs 16..63: the loop helper counts from 0, so offset the loads instead.
  return [...op.i32(16), ...op.set(T), 0x03, 0x40, ...body, ...op.get(T), ...op.i32(1), ...op.i32add, ...op.tee(T), ...op.i32(64), ...op.i32ltu, 0x0d, 0, 0x0b];
}

/** Rounds over the WS schedule (K added per round). */
const roundsOverScratch = () => loop64(round([...op.get(T), ...op.i32(16), ...op.i32mul, ...op.load(WS), ...op.get(T), ...op.i32(4), ...op.i32mul, ...op.splatLoad(K_OFF), ...op.add]));

/** state (a..h) = 8 v128 words at address `addr` + offset. */
const loadState = (addr: number[], offset: number) => Array.from({ length: 8 }, (_, i) => [...addr, ...op.load(offset + i * 16), ...op.set(A + i)]).flat();
const storeState = (addr: number[], offset: number) => Array.from({ length: 8 }, (_, i) => [...addr, ...op.get(A + i), ...op.store(offset + i * 16)]).flat();
/** a..h += the 8 v128 words at addr + offset (the feed-forward of the compression). */
const addState = (addr: number[], offset: number) => Array.from({ length: 8 }, (_, i) => [...addr, ...op.load(offset + i * 16), ...op.get(A + i), ...op.add, ...op.set(A + i)]).flat();
const splatConst = (n: number) => [...op.i32(n), ...op.splat];

/** midstates(first, last, mids): ipad/opad states of key groups [first, last). */
function midstatesBody(): number[] {
  const groupKeys = [...op.get(G), ...op.i32(GROUP_BYTES), ...op.i32mul];
  const groupMids = [...op.get(2), ...op.get(G), ...op.i32(GROUP_BYTES), ...op.i32mul, ...op.i32add];
  // Key i's 64-byte block holds big-endian words (the JS side byte-swaps), four keys per group:
  // lane l of word j is gathered from the l-th key of the group.
  const gather = (j: number) => [
    ...groupKeys, ...op.i32load(KEYS + j * 4), ...op.splat,
    ...[1, 2, 3].flatMap((l) => [...groupKeys, ...op.i32load(KEYS + l * 64 + j * 4), ...op.replaceLane(l)]),
  ];
  const pass = (opad: boolean) => [
    ...Array.from({ length: 16 }, (_, j) => [
      ...op.i32(0), ...gather(j), ...splatConst(opad ? 0x5c5c5c5c : 0x36363636), ...op.xor,
      ...op.store(WS + j * 16),
    ].flat()).flat(),
    ...expandSchedule(),
    ...Array.from({ length: 8 }, (_, i) => [...splatConst(SHA256_IV[i]!), ...op.set(A + i)]).flat(),
    ...roundsOverScratch(),
    ...Array.from({ length: 8 }, (_, i) => [...op.get(A + i), ...splatConst(SHA256_IV[i]!), ...op.add, ...op.set(A + i)]).flat(),
    ...storeState(groupMids, opad ? 128 : 0),
  ];
  // Key block addresses are relative to KEYS; the i32.const 0 above is the base for the offset.
  return [
    ...op.get(0), ...op.set(G),
    0x02, 0x40, ...op.get(G), ...op.get(1), ...op.i32ltu, ...op.i32eqz, 0x0d, 0,
    0x03, 0x40,
    ...pass(false), ...pass(true),
    ...op.get(G), ...op.i32(1), ...op.i32add, ...op.tee(G), ...op.get(1), ...op.i32ltu, 0x0d, 0,
    0x0b, 0x0b,
  ];
}

/** search(first, last, mids, blocks) -> index of the first matching key, or -1. */
function searchBody(): number[] {
  const groupMids = [...op.get(2), ...op.get(G), ...op.i32(GROUP_BYTES), ...op.i32mul, ...op.i32add];
  const messageBlock = [
    // P walks the KW table one block (256 bytes) at a time.
    ...storeState([...op.i32(0)], WS), // keep the chaining value for the feed-forward
    ...loop64(round([...op.get(P), ...op.get(T), ...op.i32(4), ...op.i32mul, ...op.i32add, ...op.splatLoad(KW)])),
    ...addState([...op.i32(0)], WS),
    ...op.get(P), ...op.i32(256), ...op.i32add, ...op.set(P),
  ];
  const outerBlock = [
    ...Array.from({ length: 8 }, (_, i) => [...op.i32(0), ...op.get(A + i), ...op.store(WS + i * 16)]).flat(),
    ...op.i32(0), ...splatConst(0x80000000), ...op.store(WS + 8 * 16),
    ...Array.from({ length: 6 }, (_, i) => [...op.i32(0), ...splatConst(0), ...op.store(WS + (9 + i) * 16)]).flat(),
    ...op.i32(0), ...splatConst((64 + 32) * 8), ...op.store(WS + 15 * 16),
    ...expandSchedule(),
    ...loadState(groupMids, 128),
    ...roundsOverScratch(),
    ...addState(groupMids, 128),
  ];
  const compare = [
    ...Array.from({ length: 8 }, (_, i) => [...op.get(A + i), ...op.i32(0), ...op.splatLoad(TARGET + i * 4), ...op.eq, ...(i > 0 ? op.and : [])]).flat(),
    ...op.bitmask, ...op.set(P),
    ...op.get(P), 0x04, 0x40,
    ...op.get(G), ...op.i32(4), ...op.i32mul, ...op.get(P), ...op.i32ctz, ...op.i32add, 0x0f,
    0x0b,
  ];
  return [
    ...op.get(0), ...op.set(G),
    0x02, 0x40, ...op.get(G), ...op.get(1), ...op.i32ltu, ...op.i32eqz, 0x0d, 0,
    0x03, 0x40,
    ...loadState(groupMids, 0),
    ...op.i32(0), ...op.set(P),
    // for each message block (at least one: the padding always adds a block's worth)
    0x03, 0x40, ...messageBlock, ...op.get(P), ...op.get(3), ...op.i32(256), ...op.i32mul, ...op.i32ltu, 0x0d, 0, 0x0b,
    ...outerBlock,
    ...compare,
    ...op.get(G), ...op.i32(1), ...op.i32add, ...op.tee(G), ...op.get(1), ...op.i32ltu, 0x0d, 0,
    0x0b, 0x0b,
    ...op.i32(-1),
  ];
}

/**
 * copyKeys(first, last, countBytes, table): key i, when at most 64 bytes, into its zeroed slot.
 * table holds the start offsets (4 bytes each), then the end offsets, then the raw list bytes.
 */
function copyKeysBody(): number[] {
  const slot = [...op.get(3), ...op.get(G), ...op.i32(4), ...op.i32mul, ...op.i32add];
  const start = [...slot, ...op.i32load(0)];
  const end = [...slot, ...op.get(2), ...op.i32add, ...op.i32load(0)];
  const rawBase = [...op.get(3), ...op.get(2), ...op.i32(2), ...op.i32mul, ...op.i32add];
  return [
    ...op.get(0), ...op.set(G),
    0x02, 0x40, ...op.get(G), ...op.get(1), ...op.i32ltu, ...op.i32eqz, 0x0d, 0,
    0x03, 0x40,
    ...end, ...start, ...op.i32sub, ...op.tee(P), ...op.i32(64), ...op.i32leu,
    0x04, 0x40,
    // A byte loop: memory.copy is a runtime call per key in baseline code, slower for ~10 bytes.
    ...op.i32(0), ...op.set(T),
    0x02, 0x40, ...op.get(T), ...op.get(P), ...op.i32ltu, ...op.i32eqz, 0x0d, 0,
    0x03, 0x40,
    ...op.get(G), ...op.i32(64), ...op.i32mul, ...op.get(T), ...op.i32add,
    ...rawBase, ...start, ...op.i32add, ...op.get(T), ...op.i32add, ...op.i32load8(0),
    ...op.i32store8(KEYS),
    ...op.get(T), ...op.i32(1), ...op.i32add, ...op.tee(T), ...op.get(P), ...op.i32ltu, 0x0d, 0,
    0x0b, 0x0b,
    0x0b,
    ...op.get(G), ...op.i32(1), ...op.i32add, ...op.tee(G), ...op.get(1), ...op.i32ltu, 0x0d, 0,
    0x0b, 0x0b,
  ];
}

function moduleBytes(pages: number): Uint8Array<ArrayBuffer> {
  const params = [I32, I32, I32, I32];
  const locals: [number, number][] = [
    [11, V128],
    [3, I32],
  ];
  return wasmModule(pages, [
    { name: 'midstates', params, results: [], locals, code: midstatesBody() },
    { name: 'search', params, results: [I32], locals, code: searchBody() },
    { name: 'copyKeys', params, results: [], locals, code: copyKeysBody() },
  ]);
}

// --- the JavaScript side ----------------------------------------------------------------------

export interface KeySource {
  count: number;
  /** Key i is raw[starts[i], ends[i]). */
  raw: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** RFC 2104: a key longer than the 64-byte block is replaced by its hash. */
  hashLongKey(i: number): Uint8Array;
}

interface Engine {
  memory: WebAssembly.Memory;
  words: Int32Array;
  midstates: (first: number, last: number, mids: number, unused: number) => void;
  search: (first: number, last: number, mids: number, blocks: number) => number;
  copyKeys: (first: number, last: number, countBytes: number, table: number) => void;
  mids: number;
  table: number;
  keysReady: number;
  midsReady: number;
}

let engine: Engine | null | undefined;

function createEngine(keys: KeySource): Engine | null {
  try {
    const groups = Math.ceil(keys.count / 4);
    const mids = KEYS + groups * GROUP_BYTES;
    const table = mids + groups * GROUP_BYTES;
    const rawBase = table + keys.count * 8;
    const pages = Math.ceil((rawBase + keys.raw.length) / 65536) + 1;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(pages)));
    const exportsOf = instance.exports as unknown as { memory: WebAssembly.Memory; midstates: Engine['midstates']; search: Engine['search']; copyKeys: Engine['copyKeys'] };
    const words = new Int32Array(exportsOf.memory.buffer);
    words.set(SHA256_K.map((k) => k | 0), K_OFF / 4);
    words.set(keys.starts.subarray(0, keys.count), table / 4);
    words.set(keys.ends.subarray(0, keys.count), table / 4 + keys.count);
    new Uint8Array(exportsOf.memory.buffer).set(keys.raw, rawBase);
    return { memory: exportsOf.memory, words, midstates: exportsOf.midstates, search: exportsOf.search, copyKeys: exportsOf.copyKeys, mids, table, keysReady: 0, midsReady: 0 };
  } catch {
    return null; // no WebAssembly SIMD here: the caller falls back to the scalar search
  }
}

export function simdAvailable(keys: KeySource): boolean {
  if (engine === undefined) engine = createEngine(keys);
  return engine !== null;
}

function prepareKeys(e: Engine, keys: KeySource, upTo: number): void {
  const from = e.keysReady;
  // Keys are copied inside WebAssembly, the few longer than a block are hashed here, then one
  // native byte swap turns every slot into big-endian words: no per-byte JavaScript, which
  // matters because this runs once per process, before the JIT has warmed up.
  e.copyKeys(from, upTo, keys.count * 4, e.table);
  const memory = new Uint8Array(e.memory.buffer);
  const { starts, ends } = keys;
  for (let i = from; i < upTo; i++) if (ends[i]! - starts[i]! > 64) memory.set(keys.hashLongKey(i), KEYS + i * 64);
  Buffer.from(e.memory.buffer, KEYS + from * 64, (upTo - from) * 64).swap32();
  e.keysReady = Math.max(e.keysReady, upTo);
}

/**
 * The index of the first key whose HMAC-SHA-256 of `messageKW` (K+W of the padded message
 * after the key block, `blocks` blocks) equals `target`; -1 when none does.
 */
export function searchSimd(keys: KeySource, messageKW: Int32Array, blocks: number, target: Int32Array, firstGroup = 0): number {
  const e = engine!;
  e.words.set(messageKW, KW / 4);
  e.words.set(target, TARGET / 4);
  const groups = Math.ceil(keys.count / 4);
  let chunk = 16;
  for (let first = firstGroup; first < groups; first += chunk, chunk = Math.min(chunk * 4, 1024)) {
    const last = Math.min(groups, first + chunk);
    if (last > e.midsReady) {
      prepareKeys(e, keys, Math.min(keys.count, last * 4));
      e.midstates(e.midsReady, last, e.mids, 0);
      e.midsReady = last;
    }
    const found = e.search(first, last, e.mids, blocks);
    if (found >= 0 && found < keys.count) return found;
  }
  return -1;
}
