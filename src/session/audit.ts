// One JS/TS file (or committed config JSON) in, session findings out. Suppressions are left to the
// caller: the command applies them per file, the scan across domains.
import { dirname, resolve, sep } from 'node:path';
import { isSourceFile } from '../js/files.js';
import { parseFailure, parseSource } from '../js/parse.js';
import type { Finding, InputError } from '../findings/model.js';
import { jsonErrorLine } from '../findings/json-error.js';
import { blankJsonComments } from '../files/jsonc.js';
import { AuditContext, DEFAULT_LIMITS, type SessionLimits } from './context.js';
import { checkCookies } from './cookies.js';
import { checkCors } from './cors.js';
import { checkDecodes } from './decode.js';
import { checkCsrf } from './csrf.js';
import { checkRevocation, checkRotation } from './handlers.js';
import { checkJwtUsage } from './jwt-usage.js';
import { checkRefreshExposure } from './responses.js';
import { auditConfigJson, checkSecretNames, isSecretConfigFile } from './secrets.js';
import { packageRoot } from './resolve.js';
import { checkStorage, checkTokenInUrl } from './storage.js';
import { isTestPath } from './test-files.js';

// Files without any of these words cannot hold a finding: they are passed over unparsed, which
// keeps `authkit scan` cheap on code that never touches sessions.
// One word per check: cookies, storage, JWT libraries, secrets, CORS credentials, refresh tokens,
// tokens in query strings. Plain substring tests: no regex runs on the whole file.
const SESSION_WORDS = ['cookie', 'usecookie', 'persist', 'uselocalstorage', 'usesessionstorage', 'usestorage', 'koa-session', '@fastify/session', '@fastify/secure-session', 'mmkv', '@capacitor/preferences', '@capacitor/storage', '@ionic/storage', 'localforage', 'socket.io-client', 'logout', 'csrf', 'express-session', 'localstorage', 'sessionstorage', 'asyncstorage', 'jwt', 'jose', 'jsonwebtoken', 'secret', 'credentials', 'refresh', 'passport', 'searchparams', 'token=', 'bearer=', 'session_id=', 'sessionid=', '.query'];

// State-changing routes: a route file may show no session word at all and still be judged for
// CSRF against the cookie its app sets elsewhere.
const ROUTE_WORDS = ['.post(', '.put(', '.patch(', '.delete(', '@post(', '@put(', '@patch(', '@delete(', 'function post', 'function put', 'function patch', 'function delete'];

export function mayHoldSessionCode(text: string): boolean {
  const lower = text.toLowerCase();
  return SESSION_WORDS.some((word) => lower.includes(word)) || (lower.includes('params') && lower.includes('token')) || ROUTE_WORDS.some((word) => lower.includes(word));
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
 * Config JSON as written (comments and trailing commas blanked out, offsets kept, so findings keep
 * their lines). A config that is not JSON even so was not checked: an input error, as a JS/TS file
 * that does not parse is (issue 24), never a clean file.
 */
function readConfigJson(file: string, text: string): { json: string | null; errors: InputError[] } {
  try {
    JSON.parse(text);
    return { json: text, errors: [] };
  } catch {
    const blanked = blankJsonComments(text);
    try {
      JSON.parse(blanked);
      return { json: blanked, errors: [] };
    } catch (error) {
      return { json: null, errors: [{ file, message: `cannot parse: not JSON ${jsonErrorLine(text, error)}; not checked` }] };
    }
  }
}

/**
 * The app a file belongs to: the folder of its nearest package.json, kept inside the folder the
 * user named (a walked file's path minus the part the walk found), else that folder itself. A file
 * named on the command line belongs to its package.json's folder, or to no app: nothing is read
 * around it.
 */
function appRootOf(location: string, walked: string): string | undefined {
  const pkg = packageRoot(location);
  const tail = walked.split('/').join(sep);
  if (walked === '' || !location.endsWith(tail)) return pkg;
  const named = location.slice(0, location.length - tail.length).replace(/[\\/]$/, '') || dirname(location);
  return pkg && (pkg === named || pkg.startsWith(named + sep)) ? pkg : named;
}

/**
 * `parseAs` names the language when the display name has no extension (standard input); `walked` is
 * the part of the path a directory walk found (empty for a file named on the command line): only
 * that part can make it a test file, so `session-audit test/auth.test.js` still judges the file.
 */
export function auditSessionSource(file: string, text: string, limits: SessionLimits = DEFAULT_LIMITS, parseAs = file, walked = file, location: string | undefined = file === '-' ? undefined : resolve(file)): FileAudit {
  if (walked !== '' && isTestPath(walked)) return { findings: [], errors: [] };
  if (parseAs.toLowerCase().endsWith('.json')) {
    const config = readConfigJson(file, text);
    return { findings: config.json === null ? [] : auditConfigJson(file, config.json), errors: config.errors };
  }
  // Parsed before the cheap test for session code: a file that does not parse is an input error in
  // every command (issue 24), whatever it holds. The native parse is cheap; the checks are not.
  const parsed = parseSource(parseAs, text);
  const failure = parseFailure(file, parsed.parseError, parsed.refused);
  const errors: InputError[] = failure ? [failure] : [];
  if (parsed.refused || !mayHoldSessionCode(text)) return { findings: [], errors };
  const ctx = new AuditContext(file, parsed, limits, location, location ? appRootOf(location, walked) : undefined);
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
