// Issue 24: minified and vendored files are skipped by default, counted in the summary, and
// audited with --include-vendored (NodeGoat: 24 of 26 regex findings were in vendored files).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'authkit-vendored-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const env = { AUTHKIT_CACHE_DIR: join(scratch, 'cache') };

function tree(name: string, git: boolean): string {
  const dir = join(scratch, name);
  const files: Record<string, string> = {
    'app/assets/vendor/jquery.js': 'export const a = /(a+)+$/;\n',
    'third_party/lib/x.js': 'export const c = /(c+)+$/;\n',
    'src/app.min.js': 'export const b = /(b+)+$/;\n',
    // A bundle by content: one line of some 4 KB.
    'src/bundle.js': `export const d = /(d+)+$/;${Array.from({ length: 400 }, (_, i) => `var x${i}=${i}`).join(';')}\n`,
    'src/mine.js': 'export const e = /(e+)+$/;\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  if (git) spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

const SUMMARY = 'skipped 4 vendored or minified files (--include-vendored to audit them)';

describe('vendored and minified files', () => {
  for (const git of [false, true]) {
    it(`are skipped by scan, regex-audit and session-audit and counted, in a folder ${git ? 'inside' : 'outside'} git`, async () => {
      const dir = tree(git ? 'git' : 'plain', git);
      for (const command of ['scan', 'regex-audit', 'session-audit']) {
        const json = parseJson(await runCli([command, '.', '--json'], { cwd: dir, env }));
        expect(json.findings.filter((f: any) => f.ruleId.startsWith('regex/')).map((f: any) => f.file), command).toEqual(command === 'session-audit' ? [] : ['src/mine.js']);
        expect(json.summary.vendored, command).toBe(4);
        const stylish = await runCli([command, '.'], { cwd: dir, env });
        expect(stylish.stdout, command).toContain(SUMMARY);
        const sarif = JSON.parse((await runCli([command, '.', '--format', 'sarif'], { cwd: dir, env })).stdout);
        expect(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text), command).toContain(SUMMARY);
      }
    });
  }

  it('--include-vendored audits them, and a file named on the command line is always read', async () => {
    const dir = tree('include', false);
    const all = parseJson(await runCli(['scan', '.', '--include-vendored', '--json'], { cwd: dir, env }));
    expect(all.findings.map((f: any) => f.file).sort()).toEqual(['app/assets/vendor/jquery.js', 'src/app.min.js', 'src/bundle.js', 'src/mine.js', 'third_party/lib/x.js']);
    expect(all.summary.vendored).toBeUndefined();
    const regex = parseJson(await runCli(['regex-audit', '.', '--include-vendored', '--json'], { cwd: dir, env }));
    expect(regex.findings).toHaveLength(5);
    const baseline = await runCli(['baseline', '-o', join(scratch, 'b.json')], { cwd: dir, env });
    expect(baseline.stdout).toContain(`1 finding recorded (1 error, 0 warnings, 0 info) in 1 file (1 file scanned); ${SUMMARY}`);
    const wide = await runCli(['baseline', '-o', join(scratch, 'b.json'), '--include-vendored'], { cwd: dir, env });
    expect(wide.stdout).toContain('5 findings recorded (5 errors, 0 warnings, 0 info) in 5 files (5 files scanned)\n');
    const named = parseJson(await runCli(['scan', 'src/app.min.js', 'src/bundle.js', '--json'], { cwd: dir, env }));
    expect(named.findings.map((f: any) => f.file)).toEqual(['src/app.min.js', 'src/bundle.js']);
    expect(named.summary.vendored).toBeUndefined();
  });
});
