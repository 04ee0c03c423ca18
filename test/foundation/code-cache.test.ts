// The hot bundles load from a V8 code cache made at the end of a run, kept beside the bundle
// (bin/code-cache.js). Run on a copy of bin/ and the decode bundle, so the cache files this
// creates, damages and checks are the test's own.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'authkit-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

cpSync(join(ROOT, 'bin'), join(work, 'bin'), { recursive: true });
mkdirSync(join(work, 'dist'));
cpSync(join(ROOT, 'dist', 'decode.cjs'), join(work, 'dist', 'decode.cjs'));
cpSync(join(ROOT, 'package.json'), join(work, 'package.json'));

// An RS256-shaped token: decode reads it without the known-secrets list.
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: '42', exp: 4_102_444_800 })}.${Buffer.alloc(256, 7).toString('base64url')}`;

function decode() {
  const env = { ...process.env, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [join(work, 'bin', 'authkit.js'), 'decode', token, '--json'], { encoding: 'utf8', timeout: 120_000, env });
  expect(r.stderr).toBe('');
  // The report says when it was made; everything else must not change with the cache.
  return r.stdout.replace(/"now": "[^"]+"/g, '"now": "…"');
}

const cacheFiles = () => readdirSync(join(work, 'dist')).filter((f) => f !== 'decode.cjs');

describe('hot bundles', () => {
  it('load from a code cache written beside the bundle once, and rewritten when damaged', () => {
    const fresh = decode();
    expect(JSON.parse(fresh).tokens).toHaveLength(1);
    const [cache] = cacheFiles();
    expect(cacheFiles()).toEqual([expect.stringMatching(/^decode\.cjs\.v8-.+\.cache$/)]);
    const cachePath = join(work, 'dist', cache!);
    const written = readFileSync(cachePath);
    expect(written.length).toBeGreaterThan(10_000);

    // Accepted: the same report, and the cache is left as it was.
    const before = statSync(cachePath).mtimeMs;
    expect(decode()).toBe(fresh);
    expect(statSync(cachePath).mtimeMs).toBe(before);

    // Damaged (another V8's, truncated, garbage): V8 rejects it, the source is compiled, and a good
    // cache replaces it.
    writeFileSync(cachePath, Buffer.alloc(written.length, 0x5a));
    expect(decode()).toBe(fresh);
    expect(readFileSync(cachePath).equals(Buffer.alloc(written.length, 0x5a))).toBe(false);
    expect(cacheFiles()).toEqual([cache]);
  });
});
