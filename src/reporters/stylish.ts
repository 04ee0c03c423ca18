import { vendoredSummary } from '../files/vendored.js';
import { terminalSafe } from './terminal.js';
import { type CommandResult, type Finding, type RenderContext, compareFindings, maxOf, plural, severityAtLeast } from '../findings/model.js';

/** Finding lines rendered per chunk: the report is written as it is made, never held whole. */
const LINES_PER_CHUNK = 2_000;

/** ESLint-like: findings grouped by file, `line:col  severity  message  rule`, then a summary. */
export function renderStylish(result: CommandResult, ctx: RenderContext): string {
  return [...stylishChunks(result, ctx)].join('');
}

/**
 * The stylish report in pieces (parts separated by a blank line, as one string would have them):
 * 200,000 findings made one 30 MB string plus a row object and a line per finding.
 */
export function* stylishChunks(result: CommandResult, ctx: RenderContext): Generator<string> {
  const { paint } = ctx;
  let any = false;
  const part = (text: string): string => {
    const joined = any ? `\n\n${text}` : text;
    any = true;
    return joined;
  };
  const intro = result.text?.(ctx, result);
  if (intro) yield part(intro.replace(/(^|[^\n])\n+$/, '$1'));

  // -q hides only what cannot fail the run, so an exit 1 always shows its reason.
  const shown = ctx.quiet ? result.findings.filter((f) => severityAtLeast(f.severity, ctx.failOn)) : result.findings;
  const hidden = result.findings.length - shown.length;
  const suppressedCount = result.suppressed?.length ?? 0;
  const skipped = `${result.skipped?.length ? `, ${plural(result.skipped.length, 'file')} skipped` : ''}${suppressedCount ? `; ${suppressedCount} suppressed inline` : ''}${result.vendored ? `; ${vendoredSummary(result.vendored)}` : ''}`;
  const byFile = new Map<string, Finding[]>();
  for (const f of [...shown].sort(compareFindings)) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    const posWidth = maxOf(findings.map((f) => `${f.line}:${f.column}`.length));
    const sevWidth = maxOf(findings.map((f) => f.severity.length));
    const line = (f: Finding): string => {
      const sev = f.severity.padEnd(sevWidth);
      const coloured = f.severity === 'error' ? paint.red(sev) : f.severity === 'warning' ? paint.yellow(sev) : paint.blue(sev);
      const main = `  ${paint.gray(`${f.line}:${f.column}`.padEnd(posWidth))}  ${coloured}  ${terminalSafe(f.message)}  ${paint.gray(terminalSafe(f.ruleId))}`;
      return typeof f.data?.hint === 'string' ? `${main}\n  ${' '.repeat(posWidth + sevWidth + 4)}${paint.gray(terminalSafe(f.data.hint))}` : main;
    };
    for (let start = 0; start < findings.length; start += LINES_PER_CHUNK) {
      const lines = findings.slice(start, start + LINES_PER_CHUNK).map(line).join('\n');
      yield start === 0 ? part(`${paint.underline(terminalSafe(file))}\n${lines}`) : `\n${lines}`;
    }
  }

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const total = result.findings.length;
  // Inputs that were not read or parsed are listed on stderr; the summary counts them too, so that
  // a report without findings never reads as a clean bill for files nobody examined.
  const failedFiles = new Set(result.errors.map((e) => e.file)).size;
  const failed = result.inputs !== undefined && failedFiles > 0 ? `${plural(failedFiles, 'input')} not read or not parsed (listed on stderr)` : '';
  if (total > 0) {
    const hiddenNote = hidden > 0 ? `; ${hidden} below --fail-on ${ctx.failOn} hidden by -q` : '';
    const summary = `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info${hiddenNote})${skipped}${failed ? `; ${failed}` : ''}`;
    yield part(counts.error > 0 ? paint.red(paint.bold(summary)) : paint.yellow(paint.bold(summary)));
  } else if (failed) {
    const rest = (result.inputs ?? 0) - failedFiles;
    yield part(paint.red(paint.bold(`✖ ${failed}${rest > 0 ? `; no problems found in ${plural(rest, 'other input')}` : ''}${skipped}`)));
  } else if ((!intro || suppressedCount > 0) && result.errors.length === 0 && !ctx.quiet) {
    const what = result.inputs === undefined ? '' : ` in ${plural(result.inputs, 'input')}${skipped}`;
    yield part(paint.green(`✔ no problems found${what}`));
  }
  if (any) yield '\n';
}
