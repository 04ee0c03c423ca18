import { Command, CommanderError, Option } from 'commander';
import { FORMATS } from '../reporters/formats.js';
import { EXIT_USAGE } from '../findings/exit-code.js';
import { VERSION } from './version.js';
import { writeErr, writeOut } from './output.js';

/** Registers the subcommands `authkit <args>` may need on `program`. */
export type Registrar = (program: Command, args: string[]) => Promise<void> | void;

// Only the command being run is built: building all eleven (and compiling their modules) cost
// `authkit decode` more start-up time than decoding. Help, completion and unknown names get all.
const VALUE_OPTIONS = new Set(['-f', '--format', '--fail-on', '-c', '--config']);
export function commandNameIn(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** The whole CLI around one set of subcommands: the full build and each hot command's own bundle share it. */
export async function runCli(register: Registrar): Promise<void> {
  const program = new Command('authkit')
    .description('Catch the auth mistakes that reach production: JWTs, ReDoS-prone regexes, crontab traps')
    .version(VERSION, '-v, --version', 'print the authkit version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeOut, writeErr, outputError: (text, write) => write(text.startsWith('error:') ? `authkit: ${text}` : text) })
    .addOption(new Option('-f, --format <name>', 'report format').choices(FORMATS).default('stylish'))
    .option('--json', 'short for --format json')
    .option('--color', 'force colour in the stylish report')
    .option('--no-color', 'no colour (NO_COLOR and FORCE_COLOR are honoured too)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit status 1').choices(['error', 'warning', 'info']).default('error'))
    .option('-q, --quiet', 'report errors only')
    .option('-c, --config <path>', 'use this authkit.config.json instead of searching upward')
    .addHelpText(
      'after',
      `
Exit status: 0 nothing at or above --fail-on, 1 findings (or a failed verification), 2 usage error or unusable input.

Examples:
  $ authkit decode eyJhbGciOi...                     inspect a token offline
  $ pbpaste | authkit decode -                       tokens from the clipboard (Bearer lines, cookies, JSON)
  $ authkit verify "$TOKEN" --key jwks.json --iss https://issuer.example
  $ authkit regex-audit src/                         prove which regexes backtrack catastrophically
  $ crontab -l | authkit cron-lint -                 crontab traps that fail silently
  $ authkit session-audit src/ login.har             how the app issues, stores and checks sessions
  $ authkit scan --format sarif > authkit.sarif      everything, for GitHub code scanning`,
    );

  await register(program, process.argv.slice(2));

  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander uses 1 for usage errors (and for help shown because no command was given); 1 means
      // "findings" here, so those become 2. --help and --version keep their 0.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
    } else {
      writeErr(`authkit: internal error: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    }
  }
}
