// What session-audit reads around a file: imports through tsconfig/jsconfig paths, baseUrl and the
// @/ ~/ conventions (resolve.ts), and the app's other files for the CSRF check (app.ts, csrf.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSessionSource } from '../../src/session/audit.js';
import { resolveModule } from '../../src/session/resolve.js';

function app(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'authkit-app-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Findings (`rule@line`) of one file of the app, audited as a walk of the app folder finds it. */
function findings(root: string, path: string, text: string): string[] {
  return auditSessionSource(path, text, undefined, path, path, join(root, path)).findings.map((f) => `${f.ruleId}@${f.line}`);
}

describe('resolveModule', () => {
  it('follows tsconfig paths, baseUrl, jsconfig and the @/ convention; never a package', () => {
    const root = app({
      'package.json': '{}',
      'tsconfig.json': '{ // comments are allowed\n "compilerOptions": { "baseUrl": ".", "paths": { "#lib/*": ["src/lib/*"] } } }',
      'src/lib/cookies.ts': 'export const x = 1;',
      'src/auth/guard.ts': 'export class G {}',
      'web/package.json': '{}',
      'web/src/utils/auth.js': 'export const y = 1;',
      'web/src/views/login.js': '',
    });
    expect(resolveModule(join(root, 'src/a.ts'), '#lib/cookies')).toBe(join(root, 'src/lib/cookies.ts'));
    expect(resolveModule(join(root, 'src/a.ts'), 'src/auth/guard')).toBe(join(root, 'src/auth/guard.ts'));
    // No tsconfig in web/: '@/' is the Vue CLI / Vite convention for the app's src/.
    expect(resolveModule(join(root, 'web/src/views/login.js'), '@/utils/auth')).toBe(join(root, 'web/src/utils/auth.js'));
    expect(resolveModule(join(root, 'src/a.ts'), 'express')).toBeUndefined();
    expect(resolveModule(join(root, 'src/a.ts'), '@/nothing/here')).toBeUndefined();
  });
});

describe('tsconfig extends', () => {
  it('takes paths and baseUrl from the configs a tsconfig extends, the extending one winning key by key', () => {
    const root = app({
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@shared/*": ["libs/shared/src/*"] } } }',
      'libs/shared/src/cookies.ts': 'export const x = 1;',
      'apps/api/package.json': '{}',
      'apps/api/tsconfig.json': '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "outDir": "dist" } }',
      'apps/web/package.json': '{}',
      // A list of parents (TypeScript 5), one of them a package, which is never read.
      'apps/web/tsconfig.json': '{ "extends": ["@tsconfig/strictest", "../../tsconfig.base"], "compilerOptions": { "baseUrl": "src" } }',
      'apps/web/src/lib/session.ts': 'export const y = 1;',
    });
    // paths without a baseUrl are relative to the config that declares them.
    expect(resolveModule(join(root, 'apps/api/src/main.ts'), '@shared/cookies')).toBe(join(root, 'libs/shared/src/cookies.ts'));
    // The extending config's baseUrl rebases the inherited paths, as tsc does: nothing there.
    expect(resolveModule(join(root, 'apps/web/src/app.ts'), '@shared/cookies')).toBeUndefined();
    expect(resolveModule(join(root, 'apps/web/src/app.ts'), 'lib/session')).toBe(join(root, 'apps/web/src/lib/session.ts'));
  });
});

describe('a jwt the file never imports', () => {
  const route = "router.post('/check', (req, res) => {\n  const user = jwt.verify(req.cookies.token, process.env.SECRET);\n  res.json({ id: user.id });\n});\n";
  it('is jsonwebtoken when the app depends on it (global.jwt = require(...) in server.js)', () => {
    const root = app({ 'package.json': '{ "dependencies": { "jsonwebtoken": "^9.0.0" } }', 'routes/check.js': route });
    expect(findings(root, 'routes/check.js', route)).toEqual(['session/jwt-verify-algorithms-missing@2']);
  });
  it('is nothing known without that dependency, or when the file declares its own jwt', () => {
    const bare = app({ 'package.json': '{ "dependencies": { "express": "^4" } }', 'routes/check.js': route });
    expect(findings(bare, 'routes/check.js', route)).toEqual([]);
    const local = `const jwt = makeVerifier();\n${route}`;
    const root = app({ 'package.json': '{ "dependencies": { "jsonwebtoken": "^9.0.0" } }', 'routes/check.js': local });
    expect(findings(root, 'routes/check.js', local)).toEqual([]);
  });
});

describe('classic Redux reducers and the actions the app dispatches', () => {
  const reducer = [
    "import * as types from '../actions/types';",
    'export default function auth(state = {}, action) {',
    '  switch (action.type) {',
    '    case types.LOGIN_REQUEST:',
    '    case types.LOGIN_SUCCESS:',
    "      localStorage.setItem('user', JSON.stringify(action.payload));",
    '      return { ...state, user: action.payload };',
    '    case types.CART_LOADED:',
    "      localStorage.setItem('cart', JSON.stringify(action.payload));",
    '      return state;',
    '    default:',
    '      return state;',
    '  }',
    '}',
  ].join('\n');
  const actions = (payload: string) =>
    `import axios from 'axios';\nimport * as types from './types';\nexport const login = (creds) => async (dispatch) => {\n  const res = await axios.post('/api/users/login', creds);\n  dispatch({ type: types.LOGIN_SUCCESS, payload: ${payload} });\n  const cart = await axios.get('/api/cart');\n  dispatch({ type: types.CART_LOADED, payload: cart.data });\n};\n`;

  it('a case whose type the app dispatches with the login answer holds it, through fall-through cases too', () => {
    const root = app({ 'package.json': '{}', 'src/actions/auth.js': actions('res.data'), 'src/reducers/auth.js': reducer });
    expect(findings(root, 'src/reducers/auth.js', reducer)).toEqual(['session/token-in-web-storage@6']);
  });

  it('not when what is dispatched with that type is something else', () => {
    const root = app({ 'package.json': '{}', 'src/actions/auth.js': actions('{ name: creds.email }'), 'src/reducers/auth.js': reducer });
    expect(findings(root, 'src/reducers/auth.js', reducer)).toEqual([]);
  });
});

describe('session/csrf-unprotected across the files of an app', () => {
  const routes = "const router = require('express').Router();\nconst { guard } = require('../middleware/guard');\nrouter.post('/items', guard, (req, res) => res.sendStatus(201));\nmodule.exports = router;\n";
  const sessionGuard = 'exports.guard = (req, res, next) => (req.isAuthenticated() ? next() : res.sendStatus(401));\n';
  const bearerGuard = "exports.guard = (req, res, next) => (req.headers.authorization ? next() : res.sendStatus(401));\n";
  const appJs = (cookie: string, extra = '') => `const session = require('express-session');\n${extra}app.use(session({ secret: process.env.S, cookie: ${cookie} }));\n`;

  it('a guarded route is judged against the session cookie app.js sets', () => {
    const root = app({ 'package.json': '{}', 'app.js': appJs('{ secure: true }'), 'middleware/guard.js': sessionGuard });
    expect(findings(root, 'routes/items.js', routes)).toEqual(['session/csrf-unprotected@3']);
  });

  it('not when the cookie is SameSite=Lax, the app has a CSRF defence, or the guard reads a bearer token', () => {
    const lax = app({ 'package.json': '{}', 'app.js': appJs("{ secure: true, sameSite: 'lax' }"), 'middleware/guard.js': sessionGuard });
    expect(findings(lax, 'routes/items.js', routes)).toEqual([]);
    const defended = app({ 'package.json': '{}', 'app.js': appJs('{ secure: true }', "const { doubleCsrfProtection } = require('csrf-csrf');\n"), 'middleware/guard.js': sessionGuard });
    expect(findings(defended, 'routes/items.js', routes)).toEqual([]);
    const bearer = app({ 'package.json': '{}', 'app.js': appJs('{ secure: true }'), 'middleware/guard.js': bearerGuard });
    expect(findings(bearer, 'routes/items.js', routes)).toEqual([]);
  });

  it('a file named on the command line (a pre-commit hook) is judged against the app of its package.json', () => {
    const root = app({ 'package.json': '{}', 'app.js': appJs('{ secure: true }'), 'middleware/guard.js': sessionGuard });
    const named = auditSessionSource('routes/items.js', routes, undefined, 'routes/items.js', '', join(root, 'routes/items.js'));
    expect(named.findings.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['session/csrf-unprotected@3']);
    expect(named.findings[0]!.message).toContain('set in app.js line 2');
  });

  it('a file named alone with no package.json above it is judged by itself', () => {
    const root = app({ 'app.js': appJs('{ secure: true }'), 'middleware/guard.js': sessionGuard });
    const named = auditSessionSource('routes/items.js', routes, undefined, 'routes/items.js', '', join(root, 'routes/items.js'));
    expect(named.findings).toEqual([]);
  });
});
