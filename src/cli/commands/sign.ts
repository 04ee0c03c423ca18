import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the jwt domain lands: the command exists so the CLI shape is fixed.
export function registerSign(program: Command): void {
  program
    .command('sign')
    .description('mint a test JWT')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('sign is not implemented yet');
      });
    });
}
