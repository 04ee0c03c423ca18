/**
 * The cron-lint command over files: reads inputs (files, cron.d-style directories, stdin), lints,
 * plans and applies fixes, computes next runs, and hands back one CommandResult. The I/O edge of
 * the domain: no console, no process.exit; the CLI renders what this returns.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type CommandResult, type FileDirectives, type Finding, type InputError, type InputNote, type RenderContext, appendAll, maxOf, plural } from '../findings/model.js';
import { readInputs } from '../files/inputs.js';
import { suppressionsIn } from '../findings/directives.js';
import { fixCrontab, unifiedDiff } from './fix.js';
import { type CrontabKind, type JobSummary, analyzeCrontab, shellNotes } from './lint.js';
import { type NextRuns, nextRuns } from './next.js';
import { CRON_RULES } from './rules.js';
import { resolveTarget } from './targets.js';
import { UsageError } from '../findings/errors.js';
import { isYamlPath } from './yaml-paths.js';
import { isCronInput } from './detect.js';
import type { YamlFlavour } from './yaml-schedules.js';
import { terminalSafe } from '../reporters/terminal.js';

export interface CronLintCliOptions {
  system?: boolean;
  user?: boolean;
  target?: string;
  trustedCommands?: string[];
  next?: number;
  fix?: boolean;
  dryRun?: boolean;
  cwd: string;
  /** The zone schedules are read in when no CRON_TZ applies. Default: this machine's, as cron uses its own. */
  timeZone?: string;
  now: Date;
}

type FileKind = CrontabKind | YamlFlavour;

const KIND_LABEL: Record<FileKind, string> = { system: 'system crontab', user: 'user crontab', 'github-actions': 'GitHub Actions workflow', kubernetes: 'Kubernetes CronJob' };

/**
 * Jobs listed per file (stylish lines, JSON `jobs`); findings still cover every job. A record per
 * job made a 1,000,000-line crontab take 3.3 GB and list a million lines nobody reads.
 */
const MAX_JOBS_LISTED = 10_000;

interface FileReport {
  file: string;
  kind: FileKind;
  /** The first MAX_JOBS_LISTED jobs. */
  jobs: (JobSummary & { next?: NextRuns | null })[];
  /** Every job of the file, listed or not. */
  jobCount: number;
  fix?: { applied: string[]; diff: string; written: boolean; advice: string[] };
  shellSkipped: number;
  /** Commands whose shell syntax went unchecked, as notes (src/cron/lint.ts shellNotes). */
  shellNotes: InputNote[];
}

export class CronUsageError extends UsageError {}

