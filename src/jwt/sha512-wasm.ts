/**
 * HMAC-SHA-384/512 over many keys and one message, for the known-secret search (HS384/HS512):
 * a WebAssembly module generated here byte by byte, like sha256-simd.ts. node:crypto's one-shot
 * hash costs two calls and two to three blocks that do not depend on the key (the ipad and opad
 * blocks and the schedule of the signing input) per secret; here each secret's ipad/opad midstates
 * are computed once per process, the message schedule once per token, and a search is one loop
 * with no call per key. SHA-512 words are 64-bit, so the kernel runs on i64x2 lanes: two keys
 * per instruction (`LANES`).
 *
 * Memory layout (bytes):
 *   KW      message schedule of the signing input, K[t] + W[t] already added (scalar i64)
 *   K, IV   the 80 round constants, the initial hash value of SHA-512 or SHA-384
 *   TARGET  the signature's words; CHAIN the chaining value across message blocks
 *   WS      80 words of schedule scratch; MSG the padded signing input (big-endian words)
 *   KEYS    a chunk of keys, each zero-padded to 128 bytes, as big-endian words
 *   MIDS    per group of LANES keys: 8 ipad midstate words, then 8 opad midstate words
 */
import { base, cat, forLoop, I32, I64, simdOp, sleb, uleb, V128, wasmModule } from './wasm-encode.js';

// biome-ignore format: the FIPS 180-4 constants read best as the table they are
const K512 = [
  '428a2f98d728ae22', '7137449123ef65cd', 'b5c0fbcfec4d3b2f', 'e9b5dba58189dbbc', '3956c25bf348b538', '59f111f1b605d019', '923f82a4af194f9b', 'ab1c5ed5da6d8118',
  'd807aa98a3030242', '12835b0145706fbe', '243185be4ee4b28c', '550c7dc3d5ffb4e2', '72be5d74f27b896f', '80deb1fe3b1696b1', '9bdc06a725c71235', 'c19bf174cf692694',
  'e49b69c19ef14ad2', 'efbe4786384f25e3', '0fc19dc68b8cd5b5', '240ca1cc77ac9c65', '2de92c6f592b0275', '4a7484aa6ea6e483', '5cb0a9dcbd41fbd4', '76f988da831153b5',
  '983e5152ee66dfab', 'a831c66d2db43210', 'b00327c898fb213f', 'bf597fc7beef0ee4', 'c6e00bf33da88fc2', 'd5a79147930aa725', '06ca6351e003826f', '142929670a0e6e70',
  '27b70a8546d22ffc', '2e1b21385c26c926', '4d2c6dfc5ac42aed', '53380d139d95b3df', '650a73548baf63de', '766a0abb3c77b2a8', '81c2c92e47edaee6', '92722c851482353b',
  'a2bfe8a14cf10364', 'a81a664bbc423001', 'c24b8b70d0f89791', 'c76c51a30654be30', 'd192e819d6ef5218', 'd69906245565a910', 'f40e35855771202a', '106aa07032bbd1b8',
  '19a4c116b8d2d0c8', '1e376c085141ab53', '2748774cdf8eeb99', '34b0bcb5e19b48a8', '391c0cb3c5c95a63', '4ed8aa4ae3418acb', '5b9cca4f7763e373', '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc', '78a5636f43172f60', '84c87814a1f0ab72', '8cc702081a6439ec', '90befffa23631e28', 'a4506cebde82bde9', 'bef9a3f7b2c67915', 'c67178f2e372532b',
  'ca273eceea26619c', 'd186b8c721c0c207', 'eada7dd6cde0eb1e', 'f57d4f7fee6ed178', '06f067aa72176fba', '0a637dc5a2c898a6', '113f9804bef90dae', '1b710b35131c471b',
  '28db77f523047d84', '32caab7b40c72493', '3c9ebe0a15c9bebc', '431d67c49c100d4c', '4cc5d4becb3e42b6', '597f299cfc657e2a', '5fcb6fab3ad6faec', '6c44198c4a475817',
];
// biome-ignore format: as above
const IV = {
  512: ['6a09e667f3bcc908', 'bb67ae8584caa73b', '3c6ef372fe94f82b', 'a54ff53a5f1d36f1', '510e527fade682d1', '9b05688c2b3e6c1f', '1f83d9abfb41bd6b', '5be0cd19137e2179'],
  384: ['cbbb9d5dc1059ed8', '629a292a367cd507', '9159015a3070dd17', '152fecd8f70e5939', '67332667ffc00b31', '8eb44a8768581511', 'db0c2e0d64f98fa7', '47b5481dbefa4fa4'],
};

