// The subset of Node's Buffer that src/jwt uses, so the browser page runs the CLI's own decoder
// and known-secret search unchanged. Kept to what those files call: a gap fails loudly
// ("is not a function") in the browser tests rather than silently decoding differently.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  VALUE[B64.charCodeAt(i)] = i;
  VALUE[B64URL.charCodeAt(i)] = i;
}

type Encoding = 'utf8' | 'utf-8' | 'latin1' | 'binary' | 'base64' | 'base64url' | 'hex';

// Node's decoder skips characters outside the alphabet and stops at '='; src/jwt checks the
// alphabet itself before decoding, so this only has to agree on valid input and on leftovers.
function fromBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break;
    const v = code < 128 ? VALUE[code]! : -1;
    if (v < 0) continue;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function toBase64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + alphabet[(v >> 6) & 63]! + alphabet[v & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + alphabet[(v >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  // fromCharCode takes arguments on the stack: chunks keep a 1 MB list from overflowing it.
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

// @ts-expect-error Node's Buffer.from takes an encoding where Uint8Array.from takes a map function.
export class Buffer extends Uint8Array {
  static override from(value: string | ArrayBufferLike | ArrayLike<number>, encodingOrOffset?: Encoding | number, length?: number): Buffer {
    if (typeof value === 'string') {
      const encoding = (encodingOrOffset as Encoding | undefined) ?? 'utf8';
      let bytes: Uint8Array;
      if (encoding === 'base64' || encoding === 'base64url') bytes = fromBase64(value);
      else if (encoding === 'latin1' || encoding === 'binary') bytes = Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);
      else if (encoding === 'hex') bytes = Uint8Array.from(value.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
      else bytes = utf8Encoder.encode(value);
      return new Buffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
    }
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      const offset = (encodingOrOffset as number | undefined) ?? 0;
      return new Buffer(value as ArrayBuffer, offset, length ?? value.byteLength - offset);
    }
    const copy = new Buffer((value as ArrayLike<number>).length);
    copy.set(value as ArrayLike<number>);
    return copy;
  }

  static alloc(size: number): Buffer {
    return new Buffer(size);
  }

  static concat(parts: readonly Uint8Array[]): Buffer {
    const out = new Buffer(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  static isBuffer(value: unknown): value is Buffer {
    return value instanceof Buffer;
  }

  override toString(encoding: Encoding = 'utf8', start = 0, end = this.length): string {
    const bytes = this.subarray(start, end);
    if (encoding === 'base64') return toBase64(bytes, B64, true);
    if (encoding === 'base64url') return toBase64(bytes, B64URL, false);
    if (encoding === 'latin1' || encoding === 'binary') return latin1(bytes);
    if (encoding === 'hex') return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return utf8Decoder.decode(bytes);
  }

  equals(other: Uint8Array): boolean {
    return this.compare(other) === 0;
  }

  compare(target: Uint8Array, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length): number {
    const a = this.subarray(sourceStart, sourceEnd);
    const b = target.subarray(targetStart, targetEnd);
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  copy(target: Uint8Array, targetStart = 0, sourceStart = 0, sourceEnd = this.length): number {
    const part = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
    target.set(part, targetStart);
    return part.length;
  }

  readInt32BE(offset = 0): number {
    return new DataView(this.buffer, this.byteOffset, this.length).getInt32(offset, false);
  }

  writeUInt32BE(value: number, offset: number): number {
    new DataView(this.buffer, this.byteOffset, this.length).setUint32(offset, value >>> 0, false);
    return offset + 4;
  }

  swap32(): this {
    const view = new DataView(this.buffer, this.byteOffset, this.length);
    for (let i = 0; i + 3 < this.length; i += 4) view.setUint32(i, view.getUint32(i, true), false);
    return this;
  }
}
