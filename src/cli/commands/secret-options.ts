import type { Command } from 'commander';

export type { KeySourceFlags } from '../../jwt/command.js';

export const SECRET_WARNING = `--secret puts the secret on the command line, where other users can read it with ps and
where it lands in shell history: prefer --secret-file <path> or --secret-env <VAR>.`;

export function addKeySourceOptions(cmd: Command, keyHelp: string): Command {
  return cmd
    .option('--secret <text>', 'HMAC secret (visible in ps and shell history: prefer --secret-file or --secret-env)')
    .option('--secret-file <path>', 'read the HMAC secret from a file (one trailing newline is dropped)')
    .option('--secret-env <VAR>', 'read the HMAC secret from an environment variable')
    .option('--secret-encoding <enc>', 'how the secret is written: utf8, base64, base64url or hex', 'utf8')
    .option('--key <path>', keyHelp);
}
