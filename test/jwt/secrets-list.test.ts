import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'authkit.js'), 'decode', WEAK], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
      expect(r.stdout).toContain('known-secret check skipped: the known-secrets list (data/jwt-secrets.list) is not installed');
      expect(r.stdout).toContain('../shared/data');
      expect(r.stdout).not.toMatch(/none of the [\d,]+ publicly known secrets/);
      expect(r.status).toBe(0);
    });

    const cli = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [join(dir, 'bin', 'authkit.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    const NOTE = 'known-secret checks skipped: the known-secrets list (data/jwt-secrets.list) is not installed';

    it('scan, session-audit, verify and sign say once that the known-secret checks were skipped (stderr, --json, SARIF)', () => {
      // On the demo, the .env token loses its known-secret finding: the run must say why.
      const scan = cli(['scan', 'examples/scan-demo']);
      expect(scan.stderr.split('\n').filter((l) => l.includes(NOTE))).toHaveLength(1);
      const json = JSON.parse(cli(['scan', 'examples/scan-demo', '--json']).stdout);
      expect(json.notes.map((n: { message: string }) => n.message)).toEqual([expect.stringContaining(NOTE)]);
      const sarif = JSON.parse(cli(['scan', 'examples/scan-demo', '--format', 'sarif']).stdout);
      expect(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text).join('\n')).toContain(NOTE);

      // {"jwtSecret":"secret"} is a warning instead of an error without the list: said, not silent.
      const project = mkdtempSync(join(tmpdir(), 'authkit-nolist-config-'));
      writeFileSync(join(project, 'config.json'), '{"jwtSecret":"secret"}\n');
      const session = cli(['session-audit', 'config.json'], project);
      rmSync(project, { recursive: true, force: true });
      expect(session.stderr).toBe(`authkit: note: ${NOTE}: this build had no ../shared/data/jwt-secrets.list (the README's set-up says how a clone gets it)\n`);

      expect(cli(['verify', WEAK, '--secret', 'secret']).stderr).toContain(NOTE);
      const baseline = cli(['baseline', 'examples/scan-demo', '-o', join(dir, 'baseline.json')]);
      expect(baseline.stderr.split('\n').filter((l) => l.includes(NOTE))).toHaveLength(1);
      const sign = cli(['sign', '--secret', 'secret', '--exp', '1m']);
      expect(sign.status).toBe(0);
      expect(sign.stderr).toContain(NOTE);
    });

    it('a run that never needed the list says nothing about it', () => {
      const cron = cli(['scan', 'examples/scan-demo/deploy']);
      expect(cron.stderr).toBe('');
    });
  });
});

describe('a team\'s own known-secrets list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authkit-teamlist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const leaked = 'acme-prod-signing-key-2019-leaked-in-git-history';
  const token = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'x' }, leaked);

  it('--secrets-list merges it with the shipped list, and a match names its file and line, never the secret', async () => {
    writeFileSync(join(dir, 'team.list'), `first-team-secret\n${leaked}\n`);
    const r = await runCli(['decode', token, '--secrets-list', 'team.list', '--json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'jwt/weak-secret').message).toContain('(line 2 of team.list)');
    expect(r.stdout).not.toContain(leaked);
    // The shipped list still answers for its own secrets.
    const shipped = await runCli(['decode', WEAK, '--secrets-list', 'team.list'], { cwd: dir });
    expect(shipped.stdout).toContain('line 40 of data/jwt-secrets.list');
    const plain = await runCli(['decode', token], { cwd: dir });
    expect(plain.stdout).not.toContain('jwt/weak-secret');
  });

  it('jwt.secretsList in the config does the same for verify, relative to the config file', async () => {
    const project = join(dir, 'project');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(project, 'sub'), { recursive: true });
    writeFileSync(join(project, 'leaked.txt'), `${leaked}\r\n`);
    writeFileSync(join(project, 'authkit.config.json'), JSON.stringify({ jwt: { secretsList: 'leaked.txt' } }));
    const r = await runCli(['verify', token, '--secret', leaked], { cwd: join(project, 'sub') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('line 1 of leaked.txt');
  });

  it('a list of 200,000 secrets: matches past the kernels\' 262,144-secret tables are still found (node:crypto)', async () => {
    // The shipped list and this one make 303,979 secrets; the kernels keep midstates for the first 262,144.
    const team = (i: number) => `team-secret-${i}-of-a-long-list`;
    writeFileSync(join(dir, 'long.list'), `${Array.from({ length: 200_000 }, (_, i) => team(i + 1)).join('\n')}\n`);
    const cases = [
      ['HS512', 10],
      ['HS384', 158_165],
      ['HS512', 158_166],
      ['HS384', 200_000],
      ['HS256', 158_165],
      ['HS256', 199_999],
    ] as const;
    const tokens = cases.map(([alg, line]) => makeToken({ alg, typ: 'JWT' }, { sub: `${line}` }, team(line)));
    const r = await runCli(['decode', '-', '--secrets-list', 'long.list', '--json'], { cwd: dir, input: `${tokens.join('\n')}\n` });
    const statuses = JSON.parse(r.stdout).tokens.map((t: { signature: { status: string } }) => t.signature.status);
    expect(statuses).toEqual(cases.map(([, line]) => expect.stringContaining(`(line ${line} of long.list)`)));
  });

  it('a list that cannot be read is one line naming it, exit 2', async () => {
    const r = await runCli(['decode', token, '--secrets-list', 'missing.list'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('missing.list');
  });
});
