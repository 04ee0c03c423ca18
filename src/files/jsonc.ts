/**
 * JSON as config files are written in practice (tsconfig, VS Code and .NET appsettings): comments
 * and trailing commas. Blanks them out, keeping every other character at its offset, so that a
 * strict JSON.parse of the result says whether the file is JSON with comments or not JSON at all.
 * One linear pass, no recursion: nesting depth cannot hurt.
 */
export function blankJsonComments(text: string): string {
  const out = text.split('');
  let i = 0;
  const n = text.length;
  let lastComma = -1;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      lastComma = -1;
      for (i++; i < n && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      for (; i < n && text[i] !== '\n'; i++) out[i] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n') out[i] = ' ';
    } else {
      if (c === ',') lastComma = i;
      else if ((c === '}' || c === ']') && lastComma >= 0) out[lastComma] = ' ';
      if (!/\s/.test(c) && c !== ',') lastComma = -1;
      i++;
    }
  }
  return out.join('');
}
