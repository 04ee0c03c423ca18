// The fast path: an exact scanner for plain cron commands, sparing the ~150 ms of loading mvdan-sh.
import { type CallWord, FactsBuilder, type ShellFacts } from './shell-facts.js';

interface WordPart {
  kind: 'lit' | 'sq' | 'dq' | 'param';
  text: string;
  offset: number;
}

/** Words that make the command more than a simple command (or a declaration in mvdan-sh's tree). */
const NOT_SIMPLE_AT_COMMAND = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'function', 'select',
  'time', 'coproc', '!', 'export', 'readonly', 'local', 'declare', 'typeset', 'nameref', 'let',
]);

function isPlainWordChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
    c === '_' || c === '.' || c === '/' || c === ':' || c === '=' || c === ',' || c === '+' || c === '@' ||
    c === '%' || c === '-' || c === '~' || c === '*' || c === '?' || c === '#'
  );
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isNameChar(c: string | undefined): boolean {
  return isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');
}

/** `$NAME` or `${NAME}` at `i`; anything else ($1, $(, ${x:-y}) is not for the fast path. */
function readParameter(src: string, i: number): { name: string; end: number } | null {
  if (src[i + 1] === '{') {
    let j = i + 2;
    if (!isNameStart(src[j])) return null;
    while (isNameChar(src[j])) j++;
    return src[j] === '}' ? { name: src.slice(i + 2, j), end: j + 1 } : null;
  }
  let j = i + 1;
  if (!isNameStart(src[j])) return null;
  while (isNameChar(src[j])) j++;
  return { name: src.slice(i + 1, j), end: j };
}

/** One word from `i`: its parts, or null when it holds anything the fast path does not model. */
function readWord(src: string, i: number): { parts: WordPart[]; end: number } | null {
  const parts: WordPart[] = [];
  const start = i;
  // `[` and `]` only as whole words (the test command); elsewhere they are globs or arrays.
  if ((src[i] === '[' || src[i] === ']') && (i + 1 === src.length || ' \t;|&<>'.includes(src[i + 1]!))) {
    return { parts: [{ kind: 'lit', text: src[i]!, offset: i }], end: i + 1 };
  }
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === ';' || c === '|' || c === '&' || c === '<' || c === '>') break;
    const last = parts[parts.length - 1];
    // `#` is literal only inside plain text (a#b); where a word starts or after quotes, leave it to the parser.
    if (isPlainWordChar(c) && !(c === '#' && (i === start || last?.kind !== 'lit' || last.offset + last.text.length !== i))) {
      let end = i + 1;
      while (end < src.length && isPlainWordChar(src[end]!)) end++;
      parts.push({ kind: 'lit', text: src.slice(i, end), offset: i });
      i = end;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) return null;
      parts.push({ kind: 'sq', text: src.slice(i + 1, close), offset: i });
      i = close + 1;
      continue;
    }
    if (c === '"') {
      const open = i;
      i++;
      while (i < src.length && src[i] !== '"') {
        const d = src[i]!;
        if (d === '\\' || d === '`') return null;
        if (d === '$') {
          const param = readParameter(src, i);
          if (!param) return null;
          parts.push({ kind: 'param', text: param.name, offset: i });
          i = param.end;
          continue;
        }
        i++;
      }
      if (i >= src.length) return null;
      parts.push({ kind: 'dq', text: src.slice(open + 1, i), offset: open });
      i++;
      continue;
    }
    if (c === '$') {
      const param = readParameter(src, i);
      if (!param) return null;
      parts.push({ kind: 'param', text: param.name, offset: i });
      i = param.end;
      continue;
    }
    return null;
  }
  return parts.length > 0 ? { parts, end: i } : null;
}

/**
 * Reads a command made of simple commands joined by `|`, `&&`, `||` and `;`, with words of plain
 * characters, '...' and "..." quotes and $NAME expansions, and redirections `>`, `>>`, `<` and
 * `N>&M`. Returns null for anything else (subshells, $( ), backslashes, bash syntax, errors), which
 * then goes to the real parser.
 */
