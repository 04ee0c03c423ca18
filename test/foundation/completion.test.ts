import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'authkit-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const has = (tool: string) => !spawnSync(tool, ['--version'], { encoding: 'utf8' }).error;

describe('authkit completion', () => {
  it.each(['bash', 'zsh', 'fish'])('%s: names every command and its options, and the shell parses it', async (shell) => {
    const help = await runCli(['--help']);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help' && !c.startsWith('-'));
    expect(commands).toEqual(expect.arrayContaining(['decode', 'verify', 'sign', 'regex-audit', 'cron-lint', 'session-audit', 'scan', 'rules', 'completion']));
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    for (const command of commands) expect(r.stdout).toContain(command);
    expect(r.stdout).toContain('allow-noncanonical');
    expect(r.stdout).toContain('stdin-filename');
    const file = join(dir, `authkit.${shell}`);
    writeFileSync(file, r.stdout);
    if (!has(shell)) {
      process.stderr.write(`SKIPPED: ${shell} is not installed, so its parse check of the completion script does not run\n`);
      return;
    }
    const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  });

  it('bash completes commands and a command\'s options for real', async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    writeFileSync(join(dir, 'c.bash'), script);
    const complete = (words: string) =>
      spawnSync('bash', ['-c', `source ${join(dir, 'c.bash')}; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _authkit; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(complete('authkit s')).toEqual(['sign', 'session-audit', 'scan']);
    expect(complete("authkit verify --allow")).toEqual(['--allow-noncanonical']);
  });

  it('an unknown shell is exit 2 with the known ones', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("authkit: unknown shell 'powershell' (known: bash, zsh, fish)\n");
  });
});
