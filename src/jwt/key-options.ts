// Where verify and sign take a secret or key from (the reading is in ./command.ts: readKeySource).
import type { CommandOption } from '../findings/command.js';

export const SECRET_WARNING = `--secret puts the secret on the command line, where other users can read it with ps and
where it lands in shell history: prefer --secret-file <path> or --secret-env <VAR>.`;

export function keySourceOptions(keyHelp: string): CommandOption[] {
  return [
    { kind: 'text', flags: '--secret <text>', description: 'HMAC secret (visible in ps and shell history: prefer --secret-file or --secret-env)' },
    { kind: 'text', flags: '--secret-file <path>', description: 'read the HMAC secret from a file (one trailing newline is dropped)' },
    { kind: 'text', flags: '--secret-env <VAR>', description: 'read the HMAC secret from an environment variable' },
    { kind: 'text', flags: '--secret-encoding <enc>', description: 'how the secret is written: utf8, base64, base64url or hex', default: 'utf8' },
    { kind: 'text', flags: '--key <path>', description: keyHelp },
  ];
}
