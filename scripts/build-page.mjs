// Builds the `authkit ui` page into one self-contained HTML file: the browser bundle of src/jwt
// (PAGE_BUNDLE) and the stylesheet inline, allowed by the Content-Security-Policy by hash only.
// The file is complete at build time, so `authkit ui` serves and `--out` writes the same bytes.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
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

/**
 * The known-secrets list, gzip in base64 for a non-executed script element (type is not
 * JavaScript, so the policy does not apply to it), with its licence beside it; empty without
 * the team's data, as the CLI build then has no list either.
 */
function secretsList(dataDir) {
  if (!existsSync(`${dataDir}/jwt-secrets.list`)) return { list: '', licence: '' };
  const list = gzipSync(readFileSync(`${dataDir}/jwt-secrets.list`), { level: 9 }).toString('base64');
  const licence = readFileSync(`${dataDir}/jwt-secrets.LICENSE`, 'utf8').replaceAll('--', '- -');
  return { list, licence: `data/jwt-secrets.list (wallarm/jwt-secrets):\n${licence}` };
}

export async function buildPage(root, outDir, dataDir) {
  const result = await build({ absWorkingDir: root, entryPoints: ['src/ui/page/main.ts'], write: false, ...PAGE_BUNDLE });
  const js = result.outputFiles[0].text;
  // An inline script ends at the first "</script" wherever it appears, even inside a string.
  if (/<\/script/i.test(js)) throw new Error('the page bundle contains "</script": it cannot be inlined');
  const css = readFileSync(`${root}/src/ui/page/page.css`, 'utf8');
  const template = readFileSync(`${root}/src/ui/page/page.html`, 'utf8');
  const { list, licence } = secretsList(dataDir);
  // Placeholders the template carries as valid HTML (so it lints): each must appear exactly once.
  const slots = [
    ['content="CSP"', `content="${policy(js, css)}"`],
    ['<style>/* CSS */</style>', `<style>${css}</style>`],
    ['<script>/* JS */</script>', `<script>${js}</script>`],
    ['>SECRETS</script>', `>${list}</script>`],
    ['<!-- SECRETS_LICENCE -->', `<!-- ${licence} -->`],
  ];
  let html = template;
  for (const [placeholder, value] of slots) {
    if (html.split(placeholder).length !== 2) throw new Error(`page.html must hold ${placeholder} exactly once`);
    html = html.replace(placeholder, () => value);
  }
  mkdirSync(`${outDir}/ui`, { recursive: true });
  writeFileSync(`${outDir}/ui/decoder.html`, html);
}
