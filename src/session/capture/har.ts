// HAR 1.2 (log.entries[].request/response). Findings point at the header's value in the file:
// HAR is JSON, so each value is searched for, in entry order, as JSON writes it.
import { LineIndex } from '../../js/lines.js';
import type { Capture, Exchange, HeaderLine } from './messages.js';

interface HarHeader {
  name?: unknown;
  value?: unknown;
}

interface HarEntry {
  request?: { method?: unknown; url?: unknown; headers?: HarHeader[]; postData?: { text?: unknown } };
  response?: { status?: unknown; headers?: HarHeader[]; content?: { text?: unknown; encoding?: unknown } };
}

export class HarError extends Error {}

/** V8's JSON errors quote the text around the fault, newlines and all: keep the first clause. */
function oneLine(message: string): string {
  const first = message.split('\n')[0]!;
  const excerpt = first.indexOf(', "');
  return excerpt >= 0 ? first.slice(0, excerpt) : first;
}

export function parseHar(text: string): Capture {
  let doc: { log?: { entries?: HarEntry[]; creator?: { name?: unknown } } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (error) {
    throw new HarError(`not valid HAR JSON (${oneLine((error as Error).message)})`);
  }
  const entries = doc?.log?.entries;
  if (!Array.isArray(entries)) throw new HarError('not a HAR file: no log.entries array');
  const lines = new LineIndex(text);
  let cursor = 0;
  const place = (needle: string, from: number): { line: number; column: number; offset: number } => {
    const at = text.indexOf(needle, from);
    const offset = at >= 0 ? at : from;
    return { ...lines.position(offset), offset };
  };
  const headersOf = (list: HarHeader[] | undefined, from: number): HeaderLine[] =>
    (Array.isArray(list) ? list : [])
      .filter((h) => typeof h?.name === 'string')
      .map((h) => {
        const value = typeof h.value === 'string' ? h.value : '';
        const at = place(JSON.stringify(h.name), from);
        const valueAt = value ? place(JSON.stringify(value), at.offset) : at;
        return { name: h.name as string, value, line: valueAt.line, column: valueAt.column };
      });
  const exchanges: Exchange[] = entries.map((entry, index) => {
    const start = place('"request"', cursor);
    const responseStart = place('"response"', start.offset + 1);
    const next = text.indexOf('"request"', responseStart.offset + 1);
    cursor = next >= 0 ? next : responseStart.offset;
    const req = entry?.request;
    const res = entry?.response;
    const body = typeof res?.content?.text === 'string' ? (res.content.encoding === 'base64' ? Buffer.from(res.content.text, 'base64').toString('utf8') : res.content.text) : '';
    const bodyAt = typeof res?.content?.text === 'string' && res.content.text ? place('"text"', responseStart.offset) : responseStart;
    return {
      index,
      ...(req
        ? {
            request: {
              method: typeof req.method === 'string' ? req.method : 'GET',
              url: typeof req.url === 'string' ? req.url : '',
              headers: headersOf(req.headers, start.offset),
              body: typeof req.postData?.text === 'string' ? req.postData.text : '',
              line: start.line,
            },
          }
        : {}),
      ...(res
        ? { response: { status: typeof res.status === 'number' ? res.status : 0, headers: headersOf(res.headers, responseStart.offset), body, line: responseStart.line, bodyLine: bodyAt.line } }
        : {}),
    };
  });
  const creator = doc.log?.creator?.name;
  return { format: 'har', exchanges, ...(typeof creator === 'string' ? { creator } : {}) };
}
