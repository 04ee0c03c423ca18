// The command table: one line per command. Each entry loads its module only when that command
// (or the whole tree, for help and completion) is needed.
import type { Command } from 'commander';

const COMMANDS = {
  decode: async () => (await import('./decode.js')).registerDecode,
  verify: async () => (await import('./verify.js')).registerVerify,
  sign: async () => (await import('./sign.js')).registerSign,
  'regex-audit': async () => (await import('./regex-audit.js')).registerRegexAudit,
  'cron-lint': async () => (await import('./cron-lint.js')).registerCronLint,
  'session-audit': async () => (await import('./session-audit.js')).registerSessionAudit,
  scan: async () => (await import('./scan.js')).registerScan,
  baseline: async () => (await import('./baseline.js')).registerBaseline,
  hook: async () => (await import('./hook.js')).registerHook,
  rules: async () => (await import('./rules.js')).registerRules,
  ui: async () => (await import('./ui.js')).registerUi,
  completion: async () => (await import('./completion.js')).registerCompletion,
} satisfies Record<string, () => Promise<(program: Command) => void>>;

export type CommandName = keyof typeof COMMANDS;

/** Registers `name` alone when it is a command that needs no others; every command otherwise. */
export async function registerCommands(program: Command, name: CommandName | undefined): Promise<void> {
  const alone = name !== undefined && name !== 'completion' && Object.hasOwn(COMMANDS, name);
  const names = alone ? [name] : (Object.keys(COMMANDS) as CommandName[]);
  const registers = await Promise.all(names.map((n) => COMMANDS[n]()));
  for (const register of registers) register(program);
}