export type Sha2Variant = 384 | 512;

/** Keys per group: 2 runs on i64x2 lanes, 1 on scalar i64 (see KERNEL_LANES). */
type Lanes = 1 | 2;

/** 4 KiB signing inputs and their padding (WEAK_SECRET_MAX_INPUT in weak-secret.ts). */
export const MAX_BLOCKS_512 = 33;
const KW = 0;
const K_OFF = KW + MAX_BLOCKS_512 * 640;
const IV_OFF = K_OFF + 640;
const TARGET = IV_OFF + 64;
const CHAIN = TARGET + 64;
const WS = CHAIN + 8 * 16;
const MSG = WS + 80 * 16;
const KEYS = MSG + MAX_BLOCKS_512 * 128;
/** Keys copied and hashed into midstates per call: bounds the KEYS scratch (512 KiB). */
const KEY_CHUNK = 4096;
const MIDS = KEYS + KEY_CHUNK * 128;

// --- the kernel --------------------------------------------------------------------------------

/** Instructions on one word: scalar i64, or i64x2 holding the same word of two keys. */
interface WordOps {
  bytes: number;
  type: number;
  load: (offset: number) => number[];
  store: (offset: number) => number[];
  /** One 64-bit value from memory (K, the message schedule, the target), in every lane. */
  splatLoad: (offset: number) => number[];
  add: number[];
  xor: number[];
  rotr: (local: number, n: number) => number[];
  shr: (local: number, n: number) => number[];
  constant: (hex: string) => number[];
  ch: (e: number, f: number, g: number) => number[];
  maj: (a: number, b: number, c: number) => number[];
}

const i64const = (hex: string) => [0x42, ...sleb(BigInt.asIntN(64, BigInt(`0x${hex}`)))];
const { get } = base;

const scalarOps: WordOps = {
  bytes: 8,
  type: I64,
  load: (offset) => [0x29, 3, ...uleb(offset)],
  store: (offset) => [0x37, 3, ...uleb(offset)],
  splatLoad: (offset) => [0x29, 3, ...uleb(offset)],
  add: [0x7c],
  xor: [0x85],
  rotr: (local, n) => [...get(local), 0x42, ...sleb(n), 0x8a],
  shr: (local, n) => [...get(local), 0x42, ...sleb(n), 0x88],
  constant: i64const,
  // g ^ (e & (f ^ g)); b ^ ((a ^ b) & (b ^ c))
  ch: (e, f, g) => [...get(g), ...get(e), ...get(f), ...get(g), 0x85, 0x83, 0x85],
  maj: (a, b, c) => [...get(b), ...get(a), ...get(b), 0x85, ...get(b), ...get(c), 0x85, 0x83, 0x85],
};

const laneOps: WordOps = {
  bytes: 16,
  type: V128,
  load: (offset) => [...simdOp(0x00), 4, ...uleb(offset)],
  store: (offset) => [...simdOp(0x0b), 4, ...uleb(offset)],
  splatLoad: (offset) => [...simdOp(0x0a), 3, ...uleb(offset)],
  add: simdOp(0xce),
  xor: simdOp(0x51),
  // No 64-bit lane rotate in WebAssembly SIMD: two shifts and an or.
  rotr: (local, n) => [...get(local), ...base.i32(n), ...simdOp(0xcd), ...get(local), ...base.i32(64 - n), ...simdOp(0xcb), ...simdOp(0x50)],
  shr: (local, n) => [...get(local), ...base.i32(n), ...simdOp(0xcd)],
  constant: (hex) => [...i64const(hex), ...simdOp(0x12)],
  // bitselect(x, y, m) = (x & m) | (y & ~m); Maj is c where a and b differ, else b.
  ch: (e, f, g) => [...get(f), ...get(g), ...get(e), ...simdOp(0x52)],
  maj: (a, b, c) => [...get(c), ...get(b), ...get(a), ...get(b), ...simdOp(0x51), ...simdOp(0x52)],
};

