// The page's stand-ins for Node APIs must agree with Node byte for byte: they decide what the
// page's src/jwt sees. Compared here against the real thing on many inputs.
import { createHash as nodeHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Buffer as PageBuffer } from '../../src/ui/page/shims/buffer.js';
import { hash } from '../../src/ui/page/shims/crypto.js';

describe('page shims against Node', () => {
  it('hashes like node:crypto at every length around the block boundaries', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 300, 4096]) {
      const data = randomBytes(length);
      for (const alg of ['sha256', 'sha384', 'sha512'] as const) {
        expect(Buffer.from(hash(alg, data)).toString('hex'), `${alg} of ${length} bytes`).toBe(nodeHash(alg).update(data).digest('hex'));
      }
    }
  });

  it('encodes and decodes like Buffer', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = randomBytes(length);
      for (const enc of ['base64', 'base64url', 'latin1', 'hex'] as const) {
        const text = Buffer.from(bytes).toString(enc);
        expect(PageBuffer.from(bytes).toString(enc)).toBe(text);
        expect(Buffer.from(PageBuffer.from(text, enc)).equals(bytes)).toBe(true);
      }
    }
    // src/jwt checks the alphabet first; leftovers and padding must still decode as Node's does.
    for (const text of ['eyJhbGciOiJub25lIn0', 'YQ', 'YWI', 'YQ==', 'a', '', 'abc$def']) {
      expect(Buffer.from(PageBuffer.from(text, 'base64url')).toString('hex'), text).toBe(Buffer.from(text, 'base64url').toString('hex'));
    }
    expect(PageBuffer.from('héllo €').toString()).toBe('héllo €');
    const words = randomBytes(16);
    expect(PageBuffer.from(words).readInt32BE(4)).toBe(words.readInt32BE(4));
    const written = PageBuffer.alloc(8);
    written.writeUInt32BE(0xdeadbeef, 4);
    expect(Buffer.from(written).readUInt32BE(4)).toBe(0xdeadbeef);
    expect(Buffer.from(PageBuffer.from(words).swap32()).equals(Buffer.from(words).swap32())).toBe(true);
  });
});
