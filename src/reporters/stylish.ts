import { vendoredSummary } from '../files/vendored.js';
import { terminalSafe } from './terminal.js';
import { type CommandResult, type Finding, type RenderContext, compareFindings, maxOf, plural, severityAtLeast } from '../findings/model.js';

/** ESLint-like: findings grouped by file, `line:col  severity  message  rule`, then a summary. */
export function renderStylish(result: CommandResult, ctx: RenderContext): string {
  const { paint } = ctx;
  const parts: string[] = [];
  const intro = result.text?.(ctx, result);
  if (intro) parts.push(intro.replace(/(^|[^\n])\n+$/, '$1'));

  // -q hides only what cannot fail the run, so an exit 1 always shows its reason.
  const shown = ctx.quiet ? result.findings.filter((f) => severityAtLeast(f.severity, ctx.failOn)) : result.findings;
  const hidden = result.findings.length - shown.length;
  const skipped = `${result.skipped?.length ? `, ${plural(result.skipped.length, 'file')} skipped` : ''}${result.vendored ? `; ${vendoredSummary(result.vendored)}` : ''}`;
  const byFile = new Map<string, Finding[]>();
  for (const f of [...shown].sort(compareFindings)) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    const rows = findings.map((f) => ({
      pos: `${f.line}:${f.column}`,
      sev: f.severity,
      message: terminalSafe(f.message),
      rule: terminalSafe(f.ruleId),
      hint: typeof f.data?.hint === 'string' ? terminalSafe(f.data.hint) : undefined,
    }));
    const posWidth = maxOf(rows.map((r) => r.pos.length));
    const sevWidth = maxOf(rows.map((r) => r.sev.length));
    const lines = rows.map((r) => {
      const sev = r.sev.padEnd(sevWidth);
      const coloured = r.sev === 'error' ? paint.red(sev) : r.sev === 'warning' ? paint.yellow(sev) : paint.blue(sev);
      const main = `  ${paint.gray(r.pos.padEnd(posWidth))}  ${coloured}  ${r.message}  ${paint.gray(r.rule)}`;
      return r.hint ? `${main}\n  ${' '.repeat(posWidth + sevWidth + 4)}${paint.gray(r.hint)}` : main;
    });
    parts.push(`${paint.underline(terminalSafe(file))}\n${lines.join('\n')}`);
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
    parts.push(counts.error > 0 ? paint.red(paint.bold(summary)) : paint.yellow(paint.bold(summary)));
  } else if (failed) {
    const rest = (result.inputs ?? 0) - failedFiles;
    parts.push(paint.red(paint.bold(`✖ ${failed}${rest > 0 ? `; no problems found in ${plural(rest, 'other input')}` : ''}${skipped}`)));
  } else if (!result.text && result.errors.length === 0 && !ctx.quiet) {
    const what = result.inputs === undefined ? '' : ` in ${plural(result.inputs, 'input')}${skipped}`;
    parts.push(paint.green(`✔ no problems found${what}`));
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}
