import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../src/cron/shell.js';
import type { ShellFacts } from '../../src/cron/shell-facts.js';
import { scanSimpleCommand } from '../../src/cron/shell-scan.js';
import { analyzeWithParser } from '../../src/cron/shell-tree.js';

function normalize(facts: ShellFacts) {
  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return {
    parseError: facts.parseError ?? null,
    commands: sorted(facts.commands),
    bashisms: sorted(facts.bashisms),
    homeRefs: sorted(facts.homeRefs),
    relativePaths: sorted(facts.relativePaths.map((p) => ({ text: p.text, offset: p.offset }))),
    outputHandled: facts.outputHandled,
    setsPath: facts.setsPath,
  };
}

const TOKENS = [
  'node', './run.sh', 'bin/run', '~/x', '~', 'a=b', 'PATH=/x', 'FOO=~/y', 'FOO=./z', 'FOO=', '/usr/bin/php', 'cd', '/srv', 'nice', '-n', '5',
  'timeout', '30', 'flock', '/tmp/l', 'env', 'source', '.', 'test', '[', ']', '==', '=', 'echo', '-e', 'command', '-v', '-p', 'bash', '-lc', 'sh',
  'x*.log', '#c', 'a#b', 'logrotate', 'python', '--', "'a b'", "'%s'", '"$HOME/x"', '"q $RANDOM"', '"${HOME}"', '$HOME', '${HOME}/a', '$RANDOM',
  '$1', '$(ls)', '"$(ls)"', '&&', '||', '|', ';', '&', '|&', '>', '>>', '<', '2>&1', '>&2', '2>', '&>', '<<<', '<<EOF', '> out.log', '>/dev/null',
  '1>', '2>>log', '{', '}', '(', ')', '`x`', '\\%', 'é', 'if', 'then', 'fi', 'export', 'X=1', 'read', '-p', '{a,b}', 'a[1]', '!', 'FOO+=1',
];

describe('shell facts: the fast scanner agrees with mvdan-sh', () => {
  it('on random commands built from shell tokens', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(' ', '', '  ', '\t')), { minLength: 1, maxLength: 12 }), (pieces) => {
        const command = pieces.map(([token, gap]) => token + gap).join('');
        const fast = scanSimpleCommand(command);
        if (fast === null) return;
        accepted++;
        expect(normalize(fast), command).toEqual(normalize(analyzeWithParser(command)));
      }),
      { numRuns: Number(process.env.CRON_FUZZ_RUNS ?? 1500) },
    );
    expect(accepted).toBeGreaterThan(150); // the property says something about the fast path
  }, 600_000);

  it('takes the usual cron commands without loading the parser', () => {
    for (const command of [
      '/usr/bin/php /var/www/cron.php > /dev/null 2>&1',
      'cd /srv/app && ./bin/task --quiet >> /var/log/task.log 2>&1',
      'test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily',
      'command -v debian-sa1 > /dev/null && debian-sa1 1 1',
      '[ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean',
      'flock -n /tmp/sync.lock /usr/local/bin/sync "$HOME/data" | logger -t sync',
      "/usr/bin/mysqldump --all-databases | gzip > '/backup/all.sql.gz'",
    ]) {
      expect(scanSimpleCommand(command), command).not.toBeNull();
    }
  });

  it('leaves bash syntax, substitutions and errors to mvdan-sh', () => {
    for (const command of ['[[ -f x ]]', 'a &> f', 'echo $(date)', 'echo `date`', 'a; ;', 'echo "open', 'x=(1 2)', 'cmd <<< s', 'if true; then :; fi', 'a &', 'echo \\%']) {
      expect(scanSimpleCommand(command), command).toBeNull();
    }
    expect(analyzeCommand('[[ -f x ]] && echo {1..3}').bashisms.map((b) => b.shellcheck)).toEqual(['SC3010', 'SC3009']);
    expect(analyzeCommand('echo "open').parseError?.message).toMatch(/quote/);
  });

  it('finds the command behind wrappers and after cd', () => {
    const facts = analyzeCommand('cd /srv && nice -n 5 timeout -s KILL 30 ./job --x');
    expect(facts.commands.map((c) => [c.name, c.afterCd, c.wrappedBy ?? null])).toEqual([
      ['cd', false, null],
      ['./job', true, 'timeout'],
    ]);
  });
});

describe('commands too long for the shell parser', () => {
  it('refuses more than 100 pipes, && and ||, compound commands or arithmetic operators before parsing', () => {
    // The issue 25 hunt: mvdan-sh nests one level per operator or compound command; once a smaller
    // chain had warmed it up, reaching the stack overflow took 24 s to a minute on Node 20. 150
    // levels parse in 0.1-0.2 s either way.
    const refused = 'more than 100 pipes, && and ||, compound commands or arithmetic operators, too many to check';
    expect(analyzeWithParser(`${'a && '.repeat(150)}a $(b)`).notChecked).toBe(refused);
    expect(analyzeWithParser(`${'while a; do '.repeat(150)}a${'; done'.repeat(150)}`).notChecked).toBe(refused);
    expect(analyzeWithParser(`echo $((${'1+'.repeat(150)}1))`).notChecked).toBe(refused);
    const real = 'cd /srv && ./run.sh 2>&1 | tee -a log || mail -s failed ops; if [ -f x ]; then echo $((1 + 2 * 3)); fi';
    expect(analyzeWithParser(real).parseError).toBeUndefined();
    expect(analyzeWithParser(real).notChecked).toBeUndefined();
  });
});
