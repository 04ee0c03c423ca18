// Classic Redux across files: an action creator (or thunk) in actions/auth.js dispatches
// `{ type: LOGIN_SUCCESS, payload: res.data }` after the login call, and reducers/auth.js writes
// the payload to web storage under `case LOGIN_SUCCESS:`. Neither file shows both halves, so the
// reducer's case is linked to what the app dispatches with the same type (by constant name or
// string). The app's files that dispatch are read once per run, bounded as app.ts reads them.
import { keyName, type Node, unwrap } from '../js/ast.js';
import { parseSource } from '../js/parse.js';
import { readAppSource, sourcesOf } from './app-files.js';
import { AuditContext, args, calleeName } from './context.js';
import { stringLiteral } from './flow.js';

// What a payload holds is tokens.ts's judgement, handed in (it calls this module, not the reverse).
type Classify<K> = (ctx: AuditContext, node: Node) => K | undefined;

const cache = new Map<string, Map<string, unknown>>();

/** The names a `type` expression goes by: `LOGIN_SUCCESS`, `types.LOGIN_SUCCESS`, `'auth/login'`, and a constant's string. */
function typeKeys(ctx: AuditContext, node: Node | undefined): string[] {
  if (!node) return [];
  const target = unwrap(node) as Node;
  const keys: string[] = [];
  if (target.type === 'Identifier') keys.push(target.name as string);
  else if (target.type === 'MemberExpression' && !target.computed) keys.push(keyName(target.property) ?? '');
  const text = stringLiteral(ctx.flow.resolve(target) ?? target);
  if (text !== undefined) keys.push(`'${text}`);
  return keys.filter((key) => key.length > 1);
}

/** Is this object dispatched as an action: `dispatch({...})`, or returned by an action creator? */
function isDispatched(ctx: AuditContext, object: Node): boolean {
  const parent = ctx.flow.parents.get(object);
  if (parent?.type === 'CallExpression') return calleeName(parent) === 'dispatch' && args(parent)[0] === object;
  return parent?.type === 'ReturnStatement' || parent?.type === 'ArrowFunctionExpression';
}

/** Action types the app dispatches with a payload that is (or carries) the login answer or a token. */
function dispatchedKinds<K>(root: string, like: AuditContext, classify: Classify<K>): Map<string, K> {
  const known = cache.get(root) as Map<string, K> | undefined;
  if (known) return known;
  const kinds = new Map<string, K>();
  const { files, partial } = sourcesOf(root);
  for (const path of partial ? [] : files) {
    const text = readAppSource(path);
    if (text === undefined || !/\bdispatch\b/.test(text) || !/\bpayload\b/.test(text)) continue;
    const parsed = parseSource(path, text);
    if (parsed.refused || parsed.parseError) continue;
    const ctx = new AuditContext(path, parsed, like.limits, path, root);
    for (const { node } of ctx.objects) {
      const props = (node.properties as Node[]).filter((p) => p.type === 'Property');
      const type = props.find((p) => keyName(p.key) === 'type');
      const payload = props.find((p) => keyName(p.key) === 'payload');
      if (!type || !payload || !isDispatched(ctx, node)) continue;
      const kind = classify(ctx, payload.value as Node);
      if (kind) for (const key of typeKeys(ctx, type.value as Node)) kinds.set(key, kind);
    }
  }
  if (cache.size > 20) cache.clear();
  cache.set(root, kinds);
  return kinds;
}

/**
 * What `action.payload` (or a destructured `payload`) holds at `at`, inside `case T:` of a classic
 * reducer `(state, action) => { switch (action.type) { ... } }`: what the app dispatches with T.
 */
export function classicReducerPayload<K>(ctx: AuditContext, fn: Node, index: number, at: Node, classify: Classify<K>): K | undefined {
  if (index !== 1 || !ctx.appRoot) return undefined;
  const tests: Node[] = [];
  for (let node: Node | undefined = at; node && node !== fn; node = ctx.flow.parents.get(node)) {
    const switchCase = node.type === 'SwitchCase' ? node : undefined;
    const statement = switchCase ? ctx.flow.parents.get(switchCase) : undefined;
    if (!switchCase || statement?.type !== 'SwitchStatement' || !readsActionType(ctx, statement.discriminant as Node, fn)) continue;
    // `case A: case B: ...` both reach the statements under B.
    const cases = statement.cases as Node[];
    for (let i = cases.indexOf(switchCase); i >= 0 && (i === cases.indexOf(switchCase) || (cases[i]!.consequent as Node[]).length === 0); i--) {
      if (cases[i]!.test) tests.push(cases[i]!.test as Node);
    }
    break;
  }
  if (tests.length === 0) return undefined;
  const kinds = dispatchedKinds(ctx.appRoot, ctx, classify);
  for (const test of tests) for (const key of typeKeys(ctx, test)) if (kinds.has(key)) return kinds.get(key);
  return undefined;
}

/** `action.type`, or `type` destructured from the reducer's second parameter. */
function readsActionType(ctx: AuditContext, discriminant: Node, fn: Node): boolean {
  const target = unwrap(discriminant) as Node;
  const param = target.type === 'MemberExpression' && keyName(target.property) === 'type' ? ctx.flow.paramOf(unwrap(target.object) as Node) : target.type === 'Identifier' ? ctx.flow.paramOf(target) : undefined;
  if (!param || param.fn !== fn || param.index !== 1) return false;
  return target.type === 'MemberExpression' ? param.path.length === 0 : param.path.length === 1 && param.path[0] === 'type';
}
