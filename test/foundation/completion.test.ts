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

  // Issue 24: an option's value was taken for the command, and fixed values completed nothing.
  const CASES: [string, string[]][] = [
    ['authkit --format json de', ['decode']],
    ['authkit -c cfg.json sc', ['scan']],
    ['authkit hook in', ['install']],
    ['authkit completion b', ['bash']],
    ['authkit --fail-on w', ['warning']],
    ['authkit cron-lint --target d', ['debian']],
    ['authkit scan --format s', ['sarif', 'stylish']],
  ];

  it('bash: commands after global options with values, fixed option values, subcommands, shells and rule ids', async () => {
    writeFileSync(join(dir, 'd.bash'), (await runCli(['completion', 'bash'])).stdout);
    const complete = (line: string) => {
      const words = line.endsWith(' ') ? [...line.trim().split(' '), ''] : line.split(' ');
      const script = `source ${join(dir, 'd.bash')}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _authkit; printf '%s\n' "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', script], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    };
    for (const [line, expected] of CASES) expect(complete(line), line).toEqual(expected);
    expect(complete('authkit --format ')).toEqual(['github', 'json', 'sarif', 'stylish']);
    const rules = complete('authkit rules se');
    expect(rules).toContain('session');
    expect(rules).toContain('session/cookie-httponly-missing');
    expect(rules.every((w) => w.startsWith('se'))).toBe(true);
  });

  it('fish: the same cases through fish\'s own completion engine', async (context) => {
    if (!has('fish')) {
      process.stderr.write('SKIPPED: fish is not installed, so its completion cases do not run\n');
      context.skip();
    }
    writeFileSync(join(dir, 'd.fish'), (await runCli(['completion', 'fish'])).stdout);
    const complete = (line: string) =>
      spawnSync('fish', ['-c', `source ${join(dir, 'd.fish')}; complete -C '${line}'`], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .map((l) => l.split('\t')[0]!)
        .sort();
    for (const [line, expected] of CASES) expect(complete(line), line).toEqual(expected);
    expect(complete('authkit rules session/cookie-h')).toEqual(['session/cookie-httponly-missing']);
  });

  it('an unknown shell is exit 2 with the known ones', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("authkit: unknown shell 'powershell' (known: bash, zsh, fish)\n");
  });
});
