import type { Command } from 'commander';
import type { CommandResult } from '../../findings/model.js';
import { UsageError, runAction } from '../run.js';
import { writeErr, writeOut } from '../output.js';

interface UiFlags {
  out?: string;
  open: boolean;
}

/** The page's HTML and its Content-Security-Policy (sent as a header too when served). */
type DecoderPage = { html: string; csp: string };

function uiResult(message: string, json: Record<string, unknown>): CommandResult {
  return { command: 'ui', findings: [], errors: [], rules: [], json: { ui: json }, text: () => message };
}

/** The platform's "open this URL" command; the URL is an argument, never shell text. */
function opener(): [string, string[]] {
  if (process.platform === 'darwin') return ['open', []];
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler']];
  return ['xdg-open', []];
}

/** The decoder page, or a usage error when this build has none. */
export async function decoderPage(): Promise<DecoderPage> {
  const { loadPage, PageMissing } = await import('../../ui/page-file.js');
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
export async function serveUntilStopped(page: DecoderPage, options: { open: boolean; fragment?: string }): Promise<string> {
  const { servePage } = await import('../../ui/server.js');
  const served = await servePage(page);
  writeOut(`authkit ui: ${served.url}${options.fragment ? ' (opened with the token in its fragment)' : ''}\n(Ctrl-C to stop)\n`);
  if (options.open) {
    const { spawn } = await import('node:child_process');
    const [command, args] = opener();
    const target = options.fragment ? `${served.url}#${encodeURIComponent(options.fragment)}` : served.url;
    const child = spawn(command, [...args, target], { stdio: 'ignore', detached: true });
    child.on('error', () => writeErr(`authkit ui: could not start ${command}; open the URL yourself\n`));
    child.unref();
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served.close();
  return served.url;
}

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('the offline JWT decoder page in your browser (served on 127.0.0.1, or written to a file)')
    .option('--out <file>', 'write the page as one self-contained HTML file instead of serving it')
    .option('--no-open', 'print the URL without opening a browser')
    .addHelpText(
      'after',
      `
The page runs authkit's own JWT analysis in the browser. It makes no network request: its
Content-Security-Policy allows no connection, and jku, x5u and iss are reported, never fetched.
The server listens on 127.0.0.1 at a random port under a random path, answers only requests whose
Host is that address, and stops on Ctrl-C.

Examples:
  $ authkit ui                        serve the page and open it
  $ authkit ui --no-open              print the URL only
  $ authkit ui --out decoder.html     one file that works from disk, no server`,
    )
    .action(async (flags: UiFlags, cmd: Command) => {
      await runAction(cmd, async () => {
        const page = await decoderPage();
        if (flags.out) {
          const { writeFileSync } = await import('node:fs');
          try {
            writeFileSync(flags.out, page.html);
          } catch (error) {
            throw new UsageError(`--out ${flags.out}: ${(error as Error).message}`);
          }
          return uiResult(`authkit: wrote the decoder page to ${flags.out} (${page.html.length} bytes)\n`, { out: flags.out, bytes: page.html.length });
        }
        const url = await serveUntilStopped(page, { open: flags.open });
        return uiResult('authkit ui: stopped\n', { url, stopped: true });
      });
    });
}
