import type { Command } from 'commander';
import { UsageError, runAction } from '../run.js';

// Placeholder until the regex domain lands: the command exists so the CLI shape is fixed.
export function registerRegexAudit(program: Command): void {
  program
    .command('regex-audit [paths...]')
    .description('find regexes and prove which ones backtrack catastrophically')
    .action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      await runAction(cmd, async () => {
        throw new UsageError('regex-audit is not implemented yet');
      });
    });
}
