import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('zsh: the same cases through zsh\'s completion system, the script autoloaded from $fpath', async (context) => {
    if (!has('zsh')) {
      process.stderr.write('SKIPPED: zsh is not installed, so its completion cases do not run\n');
      context.skip();
    }
    const fpath = join(dir, 'zsh-fpath');
    mkdirSync(fpath, { recursive: true });
    writeFileSync(join(fpath, '_authkit'), (await runCli(['completion', 'zsh'])).stdout);
    // An interactive zsh on a pseudo-terminal (zpty): each line is typed, TAB pressed, and every
    // candidate compadd receives is printed; a numbered echo marks the end of each case. Each case
    // is typed only once the prompt after that echo is drawn: typed ahead of a line editor that is
    // still starting, the first case lost its TAB under load (no candidates).
    writeFileSync(
      join(dir, 'capture.zsh'),
      `local out
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "PROMPT='READY> '; fpath=($1 \\$fpath); autoload -U compinit; compinit -u -D; bindkey '^I' complete-word"
zpty -w z "compadd () { builtin compadd -O __hits \\"\\$@\\"; print -l -- 'HIT '\\\${^__hits}; builtin compadd \\"\\$@\\" }"
zpty -w z 'echo $((500+500))Y'
zpty -r z out '*1000Y*READY> *' || exit 4
shift
integer n=0
for l in "$@"; do
  (( n++ ))
  print -r -- "CASE $l"
  zpty -n -w z "$l"$'\\t'
  zpty -w z $'\\x15'"echo \\$((1000+$n))X"
  zpty -r z out "*$((1000 + n))X*READY> *" || exit 4
  print -r -- "$out" | tr -d '\\r' | grep -ao "HIT [^ ]*" | grep -v "'"
done
zpty -d z
`,
    );
    const lines = [...CASES.map(([line]) => line), 'authkit rules session/cookie-h'];
    const r = spawnSync('zsh', [join(dir, 'capture.zsh'), fpath, ...lines], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const hits = new Map<string, Set<string>>();
    let current = '';
    for (const line of r.stdout.split('\n')) {
      if (line.startsWith('CASE ')) hits.set((current = line.slice(5)), new Set());
      else if (line.startsWith('HIT ')) hits.get(current)?.add(line.slice(4));
    }
    for (const [line, expected] of CASES) expect([...(hits.get(line) ?? [])].sort(), line).toEqual(expected);
    expect([...(hits.get('authkit rules session/cookie-h') ?? [])]).toEqual(['session/cookie-httponly-missing']);
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