export async function runCronLint(paths: string[], options: CronLintCliOptions): Promise<CommandResult> {
  if (paths.length === 0) throw new CronUsageError('give one or more crontab files or directories, or - for standard input');
  if (options.system && options.user) throw new CronUsageError('--system and --user cannot be combined');
  if (options.dryRun && !options.fix) throw new CronUsageError('--dry-run only makes sense with --fix');
  const target = resolveTarget(options.target);
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const reports: FileReport[] = [];
  const directives: FileDirectives[] = [];
  const readDirectives = (file: string, text: string) => {
    const suppressions = suppressionsIn(file, text);
    if (suppressions.length > 0) directives.push({ file, suppressions, domains: ['cron'] });
  };
  const forced: CrontabKind | undefined = options.system ? 'system' : options.user ? 'user' : undefined;

  const withNext = (all: JobSummary[]) => {
    const jobs = all.length > MAX_JOBS_LISTED ? all.slice(0, MAX_JOBS_LISTED) : all;
    if (!options.next || options.next <= 0) return jobs;
    // Intl's zone lookup costs a few milliseconds of start-up: only --next pays for it.
    const zone = options.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    return jobs.map((job) => ({ ...job, next: safeNextRuns(job, options.next!, options.now, zone) }));
  };

  // Workflows and CronJobs: schedules only; --fix has nothing to repair mechanically there.
  // The YAML parser is most of cron-lint's code: a crontab run never loads it (issue 19).
  const lintYaml = async (display: string, text: string) => {
    const { analyzeYamlSchedules } = await import('./yaml-lint.js');
    const analysis = analyzeYamlSchedules(display, text);
    if (analysis.error) return errors.push({ file: display, message: analysis.error });
    if (!analysis.flavour) return errors.push({ file: display, message: 'is neither a GitHub Actions workflow nor a Kubernetes CronJob manifest' });
    appendAll(findings, analysis.findings);
    readDirectives(display, text);
    reports.push({ file: display, kind: analysis.flavour, jobs: withNext(analysis.jobs), jobCount: analysis.jobs.length, shellSkipped: 0, shellNotes: [] });
  };

  const lintOne = async (display: string, text: string, location?: string) => {
    if (isYamlPath(display)) return await lintYaml(display, text);
    const analysis = analyzeCrontab(display, text, { kind: forced, target: target.name, location, trustedCommands: options.trustedCommands, maxJobs: MAX_JOBS_LISTED });
    const report: FileReport = { file: display, kind: analysis.kind, jobs: withNext(analysis.jobs), jobCount: analysis.jobCount, shellSkipped: analysis.shellSkipped, shellNotes: shellNotes(display, analysis) };
    let fileFindings = analysis.findings;
    let linted = text;
    if (options.fix) {
      const fixed = fixCrontab(text, analysis);
      const canWrite = !options.dryRun && location !== undefined;
      if (fixed.changed) {
        const diff = unifiedDiff(text, fixed.text, `a/${display}`, `b/${display}`);
        if (canWrite) {
          await writeFile(location!, fixed.text);
          linted = fixed.text;
          fileFindings = analyzeCrontab(display, fixed.text, { kind: forced, target: target.name, location, trustedCommands: options.trustedCommands }).findings;
        }
        report.fix = { applied: fixed.applied, diff, written: canWrite, advice: fixed.advice };
      } else if (fixed.advice.length > 0) {
        report.fix = { applied: [], diff: '', written: false, advice: fixed.advice };
      }
    }
    appendAll(findings, fileFindings);
    readDirectives(display, linted);
    reports.push(report);
  };

  // cron reads every regular file of a cron.d folder except hidden ones (editor leftovers, .placeholder).
  // Found in a folder, a file is linted only when scan would take it for a crontab, a workflow or a
  // CronJob manifest: `cron-lint .` on a repository reported 40,637 cron/invalid-line errors on
  // JavaScript, CSS and Markdown. A file named on the command line is linted whatever its name.
  let passedOver = 0;
  for await (const input of readInputs(paths, { cwd: options.cwd, accept: (display) => !basename(display).startsWith('.') })) {
    if (input.kind === 'error') errors.push(input.error);
    else if (!input.explicit && !isCronInput(input.display, input.text)) passedOver++;
    else await lintOne(input.display, input.text, input.location);
  }

  // Said in every format (it was a stylish-only line): these commands got no shell-level checks.
  const notes: InputNote[] = reports.flatMap((r) => r.shellNotes);
  for (const r of reports) {
    if (r.jobCount > r.jobs.length) {
      const what = r.kind === 'system' || r.kind === 'user' ? 'jobs' : 'schedules';
      notes.push({ file: r.file, message: `${r.jobCount} ${what}: the first ${r.jobs.length} are listed, the other ${r.jobCount - r.jobs.length} only by their findings` });
    }
  }
  if (passedOver > 0) {
    notes.push({ message: `passed over ${plural(passedOver, 'file')} in the folders given that ${passedOver === 1 ? 'is' : 'are'} not a crontab, workflow or CronJob manifest (by name or content); name a file to lint it anyway` });
  }
  return {
    command: 'cron-lint',
    findings,
    errors,
    rules: CRON_RULES,
    inputs: reports.length,
    ...(directives.length ? { directives } : {}),
    json: {
      target: target.name,
      passedOver,
      files: reports.map((r) => ({
        file: r.file,
        kind: r.kind,
        jobs: r.jobs.map((j) => ({
          line: j.line,
          schedule: j.schedule,
          reading: j.reading,
          ...(j.user ? { user: j.user } : {}),
          ...(j.timeZone ? { timeZone: j.timeZone } : {}),
          ...(j.next !== undefined ? { next: j.next } : {}),
        })),
        ...(r.jobCount > r.jobs.length ? { jobsNotListed: r.jobCount - r.jobs.length } : {}),
        ...(r.fix ? { fix: r.fix } : {}),
        ...(r.shellSkipped ? { shellCommandsNotRead: r.shellSkipped } : {}),
      })),
    },
    // Without jobs or fixes there is nothing to read: the reporter then prints its own summary.
    ...(notes.length ? { notes } : {}),
    ...(reports.some((r) => r.jobs.length > 0 || r.fix) ? { text: (ctx: RenderContext) => renderText(reports, ctx) } : {}),
  };
}

