import type { Command } from 'commander';
import { UsageError } from '../findings/errors.js';
import { EXIT_USAGE, exitCodeFor } from '../findings/exit-code.js';
import { type CommandResult, type RenderContext, type Severity, noteLines, skippedLine } from '../findings/model.js';
import { terminalSafe } from '../reporters/terminal.js';
import { InputFailure } from '../files/read.js';
import { type Format, reportChunks } from '../reporters/index.js';
import { decideColor, makePainter } from './color.js';
import { VERSION } from './version.js';
import { isTerminal, writeErr, writeOut } from './output.js';

export interface GlobalOptions {
  format: Format;
  failOn: Severity;
  quiet: boolean;
  color: boolean;
  /** Explicit --config path, if any. */
  config?: string;
  cwd: string;
  /** True when nobody is watching a terminal: progress stays off. */
  machine: boolean;
}

export function globalsOf(cmd: Command): GlobalOptions {
  const opts = cmd.optsWithGlobals() as Record<string, unknown>;
  const format = (opts.json ? 'json' : (opts.format ?? 'stylish')) as Format;
  const env = process.env;
  return {
    format,
    failOn: (opts.failOn ?? 'error') as Severity,
    quiet: Boolean(opts.quiet),
    color: format === 'stylish' && decideColor(opts.color as boolean | undefined, env, isTerminal(1)),
    config: opts.config as string | undefined,
    cwd: process.cwd(),
    machine: format !== 'stylish' || Boolean(env.CI) || Boolean(env.PRE_COMMIT) || !isTerminal(2),
  };
}

export async function renderContext(globals: GlobalOptions): Promise<RenderContext> {
  return { color: globals.color, paint: await makePainter(globals.color), cwd: globals.cwd, quiet: globals.quiet, failOn: globals.failOn, toolVersion: VERSION };
}

/** Writes the report to stdout, one line per unusable input to stderr, and sets the exit code. */
export async function emit(result: CommandResult, globals: GlobalOptions): Promise<void> {
  // File names and messages quote inputs: a file named with an ESC must not drive the terminal.
  for (const e of result.errors) writeErr(`authkit: ${terminalSafe(`${e.file}: ${e.message}`)}\n`);
  const skipped = skippedLine(result.skipped);
  if (skipped) writeErr(`authkit: ${terminalSafe(skipped)}\n`);
  for (const line of noteLines(result.notes)) writeErr(`authkit: ${terminalSafe(line)}\n`);
  // Each chunk is written (synchronously) before the next is made: a report of a million findings
  // is never held whole.
  for (const chunk of reportChunks(globals.format, result, await renderContext(globals))) if (chunk) writeOut(chunk);
  process.exitCode = exitCodeFor(result, globals.failOn);
}

const MAX_LISTED_PROBLEMS = 20;

function describe(error: unknown): { file: string; message: string }[] {
  const problems = (error as { problems?: unknown })?.problems;
  if (error instanceof InputFailure && Array.isArray(problems)) {
    // A config of 40,000 unknown rule ids printed 40,000 lines: the first ones tell the story.
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((message) => ({ file: error.file, message: String(message) }));
    if (problems.length > listed.length) listed.push({ file: error.file, message: `and ${problems.length - listed.length} more problems` });
    return listed;
  }
  return [describeOne(error)];
}

function describeOne(error: unknown): { file: string; message: string } {
  if (error instanceof InputFailure) return { file: error.file, message: error.message };
  if (error instanceof UsageError) return { file: '', message: error.message };
  return { file: '', message: `internal error: ${(error as Error)?.message ?? String(error)}` };
}

/** Directives, config severities and ignores, fingerprints and `--baseline`, for every command that reports findings. */
async function finalize(cmd: Command, result: CommandResult, globals: GlobalOptions): Promise<CommandResult> {
  // `authkit rules` is what a config error sends the user to: it must work with a broken config.
  if (result.command === 'hook' || result.command === 'rules') return result;
  // The registry holds every domain's rules: loaded when something needs it, so that a clean decode
  // never pays for it. A rule id nobody registered would be unknown to configs, suppressions and
  // SARIF: a bug, exit 2.
  const registry = result.findings.length > 0 || result.directives?.length ? await import('../rules/index.js') : undefined;
  registry?.assertRegistered(result.findings);
  const [{ finalizeResult }, { runConfig }] = await Promise.all([import('../findings/pipeline.js'), import('./config.js')]);
  const config = await runConfig(globals);
  const baseline = (cmd.opts() as { baseline?: string }).baseline;
  const fingerprints = globals.format === 'json' || globals.format === 'sarif';
  return finalizeResult(result, { cwd: globals.cwd, config, ownerOf: registry?.domainOf, baselinePath: baseline, fingerprints });
}

/**
 * Runs a command body and turns anything it throws into a one-line message and exit 2; a stack
 * trace appears only with AUTHKIT_DEBUG=1. Machine formats still get a well-formed report.
 */
export async function runAction(cmd: Command, body: (globals: GlobalOptions) => Promise<CommandResult>): Promise<void> {
  const globals = globalsOf(cmd);
  try {
    await emit(await finalize(cmd, await body(globals), globals), globals);
  } catch (error) {
    const problems = describe(error);
    if (process.env.AUTHKIT_DEBUG && error instanceof Error) writeErr(`${error.stack}\n`);
    if (globals.format === 'stylish' || globals.format === 'github') {
      for (const { file, message } of problems) writeErr(`authkit: ${terminalSafe(`${file ? `${file}: ` : ''}${message}`)}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      await emit({ command: cmd.name(), findings: [], errors: problems.map(({ file, message }) => ({ file: file || '<authkit>', message })), rules: [] }, globals);
    }
  }
}
