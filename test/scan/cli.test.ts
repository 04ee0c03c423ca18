import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, parseJson, runCli } from '../helpers/cli.js';
import { sarifErrors } from '../helpers/sarif.js';

const DEMO = `${ROOT}examples/scan-demo`;
const TOKEN = readFileSync(`${DEMO}/.env`, 'utf8').match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/)![0];
const SIGNATURE = TOKEN.split('.')[2]!;
// Built from parts so that scanning this repository does not read these fixtures as directives.
const IGNORE = ['authkit', 'ignore'].join('-');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function temp(prefix = 'authkit-scan-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A copy of the demo folder, so tests can edit it and give it a config. */
function demoCopy(): string {
  const dir = temp();
  cpSync(DEMO, dir, { recursive: true });
  return dir;
}

const where = (findings: any[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort();

const DEMO_FINDINGS = [
  'examples/scan-demo/.env:4:19 jwt/token-in-source',
  'examples/scan-demo/deploy/crontab:5:51 cron/unescaped-percent',
  'examples/scan-demo/src/session.js:4:7 session/cookie-httponly-missing',
  'examples/scan-demo/src/signup.js:3:22 regex/redos-exponential',
];

describe('authkit scan', () => {
  it('finds one issue of each domain in examples/scan-demo, never printing the token', async () => {
    const r = await runCli(['scan', 'examples/scan-demo', '--json']);
    expect(r.code).toBe(1);
    const out = parseJson(r);
    expect(where(out.findings)).toEqual(DEMO_FINDINGS);
    expect(out.scan).toEqual({ mode: 'walk', files: 4, skipped: 0 });
    expect(out.findings.every((f: any) => /^[0-9a-f]{32}$/.test(f.fingerprint))).toBe(true);
    expect(r.stdout).not.toContain(SIGNATURE);
    expect(r.stderr).toBe('');

    const stylish = await runCli(['scan', 'examples/scan-demo']);
    expect(stylish.stdout).toContain('✖ 4 problems (4 errors, 0 warnings, 0 info)');
    expect(stylish.stdout).not.toContain(SIGNATURE);
  });

  it('reads standard input as `-`', async () => {
    const r = await runCli(['scan', '-', '--json'], { input: readFileSync(`${DEMO}/.env`) });
    expect(r.code).toBe(1);
    expect(where(parseJson(r).findings)).toEqual(['-:4:19 jwt/token-in-source']);
    expect(r.stdout).not.toContain(SIGNATURE);
  });

  it('SARIF: valid 2.1.0, automationDetails per command, repo-relative URIs, security-severity, results: [] when clean', async () => {
    const r = await runCli(['scan', 'examples/scan-demo', '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0];
    expect(log.runs).toHaveLength(1);
    expect(run.automationDetails.id).toBe('authkit/scan/');
    const uris = run.results.map((x: any) => x.locations[0].physicalLocation.artifactLocation);
    expect(uris.map((u: any) => u.uri).sort()).toEqual(['examples/scan-demo/.env', 'examples/scan-demo/deploy/crontab', 'examples/scan-demo/src/session.js', 'examples/scan-demo/src/signup.js']);
    expect(uris.every((u: any) => u.uriBaseId === '%SRCROOT%')).toBe(true);
    const rule = run.tool.driver.rules.find((x: any) => x.id === 'regex/redos-exponential');
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.fullDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.text.length).toBeGreaterThan(0);
    expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    expect(run.results.every((x: any) => x.partialFingerprints?.['authkit/v1'])).toBe(true);
    expect(r.stdout).not.toContain(SIGNATURE);

    const clean = temp();
    writeFileSync(join(clean, 'ok.js'), 'export const x = /^[a-z]+$/;\n');
    const cleanRun = await runCli(['scan', '--format', 'sarif'], { cwd: clean });
    expect(cleanRun.code).toBe(0);
    const cleanLog = JSON.parse(cleanRun.stdout);
    expect(sarifErrors(cleanLog)).toEqual([]);
    expect(cleanLog.runs[0].results).toEqual([]);
  });

  it('--format github prints one annotation per finding', async () => {
    const r = await runCli(['scan', 'examples/scan-demo', '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.some((l) => l.startsWith('::error file=examples/scan-demo/deploy/crontab,line=5,col=51,') && l.includes('title=cron/unescaped-percent'))).toBe(true);
    expect(r.stdout).not.toContain(SIGNATURE);
  });

  it('reports unused suppressions in // and # comment syntax, and honours used ones', async () => {
    const dir = demoCopy();
    const js = readFileSync(join(dir, 'src/signup.js'), 'utf8').split('\n');
    js.splice(2, 0, `// ${IGNORE}-next-line regex/redos-exponential -- demo`);
    js.push(`export const other = 1; // ${IGNORE} regex/redos-polynomial -- nothing here`);
    writeFileSync(join(dir, 'src/signup.js'), js.join('\n'));
    writeFileSync(join(dir, 'deploy/crontab'), `${readFileSync(join(dir, 'deploy/crontab'), 'utf8')}# ${IGNORE}-next-line cron/missing-path\n0 * * * * true\n`);
    writeFileSync(join(dir, '.env'), `${readFileSync(join(dir, '.env'), 'utf8')}# ${IGNORE}-next-line jwt/token-in-source\nNOTHING=here\n`);
    const out = parseJson(await runCli(['scan', '--json'], { cwd: dir }));
    expect(where(out.findings)).toEqual([
      '.env:4:19 jwt/token-in-source',
      '.env:5:3 meta/unused-suppression',
      'deploy/crontab:5:51 cron/unescaped-percent',
      'deploy/crontab:6:3 meta/unused-suppression',
      'src/session.js:4:7 session/cookie-httponly-missing',
      'src/signup.js:10:28 meta/unused-suppression',
    ]);
  });

  it('stays silent on stderr without a terminal, and shows progress on one', async () => {
    const piped = await runCli(['scan', 'examples/scan-demo']);
    expect(piped.stderr).toBe('');
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.CI;
    delete env.PRE_COMMIT;
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${BIN} scan examples/scan-demo`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env });
    expect(tty.stdout).toMatch(/authkit: \d+ files? walked/);
    const ci = spawnSync('script', ['-qec', `${process.execPath} ${BIN} scan examples/scan-demo`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...env, CI: 'true' } });
    expect(ci.stdout).toContain('4 problems');
    expect(ci.stdout).not.toContain('files walked');
  });

  it('--staged and --changed report paths as git shows them', async () => {
    const dir = temp();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    mkdirSync(join(dir, 'ops'));
    writeFileSync(join(dir, 'ops/README.md'), 'ops\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    cpSync(join(DEMO, 'deploy/crontab'), join(dir, 'ops/backup.cron'));
    git('add', 'ops/backup.cron');
    writeFileSync(join(dir, 'ops/backup.cron'), '# fixed, but not staged\n');
    const staged = await runCli(['scan', '--staged', '--json'], { cwd: join(dir, 'ops') });
    expect(staged.code).toBe(1);
    expect(where(parseJson(staged).findings)).toEqual(['ops/backup.cron:5:51 cron/unescaped-percent']);

    const changed = await runCli(['scan', '--changed', 'HEAD', '--json'], { cwd: dir });
    // The work tree's version of the file is what changed since HEAD, and it is fixed.
    expect(parseJson(changed).findings).toEqual([]);
    expect(changed.code).toBe(0);

    const both = await runCli(['scan', '--staged', '--changed', 'HEAD'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--staged and --changed cannot be used together');
  });
});

describe('authkit.config.json', () => {
  it('unknown rule ids and bad values: exit 2 naming the exact path', async () => {
    const dir = demoCopy();
    writeFileSync(join(dir, 'authkit.config.json'), JSON.stringify({ rules: { 'jwt/nope': 'off' } }));
    const r = await runCli(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('authkit: authkit.config.json: rules["jwt/nope"]: unknown rule id (see `authkit rules`)');

    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    writeFileSync(join(dir, 'authkit.config.json'), '{\n  "regex": { "budgetMs": "fast" }\n}\n');
    const fromBelow = await runCli(['scan', '--json'], { cwd: join(dir, 'src/deep') });
    expect(fromBelow.code).toBe(2);
    expect(parseJson(fromBelow).errors).toEqual([
      // Above the working directory the config is named by its absolute path, like any input there.
      { file: join(dir, 'authkit.config.json'), message: 'regex.budgetMs: expected an integer from 1 to 60000 (milliseconds), found string "fast"' },
    ]);

    writeFileSync(join(dir, 'authkit.config.json'), '{\n  "rules": {\n    "cron/unescaped-percent": "off",\n  }\n}\n');
    const badJson = await runCli(['scan'], { cwd: dir });
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/^authkit: authkit\.config\.json: invalid JSON at line 4, column 3/);

    // The error sends the user to `authkit rules`, which must work with the broken config in place.
    expect((await runCli(['rules', 'cron'], { cwd: dir })).code).toBe(0);

    const missing = await runCli(['scan', '--config', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('authkit: nope.json: no such file or directory');
  });

  it('severities, off, ignore globs and --config apply to the scan', async () => {
    const dir = demoCopy();
    writeFileSync(
      join(dir, 'authkit.config.json'),
      JSON.stringify({
        $schema: '../node_modules/authkit/schema/authkit.config.schema.json',
        rules: { 'cron/unescaped-percent': 'off', 'regex/redos-exponential': 'warning', 'session/cookie-httponly-missing': 'off' },
        ignore: ['.env'],
      }),
    );
    const r = await runCli(['scan', '--json'], { cwd: dir });
    const out = parseJson(r);
    expect(where(out.findings)).toEqual(['src/signup.js:3:22 regex/redos-exponential']);
    expect(out.findings[0].severity).toBe('warning');
    expect(r.code).toBe(0);
    expect((await runCli(['scan', '--fail-on', 'warning'], { cwd: dir })).code).toBe(1);

    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf/strict.json'), JSON.stringify({ rules: { 'jwt/token-in-source': 'info' }, ignore: ['../src/'] }));
    const explicit = parseJson(await runCli(['scan', '--json', '--config', 'conf/strict.json'], { cwd: dir }));
    // Ignore globs are relative to the config's folder; ../src/ reaches outside it and matches nothing.
    expect(where(explicit.findings)).toEqual(['.env:4:19 jwt/token-in-source', 'deploy/crontab:5:51 cron/unescaped-percent', 'src/session.js:4:7 session/cookie-httponly-missing', 'src/signup.js:3:22 regex/redos-exponential']);
    expect(explicit.findings[0].severity).toBe('info');
  });
});

describe('baselines', () => {
  it('counts the files the recorded findings are in, apart from the files scanned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authkit-baseline-count-'));
    try {
      writeFileSync(join(dir, 'crontab'), '0 1 * * * tar czf /tmp/a-$(date +%F).tgz /a\n0 2 * * * tar czf /tmp/b-$(date +%F).tgz /b\n0 3 * * * tar czf /tmp/c-$(date +%F).tgz /c\n');
      writeFileSync(join(dir, 'a.js'), 'export const a = 1;\n');
      writeFileSync(join(dir, 'b.js'), 'export const b = 2;\n');
      const r = await runCli(['baseline'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('3 findings recorded (3 errors, 0 warnings, 0 info) in 1 file (3 files scanned)');
      const json = parseJson(await runCli(['baseline', '--json', '-o', 'b2.json'], { cwd: dir }));
      // The first run's authkit-baseline.json is one more file scanned, with no finding in it.
      expect(json.baseline).toMatchObject({ recorded: 3, files: 1, scanned: 4 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records hashes only; --baseline reports only new findings, and moved lines stay known', async () => {
    const dir = demoCopy();
    const written = await runCli(['baseline'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('Wrote authkit-baseline.json: 4 findings recorded (4 errors, 0 warnings, 0 info)');
    const text = readFileSync(join(dir, 'authkit-baseline.json'), 'utf8');
    const baseline = JSON.parse(text);
    expect(baseline.version).toBe(1);
    expect(baseline.fingerprints).toHaveLength(4);
    expect(baseline.fingerprints.every((f: string) => /^[0-9a-f]{32}$/.test(f))).toBe(true);
    expect(text).not.toContain(SIGNATURE);
    expect(text).not.toContain('date +%F');

    const quiet = await runCli(['scan', '--baseline', 'authkit-baseline.json', '--json'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(parseJson(quiet).findings).toEqual([]);

    // Lines move: still known. A new problem: reported.
    writeFileSync(join(dir, 'deploy/crontab'), `# moved down\n\n${readFileSync(join(dir, 'deploy/crontab'), 'utf8')}30 4 * * * tar czf /tmp/logs-$(date +%s).tgz /var/log\n`);
    const next = await runCli(['scan', '--baseline', 'authkit-baseline.json', '--json'], { cwd: dir });
    expect(where(parseJson(next).findings)).toEqual(['deploy/crontab:8:38 cron/unescaped-percent']);
    expect(next.code).toBe(1);

    const bad = await runCli(['scan', '--baseline', 'missing.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('authkit: missing.json: no such file or directory');
    writeFileSync(join(dir, 'not-a-baseline.json'), '{"fingerprints": 3}');
    const wrong = await runCli(['scan', '--baseline', 'not-a-baseline.json'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('not an authkit baseline');
  });
});
