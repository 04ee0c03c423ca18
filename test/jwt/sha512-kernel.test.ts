// The HS384/HS512 known-secret kernel (src/jwt/sha512-wasm.ts) against node:crypto: the kernel
// returns the first key whose HMAC equals the target, so a target made by node:crypto from key i
// must give back exactly i, for every key, and a target made from no key must give -1.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blocksOf, MAX_BLOCKS_512, type Sha2Variant, searchSha512 } from '../../src/jwt/sha512-wasm.js';
import { findWeakSecret, loadSecretList, setSimdEnabled, WEAK_SECRET_MAX_INPUT } from '../../src/jwt/weak-secret.js';
import { b64 } from './helpers.js';

function keySource(keys: Buffer[]) {
  const raw = Buffer.concat(keys);
  const starts = new Int32Array(keys.length);
  const ends = new Int32Array(keys.length);
  let at = 0;
  keys.forEach((key, i) => {
    starts[i] = at;
    at += key.length;
    ends[i] = at;
  });
  return { count: keys.length, raw, starts, ends, hashLongKey: (i: number, variant: Sha2Variant) => createHash(`sha${variant}`).update(keys[i]!).digest() };
}

const VARIANTS = [384, 512] as const;
// 2: i64x2 lanes (two keys per group, so an odd count leaves a padding lane); 1: scalar i64.
const LANES = [2, 1] as const;

describe('HMAC-SHA-384/512 kernel', () => {
  it('gives node:crypto HMAC for keys of 0..200 bytes and messages across block boundaries, up to the longest signing input', () => {
    // Every key length from 0 to 200 (past the 128-byte block, so long keys are hashed first).
    const keys = Array.from({ length: 201 }, (_, n) => randomBytes(n));
    const source = keySource(keys);
    const lengths = [0, 1, 55, 111, 112, 113, 127, 128, 129, 239, 240, 241, 255, 256, 1000, WEAK_SECRET_MAX_INPUT - 1, WEAK_SECRET_MAX_INPUT];
    expect(blocksOf(WEAK_SECRET_MAX_INPUT)).toBe(MAX_BLOCKS_512);
    for (const variant of VARIANTS) {
      for (const lanes of LANES) {
        for (const length of lengths) {
          const message = randomBytes(length);
          // Keys at both lanes of a group, the padding group and every 7th key besides.
          for (let i = 0; i < keys.length; i += i < 4 || i > 196 ? 1 : 7) {
            const target = createHmac(`sha${variant}`, keys[i]!).update(message).digest();
            expect(searchSha512(variant, source, message, target, 0, lanes), `HS${variant} lanes=${lanes} message=${length} key=${i}`).toBe(i);
          }
          const stranger = createHmac(`sha${variant}`, randomBytes(32)).update(message).digest();
          expect(searchSha512(variant, source, message, stranger, 0, lanes)).toBe(-1);
        }
      }
    }
  });

  it('agrees with node:crypto on random keys and messages (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 1, maxLength: 9 }),
        fc.uint8Array({ maxLength: 600 }),
        fc.nat(),
        fc.constantFrom(...VARIANTS),
        fc.constantFrom(...LANES),
        (keyArrays, message, pick, variant, lanes) => {
          const keys = keyArrays.map((k) => Buffer.from(k));
          const i = pick % keys.length;
          const target = createHmac(`sha${variant}`, keys[i]!).update(message).digest();
          // Duplicate keys: the first one holding the same bytes is named.
          const first = keys.findIndex((k) => createHmac(`sha${variant}`, k).update(message).digest().equals(target));
          expect(searchSha512(variant, keySource(keys), message, target, 0, lanes)).toBe(first);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('searches from a given key on, as the caller does after the top of the list', () => {
    const keys = Array.from({ length: 10 }, () => randomBytes(16));
    const message = randomBytes(70);
    for (const variant of VARIANTS) {
      expect(searchSha512(variant, keySource(keys), message, createHmac(`sha${variant}`, keys[8]!).update(message).digest(), 4)).toBe(8);
      expect(searchSha512(variant, keySource(keys), message, createHmac(`sha${variant}`, keys[1]!).update(message).digest(), 4)).toBe(-1);
    }
  });
});

describe('HS384/HS512 known-secret search, kernel and node:crypto fallback', () => {
  const list = loadSecretList();
  const lineText = (line: number) => list.raw.subarray(list.starts[line - 1]!, list.ends[line - 1]!);
  const longest = Array.from({ length: list.count }, (_, i) => i + 1).reduce((a, b) => (lineText(b).length > lineText(a).length ? b : a), 1);

  it('finds a secret at the start, middle and end of the list with the same line in both paths, and nothing for an unknown secret', () => {
    // Lines past 256 are in the kernel's part of the list; the first 256 are searched natively in both paths.
    const lines = [1, 2, 40, 256, 257, 258, 51_234, longest, list.count - 1, list.count];
    for (const alg of ['HS384', 'HS512'] as const) {
      for (const kernel of [true, false]) {
        setSimdEnabled(kernel);
        try {
          for (const line of lines) {
            // A different signing input per case: results are cached per input and signature.
            const input = `${b64(`{"alg":"${alg}"}`)}.${b64(`{"sub":"${kernel}-${line}"}`)}`;
            const signature = createHmac(alg.replace('HS', 'sha'), lineText(line)).update(input).digest();
            const found = findWeakSecret(alg, input, signature);
            // Duplicates in the list: the first line holding the same secret is named.
            const expected = Array.from({ length: line }, (_, i) => i + 1).find((l) => lineText(l).equals(lineText(line)));
            expect(found?.line, `${alg} kernel=${kernel} line ${line}`).toBe(expected);
          }
          const input = `${b64(`{"alg":"${alg}"}`)}.${b64(`{"sub":"nobody-${kernel}"}`)}`;
          expect(findWeakSecret(alg, input, createHmac(alg.replace('HS', 'sha'), 'k7Qv2pLx9Zr4Tn8Wc1Hy6Bd3Fg5Jm0Ps').update(input).digest())).toBeNull();
          const long = `${b64(`{"alg":"${alg}"}`)}.${b64(`{"pad":"${'x'.repeat(2900)}","k":${kernel}}`)}`;
          expect(findWeakSecret(alg, long, createHmac(alg.replace('HS', 'sha'), lineText(90_001)).update(long).digest())?.line).toBe(90_001);
        } finally {
          setSimdEnabled(true);
        }
      }
    }
    expect(lineText(longest).length).toBeGreaterThan(128);
  });
});
