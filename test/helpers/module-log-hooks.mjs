// The loader hooks of module-log.mjs: they run in the hooks thread, so they write to the file
// themselves.
import { appendFileSync } from 'node:fs';

let out;

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) appendFileSync(out, `file ${url}\n`);
  return nextLoad(url, context);
}
