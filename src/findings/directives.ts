// Inline directives (authkit-ignore...) count only inside a real comment of the file's language:
// `//` and `/* */` in JS/TS (from the parser, so a string or regex holding the words is not one),
// `#` in crontabs, YAML, shell and the like, `<!-- -->` in Markdown and HTML (so a paragraph that
// quotes a directive in backticks, as authkit's own docs do, is not one). Everything outside the
// comments is blanked (newlines kept), so lines and columns stay those of the file.
// JS/TS comments come from the caller's parse (src/js/parse.ts): this module stays light enough
// for cron-lint and decode, which never load the parser.
import { isSourceFile } from '../js/files.js';
import { type Suppression, parseSuppressions } from './suppress.js';

/** A comment's UTF-16 offsets, delimiters included (as oxc reports them). */
export interface CommentSpan {
  start: number;
  end: number;
}

type CommentStyle = 'js' | 'hash' | 'markup' | 'none' | 'any';

const HASH = new Set(['yaml', 'yml', 'sh', 'bash', 'zsh', 'toml', 'py', 'rb', 'conf', 'cfg', 'env', 'crontab', 'cron', 'tab', 'pl', 'r', 'properties']);
const MARKUP = new Set(['md', 'markdown', 'html', 'htm', 'xml', 'svg', 'vue', 'svelte']);
const NO_COMMENTS = new Set(['json', 'csv', 'tsv', 'lock', 'map']);

function styleOf(file: string): CommentStyle {
  if (isSourceFile(file)) return 'js';
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  // No extension: crontabs, Dockerfile, Makefile, shell scripts; all comment with #.
  if (dot <= 0) return base === '-' || base === '<arg>' ? 'any' : 'hash';
  const ext = base.slice(dot + 1);
  if (HASH.has(ext)) return 'hash';
  if (MARKUP.has(ext)) return 'markup';
  if (NO_COMMENTS.has(ext)) return 'none';
  return 'any';
}

function keep(text: string, ranges: readonly (readonly [number, number])[]): string {
  const out = text.replace(/[^\r\n]/g, ' ').split('');
  for (const [start, end] of ranges) for (let i = start; i < end; i++) out[i] = text[i]!;
  return out.join('');
}

function hashComments(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /(^|[ \t])(#[^\n]*)/gm;
  for (const m of text.matchAll(re)) {
    const start = m.index + m[1]!.length;
    ranges.push([start, start + m[2]!.length]);
  }
  return ranges;
}

function markupComments(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<!--', from);
    if (start < 0) return ranges;
    const close = text.indexOf('-->', start + 4);
    const end = close < 0 ? text.length : close + 3;
    ranges.push([start, end]);
    from = end;
  }
}

/** The text a directive parser may see: only the file's comments, in place. */
export function commentText(file: string, text: string, jsComments?: readonly CommentSpan[]): string {
  switch (styleOf(file)) {
    case 'js':
      // Without the parser's comments a JS/TS file is read as before: any comment opener counts.
      return jsComments ? keep(text, jsComments.map((c) => [c.start, c.end] as const)) : text;
    case 'hash':
      return keep(text, hashComments(text));
    case 'markup':
      return keep(text, markupComments(text));
    case 'none':
      return '';
    default:
      // Standard input, command-line arguments and unknown file types: any comment opener counts.
      return text;
  }
}

/** The inline suppressions of one file, read from its real comments only. */
export function suppressionsIn(file: string, text: string, jsComments?: readonly CommentSpan[]): Suppression[] {
  if (!text.includes('authkit-ignore')) return [];
  return parseSuppressions(commentText(file, text, jsComments));
}
