// docs/architecture.md's "add a domain" checklist, done for real: a temporary copy of the
// repository gets a toy domain (test/fixtures/add-domain: its rules, its check, its command and its
// descriptor) and the registry line, nothing else; the copy is built and its CLI must then list the
// rules, validate the domain's config section, run it in scan, name it in SARIF, apply directives
// to its findings and offer its own command (help, completion, config, exit status), and the
// generators must give it a README table and a config-schema section.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const IGNORE = ['authkit', 'ignore'].join('-');
let copy = '';

/** The copied CLI, with its exit status, from `cwd`. */
function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  try {
    return { code: 0, stdout: execFileSync(process.execPath, [join(copy, 'bin/authkit.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } }), stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'authkit-add-domain-'));
  for (const entry of ['src', 'scripts', 'bin', 'schema', 'package.json', 'README.md']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  mkdirSync(join(copy, 'src/dotenv'));
  for (const file of ['rules.ts', 'check.ts', 'command.ts', 'domain.ts']) cpSync(join(ROOT, 'test/fixtures/add-domain', file), join(copy, 'src/dotenv', file));
  // The one place outside the domain's folder: the registry's import and list entry.
  const registryPath = join(copy, 'src/rules/index.ts');
  const registry = readFileSync(registryPath, 'utf8');
  const listed = registry
    .replace("import { CRON_DOMAIN } from '../cron/domain.js';", "import { CRON_DOMAIN } from '../cron/domain.js';\nimport { DOTENV_DOMAIN } from '../dotenv/domain.js';")
    .replace('SESSION_DOMAIN, META_DOMAIN]', 'SESSION_DOMAIN, DOTENV_DOMAIN, META_DOMAIN]');
  expect(listed.split('\n').length - registry.split('\n').length).toBe(1);
  writeFileSync(registryPath, listed);
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: copy, stdio: 'pipe' });
}, 120_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('a domain added as docs/architecture.md says', () => {
  it('is listed by `authkit rules`, with its option', () => {
    const listed = JSON.parse(cli(['rules', 'dotenv/secret-in-env', '--json'], copy).stdout);
    expect(listed.rule).toMatchObject({ id: 'dotenv/secret-in-env', domain: 'dotenv', severity: 'warning' });
    expect(listed.rule.options).toEqual([{ config: 'dotenv.minLength', description: 'Shortest value reported as a secret' }]);
    expect(cli(['rules'], copy).stdout).toContain('dotenv/secret-in-env');
  });

  it('has its config section validated, and its rule ids known to config and suppressions', () => {
    const project = mkdtempSync(join(tmpdir(), 'authkit-dotenv-'));
    writeFileSync(join(project, 'authkit.config.json'), JSON.stringify({ dotenv: { minLength: 'long' }, rules: { 'dotenv/secret-in-envv': 'off' } }));
    const bad = cli(['scan', '.'], project);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('dotenv.minLength: expected an integer from 1 to 1000 (characters), found string "long"');
    expect(bad.stderr).toContain('unknown rule id (did you mean "dotenv/secret-in-env"?)');
  });

  it('runs in scan with its config, appears in SARIF, and has inline directives applied', () => {
    const project = mkdtempSync(join(tmpdir(), 'authkit-dotenv-'));
    writeFileSync(join(project, 'authkit.config.json'), JSON.stringify({ dotenv: { minLength: 4 } }));
    writeFileSync(
      join(project, '.env'),
      ['API_SECRET=hunter2', 'DB_PASSWORD=abc', `# ${IGNORE}-next-line dotenv/secret-in-env -- a public demo key`, 'DEMO_TOKEN=demo-demo', `# ${IGNORE}-next-line dotenv/secret-in-env`, 'PORT=8080', ''].join('\n'),
    );
    const report = JSON.parse(cli(['scan', '.', '--json'], project).stdout);
    const where = (list: { ruleId: string; line: number }[]) => list.map((f) => `${f.line} ${f.ruleId}`);
    // DB_PASSWORD's three characters are under the configured minLength.
    expect(where(report.findings)).toEqual(['1 dotenv/secret-in-env', '5 meta/unused-suppression']);
    expect(where(report.suppressed)).toEqual(['4 dotenv/secret-in-env']);
    expect(report.suppressed[0].suppression.reason).toBe('a public demo key');

    const sarif = JSON.parse(cli(['scan', '.', '--format', 'sarif'], project).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'dotenv/secret-in-env');
    expect(rule.properties.tags).toEqual(['dotenv']);
    expect(sarif.runs[0].results.find((r: { suppressions?: unknown }) => r.suppressions).ruleId).toBe('dotenv/secret-in-env');
  });

  it('has its own command: in help and completion, reading the config unless a flag overrides it, with the exit status findings give', () => {
    const project = mkdtempSync(join(tmpdir(), 'authkit-dotenv-'));
    writeFileSync(join(project, 'authkit.config.json'), JSON.stringify({ dotenv: { minLength: 4 } }));
    writeFileSync(join(project, '.env'), 'API_SECRET=hunter2\nDB_PASSWORD=abc\n');
    expect(cli(['--help'], project).stdout).toMatch(/dotenv-check \[options\] <files\.\.\.>\s+find secrets committed in \.env files/);
    expect(cli(['dotenv-check', '--help'], project).stdout).toContain('$ authkit dotenv-check .env .env.production');
    expect(cli(['completion', 'bash'], project).stdout).toMatch(/dotenv-check\) opts=.*--min-length/);

    const fromConfig = cli(['dotenv-check', '.env', '--fail-on', 'warning', '--json'], project);
    expect(fromConfig.code).toBe(1);
    expect(JSON.parse(fromConfig.stdout).findings.map((f: { line: number }) => f.line)).toEqual([1]);
    const fromFlag = JSON.parse(cli(['dotenv-check', '.env', '--min-length', '2', '--json'], project).stdout);
    expect(fromFlag.findings.map((f: { line: number }) => f.line)).toEqual([1, 2]);
    const bad = cli(['dotenv-check', '.env', '--min-length', 'many'], project);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-length must be a whole number from 1 to 1000');
    const missing = cli(['dotenv-check', 'nope.env'], project);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^authkit: nope\.env: /);
  });

  it('gets a README rule table and a config-schema section from the generators', () => {
    expect(() => execFileSync(process.execPath, ['scripts/readme-rules.mjs', '--check'], { cwd: copy, stdio: 'pipe' })).toThrow(/no rule table for dotenv/);
    execFileSync(process.execPath, ['scripts/readme-rules.mjs'], { cwd: copy, stdio: 'pipe' });
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).toContain('| `dotenv/secret-in-env` | warning | A secret-looking value is committed in a .env file |');
    execFileSync(process.execPath, ['scripts/config-schema.mjs'], { cwd: copy, stdio: 'pipe' });
    const schema = JSON.parse(readFileSync(join(copy, 'schema/authkit.config.schema.json'), 'utf8'));
    expect(schema.properties.dotenv.properties.minLength).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(schema.properties.rules.propertyNames.pattern).toContain('dotenv');
  });
});
