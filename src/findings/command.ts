// A domain's command-line command, declared as data (src/<domain>/*-command.ts) and listed by its
// descriptor (`commands`, loaded lazily). One generic builder in the CLI turns it into a commander
// command (src/cli/commands/domain.ts), so a domain with a command of its own touches no CLI file.
import type { CommandResult } from './model.js';

interface OptionBase {
  /** As commander writes them: '--fix', '--target <cron>', '--no-cache' (default on). */
  flags: string;
  description: string;
}

/**
 * An option's kind fixes how its value is parsed: a switch, text, a whole number in a range (a
 * usage error names the option otherwise), one of a few values, or repeatable (`list`: also
 * comma-separated). Repeatable options are undefined when not given.
 */
export type CommandOption = OptionBase &
  (
    | { kind: 'switch' }
    | { kind: 'text'; default?: string }
    | { kind: 'integer'; max?: number; default?: number }
    | { kind: 'choice'; choices: readonly string[] }
    | { kind: 'repeatable' }
    | { kind: 'list' }
  );

/** What the CLI hands a command's body besides its arguments and flags. */
export interface CommandContext<Options> {
  cwd: string;
  /** The report format: stylish, json, sarif or github. */
  format: string;
  /** Nobody watches a terminal (a machine format, CI, a hook, a pipe): no progress line, no hints. */
  machine: boolean;
  /** Whether standard input is a terminal (reading it would wait for the user). */
  stdinIsTerminal: boolean;
  /** The domain's validated section of authkit.config.json, and the folder its paths are relative to. */
  config(): Promise<{ options: Options; dir: string }>;
  /** Whether an option (by its attribute name: 'maxInput') was given on the command line, not defaulted. */
  given(option: string): boolean;
  /** The progress line of a long run (stderr): redrawn at a terminal, a line every 10 s in a log. */
  progress: { update(text: string): void; done(): void };
  /** Writes to stdout or stderr now, in order with the report (a URL to open, a hint). */
  print(text: string, to?: 'stdout' | 'stderr'): void;
}

export interface CommandSpec<Options = Readonly<Record<string, unknown>>, Flags = Record<string, unknown>> {
  description: string;
  /** Its positional arguments as commander writes them ('[paths...]', '<token>'), and what they are. */
  argument?: { usage: string; description?: string };
  options: readonly CommandOption[];
  /** Shown after the options by --help: what it reads, exit statuses, examples. */
  help: string;
  /** The body, loaded when the command runs. A UsageError it throws is one line and exit 2. */
  run(args: string[], flags: Flags, context: CommandContext<Options>): Promise<CommandResult>;
}

/** Options several commands share, worded once. */
export const BASELINE_OPTION: CommandOption = { kind: 'text', flags: '--baseline <file>', description: 'report only findings that are not in this baseline (authkit baseline)' };

export const INCLUDE_VENDORED_OPTION: CommandOption = {
  kind: 'switch',
  flags: '--include-vendored',
  description: 'also audit vendored and minified files found in folders (vendor/, third_party/, *.min.js, lines averaging over 300 characters); skipped and counted by default',
};
