// session/cors-credentials-any-origin: credentials allowed for whatever Origin asks, through the
// cors packages' options ({ origin: true | '*' | always-allow callback }) or hand-written headers
// that echo the request's Origin outside any allow-list check.
import { isNode, keyName, type Node, unwrap, walkWithPath } from '../js/ast.js';
import { type AuditContext, args, callAnchor, calleeName } from './context.js';
import { booleanLiteral, isFunction, stringLiteral } from './flow.js';
import { enclosingFunction } from './server.js';

const FIX = "cors({ origin: ['https://app.example.com'], credentials: true })";
const DECISIONS = new Set(['IfStatement', 'ConditionalExpression', 'LogicalExpression', 'SwitchStatement', 'ThrowStatement']);

/** An origin callback that allows or echoes every origin: no decision anywhere in its body. */
function alwaysAllows(fn: Node): 'allow' | 'reflect' | undefined {
  const params = (fn.params as Node[]).map((p) => (p.type === 'Identifier' ? (p.name as string) : ''));
  let decides = false;
  let verdict: 'allow' | 'reflect' | undefined;
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') {
    const value = unwrap(body) as Node;
    if (value.type === 'Identifier' && value.name === params[0]) return 'reflect';
    if (booleanLiteral(value) === true) return 'allow';
  }
  walkWithPath(body, (node) => {
    if (DECISIONS.has(node.type)) decides = true;
    if (node.type === 'CallExpression' && (node.arguments as Node[]).length >= 2) {
      const callee = unwrap(node.callee) as Node;
      const second = unwrap((node.arguments as Node[])[1]) as Node;
      if (callee.type === 'Identifier' && callee.name === params[1]) {
        if (booleanLiteral(second) === true) verdict ??= 'allow';
        else if (second.type === 'Identifier' && second.name === params[0]) verdict = 'reflect';
      }
    }
    if (node.type === 'ReturnStatement' && isNode(node.argument)) {
      const value = unwrap(node.argument) as Node;
      if (booleanLiteral(value) === true) verdict ??= 'allow';
      else if (value.type === 'Identifier' && value.name === params[0]) verdict = 'reflect';
    }
  });
  return decides ? undefined : verdict;
}

function checkOptionObjects(ctx: AuditContext): void {
  for (const { node } of ctx.objects) {
    const view = ctx.flow.objectView(node);
    if (view?.has('origin') !== true || booleanLiteral(view.get('credentials') as Node | undefined) !== true) continue;
    const origin = view.get('origin');
    if (!isNode(origin)) continue;
    const value = ctx.flow.resolve(origin) ?? (unwrap(origin) as Node);
    let what: string | undefined;
    if (booleanLiteral(value) === true) what = 'origin: true reflects every Origin';
    else if (stringLiteral(value) === '*') what = "origin: '*'";
    else if (isFunction(value)) {
      const verdict = alwaysAllows(value);
      if (verdict === 'allow') what = 'the origin callback allows every origin';
      if (verdict === 'reflect') what = 'the origin callback echoes every origin';
    } else if (value.type === 'ArrayExpression' && (value.elements as Node[]).some((e) => e && stringLiteral(e) === '*')) what = "the origin list holds '*'";
    if (!what) continue;
    const at = (node.properties as Node[]).find((p) => p.type === 'Property' && keyName(p.key) === 'origin') ?? node;
    ctx.report('session/cors-credentials-any-origin', at, `CORS allows credentials and ${what}: any website the user visits can call this API with their cookies and read the answers. List the trusted origins: ${FIX}`);
  }
}

const ORIGIN_READ = /headers\.origin\b|headers\[\s*['"]origin['"]\s*\]|(header|get)\(\s*['"]origin['"]\s*\)/i;

/** res.setHeader('Access-Control-Allow-Origin', req.headers.origin) with credentials, outside any check. */
function checkManualHeaders(ctx: AuditContext): void {
  const credentialFunctions = new Set<Node | undefined>();
  const reflections: { at: Node; fn: Node | undefined }[] = [];
  for (const { node, ancestors } of ctx.calls) {
    const name = calleeName(node);
    const list = args(node);
    if (!name || !['setHeader', 'header', 'set', 'append'].includes(name) || !list[1]) continue;
    const header = stringLiteral(list[0])?.toLowerCase();
    const fn = enclosingFunction(ancestors);
    if (header === 'access-control-allow-credentials' && /true/.test(ctx.text(list[1]))) credentialFunctions.add(fn);
    if (header !== 'access-control-allow-origin') continue;
    const value = ctx.flow.resolve(list[1]) ?? list[1];
    if (!ORIGIN_READ.test(ctx.text(value))) continue;
    const guarded = ancestors.some((a) => (a.type === 'IfStatement' || a.type === 'ConditionalExpression') && (!fn || (a.start >= fn.start && a.end <= fn.end)));
    if (!guarded) reflections.push({ at: callAnchor(node), fn });
  }
  for (const { at, fn } of reflections) {
    if (!credentialFunctions.has(fn)) continue;
    ctx.report('session/cors-credentials-any-origin', at, `Access-Control-Allow-Origin echoes the request's Origin with credentials allowed: any website the user visits can call this API with their cookies and read the answers. Compare the Origin with a list of trusted origins first, or use ${FIX}`);
  }
}

export function checkCors(ctx: AuditContext): void {
  checkOptionObjects(ctx);
  checkManualHeaders(ctx);
}
