// The detailed human view of regex-audit's verdicts: one block per pattern, auth-related first,
// with the backtracking part marked under the pattern, the attack, what a real run measured and
// how to fix it. The per-file finding list follows it in the stylish report.
import type { Painter } from '../findings/model.js';
import type { PatternReport, SkippedFile } from './audit.js';
import { measuredText } from './report.js';

const WINDOW = 72;

/** The pattern as `/…/flags` with a caret line under the hotspot; long patterns are windowed. */
export function markHotspot(pattern: string, flags: string, hotspot: { start: number; end: number }[] | undefined): string[] {
  const spans = (hotspot ?? []).filter((s) => s.end > s.start && s.start >= 0 && s.end <= pattern.length);
  let from = 0;
  let to = pattern.length;
  if (pattern.length > WINDOW) {
    const focus = spans[0]?.start ?? 0;
    from = Math.max(0, Math.min(focus - 10, pattern.length - WINDOW));
    to = Math.min(pattern.length, from + WINDOW);
  }
  const head = from > 0 ? '/…' : '/';
  const shown = `${head}${pattern.slice(from, to)}${to < pattern.length ? '…' : ''}/${flags}`;
  // Control characters would shift the caret line: show them as spaces of the same width.
  const printable = shown.replace(/[\u0000-\u001f\u007f]/g, ' ');
  if (spans.length === 0) return [printable];
  const marks = new Array(to - from).fill(' ');
  for (const span of spans) {
    for (let i = Math.max(span.start, from); i < Math.min(span.end, to); i++) marks[i - from] = '^';
  }
  const caret = (' '.repeat(head.length) + marks.join('')).trimEnd();
  return caret.trim() ? [printable, caret] : [printable];
}

function location(f: { file: string; line: number; column: number }): string {
  return f.file === '<arg>' ? 'command line' : f.file === '-' ? `stdin line ${f.line}` : `${f.file}:${f.line}:${f.column}`;
}

export function renderReports(reports: PatternReport[], skipped: SkippedFile[], paint: Painter): string {
  const blocks: string[] = [];
  for (const report of reports) {
    const { verdict } = report;
    const first = report.findings[0]!;
    const data = first.data ?? {};
    const title =
      verdict.status === 'invalid'
        ? paint.red('invalid pattern')
        : verdict.status === 'incomplete'
          ? paint.yellow('analysis incomplete')
          : `${verdict.complexity?.type === 'polynomial' ? `polynomial (degree ${verdict.complexity.degree})` : 'exponential'} backtracking, ${verdict.confirmed ? paint.red('confirmed') : paint.yellow('unconfirmed')}`;
    const lines = [`${paint.bold('●')} ${title}${report.auth ? ` ${paint.magenta('[auth]')}` : ''}`];
    for (const [i, line] of markHotspot(verdict.pattern, verdict.flags, verdict.hotspot).entries()) {
      lines.push(`    ${i === 0 ? paint.cyan(line) : paint.red(line)}`);
    }
    if (verdict.status === 'invalid') {
      lines.push(`  ${paint.gray('error   ')}${report.invalid ?? verdict.reason ?? 'does not compile'}`);
    } else {
      if (verdict.attack) lines.push(`  ${paint.gray('attack  ')}${verdict.attack.readable}${verdict.method ? paint.gray(`  (with .${verdict.method}())`) : ''}`);
      const measured = measuredText(verdict);
      if (measured) lines.push(`  ${paint.gray('measured')} ${measured}`);
      if (verdict.status === 'incomplete' && verdict.reason) lines.push(`  ${paint.gray('why     ')}${verdict.reason}`);
      if (typeof data.fix === 'string') lines.push(`  ${paint.gray('fix     ')}${data.fix}`);
    }
    const places = report.findings.map(location);
    const listed = places.slice(0, 5).join(', ') + (places.length > 5 ? ` and ${places.length - 5} more` : '');
    lines.push(`  ${paint.gray('at      ')}${listed}`);
    blocks.push(lines.join('\n'));
  }
  if (skipped.length > 0) {
    const names = skipped.slice(0, 5).map((s) => `${s.file} (${s.reason})`);
    blocks.push(paint.gray(`Skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}: ${names.join(', ')}${skipped.length > 5 ? ', …' : ''}`));
  }
  return blocks.join('\n\n');
}
