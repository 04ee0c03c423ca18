// Whether an expression holds a session token, following the value through the file: a token-named
// member (`res.data.accessToken`), a signing call, the response of a login request (axios
// `res.data`, fetch `await res.json()`, a `.then(response => ...)` callback), or an object or
// string built from one of those. A storage key name alone is never evidence.
import { isNode, keyName, nameOf, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, args, calleeName, calleeObject } from './context.js';
import { isFunction, stringLiteral } from './flow.js';
import { isRefreshName, isTokenName, jwtOperation } from './libraries.js';
import { importedFunction, returnedRequest } from './modules.js';
import { classicReducerPayload } from './redux.js';

export type TokenKind = 'token' | 'refresh' | 'login-response' | 'login-body';

/** True for the kinds that put a token where they go (a whole login body holds one). */
export function holdsToken(kind: TokenKind | undefined): boolean {
  return kind === 'token' || kind === 'refresh' || kind === 'login-body';
}

const LOGIN_URL = /log-?in|sign-?in|auth|token|session|oauth|sign-?up|register/i;
const REQUEST_METHODS = new Set(['post', 'get', 'put', 'patch', 'request', 'fetch']);
const REQUEST_FUNCTIONS = new Set(['fetch', 'axios', 'ky', 'ofetch', '$fetch', 'request']);
const BODY_WRAPPERS = new Set(['data', 'result', 'body', 'payload']);

export function classifyToken(ctx: AuditContext, node: unknown, depth = 0): TokenKind | undefined {
  const target = unwrap(node);
  if (!isNode(target) || depth > 12) return undefined;
  switch (target.type) {
    case 'AwaitExpression':
      return classifyToken(ctx, target.argument, depth + 1);
    case 'Identifier':
      return classifyIdentifier(ctx, target, depth);
    case 'MemberExpression': {
      const key = keyName(target.property);
      const param = key === 'payload' ? ctx.flow.paramOf(unwrap(target.object) as Node) : undefined;
      if (param && param.path.length === 0 && isReducerAction(ctx, param.fn, param.index)) return classifyParam(ctx, param.fn, param.index, depth);
      if (param && param.path.length === 0) {
        const kind = classicReducerPayload(ctx, param.fn, param.index, target, classifyToken);
        if (kind) return kind;
      }
      return key === undefined ? undefined : member(classifyToken(ctx, target.object, depth + 1), key);
    }
    case 'CallExpression':
      return classifyCall(ctx, target, depth);
    case 'TemplateLiteral':
      return strongest((target.expressions as Node[]).map((e) => classifyToken(ctx, e, depth + 1)));
    case 'BinaryExpression':
      return target.operator === '+' ? strongest([classifyToken(ctx, target.left, depth + 1), classifyToken(ctx, target.right, depth + 1)]) : undefined;
    case 'LogicalExpression':
    case 'ConditionalExpression':
      return strongest([classifyToken(ctx, target.consequent ?? target.left, depth + 1), classifyToken(ctx, target.alternate ?? target.right, depth + 1)]);
    case 'ObjectExpression': {
      const kinds: (TokenKind | undefined)[] = [];
      for (const prop of target.properties as Node[]) {
        if (prop.type === 'SpreadElement') kinds.push(classifyToken(ctx, prop.argument, depth + 1));
        else if (prop.type === 'Property') {
          const key = keyName(prop.key);
          kinds.push(key !== undefined && isTokenName(key) ? (isRefreshName(key) ? 'refresh' : 'token') : classifyToken(ctx, prop.value, depth + 1));
        }
      }
      const kind = strongest(kinds);
      return kind === 'login-response' ? undefined : kind;
    }
    default:
      return undefined;
  }
}

function member(objectKind: TokenKind | undefined, key: string): TokenKind | undefined {
  if (isTokenName(key)) return isRefreshName(key) ? 'refresh' : 'token';
  if (objectKind === 'login-response' && key === 'data') return 'login-body';
  if (objectKind === 'login-body' && BODY_WRAPPERS.has(key)) return 'login-body';
  return undefined;
}

