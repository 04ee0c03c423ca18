// `authkit session-audit`, as the CLI builds it (src/findings/command.ts); the work is in ./command.ts.
import { BASELINE_OPTION, type CommandSpec, INCLUDE_VENDORED_OPTION } from '../findings/command.js';
import type { SessionConfig } from './domain.js';

interface SessionAuditFlags {
  stdinFilename?: string;
  includeVendored?: boolean;
}

export const SESSION_AUDIT_COMMAND: CommandSpec<SessionConfig, SessionAuditFlags> = {
  description: 'find how a web app hands out, stores and checks sessions and tokens, in JS/TS code and HTTP captures',
  argument: { usage: '[paths...]' },
  options: [
    { kind: 'text', flags: '--stdin-filename <name>', description: 'with -: the name standard input is read as (its extension picks JS, TS, JSON or a capture)' },
    BASELINE_OPTION,
    INCLUDE_VENDORED_OPTION,
  ],
  help: `Reads .js .jsx .ts .tsx .mjs .cjs .mts .cts sources, committed config JSON (config.json,
config/production.json...) and HTTP captures (HAR 1.2 .har files, curl -i / curl -v output).
Limits: session.accessTokenMaxLifetime (default 15m) and session.refreshTokenMaxLifetime (default
30d) in authkit.config.json.

Examples:
  $ authkit session-audit src/                          every source under src/
  $ authkit session-audit login.har                     a browser capture of the login flow
  $ curl -si https://api.example/auth/token -d @creds | authkit session-audit - --stdin-filename token.txt
  $ cat src/auth.ts | authkit session-audit - --stdin-filename src/auth.ts
  $ authkit session-audit . --format sarif > session.sarif`,
  async run(paths, flags, context) {
    const [{ runSessionAudit, resolveOptions }, { options: config }] = await Promise.all([import('./command.js'), context.config()]);
    const options = resolveOptions(config, { stdinFilename: flags.stdinFilename }, context.cwd);
    return runSessionAudit(paths, { ...options, includeVendored: Boolean(flags.includeVendored) });
  },
};
