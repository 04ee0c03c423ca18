// HAR 1.2 (log.entries[].request/response). Findings point at the header's value in the file,
// placed by har-positions.ts from the JSON tokens.
import { LineIndex } from '../../js/lines.js';
import { type EntryPositions, harEntryPositions } from './har-positions.js';
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
  const positions = harEntryPositions(text);
  const at = (offset: number) => ({ ...lines.position(offset), offset });
  const headersOf = (list: HarHeader[] | undefined, places: EntryPositions['headers']['request'], fallback: number): HeaderLine[] =>
    (Array.isArray(list) ? list : []).flatMap((h, i) => {
      if (typeof h?.name !== 'string') return [];
      const value = typeof h.value === 'string' ? h.value : '';
      const place = places[i];
      const valueAt = at((value ? place?.value : undefined) ?? place?.name ?? fallback);
      return [{ name: h.name, value, line: valueAt.line, column: valueAt.column }];
    });
  const exchanges: Exchange[] = entries.map((entry, index) => {
    const place = positions[index];
    const entryStart = place?.start ?? 0;
    const start = at(place?.request ?? entryStart);
    const responseStart = at(place?.response ?? entryStart);
    const req = entry?.request;
    const res = entry?.response;
    const encoded = typeof res?.content?.text === 'string' && res.content.encoding === 'base64';
    const body = typeof res?.content?.text === 'string' ? (encoded ? Buffer.from(res.content.text, 'base64').toString('utf8') : res.content.text) : '';
    const bodyAt = typeof res?.content?.text === 'string' && res.content.text && place?.bodyText !== undefined ? at(place.bodyText) : responseStart;
    return {
      index,
      ...(req
        ? {
            request: {
              method: typeof req.method === 'string' ? req.method : 'GET',
              url: typeof req.url === 'string' ? req.url : '',
              headers: headersOf(req.headers, place?.headers.request ?? [], start.offset),
              body: typeof req.postData?.text === 'string' ? req.postData.text : '',
              line: start.line,
            },
          }
        : {}),
      ...(res
        ? { response: { status: typeof res.status === 'number' ? res.status : 0, headers: headersOf(res.headers, place?.headers.response ?? [], responseStart.offset), body, line: responseStart.line, bodyLine: bodyAt.line, ...(encoded ? { bodyEncoded: true } : {}) } }
        : {}),
    };
  });
  const creator = doc.log?.creator?.name;
  return { format: 'har', exchanges, ...(typeof creator === 'string' ? { creator } : {}) };
}
