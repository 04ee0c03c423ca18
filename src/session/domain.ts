// The session domain as the registry, config validation, `authkit scan` and the CLI see it (src/findings/domain.ts).
import type { DomainDescriptor, OptionValues } from '../findings/domain.js';
import { SESSION_RULES } from './all-rules.js';

const LIFETIME_RULES = ['session/access-token-lifetime'];

const SESSION_OPTIONS = {
  accessTokenMaxLifetime: {
    kind: 'duration',
    example: '"15m" or "30d"',
    description: 'Longest acceptable lifetime of an access token signed in code, default 15m',
    rules: LIFETIME_RULES,
  },
  refreshTokenMaxLifetime: {
    kind: 'duration',
    example: '"15m" or "30d"',
    description: 'Longest acceptable lifetime of a refresh token signed in code, default 30d',
    rules: LIFETIME_RULES,
  },
} as const;

export type SessionConfig = OptionValues<typeof SESSION_OPTIONS>;

export const SESSION_DOMAIN = {
  name: 'session',
  description: 'Sessions and tokens in web-app code and captured HTTP traffic',
  rules: SESSION_RULES,
  options: SESSION_OPTIONS,
  commands: { 'session-audit': async () => (await import('./session-audit-command.js')).SESSION_AUDIT_COMMAND },
  // JS/TS sources, config JSON and HTTP captures. JS/TS files share the parse the regex domain made
  // of the same text (src/js/parse.ts keeps the last one).
  scanner: async ({ now, options }) => {
    const [{ auditSessionSource, isSessionSourceFile }, { auditCaptureFile, isCaptureCandidate, looksLikeCapture }, { limitsOf }] = await Promise.all([
      import('./audit.js'),
      import('./captures.js'),
      import('./command.js'),
    ]);
    const limits = limitsOf(options);
    return {
      wants: (file, text) => isSessionSourceFile(file) || (isCaptureCandidate(file) && looksLikeCapture(file, text)),
      // A capture that cannot be read (a .har that is not a HAR) or a config that is not JSON is an
      // input error: reported clean, it would hide what it holds. A JS/TS file that does not parse is
      // reported by the regex domain too, in the same words: the scan keeps one line per file.
      add: (file, text) => (looksLikeCapture(file, text) ? auditCaptureFile(file, text, now) : auditSessionSource(file, text, limits)),
    };
  },
} as const satisfies DomainDescriptor<typeof SESSION_OPTIONS>;
