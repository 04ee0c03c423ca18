import type { Command } from 'commander';
import type { CommandResult } from '../../findings/model.js';
import { progressLine } from '../progress.js';
import { type GlobalOptions, runAction } from '../run.js';

export interface ScanCommandOptions {
  staged?: boolean;
  changed?: string;
  baseline?: string;
  shard?: string;
  stdinFilename?: string;
  includeVendored?: boolean;
}

/** Shared by `scan` and `baseline`: the registry's domains and the config, handed to src/scan. */
export async function runScan(paths: string[], options: ScanCommandOptions, globals: GlobalOptions, command: 'scan' | 'baseline'): Promise<CommandResult> {
  const [{ runConfig }, scan, { DOMAINS, RULES }] = await Promise.all([import('../config.js'), import('../../scan/run.js'), import('../../rules/index.js')]);
  return scan.runScan({
    command,
    paths,
    ...options,
    cwd: globals.cwd,
    config: await runConfig(globals),
    domains: DOMAINS,
    rules: RULES,
    progress: progressLine(globals),
  });
}

export function registerScan(program: Command): void {
  program
    .command('scan [paths...]')
    .description('run every check over a tree: ReDoS-prone regexes, crontab traps, JWTs leaked into files, session and token handling')
    .option('--staged', 'scan exactly what is staged in git (the index), as a pre-commit hook does')
    .option('--changed <rev>', 'scan only files changed since <rev> (plus untracked files)')
    .option('--baseline <file>', 'report only findings not recorded in this baseline (see `authkit baseline`)')
    .option('--include-vendored', 'also read vendored and minified files found in folders (vendor/, third_party/, *.min.js, lines averaging over 300 characters); skipped and counted by default')
    .option('--stdin-filename <name>', 'with -: the name standard input is read as; its name picks the checks, as a file of that name would get (ESLint\'s flag)')
    .option('--shard <i/n>', 'scan part i of n (split by a hash of the repository path), for a CI matrix; SARIF gets its own run category')
    .addHelpText(
      'after',
      `
Regexes are audited in JS/TS sources and JSON/YAML files, crontabs are linted (files named
crontab, *.cron, *.crontab, anything in a cron.d folder, or whose content is a crontab), and
JWTs are looked for in every text file. .gitignore and the config's "ignore" globs are honoured;
binary files are skipped. Paths are reported relative to the working directory, or as git shows
them with --staged and --changed.

Examples:
  $ authkit scan                                   the current folder
  $ authkit scan examples/scan-demo                one finding of each kind
  $ authkit scan --staged                          what the next commit would contain
  $ authkit scan --changed origin/main             what a pull request changes
  $ authkit scan --baseline authkit-baseline.json  only findings that are new
  $ authkit scan --format sarif > authkit.sarif    for GitHub code scanning
  $ authkit scan --shard 2/4 --format sarif        one job of a four-job matrix
  $ cat app.js | authkit scan - --stdin-filename app.js   standard input, checked as app.js`,
    )
    .action(async (paths: string[], options: ScanCommandOptions, cmd: Command) => {
      await runAction(cmd, (globals) => runScan(paths, options, globals, 'scan'));
    });
}
