// The decoder page as `authkit ui` and `authkit decode --open` hand it out: loaded from the build,
// served on 127.0.0.1 until Ctrl-C, opened in the browser when asked.
import type { CommandContext } from '../findings/command.js';
import { UsageError } from '../findings/errors.js';

/** The page's HTML and its Content-Security-Policy (sent as a header too when served). */
export type DecoderPage = { html: string; csp: string };

type Print = CommandContext<unknown>['print'];

/** The platform's "open this URL" command; the URL is an argument, never shell text. */
function opener(): [string, string[]] {
  if (process.platform === 'darwin') return ['open', []];
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler']];
  return ['xdg-open', []];
}

/** The decoder page, or a usage error when this build has none. */
export async function decoderPage(): Promise<DecoderPage> {
  const { loadPage, PageMissing } = await import('./page-file.js');
  try {
    return loadPage();
  } catch (error) {
    if (error instanceof PageMissing) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Serves the page on 127.0.0.1 until Ctrl-C, opening the browser when asked. `fragment` (a
 * token) travels only in the URL handed to the browser: browsers never send a fragment, and the
 * page clears it from its history at once; what is printed is the URL without it.
 */
export async function serveUntilStopped(page: DecoderPage, options: { open: boolean; fragment?: string; print: Print }): Promise<string> {
  const { servePage } = await import('./server.js');
  const served = await servePage(page);
  options.print(`authkit ui: ${served.url}${options.fragment ? ' (opened with the token in its fragment)' : ''}\n(Ctrl-C to stop)\n`);
  if (options.open) {
    const { spawn } = await import('node:child_process');
    const [command, args] = opener();
    const target = options.fragment ? `${served.url}#${encodeURIComponent(options.fragment)}` : served.url;
    const child = spawn(command, [...args, target], { stdio: 'ignore', detached: true });
    child.on('error', () => options.print(`authkit ui: could not start ${command}; open the URL yourself\n`, 'stderr'));
    child.unref();
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served.close();
  return served.url;
}
