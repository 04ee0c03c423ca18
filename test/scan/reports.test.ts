import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(`${tmpdir()}/authkit-reports-`);
  for (const [name, content] of Object.entries(files)) await writeFile(`${dir}/${name}`, content);
  return dir;
}

// Over the 10 MiB read limit: a ReDoS-prone regex behind 11 MiB of comment.
const BIG = `${'// padding\n'.repeat(1_050_000)}const re = /(a+)+$/;\n`;

describe('reports that never mislead', () => {
  it('a skipped file is named on stderr in every format and counted in the summary line', async () => {
    const dir = await folder({ 'big.js': BIG, 'ok.txt': 'nothing here\n' });
    const stylish = await runCli(['scan', '.'], { cwd: dir });
    expect(stylish.code).toBe(0);
    expect(stylish.stderr).toBe('authkit: skipped 1 file: big.js (file is 11.0 MiB, over the 10.0 MiB limit)\n');
    expect(stylish.stdout).toBe('✔ no problems found in 1 input, 1 file skipped\n');
    for (const format of ['json', 'sarif', 'github']) {
      const r = await runCli(['scan', '.', '--format', format], { cwd: dir });
      expect(r.stderr, format).toContain('authkit: skipped 1 file: big.js');
    }
    const sarif = JSON.parse((await runCli(['scan', '.', '--format', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'skipped big.js: file is 11.0 MiB, over the 10.0 MiB limit' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'big.js', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('a skipped file named on the command line is unusable input: exit 2', async () => {
    const dir = await folder({ 'big.js': BIG });
    const r = await runCli(['scan', 'big.js'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('big.js: file is 11.0 MiB, over the 10.0 MiB limit');
  });

  it('-q hides only findings below --fail-on and says how many it hid', async () => {
    // A crontab with a warning (no PATH) and nothing at error level.
    const dir = await folder({ crontab: '*/5 * * * * node /srv/app/worker.js >/dev/null 2>&1\n' });
    const all = await runCli(['scan', '.'], { cwd: dir });
    expect(all.stdout).toContain('cron/missing-path');
    const failOnWarning = await runCli(['scan', '.', '-q', '--fail-on', 'warning'], { cwd: dir });
    expect(failOnWarning.code).toBe(1);
    expect(failOnWarning.stdout).toContain('cron/missing-path');
    const failOnError = await runCli(['scan', '.', '-q'], { cwd: dir });
    expect(failOnError.code).toBe(0);
    expect(failOnError.stdout).not.toContain('cron/missing-path');
    expect(failOnError.stdout).toMatch(/✖ \d+ problems? \(0 errors, \d+ warnings?, 0 info; \d+ below --fail-on error hidden by -q\)\n$/);
  });

  it('singular counts: "1 input", "1 error", "1 problem"', async () => {
    const dir = await folder({ 'a.txt': 'hello\n' });
    expect((await runCli(['scan', '.'], { cwd: dir })).stdout).toBe('✔ no problems found in 1 input\n');
    const one = await folder({ 'a.js': 'const re = /(a+)+$/;\n' });
    expect((await runCli(['scan', '.'], { cwd: one })).stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings, 0 info\)\n$/);
  });
});

describe('paths independent of the working directory', () => {
  it('inside git: a baseline written at the root matches from a subfolder; SARIF URIs are root-relative', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdir } = await import('node:fs/promises');
    const dir = await folder({});
    execFileSync('git', ['init', '-q'], { cwd: dir });
    await mkdir(`${dir}/src`);
    await writeFile(`${dir}/src/a.js`, 'const re = /(a+)+$/;\n');
    expect((await runCli(['baseline', '-o', 'authkit-baseline.json'], { cwd: dir })).code).toBe(0);
    const fromRoot = JSON.parse((await runCli(['scan', '.', '--json'], { cwd: dir })).stdout).findings[0].fingerprint;
    const fromSub = JSON.parse((await runCli(['scan', '.', '--json'], { cwd: `${dir}/src` })).stdout).findings[0].fingerprint;
    expect(fromSub).toBe(fromRoot);
    const baselined = await runCli(['scan', '.', '--baseline', '../authkit-baseline.json'], { cwd: `${dir}/src` });
    expect(baselined.code).toBe(0);
    expect(baselined.stdout).toBe('✔ no problems found in 1 input\n');
    const sarif = JSON.parse((await runCli(['scan', '.', '--format', 'sarif'], { cwd: `${dir}/src` })).stdout);
    const { realpathSync } = await import('node:fs');
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${realpathSync(dir)}/`);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'src/a.js', uriBaseId: '%SRCROOT%' });
  });
});

describe('progress of long runs outside a terminal', () => {
  it('prints a plain progress line on stderr at the interval (shortened here), never on stdout, never under PRE_COMMIT', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`f${i}.txt`] = `line ${i}\n`;
    const dir = await folder(files);
    const env = { AUTHKIT_PROGRESS_INTERVAL_MS: '1' };
    const r = await runCli(['scan', '.', '--format', 'json'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^authkit: \d+ files walked \(\d+ s\)$/m);
    expect(r.stderr).not.toContain('\r');
    expect(JSON.parse(r.stdout).scan.files).toBe(300);
    const hook = await runCli(['scan', '.'], { cwd: dir, env: { ...env, PRE_COMMIT: '1' } });
    expect(hook.stderr).toBe('');
    const normal = await runCli(['scan', '.'], { cwd: dir });
    expect(normal.stderr).toBe('');
  });
});
