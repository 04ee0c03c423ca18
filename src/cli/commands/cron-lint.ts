import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the cron domain lands: the command exists so the CLI shape is fixed.
export function registerCronLint(program: Command): void {
  program
    .command('cron-lint [paths...]')
    .description('lint crontabs for traps that fail silently')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('cron-lint is not implemented yet');
      });
    });
}
