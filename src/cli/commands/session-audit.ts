import type { Command } from 'commander';
import { runAction } from '../run.js';

export function registerSessionAudit(program: Command): void {
  program
    .command('session-audit [paths...]')
    .description('find how a web app hands out, stores and checks sessions and tokens, in JS/TS code and HTTP captures')
    .option('--stdin-filename <name>', 'with -: the name standard input is read as (its extension picks JS, TS, JSON or a capture)')
    .option('--baseline <file>', 'report only findings that are not in this baseline (authkit baseline)')
    .option('--include-vendored', 'also audit vendored and minified files found in folders (vendor/, third_party/, *.min.js, lines averaging over 300 characters); skipped and counted by default')
    .addHelpText(
      'after',
      `
Reads .js .jsx .ts .tsx .mjs .cjs .mts .cts sources, committed config JSON (config.json,
config/production.json...) and HTTP captures (HAR 1.2 .har files, curl -i / curl -v output).
Limits: session.accessTokenMaxLifetime (default 15m) and session.refreshTokenMaxLifetime (default
30d) in authkit.config.json.

Examples:
  $ authkit session-audit src/                          every source under src/
  $ authkit session-audit login.har                     a browser capture of the login flow
  $ curl -si https://api.example/auth/token -d @creds | authkit session-audit - --stdin-filename token.txt
  $ cat src/auth.ts | authkit session-audit - --stdin-filename src/auth.ts
  $ authkit session-audit . --format sarif > session.sarif`,
    )
    .action(async (paths: string[], opts: Record<string, unknown>, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const [{ runSessionAudit, resolveOptions }, { domainConfig }, { SESSION_DOMAIN }] = await Promise.all([
          import('../../session/command.js'),
          import('../config.js'),
          import('../../session/domain.js'),
        ]);
        const options = resolveOptions((await domainConfig(globals, SESSION_DOMAIN)).options, { stdinFilename: opts.stdinFilename as string | undefined }, globals.cwd);
        return runSessionAudit(paths, { ...options, includeVendored: Boolean(opts.includeVendored) });
      });
    });
}
