// Where the built page lives: dist/ui/decoder.html, written by scripts/build-page.mjs. Bundled
// commands run from dist/ or dist/chunks/; the sources, as tests import them, find the build.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGE = 'ui/decoder.html';

function findPage(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    for (const candidate of [join(dir, PAGE), join(dir, 'dist', PAGE)]) if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

export class PageMissing extends Error {}

/** The page's bytes and the policy it carries, which the server repeats as a header. */
export function loadPage(): { html: string; csp: string } {
  const path = findPage();
  if (!path) throw new PageMissing(`the decoder page (dist/${PAGE}) is not built: run npm run build`);
  const html = readFileSync(path, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  if (!csp) throw new PageMissing(`dist/${PAGE} carries no Content-Security-Policy: rebuild it`);
  return { html, csp };
}
