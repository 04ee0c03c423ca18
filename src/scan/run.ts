// `authkit scan` (and `baseline`) as one call: config slice per domain, shard, repository root,
// progress text, every registered domain's scanner, the walk, and the notes a reader needs. The CLI
// hands in the registry's domains and the loaded config; this module never imports the CLI.
import type { DomainDescriptor } from '../findings/domain.js';
import { UsageError } from '../findings/errors.js';
import { type CommandResult, type InputNote, type RuleMeta, plural } from '../findings/model.js';
import { fingerprintRoot, ignoreMatcher, setPathBase, type PipelineConfig } from '../findings/pipeline.js';
import { type ScanOutcome, scanFiles } from './scan.js';

export interface ScanRequest {
  command: 'scan' | 'baseline';
  paths: string[];
  staged?: boolean;
  changed?: string;
  shard?: string;
  stdinFilename?: string;
  includeVendored?: boolean;
  cwd: string;
  config: PipelineConfig & { options: Readonly<Record<string, unknown>> };
  /** The registry's domains: each one with a scanner runs, with its section of the config. */
  domains: readonly DomainDescriptor[];
  /** Every rule, for SARIF rules[]. */
  rules: readonly RuleMeta[];
  /** The progress line's text, as the walk goes. */
  progress?: { update(text: string): void; done(): void };
}

export async function runScan(request: ScanRequest): Promise<CommandResult> {
  const { cwd, config, command } = request;
  if (request.staged && request.changed !== undefined) throw new UsageError('--staged and --changed cannot be used together');
  if (request.stdinFilename !== undefined && !request.paths.includes('-')) throw new UsageError('--stdin-filename only applies to - (standard input)');
  const { parseShard, shardFilter, shardCategory } = await import('./shard.js');
  const shard = request.shard === undefined ? undefined : parseShard(request.shard);
  const root = await fingerprintRoot(cwd);
  const configIgnored = (await ignoreMatcher(config)) ?? undefined;
  const ignored = shard ? shardFilter(root, shard, configIgnored) : configIgnored;

  // "120 files walked, 40 patterns analyzed": files from the walk, the rest from the domains.
  const counts = new Map<string, number>([['file', 0]]);
  const showProgress = (unit: string, done: number) => {
    counts.set(unit, done);
    const analyzed = [...counts].filter(([u, n]) => u !== 'file' && n > 0).map(([u, n]) => `, ${plural(n, u)} analyzed`);
    request.progress?.update(`${plural(counts.get('file')!, 'file')} walked${analyzed.join('')}`);
  };
  const now = new Date();
  const scanners = await Promise.all(
    request.domains.flatMap((domain) =>
      domain.scanner ? [domain.scanner({ cwd, now, options: config.options[domain.name] ?? {}, onProgress: showProgress }).then((scanner) => ({ domain: domain.name, ...scanner }))] : [],
    ),
  );
  const mode = request.staged ? ({ kind: 'staged' } as const) : request.changed !== undefined ? ({ kind: 'changed', rev: request.changed } as const) : ({ kind: 'walk' } as const);
  let outcome: ScanOutcome;
  try {
    outcome = await scanFiles({
      cwd,
      paths: mode.kind === 'walk' && request.paths.length === 0 ? ['.'] : request.paths,
      mode,
      scanners,
      ignored,
      fingerprintRoot: root,
      onProgress: ({ files }) => showProgress('file', files),
      ...(request.stdinFilename === undefined ? {} : { stdinFilename: request.stdinFilename }),
      includeVendored: Boolean(request.includeVendored),
    });
  } finally {
    request.progress?.done();
  }
  const notes: InputNote[] = [...outcome.notes];
  const { bulkSearchNote, missingListNote } = await import('../jwt/weak-secret.js');
  for (const note of [missingListNote(), bulkSearchNote()]) if (note) notes.push(note);
  // `cat app.js | authkit scan -` looked only for tokens and said "no problems found" where
  // session-audit found 16: without a name, say which checks read standard input.
  if (outcome.stdinDomains && request.stdinFilename === undefined) {
    const ran = outcome.stdinDomains.length ? outcome.stdinDomains.join(', ') : 'none';
    notes.push({ file: '-', message: `standard input was checked by: ${ran}; name it with --stdin-filename (e.g. app.ts, crontab, login.har) to run the checks that name picks` });
  }
  const result: CommandResult = {
    command,
    findings: outcome.findings,
    ...(outcome.directives.length ? { directives: outcome.directives } : {}),
    errors: outcome.errors,
    rules: request.rules,
    inputs: outcome.inputs,
    skipped: outcome.skippedFiles,
    ...(outcome.vendored ? { vendored: outcome.vendored } : {}),
    ...(notes.length ? { notes } : {}),
    ...(shard ? { category: shardCategory(command, shard) } : {}),
    json: {
      scan: {
        mode: mode.kind,
        ...(mode.kind === 'changed' ? { since: mode.rev } : {}),
        ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
        files: outcome.inputs,
        skipped: outcome.skipped,
        ...(outcome.vendored ? { vendored: outcome.vendored } : {}),
      },
    },
  };
  return setPathBase(result, outcome.pathBase);
}
