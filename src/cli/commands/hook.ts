import type { Command } from 'commander';
import type { CommandResult } from '../../findings/model.js';
import { runAction } from '../run.js';

function hookResult(json: Record<string, unknown>, message: string): CommandResult {
  return { command: 'hook', findings: [], errors: [], rules: [], json: { hook: json }, text: () => message };
}

export function registerHook(program: Command): void {
  const hook = program
    .command('hook')
    .description('install or remove the git pre-commit hook that runs `authkit scan --staged`')
    .addHelpText(
      'after',
      `
Examples:
  $ authkit hook install            write .git/hooks/pre-commit (or into core.hooksPath)
  $ authkit hook install --force    replace a hook authkit did not write (kept as a backup)
  $ authkit hook uninstall          remove authkit's hook, and only authkit's`,
    );

  hook
    .command('install')
    .description('write a pre-commit hook that scans what is staged')
    .option('--force', 'replace an existing pre-commit hook that authkit did not write')
    .addHelpText(
      'after',
      `
The hook runs the repository's own node_modules/.bin/authkit if there is one, else the authkit
that installed it (by absolute path), else \`authkit\` on PATH. It never uses npx, so a commit
never downloads anything. Installing again is harmless; it updates authkit's own hook.

Examples:
  $ authkit hook install
  $ git config core.hooksPath .githooks && authkit hook install    hooks kept in the repository`,
    )
    .action(async (options: { force?: boolean }, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const [{ locateHook, hookScript, installHook }, { realpathSync }, { relative }] = await Promise.all([
          import('../../hooks/install.js'),
          import('node:fs'),
          import('node:path'),
        ]);
        const location = await locateHook(globals.cwd);
        const cliPath = realpathSync(process.argv[1]!);
        const { outcome, backup } = await installHook(location, hookScript({ nodePath: process.execPath, cliPath }), Boolean(options.force));
        const shown = relative(globals.cwd, location.path) || location.path;
        const verb = { installed: 'Installed', updated: 'Updated', unchanged: 'Already installed:', replaced: 'Replaced the existing hook with' }[outcome];
        return hookResult(
          { action: 'install', outcome, path: location.path, ...(backup ? { backup } : {}) },
          `${verb} ${shown}: every \`git commit\` now runs \`authkit scan --staged\`${backup ? ` (previous hook kept as ${relative(globals.cwd, backup)})` : ''}`,
        );
      });
    });

  hook
    .command('uninstall')
    .description("remove authkit's pre-commit hook (a hook authkit did not write is left alone)")
    .addHelpText('after', '\nExamples:\n  $ authkit hook uninstall')
    .action(async (_options: unknown, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const [{ locateHook, uninstallHook }, { relative }] = await Promise.all([import('../../hooks/install.js'), import('node:path')]);
        const location = await locateHook(globals.cwd);
        const outcome = await uninstallHook(location);
        const shown = relative(globals.cwd, location.path) || location.path;
        return hookResult(
          { action: 'uninstall', outcome, path: location.path },
          outcome === 'removed'
            ? `Removed ${shown}`
            : outcome === 'restored'
              ? `Removed ${shown} and put back the hook it had replaced`
              : `No pre-commit hook at ${shown}; nothing to remove`,
        );
      });
    });
}
