// session-audit end to end: the built CLI on real files, standard input, config, suppressions,
// baselines, and through `authkit scan`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'authkit-session-cli-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// Built from parts so that scanning this repository does not read the fixture as a directive.
const IGNORE = ['authkit', 'ignore'].join('-');
const LOGIN = "const express = require('express');\nconst jwt = require('jsonwebtoken');\napp.post('/login', (req, res) => {\n  const token = jwt.sign({ sub: req.body.id }, process.env.JWT_SECRET, { expiresIn: '2h' });\n  res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'lax' });\n});\n";
const CLEAN = LOGIN.replace("'2h'", "'10m'");
const where = (findings: { file: string; line: number; ruleId: string }[]) => findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();

describe('authkit session-audit', () => {
  it('exit 1 with findings, 0 when clean; --json carries rules and fingerprints', async () => {
    const dir = project({ 'login.js': LOGIN, 'ok.ts': CLEAN });
    const r = await runCli(['session-audit', '--json', 'login.js', 'ok.ts'], { cwd: dir });
    expect(r.code).toBe(0); // a warning does not fail at the default --fail-on error
    const out = parseJson(r);
    expect(where(out.findings)).toEqual(['login.js:4 session/access-token-lifetime']);
    expect(out.findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect((await runCli(['session-audit', 'login.js', '--fail-on', 'warning'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['session-audit', 'ok.ts'], { cwd: dir })).code).toBe(0);
    const stylish = await runCli(['session-audit', '.'], { cwd: dir });
    expect(stylish.stdout).toContain('login.js');
    expect(stylish.stdout).toContain('lives 2 hours (limit 15 minutes)');
  });

  it('reads standard input, named by --stdin-filename or sniffed', async () => {
    const named = await runCli(['session-audit', '-', '--stdin-filename', 'src/auth.ts', '--json'], { input: "import { cookies } from 'next/headers';\nexport async function POST() { (await cookies()).set('session', s as string, { secure: true, sameSite: 'lax' }); }\n" });
    expect(named.code).toBe(1);
    expect(where(parseJson(named).findings)).toEqual(['src/auth.ts:2 session/cookie-httponly-missing']);
    const sniffed = await runCli(['session-audit', '-', '--json'], { input: 'interface A { t: string }\nconst x = <A>{ t: "" };\nlocalStorage.setItem("t", (await (await fetch("/api/login")).json()).token);\n' });
    expect(where(parseJson(sniffed).findings)).toEqual(['-:3 session/token-in-web-storage']);
    const config = await runCli(['session-audit', '-', '--json'], { input: '{ "jwtSecret": "a-committed-secret" }' });
    expect(where(parseJson(config).findings)).toEqual(['-:1 session/hardcoded-secret']);
  });

  it('bad input: one line naming the file, exit 2, the rest still audited', async () => {
    const dir = project({ 'broken.js': "function f(res) { res.cookie('sid', ", 'cookie.js': "function f(res, sid) { res.cookie('sid', sid); }\n", 'notes.md': '# notes' });
    const r = await runCli(['session-audit', 'broken.js', 'cookie.js', 'missing.js', 'notes.md', '--json'], { cwd: dir });
    expect(r.code).toBe(2);
    const out = parseJson(r);
    expect(where(out.findings)).toContain('cookie.js:1 session/cookie-httponly-missing');
    expect(out.errors.map((e: { file: string }) => e.file).sort()).toEqual(['broken.js', 'missing.js', 'notes.md']);
    const usage = await runCli(['session-audit', 'cookie.js', '--stdin-filename', 'x.ts'], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--stdin-filename only applies to -');
  });

  it('config limits and severities, suppressions and baselines apply', async () => {
    const dir = project({ 'login.js': LOGIN, 'authkit.config.json': JSON.stringify({ session: { accessTokenMaxLifetime: '3h' } }) });
    expect(parseJson(await runCli(['session-audit', '--json', 'login.js'], { cwd: dir })).findings).toEqual([]);
    writeFileSync(join(dir, 'authkit.config.json'), JSON.stringify({ rules: { 'session/access-token-lifetime': 'error' } }));
    expect((await runCli(['session-audit', 'login.js'], { cwd: dir })).code).toBe(1);
    writeFileSync(join(dir, 'authkit.config.json'), JSON.stringify({ session: { accessTokenMaxLifetime: 'soon' } }));
    const bad = await runCli(['session-audit', 'login.js'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('session.accessTokenMaxLifetime');
    rmSync(join(dir, 'authkit.config.json'));

    writeFileSync(join(dir, 'login.js'), LOGIN.replace('  const token', `  // ${IGNORE}-next-line session/access-token-lifetime -- internal tool\n  const token`));
    expect(parseJson(await runCli(['session-audit', '--json', 'login.js'], { cwd: dir })).findings).toEqual([]);

    writeFileSync(join(dir, 'login.js'), LOGIN);
    expect((await runCli(['baseline', 'login.js'], { cwd: dir })).code).toBe(0);
    const known = await runCli(['session-audit', 'login.js', '--baseline', 'authkit-baseline.json', '--json', '--fail-on', 'warning'], { cwd: dir });
    expect(parseJson(known).findings).toEqual([]);
    expect(known.code).toBe(0);
  });

  it('a walk passes over test and spec files; a test file named on the command line is judged', async () => {
    const mock = "const jwt = require('jsonwebtoken');\nconst secret = 'secret';\ntest('signs', () => { jwt.sign({ sub: 1 }, secret); });\n";
    const dir = project({ 'auth.spec.js': mock, 'login.js': LOGIN });
    mkdirSync(join(dir, '__tests__'));
    writeFileSync(join(dir, '__tests__', 'helpers.js'), mock);
    for (const args of [['session-audit', '--json', '.'], ['scan', '--json']]) {
      expect(where(parseJson(await runCli(args, { cwd: dir })).findings)).toEqual(['login.js:4 session/access-token-lifetime']);
    }
    const named = where(parseJson(await runCli(['session-audit', '--json', 'auth.spec.js'], { cwd: dir })).findings);
    expect(named).toEqual(['auth.spec.js:2 session/hardcoded-secret', 'auth.spec.js:3 session/jwt-expiry-missing']);
  });

  it('the handler rules and mobile storage run through scan, csurf at info', async () => {
    const dir = project({
      'logout.js': "const express = require('express');\nconst csrf = require('csurf');\napp.post('/logout', (req, res) => { res.clearCookie('refreshToken'); res.end(); });\n",
      'store.ts': "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const save = (token: string) => AsyncStorage.setItem('userToken', token);\n",
    });
    const out = parseJson(await runCli(['scan', '--json'], { cwd: dir }));
    expect(where(out.findings)).toEqual(['logout.js:2 session/csrf-unprotected', 'logout.js:3 session/logout-not-revoked', 'store.ts:2 session/token-in-web-storage']);
    expect(out.findings.find((f: { ruleId: string }) => f.ruleId === 'session/csrf-unprotected').severity).toBe('info');
    expect(out.findings.find((f: { ruleId: string }) => f.ruleId === 'session/token-in-web-storage').message).toMatch(/expo-secure-store/);
  });

  it('authkit scan runs it, and `authkit rules session` lists the rules', async () => {
    const dir = project({ 'login.js': LOGIN.replace("{ httpOnly: true, secure: true, sameSite: 'lax' }", '{}') });
    const r = await runCli(['scan', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(where(parseJson(r).findings)).toEqual([
      'login.js:4 session/access-token-lifetime',
      'login.js:5 session/cookie-httponly-missing',
      'login.js:5 session/cookie-samesite-missing',
      'login.js:5 session/cookie-secure-missing',
    ]);
    const rules = parseJson(await runCli(['rules', 'session', '--json']));
    expect(rules.rules.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['session/cookie-httponly-missing', 'session/refresh-token-exposed', 'session/cors-credentials-any-origin']));
  });

  it('an HTTP capture is recognised (by extension or by sniffing stdin) and never passed as clean', async () => {
    const dump = 'HTTP/1.1 200 OK\nContent-Type: application/json\nSet-Cookie: sid=3f9a1c; Path=/\n\n{"ok":true}\n';
    const dir = project({ 'login.txt': dump });
    for (const r of [await runCli(['session-audit', 'login.txt', '--json'], { cwd: dir }), await runCli(['session-audit', '-', '--json'], { input: dump })]) {
      expect([1, 2]).toContain(r.code);
      const out = parseJson(r);
      expect(out.findings.length + out.errors.length).toBeGreaterThan(0);
    }
  });

  it('SARIF carries the session rules with a security severity', async () => {
    const dir = project({ 'login.js': LOGIN });
    const log = JSON.parse((await runCli(['session-audit', '--format', 'sarif', 'login.js'], { cwd: dir })).stdout);
    const rule = log.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'session/access-token-lifetime');
    expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    expect(log.runs[0].results).toHaveLength(1);
  });
});
