import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the scan domain lands: the command exists so the CLI shape is fixed.
export function registerBaseline(program: Command): void {
  program
    .command('baseline [paths...]')
    .description('record current findings so only new ones are reported')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('baseline is not implemented yet');
      });
    });
}
