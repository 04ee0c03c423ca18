/**
 * SHA-256 (FIPS 180-4) in plain JavaScript, specialised for HMAC over many keys and one message:
 * the message schedule (K[t] + W[t]) is computed apart from the rounds, so the known-secret search
 * expands a signing input once and runs it under every key's ipad midstate. The WebAssembly SIMD
 * kernel (sha256-simd.ts) does the same four keys at a time; this is its fallback and its
 * warm-up, for the top of the list.
 */
import { SHA256_IV, SHA256_K } from './sha256-simd.js';

const K256 = new Int32Array(SHA256_K);
const IV256 = new Int32Array(SHA256_IV);

/** 64 rounds from state `st[so..so+8)` with K+W already summed in `kw[ko..ko+64)`; result into `out`. */
export function rounds256(st: Int32Array, so: number, kw: Int32Array, ko: number, out: Int32Array, oo: number): void {
  let a = st[so]!;
  let b = st[so + 1]!;
  let c = st[so + 2]!;
  let d = st[so + 3]!;
  let e = st[so + 4]!;
  let f = st[so + 5]!;
  let g = st[so + 6]!;
  let h = st[so + 7]!;
  for (let t = 0; t < 64; t++) {
    const t1 =
      (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + kw[ko + t]!) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[oo] = (st[so]! + a) | 0;
  out[oo + 1] = (st[so + 1]! + b) | 0;
  out[oo + 2] = (st[so + 2]! + c) | 0;
  out[oo + 3] = (st[so + 3]! + d) | 0;
  out[oo + 4] = (st[so + 4]! + e) | 0;
  out[oo + 5] = (st[so + 5]! + f) | 0;
  out[oo + 6] = (st[so + 6]! + g) | 0;
  out[oo + 7] = (st[so + 7]! + h) | 0;
}

/** Expands w[0..16) to 64 words and stores K[t] + W[t] into kw at `ko`. */
export function schedule256(w: Int32Array, kw: Int32Array, ko: number): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    w[t] =
      ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
        w[t - 7]! +
        (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
        w[t - 16]!) |
      0;
  }
  for (let t = 0; t < 64; t++) kw[ko + t] = (K256[t]! + w[t]!) | 0;
}

const scratchW = new Int32Array(64);
const scratchKW = new Int32Array(64);
const keyBlock = new Uint8Array(64);

/**
 * The ipad and opad midstates of one HMAC key (at most 64 bytes: longer keys are hashed first,
 * RFC 2104) into out[at..at+8) and out[at+8..at+16).
 */
export function hmacMidstates256(key: Uint8Array, out: Int32Array, at: number): void {
  keyBlock.fill(0);
  keyBlock.set(key);
  for (let pass = 0; pass < 2; pass++) {
    const pad = pass === 0 ? 0x36363636 : 0x5c5c5c5c;
    for (let j = 0; j < 16; j++) {
      scratchW[j] = ((keyBlock[4 * j]! << 24) | (keyBlock[4 * j + 1]! << 16) | (keyBlock[4 * j + 2]! << 8) | keyBlock[4 * j + 3]!) ^ pad;
    }
    schedule256(scratchW, scratchKW, 0);
    rounds256(IV256, 0, scratchKW, 0, out, at + pass * 8);
  }
}

/**
 * K[t] + W[t] of the inner hash's input after the key block: the message, its padding and a
 * length that counts the key block. It is the same for every key, so a search computes it once.
 */
export function messageSchedule256(message: Uint8Array): { messageKW: Int32Array; blocks: number } {
  const length = message.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = Buffer.alloc(blocks * 64);
  padded.set(message);
  padded[length] = 0x80;
  const bits = (64 + length) * 8;
  padded.writeUInt32BE(Math.floor(bits / 2 ** 32), blocks * 64 - 8);
  padded.writeUInt32BE(bits >>> 0, blocks * 64 - 4);
  const messageKW = new Int32Array(64 * blocks);
  const w = new Int32Array(64);
  for (let b = 0; b < blocks; b++) {
    for (let j = 0; j < 16; j++) w[j] = padded.readInt32BE(b * 64 + 4 * j);
    schedule256(w, messageKW, b * 64);
  }
  return { messageKW, blocks };
}
