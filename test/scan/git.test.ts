import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRawDiff, readBlobs } from '../../src/scan/git.js';

const dir = mkdtempSync(join(tmpdir(), 'authkit-git-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('git plumbing for --staged', () => {
  it('reads many blobs, small and large, through one cat-file process, in order', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const contents = [Buffer.from(''), Buffer.from('one\n'), Buffer.alloc(3 * 1024 * 1024, 'x'), Buffer.from('line\n'.repeat(1000)), Buffer.from([0, 1, 2, 10, 10])];
    const ids = contents.map((c, i) => {
      writeFileSync(join(dir, `f${i}`), c);
      return execFileSync('git', ['hash-object', '-w', `f${i}`], { cwd: dir, encoding: 'utf8' }).trim();
    });
    const missing = 'f'.repeat(40);
    const got: { blob: string; bytes: Buffer | null }[] = [];
    for await (const b of readBlobs(dir, [...ids, missing, ids[1]!])) got.push(b);
    expect(got.map((g) => g.blob)).toEqual([...ids, missing, ids[1]]);
    for (const [i, c] of contents.entries()) expect(got[i]!.bytes!.equals(c)).toBe(true);
    expect(got[5]!.bytes).toBeNull();
    expect(got[6]!.bytes!.toString()).toBe('one\n');
  });

  it('parses raw diff records, renames and copies included, regular files only', () => {
    const z = (s: string) => s.replace(/\|/g, '\0');
    const out = parseRawDiff(
      z(':000000 100644 0000 aaaa A|new file.txt|:100644 100644 bbbb cccc R087|old.txt|moved.txt|:000000 120000 0000 dddd A|link|:000000 160000 0000 eeee A|submodule|:100644 100755 ffff 1111 M|run.sh|'),
    );
    expect(out).toEqual([
      { path: 'new file.txt', mode: '100644', blob: 'aaaa' },
      { path: 'moved.txt', mode: '100644', blob: 'cccc' },
      { path: 'run.sh', mode: '100755', blob: '1111' },
    ]);
  });
});
