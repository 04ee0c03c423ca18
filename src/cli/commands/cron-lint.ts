import { type Command, Option } from 'commander';
import { positiveInteger } from '../options.js';
import { runAction } from '../run.js';

export function registerCronLint(program: Command): void {
  program
    .command('cron-lint [paths...]')
    .description('lint crontabs for traps that fail silently (PATH, %, sh vs bash, schedules)')
    .option('--system', 'read every input as a system crontab (with a user field), like /etc/crontab and cron.d files')
    .option('--user', 'read every input as a user crontab (crontab -e), without a user field')
    .addOption(new Option('--target <cron>', 'the cron the files are for: sets default PATH, shell and what drops a file (default: cron.target of authkit.config.json, else any)').choices(['debian', 'rhel', 'busybox', 'any']))
    .option('--next <n>', 'print the next N run times of each job', positiveInteger('--next', 1000))
    .option('--fix', 'apply safe fixes in place (strip CR, escape % formats, final newline, SHELL= and PATH= headers) and print the diff')
    .option('--dry-run', 'with --fix: print the diff, change nothing')
    .option('--trust <cmd>', "a bare command name known to be on cron's PATH here; repeatable, or comma-separated (adds to cron.trustedCommands)", (v: string, all: string[]) => [...all, ...v.split(',').filter(Boolean)], [] as string[])
    .option('--baseline <file>', 'report only findings that are not in this baseline (authkit baseline)')
    .addHelpText(
      'after',
      `
System or user: /etc/crontab and files in a cron.d folder are system crontabs (a user field after
the schedule); anything else is a user crontab. --system or --user overrides.

Examples:
  $ authkit cron-lint /etc/crontab /etc/cron.d          system crontab and every file of cron.d
  $ crontab -l | authkit cron-lint -                    your own crontab, from standard input
  $ authkit cron-lint deploy/crontab --target debian --next 3
  $ authkit cron-lint ops/cron.d --fix --dry-run        show the safe fixes as a diff
  $ authkit cron-lint crontab --format sarif > cron.sarif`,
    )
    .action(async (paths: string[], opts: Record<string, unknown>, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const { runCronLint } = await import('../../cron/command.js');
        const [{ domainConfig }, { CRON_DOMAIN }] = await Promise.all([import('../config.js'), import('../../cron/domain.js')]);
        const { options: cron } = await domainConfig(globals, CRON_DOMAIN);
        const target = (opts.target as string | undefined) ?? cron.target;
        // CronUsageError is a UsageError: runAction turns it into one line and exit 2.
        return runCronLint(paths, {
          system: Boolean(opts.system),
          user: Boolean(opts.user),
          target,
          trustedCommands: [...(cron.trustedCommands ?? []), ...(opts.trust as string[])],
          next: opts.next as number | undefined,
          fix: Boolean(opts.fix),
          dryRun: Boolean(opts.dryRun),
          cwd: globals.cwd,
          now: new Date(),
        });
      });
    });
}