// Locals after each function's 4 i32 parameters: a..h, t1, x (words), then g, p, q, b (i32).
const S = 4;
const T1 = S + 8;
const X = S + 9;
const G = S + 10;
const P = S + 11;
const Q = S + 12;
const B = S + 13;
const locals = (w: WordOps): [number, number][] => [
  [10, w.type],
  [4, I32],
];

const xor3 = (w: WordOps, x: number[], y: number[], z: number[]) => [...x, ...y, ...w.xor, ...z, ...w.xor];
const bigSigma0 = (w: WordOps, l: number) => xor3(w, w.rotr(l, 28), w.rotr(l, 34), w.rotr(l, 39));
const bigSigma1 = (w: WordOps, l: number) => xor3(w, w.rotr(l, 14), w.rotr(l, 18), w.rotr(l, 41));
const smallSigma0 = (w: WordOps, l: number) => xor3(w, w.rotr(l, 1), w.rotr(l, 8), w.shr(l, 7));
const smallSigma1 = (w: WordOps, l: number) => xor3(w, w.rotr(l, 19), w.rotr(l, 61), w.shr(l, 6));

/**
 * 80 rounds on a..h, as 10 passes of 8 unrolled rounds whose roles rotate through the locals
 * (no moves between rounds). `kw(j)` pushes K[t] + W[t] for round t = 8 * pass + j; P counts
 * the pass in bytes of scalar words (0, 64, ..., 576), Q in bytes of words.
 */
function rounds80(w: WordOps, kw: (j: number) => number[]): number[] {
  const body: number[][] = [];
  for (let j = 0; j < 8; j++) {
    const role = (r: number) => S + ((r - j + 8) & 7);
    const [a, b, c, d, e, f, g, h] = [0, 1, 2, 3, 4, 5, 6, 7].map(role) as [number, number, number, number, number, number, number, number];
    body.push([
      ...get(h), ...bigSigma1(w, e), ...w.add, ...w.ch(e, f, g), ...w.add, ...kw(j), ...w.add, ...base.tee(T1),
      ...get(d), ...w.add, ...base.set(d),
      ...get(T1), ...bigSigma0(w, a), ...w.add, ...w.maj(a, b, c), ...w.add, ...base.set(h),
    ]);
  }
  return cat(
    [...base.i32(0), ...base.set(P), ...base.i32(0), ...base.set(Q), 0x03, 0x40],
    ...body,
    [...get(Q), ...base.i32(8 * w.bytes), ...base.i32add, ...base.set(Q)],
    [...get(P), ...base.i32(64), ...base.i32add, ...base.tee(P), ...base.i32(640), ...base.i32ltu, 0x0d, 0, 0x0b],
  );
}

/** W[16..79] from W[0..15] at `at` (Q counts words in bytes). */
function expand(w: WordOps, at: number): number[] {
  const word = (t: number) => [...get(Q), ...w.load(at + t * w.bytes)];
  return forLoop(Q, base.i32(0), base.i32(64 * w.bytes), w.bytes, [
    ...get(Q),
    ...word(14), ...base.set(X), ...smallSigma1(w, X),
    ...word(9), ...w.add,
    ...word(1), ...base.set(X), ...smallSigma0(w, X), ...w.add,
    ...word(0), ...w.add,
    ...w.store(at + 16 * w.bytes),
  ]);
}

/** Rounds over the WS schedule, K added per round. */
const roundsOverScratch = (w: WordOps) => rounds80(w, (j) => [...get(Q), ...w.load(WS + j * w.bytes), ...base.i32(0), ...get(P), ...base.i32add, ...w.splatLoad(K_OFF + j * 8), ...w.add]);
const stateTo = (w: WordOps, addr: number[], offset: number) => Array.from({ length: 8 }, (_, i) => [...addr, ...get(S + i), ...w.store(offset + i * w.bytes)]).flat();
const stateFrom = (w: WordOps, addr: number[], offset: number) => Array.from({ length: 8 }, (_, i) => [...addr, ...w.load(offset + i * w.bytes), ...base.set(S + i)]).flat();
/** a..h += the words at addr + offset: the feed-forward of a compression. */
const stateAdd = (w: WordOps, addr: (i: number) => number[]) => Array.from({ length: 8 }, (_, i) => [...addr(i), ...get(S + i), ...w.add, ...base.set(S + i)]).flat();

