import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { createHmac } from 'node:crypto';

export const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url');

/** A compact JWS from raw header/payload text, HMAC-signed with `secret` (or a fixed fake signature). */
export function makeToken(header: string | object, payload: string | object, secret?: string | Buffer): string {
  const h = b64(typeof header === 'string' ? header : JSON.stringify(header));
  const p = b64(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const alg = (typeof header === 'string' ? JSON.parse(header) : header).alg as string;
  if (secret === undefined || !/^HS(256|384|512)$/.test(alg)) return `${h}.${p}.${b64('not-a-real-signature-0123456789ab')}`;
  const hash = alg.replace('HS', 'sha');
  return `${h}.${p}.${createHmac(hash, secret).update(`${h}.${p}`).digest('base64url')}`;
}

export const signatureOf = (token: string) => token.slice(token.lastIndexOf('.') + 1);

/** 2026-01-01T00:00:00Z: tests never depend on the wall clock. */
export const NOW = new Date('2026-01-01T00:00:00Z');
export const NOW_S = NOW.getTime() / 1000;

/**
 * Shared set-up of the CLI test files: key fixtures, the README's example token, a strong secret
 * and a scratch folder (created before and removed after the file's tests).
 */
export function cliFixtures() {
  const keys = join(ROOT, 'test/jwt/fixtures/keys');
  const example = readFileSync(join(ROOT, 'examples/token.txt'), 'utf8').trim();
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'authkit-jwt-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** Writes a scratch file and returns its path. */
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  return { keys, example, file, dir: () => dir };
}

export const STRONG_SECRET = 'k7Qv2pLx9Zr4Tn8Wc1Hy6Bd3Fg5Jm0Ps';