function classifyIdentifier(ctx: AuditContext, identifier: Node, depth: number): TokenKind | undefined {
  const name = identifier.name as string;
  const binding = ctx.flow.bindingOf(identifier);
  let kind: TokenKind | undefined;
  if (binding && !binding.reassigned && binding.value) {
    kind = classifyToken(ctx, binding.value.node, depth + 1);
    for (const key of binding.value.path) kind = member(kind, key);
  } else if (binding?.param && !binding.reassigned) {
    const { fn, index, path } = binding.param;
    const reducer = isReducerAction(ctx, fn, index);
    // (state, action) => ... reads nothing of the payload until `.payload`; (state, { payload }) does.
    if (!reducer || path[0] === 'payload') {
      kind = classifyParam(ctx, fn, index, depth);
      for (const key of reducer ? path.slice(1) : path) kind = member(kind, key);
    }
    // (state, { type, payload }) => { switch (type) { case LOGIN_SUCCESS: ... } }
    if (!kind && !reducer && path[0] === 'payload') {
      kind = classicReducerPayload(ctx, fn, index, identifier, classifyToken);
      for (const key of path.slice(1)) kind = member(kind, key);
    }
  }
  if (!kind && binding && !binding.value && !binding.param) kind = classifyStateVariable(ctx, identifier, depth);
  if (kind) return kind;
  return isTokenName(name) ? (isRefreshName(name) ? 'refresh' : 'token') : undefined;
}

/**
 * React state: `const [currentUser, setCurrentUser] = useState(...)` holds what the file passes its
 * setter (`setCurrentUser(res.data)` after the login call), whatever the initial value.
 */
function classifyStateVariable(ctx: AuditContext, identifier: Node, depth: number): TokenKind | undefined {
  const declaredAt = ctx.flow.bindingOf(identifier)?.declaredAt;
  for (const { node } of ctx.declarators) {
    if (node.start !== declaredAt) continue;
    const id = node.id as Node;
    const init = isNode(node.init) ? (unwrap(node.init) as Node) : undefined;
    if (id.type !== 'ArrayPattern' || init?.type !== 'CallExpression' || !/^(useState|useLocalStorage|ref|useRef)$/.test(calleeName(init) ?? '')) return undefined;
    const [value, setter] = id.elements as (Node | null)[];
    if (value?.type !== 'Identifier' || value.name !== identifier.name || setter?.type !== 'Identifier') return undefined;
    const kinds: (TokenKind | undefined)[] = [];
    for (const { node: call } of ctx.calls) {
      const callee = unwrap(call.callee) as Node;
      const arg = args(call)[0];
      if (callee.type === 'Identifier' && callee.name === setter.name && arg && !isFunction(arg)) kinds.push(classifyToken(ctx, arg, depth + 1));
    }
    return strongest(kinds);
  }
  return undefined;
}

/**
 * What a parameter holds, from what the file passes it: the first parameter of a `.then`
 * callback is what the promise resolves to; a helper, store action or mutation (`setSession(data)`,
 * `this.setUser(data)`, Vuex `commit('SET_USER', data)`, a Redux Toolkit reducer's
 * `action.payload`) holds the strongest of the arguments its calls in this file give it.
 */
function classifyParam(ctx: AuditContext, fn: Node, index: number, depth: number): TokenKind | undefined {
  const parent = ctx.flow.parents.get(fn);
  if (index === 0 && parent?.type === 'CallExpression' && args(parent)[0] === fn && calleeName(parent) === 'then') return classifyToken(ctx, calleeObject(parent), depth + 1);
  if (index === 0) {
    const source = observableSource(ctx, fn);
    if (source) return classifyToken(ctx, source, depth + 1);
  }
  const cache = paramCache(ctx);
  const key = `${fn.start}:${index}`;
  if (cache.has(key)) return cache.get(key);
  cache.set(key, undefined); // recursion through the same parameter resolves to "unknown"
  const kind = strongest(callSiteArguments(ctx, fn, index).map((arg) => classifyToken(ctx, arg, depth + 1))) ?? namedPayload(ctx, fn, index);
  cache.set(key, kind);
  return kind;
}

/**
 * RxJS, as Angular's HttpClient is used: `http.post(...).subscribe(res => ...)`,
 * `.subscribe({ next: res => ... })`, and `tap`/`map` operators in `.pipe(...)` see what the
 * observable emits.
 */
