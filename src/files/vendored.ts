/**
 * Minified and vendored files: third-party or generated code that the project does not edit. On
 * NodeGoat, 24 of 26 regex findings were in minified files under app/assets/vendor. Like GitHub
 * linguist's vendored and generated rules (and most linters), they are passed over by default,
 * counted, and audited with --include-vendored. A file named on the command line is always read.
 */

/** Folder names that hold someone else's code. */
const VENDORED_DIRS = new Set(['vendor', 'vendors', 'third_party', 'third-party', 'bower_components']);

const MINIFIED_NAME = /[.-]min\.(?:js|mjs|cjs|css)$/i;

/** Minified-by-content applies to code and stylesheets only: a one-line JSON file is often hand-kept config. */
const CODE = /\.(?:js|mjs|cjs|jsx|css)$/i;

/** Lines averaging over this are not written by hand (linguist uses 110 for minified files; this is stricter). */
const MINIFIED_AVERAGE_LINE = 300;

/** Below this size a long line is a long line, not a bundle. */
const MINIFIED_MIN_BYTES = 2048;

/** By path, before reading: `relative` is the file's path below the folder that was named (POSIX). */
export function isVendoredPath(relative: string): boolean {
  const parts = relative.split('/');
  const base = parts.pop() ?? '';
  return MINIFIED_NAME.test(base) || parts.some((part) => VENDORED_DIRS.has(part.toLowerCase()));
}

/** By content, once read: JS or CSS whose lines average over a few hundred characters. */
export function isMinifiedText(relative: string, text: string): boolean {
  if (text.length < MINIFIED_MIN_BYTES || !CODE.test(relative)) return false;
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < text.length - 1; at = text.indexOf('\n', at + 1)) lines++;
  return text.length / lines > MINIFIED_AVERAGE_LINE;
}

/** The summary's words for what was passed over, the same in every command. */
export function vendoredSummary(count: number): string {
  return `skipped ${count} vendored or minified ${count === 1 ? 'file' : 'files'} (--include-vendored to audit them)`;
}
