// `authkit ui`: the decoder page on 127.0.0.1 only, at a port the system picks, under a path
// nobody can guess, so another local user or a web page probing localhost cannot reach it.
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';

/** The response headers the issue asks for; the CSP is the page's own (hashes of its script and style). */
export function pageHeaders(csp: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `${csp}; frame-ancestors 'none'`,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export interface PageServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${text}\n`);
}

export async function servePage(page: { html: string; csp: string }): Promise<PageServer> {
  const secret = randomBytes(18).toString('base64url');
  const path = `/${secret}/`;
  let host = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // DNS rebinding: a hostile name resolving to 127.0.0.1 reaches the port, but its requests
    // carry that name in Host. Only the exact address we printed is served.
    if (req.headers.host !== host) return refuse(res, 421, 'authkit ui: wrong Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'authkit ui: only GET');
    if (req.url !== path) return refuse(res, 404, 'authkit ui: not found');
    res.writeHead(200, pageHeaders(page.csp));
    res.end(req.method === 'HEAD' ? undefined : page.html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  host = `127.0.0.1:${address.port}`;
  return {
    url: `http://${host}${path}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