function observableSource(ctx: AuditContext, fn: Node): Node | undefined {
  let call = ctx.flow.parents.get(fn);
  if (call?.type === 'Property' && keyName(call.key) === 'next') {
    const object = ctx.flow.parents.get(call);
    call = object ? ctx.flow.parents.get(object) : undefined;
    if (call?.type !== 'CallExpression' || calleeName(call) !== 'subscribe') return undefined;
    return calleeObject(call);
  }
  if (call?.type !== 'CallExpression' || args(call)[0] !== fn) return undefined;
  if (calleeName(call) === 'subscribe') return calleeObject(call);
  // pipe(tap(fn)): only operators that hand on what they receive, and the first in the pipe.
  const pipe = ctx.flow.parents.get(call);
  if (!/^(tap|map|switchMap|mergeMap|concatMap)$/.test(calleeName(call) ?? '') || pipe?.type !== 'CallExpression' || calleeName(pipe) !== 'pipe' || args(pipe)[0] !== call) return undefined;
  return calleeObject(pipe);
}

const PARAM_CACHE = new WeakMap<AuditContext, Map<string, TokenKind | undefined>>();

function paramCache(ctx: AuditContext): Map<string, TokenKind | undefined> {
  let cache = PARAM_CACHE.get(ctx);
  if (!cache) PARAM_CACHE.set(ctx, (cache = new Map()));
  return cache;
}

/** The name a function is called by in this file, and whether it is a method (called as `x.name()`). */
function functionName(ctx: AuditContext, fn: Node): { name: string; method: boolean; reducer: boolean; holder?: string } | undefined {
  if (fn.type === 'FunctionDeclaration' && isNode(fn.id)) return { name: fn.id.name as string, method: false, reducer: false };
  const parent = ctx.flow.parents.get(fn);
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && isNode(parent.id) && parent.id.type === 'Identifier') return { name: parent.id.name as string, method: false, reducer: false };
  if ((parent?.type === 'Property' && parent.value === fn) || (parent?.type === 'MethodDefinition' && parent.value === fn)) {
    const name = keyName(parent.key);
    if (name === undefined) return undefined;
    // createSlice({ reducers: { setCredentials: (state, action) => ... } })
    const object = ctx.flow.parents.get(parent);
    const holder = object ? ctx.flow.parents.get(object) : undefined;
    const holderKey = holder?.type === 'Property' ? keyName(holder.key) : undefined;
    return { name, method: true, reducer: holderKey === 'reducers', ...(holderKey ? { holder: holderKey } : {}) };
  }
  return undefined;
}

function callSiteArguments(ctx: AuditContext, fn: Node, index: number): Node[] {
  const named = functionName(ctx, fn);
  if (!named || named.name.length < 3) return [];
  const found: Node[] = [];
  for (const { node: call } of ctx.calls) {
    if (call.type !== 'CallExpression' || call === fn) continue;
    const list = args(call);
    const callee = unwrap(call.callee) as Node;
    const first = stringLiteral(list[0]);
    // Vuex: commit('SET_USER', data), dispatch('auth/login', creds): the payload is the second parameter.
    if (named.method && index === 1 && first !== undefined && (calleeName(call) === 'commit' || calleeName(call) === 'dispatch') && first.split('/').pop() === named.name) {
      if (list[1]) found.push(list[1]);
      continue;
    }
    if (calleeName(call) !== named.name) continue;
    if (callee.type === 'MemberExpression' && !named.method) continue;
    if (callee.type === 'Identifier' && !named.method && ctx.flow.resolve(callee) !== fn) continue;
    // A Redux Toolkit action creator's argument becomes the reducer's action.payload.
    const argIndex = named.reducer ? index - 1 : index;
    const arg = list[argIndex];
    if (arg && arg.type !== 'SpreadElement') found.push(arg);
  }
  return found;
}

// setCredentials, setToken, loginSuccess, SET_AUTH: a store method or helper whose name says it
// receives the credentials. Its payload is the login answer even when the caller is in another file.
const CREDENTIAL_SETTER = /^(set|save|store|persist|update)_?(credentials?|tokens?|jwt|auth(data|info)?|session)$|^(login|signin|auth)_?success$|credentials/i;

