// `curl -i` output (status line, headers, blank line, body; several blocks after redirects or a
// 100 Continue) and `curl -v` traces (`> ` request lines, `< ` response lines, `* ` notes), HTTP/1.x
// and HTTP/2 (lower-case names), CRLF or LF.
import type { Capture, Exchange, HeaderLine, HttpRequest, HttpResponse } from './messages.js';

const STATUS = /^HTTP\/\d(?:\.\d)? (\d{3})\b/;
const REQUEST = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function headerOf(text: string): { name: string; value: string } | null {
  const colon = text.indexOf(':');
  if (colon <= 0 || !HEADER_NAME.test(text.slice(0, colon))) return null;
  return { name: text.slice(0, colon), value: text.slice(colon + 1).trim() };
}

interface Line {
  text: string;
  /** 1-based line in the file. */
  line: number;
  /** Column where `text` starts (after a `> ` or `< ` prefix). */
  column: number;
  side: 'request' | 'response' | 'plain';
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const content = raw[i]!.replace(/\r$/, '');
    if (content.startsWith('* ') || content === '*' || content.startsWith('{ ') || content.startsWith('} ')) continue;
    if (content.startsWith('> ') || content === '>') out.push({ text: content.slice(2), line: i + 1, column: 3, side: 'request' });
    else if (content.startsWith('< ') || content === '<') out.push({ text: content.slice(2), line: i + 1, column: 3, side: 'response' });
    else out.push({ text: content, line: i + 1, column: 1, side: 'plain' });
  }
  return out;
}

export function parseCurl(text: string): Capture {
  const lines = linesOf(text);
  const exchanges: Exchange[] = [];
  let pendingRequest: HttpRequest | undefined;
  let i = 0;
  const readHeaders = (): HeaderLine[] => {
    const headers: HeaderLine[] = [];
    while (i < lines.length && lines[i]!.text !== '') {
      const l = lines[i]!;
      const h = headerOf(l.text);
      if (h) headers.push({ ...h, line: l.line, column: l.column });
      i++;
    }
    if (i < lines.length) i++; // the blank line
    return headers;
  };
  const readBody = (): { body: string; line: number } => {
    const start = lines[i]?.line ?? (lines.at(-1)?.line ?? 0) + 1;
    const body: string[] = [];
    while (i < lines.length && !STATUS.test(lines[i]!.text) && !(lines[i]!.side !== 'plain' && REQUEST.test(lines[i]!.text))) {
      // curl -v shows the request body nowhere and the response body as plain lines.
      if (lines[i]!.side !== 'request') body.push(lines[i]!.text);
      i++;
    }
    return { body: body.join('\n').trim(), line: start };
  };
  while (i < lines.length) {
    const l = lines[i]!;
    const req = REQUEST.exec(l.text);
    if (req && l.side === 'request') {
      i++;
      const headers = readHeaders();
      const host = headers.find((h) => h.name.toLowerCase() === 'host')?.value;
      const target = req[2]!;
      // A body sent with the request shows as plain lines before the response's `< ` lines.
      const body: string[] = [];
      while (i < lines.length && lines[i]!.side === 'plain' && !STATUS.test(lines[i]!.text)) body.push(lines[i++]!.text);
      pendingRequest = { method: req[1]!, url: host && target.startsWith('/') ? `https://${host}${target}` : target, headers, body: body.join('\n').trim(), line: l.line };
      continue;
    }
    const status = STATUS.exec(l.text);
    if (status) {
      i++;
      const code = Number(status[1]);
      const headers = readHeaders();
      const { body, line: bodyLine } = readBody();
      // 100 Continue and other interim answers come before the real response to the same request.
      if (code >= 100 && code < 200) continue;
      const response: HttpResponse = { status: code, headers, body, line: l.line, bodyLine };
      exchanges.push({ index: exchanges.length, ...(pendingRequest ? { request: pendingRequest } : {}), response });
      pendingRequest = undefined;
      continue;
    }
    i++;
  }
  if (pendingRequest) exchanges.push({ index: exchanges.length, request: pendingRequest });
  return { format: 'curl', exchanges };
}