export function scanSimpleCommand(src: string): ShellFacts | null {
  const builder = new FactsBuilder();
  let words: CallWord[] = [];
  let current = false; // the simple command being read has a word, an assignment or a redirection
  let needCommand = false; // after | && ||: a command must follow
  let i = 0;

  const endCommand = (): boolean => {
    if (!current) return false;
    if (words.length > 0) builder.call(words);
    words = [];
    current = false;
    return true;
  };
  const visitParameters = (parts: WordPart[]) => {
    for (const part of parts) if (part.kind === 'param') builder.parameter(part.text, part.offset, true);
  };
  const visitWord = (parts: WordPart[]) => {
    const first = parts[0]!;
    builder.word(first.kind === 'lit' ? first.text : null, parts.length === 1 && first.kind === 'lit', first.offset);
    visitParameters(parts);
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break; // a comment runs to the end of the line
    if (c === '|' || c === '&' || c === ';') {
      const two = src.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        if (!endCommand()) return null;
        needCommand = true;
        i += 2;
        continue;
      }
      if (c === '|' && two !== '|&') {
        if (!endCommand()) return null;
        builder.pipe();
        needCommand = true;
        i++;
        continue;
      }
      if (c === ';' && two !== ';;') {
        if (!endCommand() || needCommand) return null;
        i++;
        continue;
      }
      return null; // background &, |&, ;;
    }
    let fd: string | null = null;
    let j = i;
    while (j < src.length && src[j]! >= '0' && src[j]! <= '9') j++;
    if (j > i && (src[j] === '<' || src[j] === '>')) {
      fd = src.slice(i, j);
      i = j;
    }
    if (src[i] === '<' || src[i] === '>') {
      const opStart = i;
      let op: string;
      if (src.startsWith('>>', i)) op = '>>';
      else if (src.startsWith('>&', i)) op = '>&';
      else if (src[i] === '>' && src[i + 1] !== '|') op = '>';
      else if (src[i] === '<' && src[i + 1] !== '<' && src[i + 1] !== '>' && src[i + 1] !== '&' && src[i + 1] !== '(') op = '<';
      else return null;
      i += op.length;
      if (src[i] === '>' || src[i] === '<' || src[i] === '&' || src[i] === '|') return null;
      while (src[i] === ' ' || src[i] === '\t') i++;
      const target = readWord(src, i);
      if (!target) return null;
      const literal = target.parts.length === 1 && target.parts[0]!.kind === 'lit' ? target.parts[0]!.text : null;
      if (op === '>&' && (literal === null || !/^(\d+|-)$/.test(literal))) return null;
      if (literal !== null && /^\d+$/.test(literal) && (src[target.end] === '<' || src[target.end] === '>')) return null;
      visitWord(target.parts);
      builder.redirect(op, fd, literal, target.parts[0]!.offset, opStart);
      i = target.end;
      current = true;
      needCommand = false;
      continue;
    }
    if (fd !== null) return null;
    const word = readWord(src, i);
    if (!word) return null;
    // `x1>f`: whether the digit is a descriptor is a fine point best left to the parser.
    if ((src[word.end] === '<' || src[word.end] === '>') && /\d$/.test(src.slice(i, word.end))) return null;
    const first = word.parts[0]!;
    const literal = word.parts.length === 1 && first.kind === 'lit' ? first.text : null;
    if (words.length === 0) {
      if (first.kind === 'lit' && /^[A-Za-z_][A-Za-z0-9_]*\+=/.test(first.text)) return null;
      const assignment = first.kind === 'lit' ? /^[A-Za-z_][A-Za-z0-9_]*=/.exec(first.text) : null;
      if (assignment) {
        if (assignment[0] === 'PATH=') builder.facts.setsPath = true;
        const rest = first.text.slice(assignment[0].length);
        const valueParts: WordPart[] = [...(rest ? [{ kind: 'lit' as const, text: rest, offset: first.offset + assignment[0].length }] : []), ...word.parts.slice(1)];
        if (valueParts.length > 0) visitWord(valueParts);
        i = word.end;
        current = true;
        needCommand = false;
        continue;
      }
      if (literal !== null && NOT_SIMPLE_AT_COMMAND.has(literal)) return null;
    }
    visitWord(word.parts);
    words.push({ literal, offset: first.offset });
    i = word.end;
    current = true;
    needCommand = false;
  }
  if (needCommand) return null;
  endCommand();
  return builder.finish();
}
