/**
 * --fix: the mechanical, meaning-preserving repairs. Each is local and certain: strip CR, escape %
 * where every % in the command is a date/printf format, end the file with a newline, and add a
 * SHELL=/bin/bash or PATH= header when jobs need one. Everything else is left to the author.
 */
import { type CronAnalysis, listLines } from './lint.js';
import { absolutePathAdvice } from './version-managers.js';

export const FIX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface FixResult {
  text: string;
  changed: boolean;
  /** Human labels of what was done, in order. */
  applied: string[];
  /** What no mechanical edit can repair, and what to write by hand instead. */
  advice: string[];
}

function escapePercents(line: string, from: number): string {
  let out = line.slice(0, from);
  let escaped = false;
  for (let i = from; i < line.length; i++) {
    const ch = line[i]!;
    if (escaped) {
      escaped = false;
      out += ch;
      continue;
    }
    if (ch === '\\') escaped = true;
    else if (ch === '%') out += '\\';
    out += ch;
  }
  return out;
}

export function fixCrontab(text: string, analysis: CronAnalysis): FixResult {
  const applied: string[] = [];
  const endsWithNewline = text.length === 0 || text.endsWith('\n');
  const lines = text.split('\n');
  if (endsWithNewline) lines.pop();

  if (analysis.parsed.crLines.length > 0) {
    for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.replace(/(^|[^\r])\r+$/, '$1');
    applied.push(`stripped CR from ${analysis.parsed.crLines.length} line${analysis.parsed.crLines.length === 1 ? '' : 's'}`);
  }
  if (analysis.percentFixLines.length > 0) {
    // One pass over the jobs: searching them for each line to fix was quadratic (64,000 jobs of
    // `date +%F` kept --fix busy 8 s, a 10 MB crontab would take minutes).
    const toEscape = new Set(analysis.percentFixLines);
    for (const job of analysis.parsed.jobs) {
      const line = job.line;
      if (toEscape.has(line)) lines[line - 1] = escapePercents(lines[line - 1]!, job.command.col);
    }
    const count = analysis.percentFixLines.length;
    applied.push(`escaped % on ${count > 5 ? `${count} lines, ` : ''}${listLines(analysis.percentFixLines)}`);
  }

  const header: string[] = [];
  if (analysis.needsShell) header.push('SHELL=/bin/bash');
  if (analysis.needsPath) header.push(`PATH=${FIX_PATH}`);
  if (header.length > 0) {
    // After the leading comment block, so that a file's introduction stays first.
    const firstSetting = analysis.parsed.entries.find((e) => e.kind === 'job' || e.kind === 'env' || e.kind === 'invalid');
    const at = firstSetting ? firstSetting.line - 1 : lines.length;
    lines.splice(at, 0, ...header);
    applied.push(`added ${header.map((h) => h.slice(0, h.indexOf('=') + 1)).join(' and ')}`);
  }
  if (!endsWithNewline) applied.push('added the final newline');
  const fixed = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  const advice = [...analysis.needsAbsolutePath].map(([name, lines]) => absolutePathAdvice(name, [...new Set(lines)]));
  return { text: fixed, changed: fixed !== text, applied, advice };
}

/**
 * A unified diff (3 lines of context) from a line-level LCS. Crontabs are small; past ~4M cells
 * the middle is replaced wholesale rather than aligned.
 */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string): string {
  if (oldText === newText) return '';
  // A last line without LF differs from the same text with one: it carries a marker while compared.
  const NO_EOL = '\u0000';
  const split = (t: string) => {
    const ls = t.split('\n');
    const noEol = t.length > 0 && !t.endsWith('\n');
    if (!noEol) ls.pop();
    else ls[ls.length - 1] += NO_EOL;
    return { ls, noEol };
  };
  const a = split(oldText);
  const b = split(newText);
  type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };
  const ops: Op[] = [];
  let start = 0;
  while (start < a.ls.length && start < b.ls.length && a.ls[start] === b.ls[start]) start++;
  let endA = a.ls.length;
  let endB = b.ls.length;
  while (endA > start && endB > start && a.ls[endA - 1] === b.ls[endB - 1]) {
    endA--;
    endB--;
  }
  for (let i = 0; i < start; i++) ops.push({ kind: ' ', text: a.ls[i]!, a: i, b: i });
  const midA = a.ls.slice(start, endA);
  const midB = b.ls.slice(start, endB);
  if (midA.length * midB.length <= 4_000_000) {
    const dp: Uint32Array[] = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
    for (let i = midA.length - 1; i >= 0; i--) for (let j = midB.length - 1; j >= 0; j--) dp[i]![j] = midA[i] === midB[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) ops.push({ kind: ' ', text: midA[i]!, a: start + i++, b: start + j++ });
      else if (i < midA.length && (j >= midB.length || dp[i + 1]![j]! >= dp[i]![j + 1]!)) ops.push({ kind: '-', text: midA[i]!, a: start + i++, b: start + j });
      else ops.push({ kind: '+', text: midB[j]!, a: start + i, b: start + j++ });
    }
  } else {
    for (const [k, t] of midA.entries()) ops.push({ kind: '-', text: t, a: start + k, b: start });
    for (const [k, t] of midB.entries()) ops.push({ kind: '+', text: t, a: endA, b: start + k });
  }
  for (let k = 0; k < a.ls.length - endA; k++) ops.push({ kind: ' ', text: a.ls[endA + k]!, a: endA + k, b: endB + k });

  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const first = Math.max(0, changed[k]! - 3);
    let last = Math.min(ops.length - 1, changed[k]! + 3);
    while (k + 1 < changed.length && changed[k + 1]! - 3 <= last + 1) {
      k++;
      last = Math.min(ops.length - 1, changed[k]! + 3);
    }
    k++;
    const hunk = ops.slice(first, last + 1);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    const aStart = aCount === 0 ? hunk[0]!.a : hunk.find((o) => o.kind !== '+')!.a + 1;
    const bStart = bCount === 0 ? hunk[0]!.b : hunk.find((o) => o.kind !== '-')!.b + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const o of hunk) {
      const marked = o.text.endsWith(NO_EOL);
      out.push(`${o.kind}${marked ? o.text.slice(0, -1) : o.text}`);
      if (marked) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}
