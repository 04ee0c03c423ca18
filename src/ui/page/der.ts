// Just enough DER to turn the PEM forms people paste into the SPKI WebCrypto imports: an
// X.509 certificate's subjectPublicKeyInfo, and a PKCS#1 "RSA PUBLIC KEY" wrapped as SPKI.

interface Node {
  tag: number;
  start: number;
  end: number;
  /** Where the content begins (after tag and length). */
  body: number;
}

function read(bytes: Uint8Array, at: number): Node {
  const tag = bytes[at]!;
  let length = bytes[at + 1]!;
  let body = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[body + i]!;
    body += n;
  }
  if (body + length > bytes.length) throw new Error('truncated DER');
  return { tag, start: at, end: body + length, body };
}

function children(bytes: Uint8Array, node: Node): Node[] {
  const out: Node[] = [];
  for (let at = node.body; at < node.end; ) {
    const child = read(bytes, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** Certificate → TBSCertificate → subjectPublicKeyInfo (the 7th field, or 6th without a version). */
export function spkiOfCertificate(der: Uint8Array): Uint8Array {
  const cert = read(der, 0);
  const tbs = children(der, cert)[0];
  if (tbs?.tag !== 0x30) throw new Error('not an X.509 certificate');
  const fields = children(der, tbs!);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const spki = fields[offset + 5];
  if (spki?.tag !== 0x30) throw new Error('the certificate has no subjectPublicKeyInfo');
  return der.subarray(spki!.start, spki!.end);
}

function encodeLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

const RSA_ALGORITHM = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/** SEQUENCE { rsaEncryption, NULL } BIT STRING { 0 unused bits, RSAPublicKey }. */
export function spkiOfPkcs1(der: Uint8Array): Uint8Array {
  const bitString = [0x03, ...encodeLength(der.length + 1), 0x00, ...der];
  const body = [...RSA_ALGORITHM, ...bitString];
  return Uint8Array.from([0x30, ...encodeLength(body.length), ...body]);
}