/** schedule(blocks): KW of every block of MSG, one key-independent pass per token. */
function scheduleBody(): number[] {
  const w = scalarOps;
  const block = [...get(G), ...base.i32(640), ...base.i32mul];
  return forLoop(G, base.i32(0), get(0), 1, [
    // W[0..15] from the message block, then expanded in place, then K added.
    ...forLoop(Q, base.i32(0), base.i32(128), 8, [...block, ...get(Q), ...base.i32add, ...get(G), ...base.i32(128), ...base.i32mul, ...get(Q), ...base.i32add, ...w.load(MSG), ...w.store(KW)]),
    ...block, ...base.i32(KW), ...base.i32add, ...base.set(P),
    ...expandAt(w),
    ...forLoop(Q, base.i32(0), base.i32(640), 8, [...block, ...get(Q), ...base.i32add, ...block, ...get(Q), ...base.i32add, ...w.load(KW), ...get(Q), ...w.load(K_OFF), ...w.add, ...w.store(KW)]),
  ]);
}

/** expand() at a run-time base held in P (scalar words). */
function expandAt(w: WordOps): number[] {
  const word = (t: number) => [...get(P), ...get(Q), ...base.i32add, ...w.load(t * 8)];
  return forLoop(Q, base.i32(0), base.i32(512), 8, [
    ...get(P), ...get(Q), ...base.i32add,
    ...word(14), ...base.set(X), ...smallSigma1(w, X),
    ...word(9), ...w.add,
    ...word(1), ...base.set(X), ...smallSigma0(w, X), ...w.add,
    ...word(0), ...w.add,
    ...w.store(16 * 8),
  ]);
}

/** Word j of the keys of group G (LANES keys of 128 bytes from param 2, the chunk's first group param 0). */
function gather(w: WordOps, lanes: Lanes, j: number): number[] {
  const addr = [...get(G), ...get(0), ...base.i32sub, ...base.i32(128 * lanes), ...base.i32mul, ...get(2), ...base.i32add];
  if (lanes === 1) return [...addr, ...w.load(j * 8)];
  return [...addr, ...w.splatLoad(j * 8), ...addr, ...scalarOps.load(128 + j * 8), ...simdOp(0x1e), 1];
}

/** midstates(first, last, keys, mids): ipad and opad midstates of groups [first, last). */
function midstatesBody(w: WordOps, lanes: Lanes): number[] {
  const mids = [...get(3), ...get(G), ...base.i32(16 * w.bytes), ...base.i32mul, ...base.i32add];
  const pass = (pad: string, at: number) =>
    cat(
      ...Array.from({ length: 16 }, (_, j) => [...base.i32(0), ...gather(w, lanes, j), ...w.constant(pad), ...w.xor, ...w.store(WS + j * w.bytes)]),
      expand(w, WS),
      ...Array.from({ length: 8 }, (_, i) => [...base.i32(0), ...w.splatLoad(IV_OFF + i * 8), ...base.set(S + i)]),
      roundsOverScratch(w),
      stateAdd(w, (i) => [...base.i32(0), ...w.splatLoad(IV_OFF + i * 8)]),
      stateTo(w, mids, at),
    );
  return forLoop(G, get(0), get(1), 1, cat(pass('3636363636363636', 0), pass('5c5c5c5c5c5c5c5c', 8 * w.bytes)));
}

