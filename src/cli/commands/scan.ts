import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the scan domain lands: the command exists so the CLI shape is fixed.
export function registerScan(program: Command): void {
  program
    .command('scan [paths...]')
    .description('run every check over a tree')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('scan is not implemented yet');
      });
    });
}
