// Builds the `authkit ui` page into one self-contained HTML file: the browser bundle of src/jwt
// (PAGE_BUNDLE) and the stylesheet inline, allowed by the Content-Security-Policy by hash only.
// The file is complete at build time, so `authkit ui` serves and `--out` writes the same bytes.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PAGE_BUNDLE } from './bundle-options.mjs';

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy the page carries in its meta tag; the server sends it as a header too. */
function policy(js, css) {
  return [
    "default-src 'none'",
    `script-src ${hash(js)}`,
    `style-src ${hash(css)}`,
    "img-src data:",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export async function buildPage(root, outDir) {
  const result = await build({ absWorkingDir: root, entryPoints: ['src/ui/page/main.ts'], write: false, ...PAGE_BUNDLE });
  const js = result.outputFiles[0].text;
  // An inline script ends at the first "</script" wherever it appears, even inside a string.
  if (/<\/script/i.test(js)) throw new Error('the page bundle contains "</script": it cannot be inlined');
  const css = readFileSync(`${root}/src/ui/page/page.css`, 'utf8');
  const template = readFileSync(`${root}/src/ui/page/page.html`, 'utf8');
  const slots = { CSP: policy(js, css), CSS: css, JS: js };
  const html = template.replace(/\{\{(CSP|CSS|JS)\}\}/g, (_, name) => slots[name]);
  mkdirSync(`${outDir}/ui`, { recursive: true });
  writeFileSync(`${outDir}/ui/decoder.html`, html);
}