/** search(first, last, blocks, mids) -> index of the first key whose HMAC is TARGET, or -1. */
function searchBody(w: WordOps, lanes: Lanes, variant: Sha2Variant): number[] {
  const mids = [...get(3), ...get(G), ...base.i32(16 * w.bytes), ...base.i32mul, ...base.i32add];
  const zero = base.i32(0);
  const digestWords = variant === 512 ? 8 : 6;
  // The inner hash from the ipad midstate over every block of the signing input (B: the block's
  // offset in KW), its chaining value kept in CHAIN for the feed-forward.
  const inner = cat(
    stateFrom(w, mids, 0),
    forLoop(
      B,
      zero,
      [...get(2), ...base.i32(640), ...base.i32mul],
      640,
      cat(
        stateTo(w, zero, CHAIN),
        rounds80(w, (j) => [...get(B), ...get(P), ...base.i32add, ...w.splatLoad(KW + j * 8)]),
        stateAdd(w, (i) => [...zero, ...w.load(CHAIN + i * w.bytes)]),
      ),
    ),
  );
  // The outer hash from the opad midstate over one block: the inner digest and its padding.
  const outer = cat(
    ...Array.from({ length: digestWords }, (_, i) => [...zero, ...get(S + i), ...w.store(WS + i * w.bytes)]),
    ...Array.from({ length: 16 - digestWords }, (_, i) => {
      const t = digestWords + i;
      const value = t === digestWords ? '8000000000000000' : t === 15 ? ((128 + digestWords * 8) * 8).toString(16) : '0';
      return [...zero, ...w.constant(value), ...w.store(WS + t * w.bytes)];
    }),
    expand(w, WS),
    stateFrom(w, mids, 8 * w.bytes),
    roundsOverScratch(w),
    stateAdd(w, (i) => [...mids, ...w.load((8 + i) * w.bytes)]),
  );
  const compare =
    lanes === 1
      ? [
          ...Array.from({ length: digestWords }, (_, i) => [...get(S + i), ...zero, ...w.load(TARGET + i * 8), 0x51, ...(i > 0 ? base.i32and : [])]).flat(),
          0x04, 0x40, ...get(G), 0x0f, 0x0b,
        ]
      : [
          ...Array.from({ length: digestWords }, (_, i) => [...get(S + i), ...zero, ...w.splatLoad(TARGET + i * 8), ...simdOp(0xd6), ...(i > 0 ? simdOp(0x4e) : [])]).flat(),
          ...simdOp(0xc4), ...base.tee(P),
          0x04, 0x40, ...get(G), ...base.i32(2), ...base.i32mul, ...get(P), ...base.i32ctz, ...base.i32add, 0x0f, 0x0b,
        ];
  return cat(forLoop(G, get(0), get(1), 1, cat(inner, outer, compare)), base.i32(-1));
}

function moduleBytes(lanes: Lanes, variant: Sha2Variant, pages: number): Uint8Array<ArrayBuffer> {
  const w = lanes === 1 ? scalarOps : laneOps;
  const params = [I32, I32, I32, I32];
  return wasmModule(pages, [
    { name: 'schedule', params, results: [], locals: locals(scalarOps), code: scheduleBody() },
    { name: 'midstates', params, results: [], locals: locals(w), code: midstatesBody(w, lanes) },
    { name: 'search', params, results: [I32], locals: locals(w), code: searchBody(w, lanes, variant) },
  ]);
}

// --- the JavaScript side ----------------------------------------------------------------------

/** Key i is raw[starts[i], ends[i]); keys longer than the 128-byte block are hashed (RFC 2104). */
export interface HmacKeySource {
  count: number;
  raw: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  hashLongKey(i: number, variant: Sha2Variant): Uint8Array;
}

/**
 * i64x2 lanes: two keys per instruction, ~20% faster than scalar i64 (three instructions per
 * rotate instead of one eat most of the gain). Scalar i64 runs where SIMD is missing.
 */
const KERNEL_LANES: Lanes = 2;

interface Engine {
  lanes: Lanes;
  bytes: Uint8Array;
  schedule: (blocks: number, u1: number, u2: number, u3: number) => void;
  midstates: (first: number, last: number, keys: number, mids: number) => void;
  search: (first: number, last: number, blocks: number, mids: number) => number;
  /** Groups whose midstates are ready, in list order. */
  ready: number;
}

/** Per key source: midstates belong to the keys they were computed from. */
const engines = new WeakMap<HmacKeySource, Map<string, Engine | null>>();

function createEngine(variant: Sha2Variant, lanes: Lanes, count: number): Engine | null {
  try {
    const groups = Math.ceil(count / lanes);
    const pages = Math.ceil((MIDS + groups * lanes * 128) / 65536);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(lanes, variant, pages)));
    const exp = instance.exports as unknown as { memory: WebAssembly.Memory } & Pick<Engine, 'schedule' | 'midstates' | 'search'>;
    const bytes = new Uint8Array(exp.memory.buffer);
    const view = new DataView(exp.memory.buffer);
    const put = (at: number, hex: string) => view.setBigUint64(at, BigInt(`0x${hex}`), true);
    for (const [t, k] of K512.entries()) put(K_OFF + t * 8, k);
    for (const [i, v] of IV[variant].entries()) put(IV_OFF + i * 8, v);
    return { lanes, bytes, schedule: exp.schedule, midstates: exp.midstates, search: exp.search, ready: 0 };
  } catch {
    return null; // no WebAssembly SIMD (then scalar i64), or no WebAssembly (then node:crypto)
  }
}

