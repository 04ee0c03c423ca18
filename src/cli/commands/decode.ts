import type { Command } from 'commander';
import type { InputError } from '../../findings/model.js';
import { collect } from '../options.js';
import { UsageError, runAction } from '../run.js';
import { isTerminal, writeErr } from '../output.js';

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

export function registerDecode(program: Command): void {
  program
    .command('decode')
    .description('decode JWTs offline: header, claims, times, risks (no key needed)')
    .argument('[tokens...]', 'tokens, or text holding tokens; "-" or nothing reads stdin')
    .option('--file <path>', 'read tokens from a file (repeatable): logs, HAR exports, .env, JSON responses', collect)
    .option('--now <time>', 'evaluate time claims at this moment: ISO 8601 or epoch seconds (default: now)')
    .option('--leeway <duration>', 'clock skew allowed for exp/nbf/iat: seconds or 30s, 5m (default 0)')
    .option('--max-lifetime <duration>', 'longest acceptable exp - iat for jwt/lifetime-too-long (default 15m, or jwt.maxLifetime in the config)')
    .option('--secrets-list <file>', 'your own known-secrets list (one a line), merged with the shipped one (repeatable; also jwt.secretsList in the config)', collect)
    .option('--weak-secret-limit <n>', 'distinct HMAC tokens to try against the 103,979 known secrets per run', '20')
    .option('--open', 'open the token in the offline decoder page (authkit ui) instead of printing the report')
    .addHelpText(
      'after',
      `
Tokens are found in Authorization: Bearer lines, Cookie/Set-Cookie lines, JSON members
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
    )
    .action(async (tokens: string[], flags: DecodeFlags, cmd: Command) => {
      if (flags.open) return openInPage(tokens, flags, cmd);
      await runAction(cmd, async (globals) => {
        const [{ decodeTokens }, { resolveTimeOptions, loadSecretLists }, read, { domainConfig }, { JWT_DOMAIN }] = await Promise.all([
          import('../../jwt/decode.js'),
          import('../../jwt/command.js'),
          import('../../files/read.js'),
          import('../config.js'),
          import('../../jwt/domain.js'),
        ]);
        const { options: config, dir } = await domainConfig(globals, JWT_DOMAIN);
        const { now, leewaySeconds, maxLifetimeSeconds } = resolveTimeOptions(config, flags);
        await loadSecretLists(config, dir, flags.secretsList, globals.cwd);
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
          if (isTerminal(0)) writeErr('authkit: reading tokens from stdin (paste, then Ctrl-D); or pass a token: authkit decode <token>\n');
          try {
            inputs.push({ file: '-', text: await read.readStdinText(), source: 'stdin' });
          } catch (error) {
            if (!(error instanceof read.InputFailure)) throw error;
            errors.push({ file: error.file, message: error.message });
          }
        }
        const result = decodeTokens(inputs, { now, leewaySeconds, maxLifetimeSeconds, weakSecretLimit });
        return { ...result, errors: [...errors, ...result.errors] };
      });
    });
}

/**
 * `decode --open`: the token goes to the decoder page in the URL's fragment (never sent to the
 * local server, cleared from the page's history at once) and the page does the analysis.
 */
async function openInPage(tokens: string[], flags: DecodeFlags, cmd: Command): Promise<void> {
  await runAction(cmd, async () => {
    if (flags.file?.length) throw new UsageError('--open takes one token, not --file');
    const given = tokens.filter((t) => t !== '-');
    if (given.length > 1) throw new UsageError('--open takes one token (or text holding one)');
    const read = await import('../../files/read.js');
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
    const { decoderPage, serveUntilStopped } = await import('./ui.js');
    const url = await serveUntilStopped(await decoderPage(), { open: true, fragment: text });
    return { command: 'decode', findings: [], errors: [], rules: [], json: { ui: { url, stopped: true } }, text: () => 'authkit ui: stopped\n' };
  });
}
