/**
 * V8's JSON.parse errors quote the text around the problem, newlines and all, and say "at
 * position 42" (Node 20) or "(line 3 column 5)" (newer V8). This turns one into a one-line
 * `at line 3, column 5: Unexpected token '}'` (or `(Unexpected token '}')` when V8 names no
 * place), so every JSON input (config, token header, key file) reports it the same way. The quoted text is dropped: it may hold a secret.
 */
export function jsonErrorLine(text: string, error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  let reason = message.replace(/ in JSON at position \d+.*$/s, '');
  // Newer V8: `Unexpected token '}', ..."x": }\n" is not valid JSON` (with or without the dots).
  if (reason.endsWith('" is not valid JSON')) {
    const excerpt = reason.search(/, (?:\.\.\.)?"/);
    if (excerpt >= 0) reason = reason.slice(0, excerpt);
  }
  reason = reason.replace(/\s+/g, ' ');
  const lineCol = reason.lastIndexOf(' (line ');
  if (lineCol >= 0 && /^ \(line \d+ column \d+\)$/.test(reason.slice(lineCol))) reason = reason.slice(0, lineCol);
  const where = jsonErrorWhere(text, message);
  return where ? `at ${where}: ${reason}` : `(${reason})`;
}

/** Where V8 says the error is; undefined when its message does not say (some Node 20 errors). */
function jsonErrorWhere(text: string, message: string): string | undefined {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return /end of JSON input/.test(message) ? 'end of file' : undefined;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}
