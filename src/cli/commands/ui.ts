import type { Command } from 'commander';
import type { CommandResult } from '../../findings/model.js';
import { UsageError } from '../../findings/errors.js';
import { runAction } from '../run.js';
import { writeErr, writeOut } from '../output.js';
import { decoderPage, serveUntilStopped } from '../../ui/serve.js';

interface UiFlags {
  out?: string;
  open: boolean;
}

function uiResult(message: string, json: Record<string, unknown>): CommandResult {
  return { command: 'ui', findings: [], errors: [], rules: [], json: { ui: json }, text: () => message };
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
        const url = await serveUntilStopped(page, { open: flags.open, print: (text, to) => (to === 'stderr' ? writeErr(text) : writeOut(text)) });
        return uiResult('authkit ui: stopped\n', { url, stopped: true });
      });
    });
}
