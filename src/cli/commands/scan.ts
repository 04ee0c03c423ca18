import type { Command } from 'commander';
import { type CommandResult, type InputNote, plural } from '../../findings/model.js';
import { progressLine } from '../progress.js';
import { type GlobalOptions, UsageError, runAction } from '../run.js';

export interface ScanCommandOptions {
  staged?: boolean;
  changed?: string;
  baseline?: string;
  shard?: string;
  stdinFilename?: string;
  includeVendored?: boolean;
}

/** Shared by `scan` and `baseline`: one walk (or the git index) through every domain. */
export async function runScan(paths: string[], options: ScanCommandOptions, globals: GlobalOptions, command: string): Promise<CommandResult> {
  if (options.staged && options.changed !== undefined) throw new UsageError('--staged and --changed cannot be used together');
  if (options.stdinFilename !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename only applies to - (standard input)');
  const [{ loadConfig }, { ignoreMatcher, fingerprintRoot, setPathBase }, { scanFiles }, { domainScanners }, { RULES: ALL_RULES }] = await Promise.all([
    import('../../config/load.js'),
    import('../../findings/pipeline.js'),
    import('../../scan/scan.js'),
    import('../../scan/domains.js'),
    import('../../rules/index.js'),
  ]);
  const config = await loadConfig({ cwd: globals.cwd, explicitPath: globals.config });
  const { parseShard, shardFilter, shardCategory } = await import('../../scan/shard.js');
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const root = await fingerprintRoot(globals.cwd);
  const configIgnored = (await ignoreMatcher(config)) ?? undefined;
  const ignored = shard ? shardFilter(root, shard, configIgnored) : configIgnored;
  const line = progressLine(globals);
  const state = { files: 0, patterns: 0 };
  const progress = {
    update(next: { files?: number; patterns?: number }) {
      Object.assign(state, next);
      line.update(`${plural(state.files, 'file')} walked${state.patterns ? `, ${plural(state.patterns, 'pattern')} analyzed` : ''}`);
    },
    done: () => line.done(),
  };
  const scanners = await domainScanners({ cwd: globals.cwd, config, now: new Date(), onPatterns: (patterns) => progress.update({ patterns }) });
  const mode = options.staged ? ({ kind: 'staged' } as const) : options.changed !== undefined ? ({ kind: 'changed', rev: options.changed } as const) : ({ kind: 'walk' } as const);
  let outcome: Awaited<ReturnType<typeof scanFiles>>;
  try {
    outcome = await scanFiles({
      cwd: globals.cwd,
      paths: mode.kind === 'walk' && paths.length === 0 ? ['.'] : paths,
      mode,
      scanners,
      ignored,
      fingerprintRoot: root,
      onProgress: ({ files }) => progress.update({ files }),
      ...(options.stdinFilename === undefined ? {} : { stdinFilename: options.stdinFilename }),
      includeVendored: Boolean(options.includeVendored),
    });
  } finally {
    progress.done();
  }
  const notes: InputNote[] = [];
  const { bulkSearchNote, missingListNote } = await import('../../jwt/weak-secret.js');
  for (const note of [missingListNote(), bulkSearchNote()]) if (note) notes.push(note);
  // `cat app.js | authkit scan -` looked only for tokens and said "no problems found" where
  // session-audit found 16: without a name, say which checks read standard input.
  if (outcome.stdinDomains && options.stdinFilename === undefined) {
    const ran = outcome.stdinDomains.length ? outcome.stdinDomains.join(', ') : 'none';
    notes.push({ file: '-', message: `standard input was checked by: ${ran}; name it with --stdin-filename (e.g. app.ts, crontab, login.har) to run the checks that name picks` });
  }
  const result: CommandResult = {
    command,
    findings: outcome.findings,
    ...(outcome.directives.length ? { directives: outcome.directives } : {}),
    errors: outcome.errors,
    rules: ALL_RULES,
    inputs: outcome.inputs,
    skipped: outcome.skippedFiles,
    ...(outcome.vendored ? { vendored: outcome.vendored } : {}),
    ...(notes.length ? { notes } : {}),
    ...(shard ? { category: shardCategory(command, shard) } : {}),
    json: { scan: { mode: mode.kind, ...(mode.kind === 'changed' ? { since: mode.rev } : {}), ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}), files: outcome.inputs, skipped: outcome.skipped, ...(outcome.vendored ? { vendored: outcome.vendored } : {}) } },
  };
  return setPathBase(result, outcome.pathBase);
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
