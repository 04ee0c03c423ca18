import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, parseJson, ROOT, runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'authkit-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Step {
  id?: string;
  shell: string;
  env?: Record<string, string>;
  run: string;
}

/**
 * Runs action.yml's steps as the runner would: each `run` with bash, `${{ inputs.x }}` and
 * `${{ steps.y.outputs.z }}` substituted, GITHUB_OUTPUT collected per step.
 */
function runAction(repo: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };
  expect(action.runs.using).toBe('composite');
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default)])), ...inputs };
  const outputs: Record<string, Record<string, string>> = {};
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*(inputs\.([\w-]+)|steps\.([\w-]+)\.outputs\.([\w-]+))\s*\}\}/g, (_, _all, input, step, output) => (input ? values[input]! : (outputs[step]?.[output] ?? '')));
  let last = { status: 0 as number | null, stdout: '', stderr: '' };
  const stdout: Record<string, string> = {};
  for (const [n, step] of action.runs.steps.entries()) {
    expect(step.shell).toBe('bash');
    const outputFile = join(work, `output-${n}`);
    writeFileSync(outputFile, '');
    // The runner sets GITHUB_ACTION_PATH to the action's checkout: here, this one.
    const env = { ...process.env, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: work, GITHUB_ACTION_PATH: ROOT, ...extraEnv, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])) };
    // GitHub runs `shell: bash` as bash --noprofile --norc -eo pipefail.
    last = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run)], { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
    if (step.id) stdout[step.id] = last.stdout;
    if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    if (last.status !== 0) break;
  }
  return { status: last.status, stderr: last.stderr, outputs, stdout };
}

function repoWithDemo(name: string): string {
  const repo = join(work, name);
  cpSync(join(ROOT, 'examples', 'scan-demo'), repo, { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: repo });
  // The project's own devDependency is what the action runs (here: this checkout's build).
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(BIN, join(repo, 'node_modules', '.bin', 'authkit'));
  return repo;
}

describe('the GitHub Action', () => {
  it('writes SARIF for upload-sarif and fails the job on findings at or above fail-on', () => {
    const repo = repoWithDemo('demo');
    const run = runAction(repo, {});
    expect(run.outputs.scan!['exit-code']).toBe('1');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('::error::authkit found problems at or above error');
    const sarif = JSON.parse(readFileSync(join(repo, 'authkit.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(3);
  });

  it('fail-on never reports without failing; other formats and paths pass through', () => {
    const repo = repoWithDemo('never');
    const run = runAction(repo, { 'fail-on': 'never', format: 'json', output: 'report.json', paths: 'deploy' });
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(repo, 'report.json'), 'utf8'));
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['cron/unescaped-percent']);
    expect(existsSync(join(repo, 'authkit.sarif'))).toBe(false);
  });
});

describe('the GitHub Action, per format', () => {
  it('github writes the annotations to the step log (stdout), where GitHub reads them; the others write the output file', () => {
    for (const format of ['sarif', 'json', 'stylish', 'github']) {
      const repo = repoWithDemo(`format-${format}`);
      const run = runAction(repo, { format, output: 'report.out' });
      expect(run.outputs.scan!['exit-code'], format).toBe('1');
      const written = existsSync(join(repo, 'report.out')) ? readFileSync(join(repo, 'report.out'), 'utf8') : null;
      if (format === 'github') {
        expect(written).toBeNull();
        expect(run.stdout.scan).toMatch(/^::error file=deploy\/crontab,line=5,col=51,title=cron\/unescaped-percent::/m);
      } else {
        expect(run.stdout.scan, format).toBe('');
        if (format === 'sarif') expect(JSON.parse(written!).version).toBe('2.1.0');
        if (format === 'json') expect(JSON.parse(written!).findings.length).toBeGreaterThanOrEqual(3);
        if (format === 'stylish') expect(written).toContain('cron/unescaped-percent');
        expect(written, format).not.toContain('::error');
      }
    }
  });

  it("without the project's own authkit, runs the action's checked-out copy (no registry needed)", () => {
    const repo = join(work, 'no-devdependency');
    cpSync(join(ROOT, 'examples', 'scan-demo'), repo, { recursive: true });
    spawnSync('git', ['init', '-q'], { cwd: repo });
    const run = runAction(repo, { format: 'json', output: 'r.json' });
    expect(run.outputs.install!.bin).toBe(`${ROOT}/bin/authkit.js`);
    expect(run.outputs.scan!['exit-code']).toBe('1');
    expect(JSON.parse(readFileSync(join(repo, 'r.json'), 'utf8')).command).toBe('scan');
  });

  it('with version set, installs authkit-cli@<version> (the registry route), never `authkit`', () => {
    const repo = join(work, 'registry');
    cpSync(join(ROOT, 'examples', 'scan-demo'), repo, { recursive: true });
    // A stand-in npm records what it was asked and installs this checkout's CLI where npm would.
    const fakeBin = join(work, 'fake-npm');
    mkdirSync(fakeBin, { recursive: true });
    writeFileSync(
      join(fakeBin, 'npm'),
      `#!/bin/sh\necho "$*" > "${join(work, 'npm-args')}"\nwhile [ "$1" != --prefix ]; do shift; done\nmkdir -p "$2/node_modules/.bin"\nln -sf "${BIN}" "$2/node_modules/.bin/authkit"\n`,
      { mode: 0o755 },
    );
    const run = runAction(repo, { version: '0.1.0', format: 'json', output: 'r.json' }, { PATH: `${fakeBin}:${process.env.PATH}` });
    expect(readFileSync(join(work, 'npm-args'), 'utf8')).toMatch(/^install .* authkit-cli@0\.1\.0\n$/);
    expect(run.outputs.scan!['exit-code']).toBe('1');
  });
});

describe('scan --shard', () => {
  it('splits the files into disjoint parts that cover the tree, each with its own SARIF category', async () => {
    const parts = await Promise.all([1, 2, 3].map((i) => runCli(['scan', 'src', '--shard', `${i}/3`, '--format', 'sarif'])));
    const whole = parseJson(await runCli(['scan', 'src', '--json']));
    const counts = await Promise.all([1, 2, 3].map(async (i) => parseJson(await runCli(['scan', 'src', '--shard', `${i}/3`, '--json'])).scan.files as number));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(whole.scan.files);
    expect(counts.every((c) => c > 0 && c < whole.scan.files)).toBe(true);
    expect(parts.map((p) => parseJson(p).runs[0].automationDetails.id)).toEqual(['authkit/scan/shard-1-of-3/', 'authkit/scan/shard-2-of-3/', 'authkit/scan/shard-3-of-3/']);
    // The split follows the repository path, not the working directory.
    const fromSrc = parseJson(await runCli(['scan', '.', '--shard', '2/3', '--json'], { cwd: join(ROOT, 'src') }));
    expect(fromSrc.scan.files).toBe(counts[1]);
  });

  it('a malformed shard is exit 2', async () => {
    const r = await runCli(['scan', 'src', '--shard', '4/3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard: expected i/n with 1 <= i <= n');
  });
});
