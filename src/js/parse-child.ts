// The process that runs oxc's native parser for authkit (src/js/parse-guard.ts). A native parse
// cannot be interrupted from JavaScript, and one hostile TypeScript shape takes quadratic time and
// memory in it; in a process of its own, a kill stops it and frees everything it took.
import { parseSync } from 'oxc-parser/src-js/bindings';
import type { ParseRequest, ParseReply } from './parse-guard.js';

interface NativeResult {
  program: string;
  comments: { type: 'Line' | 'Block'; value: string; start: number; end: number }[];
  errors: { message: string; labels: { start: number; end: number }[] }[];
}

process.on('message', (request: ParseRequest) => {
  const result = parseSync(request.file, request.text, { lang: request.lang, sourceType: request.sourceType, preserveParens: true }) as unknown as NativeResult;
  // The binding's members are getters that hand their value over once: read each exactly once.
  const reply: ParseReply = {
    id: request.id,
    program: result.program,
    comments: result.comments.map(({ type, value, start, end }) => ({ type, value, start, end })),
    errors: result.errors.map(({ message, labels }) => ({ message, labels: labels.map(({ start, end }) => ({ start, end })) })),
  };
  process.send?.(reply);
});
// The parent went away (it exited or was killed): nothing is left to parse for.
process.on('disconnect', () => process.exit(0));