// What shows that a setter's payload holds a token when its callers are elsewhere: the setter's
// name (setToken, saveJwt), or a token field the setter itself reads or keeps
// (`action.payload.accessToken`, `state.token = ...`). proshop-v2's setCredentials keeps `userInfo`
// while the JWT rides an HttpOnly cookie: a name like setCredentials alone is no evidence.
const TOKEN_SETTER = /tokens?|jwt/i;
const TOKEN_FIELD = /^(access_?token|refresh_?token|id_?token|auth_?token|token|jwt|bearer)$/i;

/** A name in the function (a variable, a property, a member) that is a token field; comments are not nodes. */
function mentionsTokenField(fn: Node): boolean {
  const visit = (node: Node): boolean => {
    if (node.type === 'Identifier' && TOKEN_FIELD.test(node.name as string)) return true;
    for (const key in node) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v) && visit(v)) return true;
      } else if (isNode(value) && key !== 'parent' && visit(value)) return true;
    }
    return false;
  };
  return visit(fn.body as Node);
}

function namedPayload(ctx: AuditContext, fn: Node, index: number): TokenKind | undefined {
  const named = functionName(ctx, fn);
  if (!named || !CREDENTIAL_SETTER.test(named.name) || /clear|remove|logout|reset|delete/i.test(named.name)) return undefined;
  if (!TOKEN_SETTER.test(named.name) && !mentionsTokenField(fn)) return undefined;
  // The payload's place: a helper's first parameter, a store mutation/action's second, a reducer's action.payload.
  const payloadIndex = named.reducer || named.holder === 'mutations' || (named.holder === 'actions' && takesContext(fn)) ? 1 : 0;
  return index === payloadIndex ? 'login-body' : undefined;
}

/** A Vuex action takes the context first (`{ commit }`, `context`); a Pinia action takes the payload. */
function takesContext(fn: Node): boolean {
  const first = (fn.params as Node[])[0];
  if (!first) return false;
  if (first.type === 'Identifier') return /^(context|ctx|store)$/.test(first.name as string);
  return first.type === 'ObjectPattern' && (first.properties as Node[]).some((p) => p.type === 'Property' && /^(commit|dispatch|state)$/.test(keyName(p.key) ?? ''));
}

/** A Redux Toolkit reducer's `action` parameter: what its calls pass is `action.payload`. */
function isReducerAction(ctx: AuditContext, fn: Node, index: number): boolean {
  return index === 1 && functionName(ctx, fn)?.reducer === true;
}

function classifyCall(ctx: AuditContext, call: Node, depth: number): TokenKind | undefined {
  const name = calleeName(call);
  const object = calleeObject(call);
  const first = args(call)[0];
  if (name === 'stringify' && object?.type === 'Identifier' && object.name === 'JSON') return classifyToken(ctx, first, depth + 1);
  if (name === 'json' && object && classifyToken(ctx, object, depth + 1) === 'login-response') return 'login-body';
  if (name === 'then' && object && first && isFunction(first)) {
    const returned = returnedExpressions(first);
    return strongest(returned.map((r) => classifyToken(ctx, r, depth + 1)));
  }
  const op = jwtOperation(ctx, call);
  if (op?.op === 'sign') return 'token';
  // RTK Query's login(...).unwrap() and similar pass-throughs resolve to what they wrap.
  if (name === 'unwrap' && object) return classifyToken(ctx, object, depth + 1);
  if ((name === 'firstValueFrom' || name === 'lastValueFrom') && first) return classifyToken(ctx, first, depth + 1);
  // Observables: `.pipe(tap(...))` and `.toPromise()` emit what the request did.
  if ((name === 'pipe' || name === 'toPromise') && object) return classifyToken(ctx, object, depth + 1);
  // A function of this file: what it returns.
  const callee = unwrap(call.callee) as Node;
  const fn = callee.type === 'Identifier' ? ctx.flow.resolve(callee) : undefined;
  if (fn && isFunction(fn)) {
    const kind = strongest(returnedExpressions(fn).map((r) => classifyToken(ctx, r, depth + 1)));
    if (kind) return kind;
  }
  if (!(fn && isFunction(fn))) {
    const kind = importedReturn(ctx, call, depth);
    if (kind) return kind;
  }
  // A login helper this file imports or calls on a service (`authService.login(form)`,
  // `const [login] = useLoginMutation()`): its result is the login answer, token included.
  if (name && LOGIN_HELPER.test(name) && !(fn && isFunction(fn)) && !REQUEST_FUNCTIONS.has(name)) return 'login-body';
  if (name && (REQUEST_FUNCTIONS.has(name) || (object && REQUEST_METHODS.has(name))) && first && (isLoginUrl(ctx, first) || (name !== 'get' && inLoginFunction(ctx, call)))) {
    // Angular's HttpClient, $fetch and ofetch resolve to the body itself; axios, fetch and ky to a response.
    const bodyClient = name === '$fetch' || name === 'ofetch' || (object !== undefined && /(^|\.)_?http(client)?$/i.test(ctx.text(object)));
    return bodyClient ? 'login-body' : 'login-response';
  }
  return undefined;
}

