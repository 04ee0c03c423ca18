// Whether code runs on a server, handling a request: some rules (trusting a decoded token, reading
// a token from the query string) only mean something there.
import { isNode, nameOf, type Node } from '../js/ast.js';
import type { AuditContext } from './context.js';
import { isFunction } from './flow.js';

const SERVER_MODULES = /^(express|koa|fastify|@nestjs\/|next\/server|hono|@hapi\/|restify|next-auth|http$|node:http|@koa\/|koa-|express-|passport|@fastify\/)/;
const CLIENT_MODULES = /^(react|react-dom|react-native|vue|@angular\/|svelte|jwt-decode$|axios$)/;
const REQUEST_PARAM = /^(req|request|ctx|context|c|event)$/;
const HANDLER_NAME = /^(canActivate|validate|use|middleware|authenticate|authorize|intercept|handle|GET|POST|PUT|PATCH|DELETE)$/;

/** True when the file is server code, or the node sits in a function that takes a request. */
export function inServerContext(ctx: AuditContext, ancestors: readonly Node[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i]!;
    if (!isFunction(node)) continue;
    const params = node.params as Node[];
    if (params.some((p) => p.type === 'Identifier' && REQUEST_PARAM.test(p.name as string)) && params.length >= 1) {
      if (params.length >= 2 || !ctx.importsFrom(CLIENT_MODULES)) return true;
    }
    const owner = ancestors[i - 1];
    const name = nameOf(node) ?? (owner ? nameOf(owner) : undefined);
    if (name && HANDLER_NAME.test(name)) return true;
  }
  return ctx.importsFrom(SERVER_MODULES) && !ctx.importsFrom(/^(react|react-dom|react-native|vue|@angular\/|svelte)/);
}

/** The innermost function around a node, if any. */
export function enclosingFunction(ancestors: readonly Node[]): Node | undefined {
  for (let i = ancestors.length - 2; i >= 0; i--) if (isFunction(ancestors[i])) return ancestors[i];
  return undefined;
}

/** Text that says which route or job a node serves: route path strings and function names around it. */
export function routeContext(ctx: AuditContext, ancestors: readonly Node[]): string {
  const parts: string[] = [];
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const node = ancestors[i]!;
    const name = nameOf(node);
    if (name) parts.push(name);
    if (node.type === 'CallExpression') {
      const first = (node.arguments as Node[])[0];
      if (isNode(first) && first.type === 'Literal' && typeof first.value === 'string') parts.push(first.value);
    }
    if (node.type === 'MethodDefinition' || node.type === 'FunctionDeclaration') {
      for (const decorator of (node.decorators as Node[] | undefined) ?? []) parts.push(ctx.text(decorator));
    }
  }
  return parts.join(' ');
}
