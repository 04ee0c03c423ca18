// The known-secrets list travels inside the page (gzip, base64, in a non-executed script element)
// and is unpacked in memory, so the check works from a file on disk with no request.
import { Buffer } from './shims/buffer.js';
import { provideFile } from './shims/fs.js';

/** Where src/jwt/weak-secret.ts looks for the list, relative to the page's virtual module path. */
const LIST_PATH = '/page/data/jwt-secrets.list';

/** False when the page was built without the team's data: the check then says it is unavailable. */
export async function loadSecretsList(): Promise<boolean> {
  const packed = document.getElementById('secrets-list')?.textContent?.trim();
  if (!packed) return false;
  const stream = new Blob([Buffer.from(packed, 'base64')]).stream().pipeThrough(new DecompressionStream('gzip'));
  provideFile(LIST_PATH, new Uint8Array(await new Response(stream).arrayBuffer()));
  return true;
}