function safeNextRuns(job: JobSummary, count: number, now: Date, timeZone: string): NextRuns | null {
  try {
    return nextRuns(job, count, now, timeZone);
  } catch {
    return null; // an unknown CRON_TZ zone: the reading still stands
  }
}

function renderText(reports: FileReport[], ctx: RenderContext): string {
  const { paint } = ctx;
  const blocks: string[] = [];
  for (const report of reports) {
    const lines: string[] = [];
    if (!ctx.quiet && report.jobs.length > 0) {
      const width = maxOf(report.jobs.map((j) => j.schedule.length));
      lines.push(`${paint.underline(terminalSafe(report.file))} ${paint.gray(`(${KIND_LABEL[report.kind]}, ${report.jobCount} ${report.kind === 'system' || report.kind === 'user' ? 'job' : 'schedule'}${report.jobCount === 1 ? '' : 's'})`)}`);
      for (const job of report.jobs) {
        const reading = job.reading ?? paint.red('invalid schedule');
        lines.push(`  ${paint.gray(`line ${job.line}`.padEnd(8))}  ${terminalSafe(job.schedule).padEnd(width)}  ${reading}${job.timeZone ? paint.gray(report.kind === 'kubernetes' || report.kind === 'github-actions' ? ` (${job.timeZone})` : ` (CRON_TZ=${job.timeZone})`) : ''}`);
        if (job.next) lines.push(`  ${' '.repeat(8)}  ${paint.gray(`next (${job.next.timeZone}): ${job.next.local.join(', ') || 'none'}`)}`);
        else if (job.next === null && job.reading !== null) lines.push(`  ${' '.repeat(8)}  ${paint.gray(job.keyword === '@reboot' ? 'next: at the next boot' : 'next: none')}`);
      }
      if (report.jobCount > report.jobs.length) lines.push(paint.yellow(`  … ${report.jobCount - report.jobs.length} more, not listed (their findings are below)`));
    }
    if (report.fix && report.fix.applied.length > 0) {
      const verb = report.fix.written ? 'fixed' : report.file === '-' && !report.fix.written ? 'would fix (standard input is not rewritten)' : 'would fix';
      lines.push(`${paint.bold(`${verb} ${report.file}`)}: ${report.fix.applied.join('; ')}`);
      lines.push(
        report.fix.diff
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => (l.startsWith('+') && !l.startsWith('+++') ? paint.green(l) : l.startsWith('-') && !l.startsWith('---') ? paint.red(l) : l.startsWith('@@') ? paint.cyan(l) : l))
          .join('\n'),
      );
    }
    for (const advice of report.fix?.advice ?? []) lines.push(`${paint.yellow(`not fixed in ${report.file}`)}: ${advice}`);
    if (lines.length) blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
