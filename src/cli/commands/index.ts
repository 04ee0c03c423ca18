// The command table: the CLI's own commands, one line each, and the domains' commands, which their
// descriptors declare (src/findings/command.ts). Each module loads only when its command (or the
// whole tree, for help and completion) is needed.
import type { Command } from 'commander';

const CLI_COMMANDS = {
  scan: async () => (await import('./scan.js')).registerScan,
  baseline: async () => (await import('./baseline.js')).registerBaseline,
  hook: async () => (await import('./hook.js')).registerHook,
  rules: async () => (await import('./rules.js')).registerRules,
  ui: async () => (await import('./ui.js')).registerUi,
  completion: async () => (await import('./completion.js')).registerCompletion,
} satisfies Record<string, () => Promise<(program: Command) => void>>;

type CliCommand = keyof typeof CLI_COMMANDS;

/** Registers `name` alone when it is a command that needs no others; every command otherwise. */
export async function registerCommands(program: Command, name: string | undefined): Promise<void> {
  if (name !== undefined && name !== 'completion' && Object.hasOwn(CLI_COMMANDS, name)) {
    (await CLI_COMMANDS[name as CliCommand]())(program);
    return;
  }
  const [{ DOMAINS }, { domainCommands, registerDomainCommand }] = await Promise.all([import('../../rules/index.js'), import('./domain.js')]);
  const owned = name === undefined || name === 'completion' ? [] : await domainCommands(DOMAINS, name);
  // Help, completion or an unknown name get the whole tree, the domains' commands first, as help lists them.
  for (const command of owned.length > 0 ? owned : await domainCommands(DOMAINS)) registerDomainCommand(program, command.name, command.spec, command.domain);
  if (owned.length > 0) return;
  for (const register of await Promise.all(Object.values(CLI_COMMANDS).map((load) => load()))) register(program);
}