/** The engine for this variant, built on first use; null where WebAssembly SIMD is missing. */
function engineFor(variant: Sha2Variant, keys: HmacKeySource, lanes: Lanes = KERNEL_LANES): Engine | null {
  let own = engines.get(keys);
  if (!own) engines.set(keys, (own = new Map()));
  const key = `${variant}/${lanes}`;
  if (!own.has(key)) own.set(key, createEngine(variant, lanes, keys.count) ?? (lanes === 2 ? engineFor(variant, keys, 1) : null));
  return own.get(key)!;
}

export function sha512KernelAvailable(variant: Sha2Variant, keys: HmacKeySource): boolean {
  return engineFor(variant, keys) !== null;
}

/** Copies keys [firstKey, lastKey) into the KEYS scratch and computes their groups' midstates. */
function prepare(e: Engine, keys: HmacKeySource, variant: Sha2Variant, upToGroup: number): void {
  while (e.ready < upToGroup) {
    const first = e.ready;
    const last = Math.min(upToGroup, first + KEY_CHUNK / e.lanes);
    const firstKey = first * e.lanes;
    const lastKey = Math.min(keys.count, last * e.lanes);
    const span = (last - first) * e.lanes * 128;
    const { bytes } = e;
    bytes.fill(0, KEYS, KEYS + span);
    const { raw, starts, ends } = keys;
    // Memory holds big-endian words as little-endian i64: byte j of a block goes to j ^ 7.
    for (let i = firstKey; i < lastKey; i++) {
      const at = KEYS + (i - firstKey) * 128;
      const start = starts[i]!;
      const length = ends[i]! - start;
      if (length > 128) swappedInto(bytes, at, keys.hashLongKey(i, variant));
      else for (let j = 0; j < length; j++) bytes[at + (j ^ 7)] = raw[start + j]!;
    }
    e.midstates(first, last, KEYS, MIDS);
    e.ready = last;
  }
}

/**
 * The index of the first key from `fromKey` on (even: a group's first lane) whose
 * HMAC-SHA-384/512 of `message` is `signature`, or -1. The caller checks that the kernel is
 * available and that the message fits (MAX_BLOCKS_512).
 */
export function searchSha512(variant: Sha2Variant, keys: HmacKeySource, message: Uint8Array, signature: Uint8Array, fromKey = 0, lanes: Lanes = KERNEL_LANES): number {
  const e = engineFor(variant, keys, lanes)!;
  const blocks = blocksOf(message.length);
  // The inner hash's input after the key block: message, 0x80, zeros, 128-bit length that
  // counts the key block.
  const padded = new Uint8Array(blocks * 128);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = (128 + message.length) * 8;
  view.setUint32(blocks * 128 - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(blocks * 128 - 4, bits >>> 0);
  swappedInto(e.bytes, MSG, padded);
  e.schedule(blocks, 0, 0, 0);
  swappedInto(e.bytes, TARGET, signature);
  const groups = Math.ceil(keys.count / e.lanes);
  // Chunks grow, so a match near the top costs few midstates, and so the engine's second and
  // later calls get the optimising compiler's code (WebAssembly tiers up between calls).
  let chunk = 64;
  for (let first = Math.floor(fromKey / e.lanes); first < groups; first += chunk, chunk = Math.min(chunk * 4, KEY_CHUNK)) {
    const last = Math.min(groups, first + chunk);
    prepare(e, keys, variant, last);
    const found = e.search(first, last, blocks, MIDS);
    // The padding lane of an odd count's last group matches nothing real: it is ignored.
    if (found >= 0 && found < keys.count) return found;
  }
  return -1;
}

/** Big-endian 64-bit words as WebAssembly's little-endian ones (no Buffer.swap64: the page's Buffer has none). */
function swappedInto(memory: Uint8Array, at: number, bytes: Uint8Array): void {
  for (let j = 0; j < bytes.length; j++) memory[at + (j ^ 7)] = bytes[j]!;
}

export const blocksOf = (length: number) => Math.ceil((length + 17) / 128);
