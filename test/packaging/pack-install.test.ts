import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { makeToken } from '../jwt/helpers.js';

const work = mkdtempSync(join(tmpdir(), 'authkit-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

describe('the npm package', () => {
  it('packs what users need (no sources, docs and licences in), installs offline, and runs', () => {
    // Packed from a copy of what the package ships, with its lifecycle scripts on (prepack and
    // postpack are what keep `prepare` out of the package): in the checkout, `prepare` would
    // rebuild dist/ under the running Node, whose built-in module exports differ by version, and
    // swap chunks under CLIs other tests are running. Without src/, prepare builds nothing.
    const copy = join(work, 'checkout');
    const manifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');
    const shipped = (JSON.parse(manifestText) as { files: string[] }).files.filter((entry) => !entry.startsWith('!'));
    for (const entry of [...shipped, 'package.json', 'README.md', 'scripts/pack-manifest.mjs']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    // Node 20's code caches (bin/code-cache.js) beside the bundles are per machine: never packed.
    writeFileSync(join(copy, 'dist', 'decode.cjs.v8-0.0.0.cache'), 'stale');
    const pack = sh('npm', ['pack', '--json', '--pack-destination', work], copy);
    expect(pack.code, pack.out).toBe(0);
    // postpack put the checkout's manifest back as it was.
    expect(readFileSync(join(copy, 'package.json'), 'utf8')).toBe(manifestText);
    const { name, filename, files } = (JSON.parse(pack.stdout) as { name: string; filename: string; files: { path: string }[] }[])[0]!;
    const packed = JSON.parse(sh('tar', ['xzf', join(work, filename), '-O', 'package/package.json'], work).stdout) as { scripts: Record<string, string> };
    for (const script of ['prepare', 'prepack', 'postpack', 'preinstall', 'install', 'postinstall']) expect(packed.scripts, script).not.toHaveProperty(script);
    expect(name).toBe('authkit-cli');
    const paths = files.map((f) => f.path);
    expect(paths.filter((p) => p.startsWith('src/') || p.endsWith('.cache'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'bin/authkit.js', 'dist/main.js', 'dist/data/jwt-secrets.list', 'dist/data/jwt-secrets.LICENSE', 'docs/jwt.md']));

    // From the local npm cache only: `npm ci` of this checkout put every dependency there.
    const prefix = join(work, 'prefix');
    const install = sh('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, filename)], work);
    expect(install.code, install.out).toBe(0);
    // npm 11 warned "install-scripts … (prepare: node scripts/prepare.mjs)" for a script that did nothing here.
    expect(install.out).not.toMatch(/install-scripts|prepare/);
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

    // The default install leaves recheck (an optional peer, 52 MB of native and Java builds) out.
    const installed = join(prefix, 'lib', 'node_modules', 'authkit-cli');
    expect(modules).not.toContain('recheck');
    expect(diskUsage(installed)).toBeLessThan(40 * 1024 * 1024);

    // regex-audit decides in-process: the same findings as the development build, which has
    // recheck, and no pattern handed to the fallback.
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'app.js'),
      "export const word = (s) => /^(\\w+\\s?)*$/.test(s);\nexport const trim = (s) => s.replace(/^\\s+|\\s+$/g, '');\nexport const id = /^[a-z0-9-]{1,64}$/;\n",
    );
    const env = { AUTHKIT_CACHE_DIR: join(work, 'cache-installed') };
    const fromInstall = spawnSync(authkit, ['regex-audit', '.', '--json'], { cwd: project, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
    const fromBuild = spawnSync(process.execPath, [BIN, 'regex-audit', '.', '--json'], { cwd: project, encoding: 'utf8', timeout: 120_000, env: { ...process.env, AUTHKIT_CACHE_DIR: join(work, 'cache-build') } });
    expect(fromInstall.status, fromInstall.stderr).toBe(1);
    const findings = (out: string) => (JSON.parse(out) as { findings: { ruleId: string; line: number; column: number }[] }).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
    expect(findings(fromInstall.stdout)).toEqual(['1:28 regex/redos-exponential', '2:38 regex/redos-polynomial']);
    expect(findings(fromInstall.stdout)).toEqual(findings(fromBuild.stdout));
    expect(JSON.parse(fromInstall.stdout).stats.fallbackPatterns).toBe(0);
  }, 240_000);
});

function diskUsage(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + diskUsage(join(path, name)), 0);
}
