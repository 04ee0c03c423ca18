import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { makeToken } from '../jwt/helpers.js';

const work = mkdtempSync(join(tmpdir(), 'authkit-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

describe('the npm package', () => {
  it('packs what users need (no sources, docs and licences in), installs offline, and runs', () => {
    const pack = sh('npm', ['pack', '--json', '--pack-destination', work], ROOT);
    expect(pack.code, pack.out).toBe(0);
    const { name, filename, files } = (JSON.parse(pack.stdout) as { name: string; filename: string; files: { path: string }[] }[])[0]!;
    expect(name).toBe('authkit-cli');
    const paths = files.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith('src/'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/authkit.js', 'dist/main.js', 'dist/data/jwt-secrets.list', 'dist/data/jwt-secrets.LICENSE', 'docs/jwt.md']));

    // From the local npm cache only: `npm ci` of this checkout put every dependency there.
    const prefix = join(work, 'prefix');
    const install = sh('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, filename)], work);
    expect(install.code, install.out).toBe(0);
    // No dependency carries an install script (esbuild is only needed to build from git).
    expect(install.out).not.toMatch(/esbuild/);
    const modules = readdirSync(join(prefix, 'lib', 'node_modules', 'authkit-cli', 'node_modules'));
    expect(modules).not.toContain('esbuild');

    const authkit = join(prefix, 'bin', 'authkit');
    const version = sh(authkit, ['--version'], work);
    expect(version.stdout.trim()).toBe(JSON.parse(sh('npm', ['pkg', 'get', 'version'], ROOT).stdout));
    const token = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: '42' }, 'secret');
    const decode = sh(authkit, ['decode', token], work);
    expect(decode.code).toBe(1);
    expect(decode.stdout).toContain('line 40 of data/jwt-secrets.list');
  }, 240_000);
});
