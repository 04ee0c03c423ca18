import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the scan domain lands: the command exists so the CLI shape is fixed.
export function registerHook(program: Command): void {
  program
    .command('hook')
    .description('install or remove the git pre-commit hook')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('hook is not implemented yet');
      });
    });
}
