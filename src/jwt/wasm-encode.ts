/**
 * The few pieces of the WebAssembly binary format that authkit's generated hash kernels need
 * (sha256-simd.ts, sha512-wasm.ts). They are written as bytes here rather than as a .wasm file
 * or a toolchain's output, so the build needs no compiler and a reader can check every
 * instruction against the specification.
 */

export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

/** Signed LEB128 of a 32-bit value, or of a 64-bit one given as a BigInt (i64.const). */
export const sleb = (n: number | bigint): number[] => {
  const out: number[] = [];
  if (typeof n === 'number') {
    for (;;) {
      const byte = n & 0x7f;
      n >>= 7;
      if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
      out.push(byte | 0x80);
    }
  }
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};

/**
 * Concatenation without spread syntax: a kernel is some 10,000 instructions built from nested
 * pieces, generated once per process before the JIT has warmed up, and interpreted spread copies
 * element by element at every level (some 15 ms); concat copies in one builtin call.
 */
export const cat = (...parts: number[][]): number[] => ([] as number[]).concat(...parts);

export const section = (id: number, body: number[]) => cat([id], uleb(body.length), body);
export const vector = (items: number[][]) => cat(uleb(items.length), ...items);
export const wasmName = (s: string) => [...uleb(s.length), ...Buffer.from(s)];

export const I32 = 0x7f;
export const I64 = 0x7e;
export const V128 = 0x7b;
export const simdOp = (code: number) => [0xfd, ...uleb(code)];

/** Instructions on locals, i32 counters and control flow, shared by every kernel. */
export const base = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n | 0)],
  i32add: [0x6a],
  i32sub: [0x6b],
  i32mul: [0x6c],
  i32and: [0x71],
  i32ltu: [0x49],
  i32leu: [0x4d],
  i32eqz: [0x45],
  i32ctz: [0x68],
  i32load: (offset: number) => [0x28, 2, ...uleb(offset)],
  i32load8: (offset: number) => [0x2d, 0, ...uleb(offset)],
  i32store8: (offset: number) => [0x3a, 0, ...uleb(offset)],
};

/** `for (local = from; local < limit; local += step) body`; `limit` leaves an i32 on the stack. */
export function forLoop(local: number, from: number[], limit: number[], step: number, body: number[]): number[] {
  return cat(
    [...from, ...base.set(local), 0x02, 0x40, ...base.get(local), ...limit, ...base.i32ltu, ...base.i32eqz, 0x0d, 0, 0x03, 0x40],
    body,
    [...base.get(local), ...base.i32(step), ...base.i32add, ...base.tee(local), ...limit, ...base.i32ltu, 0x0d, 0, 0x0b, 0x0b],
  );
}

/** A module of one memory (`pages` of 64 KiB) and the given functions, all exported by name. */
export function wasmModule(pages: number, functions: { name: string; params: number[]; results: number[]; locals: [number, number][]; code: number[] }[]): Uint8Array<ArrayBuffer> {
  const types = section(1, vector(functions.map((f) => [0x60, ...vector(f.params.map((p) => [p])), ...vector(f.results.map((r) => [r]))])));
  const funcs = section(3, vector(functions.map((_, i) => uleb(i))));
  const memory = section(5, vector([[0x00, ...uleb(pages)]]));
  const exports = section(7, vector([[...wasmName('memory'), 0x02, 0], ...functions.map((f, i) => [...wasmName(f.name), 0x00, ...uleb(i)])]));
  const codes = section(
    10,
    vector(
      functions.map((f) => {
        const bytes = cat(vector(f.locals.map(([count, type]) => [...uleb(count), type])), f.code, [0x0b]);
        return cat(uleb(bytes.length), bytes);
      }),
    ),
  );
  return new Uint8Array(cat([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], types, funcs, memory, exports, codes));
}
