// Functions of another module, read one import deep for what they do with a value: an API helper
// whose name says nothing (`fetchMe(form)`) but whose body posts to a login URL returns the login
// answer; a storage helper (`addUserToLocalStorage(user)`) writes its argument to web storage. The
// module is audited as a file of its own (its findings stay its own); only the summary crosses
// over, and a finding always points at the call in the file being audited.
import { readFileSync, statSync } from 'node:fs';
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { parseSource } from '../js/parse.js';
import { AuditContext, args, calleeName, calleeObject } from './context.js';
import { isFunction, stringLiteral } from './flow.js';
import { declarationIn, type ImportBinding } from './imported.js';
import { resolveModule } from './resolve.js';

const MAX_BYTES = 256 * 1024;
const contexts = new Map<string, AuditContext | null>();
// Contexts of modules read for a summary: their own imports are not followed (one import deep).
const SUMMARY_CONTEXTS = new WeakSet<AuditContext>();

function moduleContext(file: string, like: AuditContext): AuditContext | null {
  if (contexts.has(file)) return contexts.get(file)!;
  let ctx: AuditContext | null = null;
  try {
    if (statSync(file).size <= MAX_BYTES && !file.endsWith('.json')) {
      const parsed = parseSource(file, readFileSync(file, 'utf8'));
      if (!parsed.refused && !parsed.parseError) ctx = new AuditContext(file, parsed, like.limits, file, like.appRoot);
      if (ctx) SUMMARY_CONTEXTS.add(ctx);
    }
  } catch {
    ctx = null;
  }
  if (contexts.size > 100) contexts.clear();
  contexts.set(file, ctx);
  return ctx;
}

export interface ImportedFunction {
  ctx: AuditContext;
  fn: Node;
  name: string;
}

/** The function an imported name (or a member of an imported namespace) is, in its module. */
export function importedFunction(ctx: AuditContext, callee: Node): ImportedFunction | undefined {
  const target = unwrap(callee) as Node;
  let binding: ImportBinding | undefined;
  if (target.type === 'Identifier') binding = ctx.importOf(target);
  else if (target.type === 'MemberExpression' && !target.computed) {
    // import * as authApi from './api'; authApi.postSession(form)
    const outer = ctx.importOf(target.object);
    const member = keyName(target.property);
    if (outer?.imported === '*' && member) binding = { source: outer.source, imported: member };
  }
  if (!binding || binding.imported === '*' || !ctx.location || SUMMARY_CONTEXTS.has(ctx)) return undefined;
  const file = resolveModule(ctx.location, binding.source, ctx.appRoot);
  const other = file ? moduleContext(file, ctx) : null;
  if (!other) return undefined;
  const declared = declarationIn(other.parsed.program(), binding.imported);
  const fn = declared && isFunction(declared) ? declared : undefined;
  return fn ? { ctx: other, fn, name: binding.imported } : undefined;
}

/** The parameter index an expression of `fn` is (directly, or through JSON.stringify / a template). */
export function paramIndex(ctx: AuditContext, fn: Node, value: Node | undefined): number | undefined {
  let target = value ? (unwrap(value) as Node) : undefined;
  if (target?.type === 'CallExpression' && calleeName(target) === 'stringify') target = args(target)[0] ? (unwrap(args(target)[0]) as Node) : undefined;
  if (target?.type !== 'Identifier') return undefined;
  const param = ctx.flow.paramOf(target);
  return param && param.fn === fn && param.path.length === 0 ? param.index : undefined;
}

/** Calls inside `fn` (not in functions nested in it), in the module's context. */
export function callsInside(ctx: AuditContext, fn: Node): Node[] {
  return ctx.calls.map((c) => c.node).filter((call) => call.start >= fn.start && call.end <= fn.end);
}

/** `localStorage.setItem(key, <param i>)` style writes a helper makes with its own parameters. */
export function storedParameters(helper: ImportedFunction): { index: number; store: string; key: string | undefined; keyNode: Node | undefined }[] {
  const out: { index: number; store: string; key: string | undefined; keyNode: Node | undefined }[] = [];
  for (const call of callsInside(helper.ctx, helper.fn)) {
    if (calleeName(call) !== 'setItem') continue;
    const object = calleeObject(call);
    const objectText = object ? helper.ctx.text(object) : '';
    const store = /(^|\.)localStorage$/.test(objectText) ? 'localStorage' : /(^|\.)sessionStorage$/.test(objectText) ? 'sessionStorage' : /AsyncStorage$/.test(objectText) ? 'AsyncStorage' : undefined;
    const index = store ? paramIndex(helper.ctx, helper.fn, args(call)[1]) : undefined;
    if (store && index !== undefined) {
      const keyNode = args(call)[0];
      out.push({ index, store, key: stringLiteral(helper.ctx.flow.resolve(keyNode) ?? keyNode), keyNode });
    }
  }
  return out;
}

/** A request call the helper returns (`return axios.post(url, body)`), and which parameter is its URL. */
export function returnedRequest(helper: ImportedFunction, returned: Node[]): { call: Node; urlParam: number | undefined } | undefined {
  for (const expression of returned) {
    let target = unwrap(expression) as Node;
    if (target.type === 'AwaitExpression') target = unwrap(target.argument) as Node;
    if (target.type !== 'CallExpression') continue;
    const first = args(target)[0];
    if (!isNode(first)) continue;
    return { call: target, urlParam: paramIndex(helper.ctx, helper.fn, first) };
  }
  return undefined;
}
