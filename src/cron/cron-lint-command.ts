// `authkit cron-lint`, as the CLI builds it (src/findings/command.ts); the work is in ./command.ts.
import { BASELINE_OPTION, type CommandSpec } from '../findings/command.js';
import type { OptionValues } from '../findings/domain.js';
import type { CRON_OPTIONS } from './domain.js';
import { TARGET_NAMES } from './targets.js';

interface CronLintFlags {
  system?: boolean;
  user?: boolean;
  target?: string;
  next?: number;
  fix?: boolean;
  dryRun?: boolean;
  trust?: string[];
}

export const CRON_LINT_COMMAND: CommandSpec<OptionValues<typeof CRON_OPTIONS>, CronLintFlags> = {
  description: 'lint crontabs for traps that fail silently (PATH, %, sh vs bash, schedules)',
  argument: { usage: '[paths...]' },
  options: [
    { kind: 'switch', flags: '--system', description: 'read every input as a system crontab (with a user field), like /etc/crontab and cron.d files' },
    { kind: 'switch', flags: '--user', description: 'read every input as a user crontab (crontab -e), without a user field' },
    {
      kind: 'choice',
      flags: '--target <cron>',
      description: 'the cron the files are for: sets default PATH, shell and what drops a file (default: cron.target of authkit.config.json, else any)',
      choices: TARGET_NAMES,
    },
    { kind: 'integer', flags: '--next <n>', description: 'print the next N run times of each job', max: 1000 },
    { kind: 'switch', flags: '--fix', description: 'apply safe fixes in place (strip CR, escape % formats, final newline, SHELL= and PATH= headers) and print the diff' },
    { kind: 'switch', flags: '--dry-run', description: 'with --fix: print the diff, change nothing' },
    { kind: 'list', flags: '--trust <cmd>', description: "a bare command name known to be on cron's PATH here; repeatable, or comma-separated (adds to cron.trustedCommands)" },
    BASELINE_OPTION,
  ],
  help: `System or user: /etc/crontab and files in a cron.d folder are system crontabs (a user field after
the schedule); anything else is a user crontab. --system or --user overrides.

Examples:
  $ authkit cron-lint /etc/crontab /etc/cron.d          system crontab and every file of cron.d
  $ crontab -l | authkit cron-lint -                    your own crontab, from standard input
  $ authkit cron-lint deploy/crontab --target debian --next 3
  $ authkit cron-lint ops/cron.d --fix --dry-run        show the safe fixes as a diff
  $ authkit cron-lint crontab --format sarif > cron.sarif`,
  async run(paths, flags, context) {
    const [{ runCronLint }, { options: cron }] = await Promise.all([import('./command.js'), context.config()]);
    return runCronLint(paths, {
      system: Boolean(flags.system),
      user: Boolean(flags.user),
      target: flags.target ?? cron.target,
      trustedCommands: [...(cron.trustedCommands ?? []), ...(flags.trust ?? [])],
      next: flags.next,
      fix: Boolean(flags.fix),
      dryRun: Boolean(flags.dryRun),
      cwd: context.cwd,
      now: new Date(),
    });
  },
};
