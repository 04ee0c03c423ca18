// `authkit decode`, as the CLI builds it (src/findings/command.ts); the work is in ./decode.ts.
import type { CommandContext, CommandSpec } from '../findings/command.js';
import { UsageError } from '../findings/errors.js';
import type { CommandResult, InputError } from '../findings/model.js';
import type { JwtConfig } from './domain.js';

interface DecodeFlags {
  file?: string[];
  now?: string;
  leeway?: string;
  maxLifetime?: string;
  weakSecretLimit?: string;
  secretsList?: string[];
  open?: boolean;
}

/** A URL fragment this long still opens in every browser; a token is a few kilobytes at most. */
const MAX_OPEN_TEXT = 64 * 1024;

export const DECODE_COMMAND: CommandSpec<JwtConfig, DecodeFlags> = {
  description: 'decode JWTs offline: header, claims, times, risks (no key needed)',
  argument: { usage: '[tokens...]', description: 'tokens, or text holding tokens; "-" or nothing reads stdin' },
  options: [
    { kind: 'repeatable', flags: '--file <path>', description: 'read tokens from a file (repeatable): logs, HAR exports, .env, JSON responses' },
    { kind: 'text', flags: '--now <time>', description: 'evaluate time claims at this moment: ISO 8601 or epoch seconds (default: now)' },
    { kind: 'text', flags: '--leeway <duration>', description: 'clock skew allowed for exp/nbf/iat: seconds or 30s, 5m (default 0)' },
    { kind: 'text', flags: '--max-lifetime <duration>', description: 'longest acceptable exp - iat for jwt/lifetime-too-long (default 15m, or jwt.maxLifetime in the config)' },
    {
      kind: 'repeatable',
      flags: '--secrets-list <file>',
      description: 'your own known-secrets list (one a line), merged with the shipped one (repeatable; also jwt.secretsList in the config)',
    },
    { kind: 'text', flags: '--weak-secret-limit <n>', description: 'distinct HMAC tokens to try against the 103,979 known secrets per run', default: '20' },
    { kind: 'switch', flags: '--open', description: 'open the token in the offline decoder page (authkit ui) instead of printing the report' },
  ],
  help: `Tokens are found in Authorization: Bearer lines, Cookie/Set-Cookie lines, JSON members
(access_token, id_token, refresh_token), URLs (token=, id_token=) and plain text.
HS256/384/512 signatures are tried offline against 103,979 publicly known secrets; a match is
reported by its line in data/jwt-secrets.list, never by the secret. Signatures are never printed.

Exit status: 0 no findings at or above --fail-on, 1 findings or a token expired/not yet valid at --now,
2 no decodable token in the input.

Examples:
  $ authkit decode "$(cat examples/token.txt)"
  $ authkit decode eyJhbGciOi... --now 2011-03-22T18:00:00Z --leeway 30s
  $ pbpaste | authkit decode                       # many tokens from the clipboard
  $ authkit decode --file access.log --json
  $ authkit decode "$TOKEN" --json | jq .payload
  $ authkit decode --open "$TOKEN"                 # the same analysis in the browser, offline`,
  async run(tokens, flags, context) {
    if (flags.open) return openInPage(tokens, flags, context);
    const [{ decodeTokens }, { resolveTimeOptions, loadSecretLists }, read, { options: config, dir }] = await Promise.all([
      import('./decode.js'),
      import('./command.js'),
      import('../files/read.js'),
      context.config(),
    ]);
    const { now, leewaySeconds, maxLifetimeSeconds } = resolveTimeOptions(config, flags);
    await loadSecretLists(config, dir, flags.secretsList, context.cwd);
    const weakSecretLimit = Number(flags.weakSecretLimit ?? 20);
    if (!Number.isInteger(weakSecretLimit) || weakSecretLimit < 0) throw new UsageError('--weak-secret-limit: expected a whole number');

    const inputs: { file: string; text: string; source: 'arg' | 'stdin' | 'file' }[] = [];
    const errors: InputError[] = [];
    const wantsStdin = tokens.includes('-') || (tokens.length === 0 && !flags.file?.length);
    for (const token of tokens) if (token !== '-') inputs.push({ file: '<arg>', text: token, source: 'arg' });
    for (const path of flags.file ?? []) {
      try {
        inputs.push({ file: path, text: await read.readTextFile(path), source: 'file' });
      } catch (error) {
        if (!(error instanceof read.InputFailure)) throw error;
        errors.push({ file: error.file, message: error.message });
      }
    }
    if (wantsStdin) {
      // `authkit decode` alone on a terminal would otherwise wait silently for input.
      if (context.stdinIsTerminal) context.print('authkit: reading tokens from stdin (paste, then Ctrl-D); or pass a token: authkit decode <token>\n', 'stderr');
      try {
        inputs.push({ file: '-', text: await read.readStdinText(), source: 'stdin' });
      } catch (error) {
        if (!(error instanceof read.InputFailure)) throw error;
        errors.push({ file: error.file, message: error.message });
      }
    }
    const result = decodeTokens(inputs, { now, leewaySeconds, maxLifetimeSeconds, weakSecretLimit });
    return { ...result, errors: [...errors, ...result.errors] };
  },
};

/**
 * `decode --open`: the token goes to the decoder page in the URL's fragment (never sent to the
 * local server, cleared from the page's history at once) and the page does the analysis.
 */
async function openInPage(tokens: string[], flags: DecodeFlags, context: CommandContext<JwtConfig>): Promise<CommandResult> {
  if (flags.file?.length) throw new UsageError('--open takes one token, not --file');
  const given = tokens.filter((t) => t !== '-');
  if (given.length > 1) throw new UsageError('--open takes one token (or text holding one)');
  const read = await import('../files/read.js');
  let text = given[0];
  if (text === undefined) {
    try {
      text = await read.readStdinText();
    } catch (error) {
      if (error instanceof read.InputFailure) throw new UsageError(`${error.file}: ${error.message}`);
      throw error;
    }
  }
  text = text.trim();
  if (!text) throw new UsageError('--open: no token given');
  if (text.length > MAX_OPEN_TEXT) throw new UsageError(`--open: the text is over ${MAX_OPEN_TEXT / 1024} KB; pass the token alone`);
  const { decoderPage, serveUntilStopped } = await import('../ui/serve.js');
  const url = await serveUntilStopped(await decoderPage(), { open: true, fragment: text, print: context.print });
  return { command: 'decode', findings: [], errors: [], rules: [], json: { ui: { url, stopped: true } }, text: () => 'authkit ui: stopped\n' };
}
