// One JS/TS file (or committed config JSON) in, session findings out. Suppressions are left to the
// caller: the command applies them per file, the scan across domains.
import { resolve } from 'node:path';
import { isSourceFile } from '../js/files.js';
import { parseSource } from '../js/parse.js';
import type { Finding, InputError } from '../findings/model.js';
import { AuditContext, DEFAULT_LIMITS, type SessionLimits } from './context.js';
import { checkCookies } from './cookies.js';
import { checkCors } from './cors.js';
import { checkDecodes } from './decode.js';
import { checkCsrf, checkRevocation, checkRotation } from './handlers.js';
import { checkJwtUsage } from './jwt-usage.js';
import { checkRefreshExposure } from './responses.js';
import { auditConfigJson, checkSecretNames, isSecretConfigFile } from './secrets.js';
import { checkStorage, checkTokenInUrl } from './storage.js';
import { isTestPath } from './test-files.js';

// Files without any of these words cannot hold a finding: they are passed over unparsed, which
// keeps `authkit scan` cheap on code that never touches sessions.
// One word per check: cookies, storage, JWT libraries, secrets, CORS credentials, refresh tokens,
// tokens in query strings. Plain substring tests: no regex runs on the whole file.
const SESSION_WORDS = ['cookie', 'usecookie', 'persist', 'uselocalstorage', 'usesessionstorage', 'usestorage', 'koa-session', '@fastify/session', '@fastify/secure-session', 'mmkv', '@capacitor/preferences', '@capacitor/storage', '@ionic/storage', 'localforage', 'socket.io-client', 'logout', 'csrf', 'express-session', 'localstorage', 'sessionstorage', 'asyncstorage', 'jwt', 'jose', 'jsonwebtoken', 'secret', 'credentials', 'refresh', 'passport', 'searchparams', 'token=', 'bearer=', 'session_id=', 'sessionid=', '.query'];

export function mayHoldSessionCode(text: string): boolean {
  const lower = text.toLowerCase();
  return SESSION_WORDS.some((word) => lower.includes(word)) || (lower.includes('params') && lower.includes('token'));
}

/** The files session-audit reads: JS/TS sources and committed config JSON. */
export function isSessionSourceFile(path: string): boolean {
  return isSourceFile(path) || isSecretConfigFile(path);
}

export interface FileAudit {
  findings: Finding[];
  errors: InputError[];
}

/**
 * `parseAs` names the language when the display name has no extension (standard input); `walked` is
 * the part of the path a directory walk found (empty for a file named on the command line): only
 * that part can make it a test file, so `session-audit test/auth.test.js` still judges the file.
 */
export function auditSessionSource(file: string, text: string, limits: SessionLimits = DEFAULT_LIMITS, parseAs = file, walked = file, location: string | undefined = file === '-' ? undefined : resolve(file)): FileAudit {
  if (walked !== '' && isTestPath(walked)) return { findings: [], errors: [] };
  if (parseAs.toLowerCase().endsWith('.json')) return { findings: auditConfigJson(file, text), errors: [] };
  if (!mayHoldSessionCode(text)) return { findings: [], errors: [] };
  const parsed = parseSource(parseAs, text);
  const errors: InputError[] = parsed.parseError ? [{ file, message: `cannot parse (${parsed.parseError.message} at line ${parsed.parseError.line}); ${parsed.refused ? 'not checked' : 'checked what parsed'}` }] : [];
  if (parsed.refused) return { findings: [], errors };
  const ctx = new AuditContext(file, parsed, limits, location);
  checkCookies(ctx);
  checkStorage(ctx);
  checkTokenInUrl(ctx);
  checkJwtUsage(ctx);
  checkDecodes(ctx);
  checkCors(ctx);
  checkRefreshExposure(ctx);
  checkSecretNames(ctx);
  checkRotation(ctx);
  checkRevocation(ctx);
  checkCsrf(ctx);
  return { findings: ctx.findings, errors };
}
