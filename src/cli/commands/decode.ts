import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the jwt domain lands: the command exists so the CLI shape is fixed.
export function registerDecode(program: Command): void {
  program
    .command('decode [tokens...]')
    .description('decode JWTs offline')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('decode is not implemented yet');
      });
    });
}
