import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { makeToken } from './helpers.js';

// `secret` is line 40 of the public list; the payload carries no time claims to judge.
const WEAK = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'x' }, 'secret');

describe('the known-secrets list', () => {
  it('is not in the repository: the build ships the team copy from ../shared/data in dist/data', () => {
    const tracked = spawnSync('git', ['ls-files', 'data', 'dist'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    expect(tracked).toBe('');
    expect(existsSync(join(ROOT, 'dist', 'data', 'jwt-secrets.list'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist', 'data', 'jwt-secrets.LICENSE'))).toBe(true);
  });

  it('names the matching line from the shipped copy', async () => {
    const r = await runCli(['decode', WEAK]);
    expect(r.stdout).toContain('line 40 of data/jwt-secrets.list');
  });

  describe('in an installation built without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authkit-nolist-'));
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (src) => !src.includes(`${join('dist', 'data')}`) });
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('says the check is unavailable and how to provide the list, never that the token is clean', () => {
      expect(existsSync(join(dir, 'dist', 'data'))).toBe(false);
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'authkit.js'), 'decode', WEAK], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.stdout).toContain('known-secret check skipped: the known-secrets list (data/jwt-secrets.list) is not installed');
      expect(r.stdout).toContain('../shared/data');
      expect(r.stdout).not.toMatch(/none of the [\d,]+ publicly known secrets/);
      expect(r.status).toBe(0);
    });
  });
});