/**
 * A function another module exports, one import deep: what its returns hold in that module
 * (`export const fetchMe = (form) => api.post('/auth/login', form)`), or, for a request helper
 * taking the URL (`(url, body) => axios.post(url, body)`), a login request when this call passes a
 * login URL.
 */
function importedReturn(ctx: AuditContext, call: Node, depth: number): TokenKind | undefined {
  const helper = importedFunction(ctx, call.callee as Node);
  if (!helper) return undefined;
  const returned = returnedExpressions(helper.fn);
  const kind = strongest(returned.map((r) => classifyToken(helper.ctx, r, depth + 1)));
  if (kind) return kind;
  const request = returnedRequest(helper, returned);
  const url = request?.urlParam === undefined ? undefined : args(call)[request.urlParam];
  if (!request || !url || !isLoginUrl(ctx, url)) return undefined;
  const name = calleeName(request.call);
  const object = calleeObject(request.call);
  if (!name || !(REQUEST_FUNCTIONS.has(name) || (object && REQUEST_METHODS.has(name)))) return undefined;
  const bodyClient = name === '$fetch' || name === 'ofetch' || (object !== undefined && /(^|\.)_?http(client)?$/i.test(helper.ctx.text(object)));
  return bodyClient ? 'login-body' : 'login-response';
}

// `const register = async (data) => axios.post(API_URL, data)`, Redux `loginUser` thunks, Vuex
// `login` actions: the function's own name says the request logs in when the URL is a constant
// built elsewhere. Only the innermost function is read: `getAuthUser` says nothing.
const LOGIN_HELPER = /^(post|do|request|api|user)?_?(log_?in|sign_?in|authenticate)(user|with(email|password|credentials)|request)?$/i;
const LOGIN_FUNCTION = /^(handle|do|submit|on|async|fetch|post|api|user|request)?_?(log_?in|sign_?in|sign_?up|register|authenticate)(user|account|handler|submit|request|form|action|async|with[a-z]*)?$/i;

function inLoginFunction(ctx: AuditContext, call: Node): boolean {
  for (let node = ctx.flow.parents.get(call); node; node = ctx.flow.parents.get(node)) {
    if (!isFunction(node)) continue;
    // a `.then(...)` or `.map(...)` callback is not a named function: look further out
    const owner = ctx.flow.parents.get(node);
    if (owner?.type === 'CallExpression' && owner.callee !== node) continue;
    // A thunk: `const register = (data) => async (dispatch) => {...}` is named by the outer arrow.
    if (isFunction(owner) && owner!.body === node) continue;
    const name = nameOf(node) ?? (owner ? nameOf(owner) : undefined);
    return name !== undefined && LOGIN_FUNCTION.test(name);
  }
  return false;
}

function isLoginUrl(ctx: AuditContext, url: Node): boolean {
  const resolved = ctx.flow.resolve(url) ?? url;
  return LOGIN_URL.test(ctx.text(resolved)) || LOGIN_URL.test(ctx.text(url));
}

export function returnedExpressions(fn: Node): Node[] {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return [body];
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'ReturnStatement' && isNode(node.argument)) found.push(node.argument);
    if (isFunction(node)) return;
    for (const key in node) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) visit(v);
      } else if (isNode(value)) {
        visit(value);
      }
    }
  };
  for (const statement of body.body as Node[]) visit(statement);
  return found;
}

const RANK: Record<TokenKind, number> = { 'login-response': 1, token: 2, 'login-body': 3, refresh: 4 };

function strongest(kinds: (TokenKind | undefined)[]): TokenKind | undefined {
  let best: TokenKind | undefined;
  for (const kind of kinds) if (kind && (!best || RANK[kind] > RANK[best])) best = kind;
  return best;
}
