import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the jwt domain lands: the command exists so the CLI shape is fixed.
export function registerVerify(program: Command): void {
  program
    .command('verify <token>')
    .description('verify a JWT signature and its claims')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('verify is not implemented yet');
      });
    });
}
