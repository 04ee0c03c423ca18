// session/jwt-decode-without-verify: a server that reads a token's claims without checking its
// signature and then acts on them. Reading only the header (the `kid` to pick a verification key)
// is fine, and so is decoding a token this same code path has already verified.
import { keyName, type Node, unwrap, walkWithPath } from '../js/ast.js';
import { type AuditContext, type Located, args, callAnchor } from './context.js';
import { isFunction } from './flow.js';
import { jwtOperation } from './libraries.js';
import { requestHandlers } from './handlers.js';
import { enclosingFunction, inServerContext } from './server.js';

// Reading the header (the `kid` that picks the key) or only the timing claims (when to refresh)
// trusts nobody's identity: a forged token gains nothing from either.
const NOT_IDENTITY = new Set(['header', 'exp', 'iat', 'nbf']);

const BRANCHES = new Set(['IfStatement', 'ConditionalExpression', 'LogicalExpression', 'SwitchCase', 'CatchClause']);

/** How the decoded value is used: 'header' only, 'claims', or 'unused'. */
function usageOf(ctx: AuditContext, located: Located): 'header' | 'claims' | 'unused' {
  const call = located.node;
  let outer: Node = call;
  let parent = ctx.flow.parents.get(outer);
  while (parent && (parent.type === 'AwaitExpression' || parent.type === 'ParenthesizedExpression' || parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression')) {
    outer = parent;
    parent = ctx.flow.parents.get(outer);
  }
  if (!parent || parent.type === 'ExpressionStatement') return 'unused';
  if (parent.type === 'MemberExpression' && parent.object === outer) return NOT_IDENTITY.has(keyName(parent.property) ?? '') ? 'header' : 'claims';
  if (parent.type !== 'VariableDeclarator') return 'claims';
  const id = parent.id as Node;
  if (id.type === 'ObjectPattern') {
    const keys = (id.properties as Node[]).map((p) => (p.type === 'Property' ? keyName(p.key) : undefined));
    return keys.every((k) => NOT_IDENTITY.has(k ?? '')) ? 'header' : 'claims';
  }
  if (id.type !== 'Identifier') return 'claims';
  const scope = enclosingFunction([...located.ancestors]) ?? located.ancestors[0]!;
  let uses = 0;
  let claimUses = 0;
  walkWithPath(scope, (node, path) => {
    if (node.type !== 'Identifier' || node.name !== id.name || node === id || node.start < call.end) return;
    if (ctx.flow.bindingOf(node)?.declaredAt !== parent!.start) return;
    const holder = path[path.length - 2];
    if (holder?.key === 'property' && holder.node.type === 'MemberExpression' && !holder.node.computed) return; // `x.decoded`, another name
    uses++;
    // Reading the header (to pick the key), testing that decoding worked, or logging: no trust in claims.
    const isHeader = holder?.node.type === 'MemberExpression' && holder.key === 'object' && NOT_IDENTITY.has(keyName(holder.node.property) ?? '');
    const isTest = (holder?.node.type === 'UnaryExpression' && holder.node.operator === '!') || (holder?.key === 'test' && holder.node.type === 'IfStatement');
    const isLog = path.some((entry) => entry.node.type === 'CallExpression' && /console\.|logger\.|log\(/.test(ctx.text(entry.node.callee as Node)));
    if (!isHeader && !isTest && !isLog) claimUses++;
  });
  if (uses === 0) return 'unused';
  return claimUses === 0 ? 'header' : 'claims';
}

/**
 * A verify of the same token expression that runs before the decode on every path to it: earlier
 * in the decode's function or in a function around it, or the verify whose callback holds the
 * decode (jsonwebtoken calls it only after checking the signature; the callback tests `err`).
 */
function verifiedBefore(ctx: AuditContext, decode: Located, verifies: Located[]): boolean {
  const token = args(decode.node)[0];
  if (!token) return false;
  const tokenText = ctx.text(token);
  const around = decode.ancestors.filter((node) => isFunction(node));
  for (const verify of verifies) {
    const verified = args(verify.node)[0];
    if (!verified || ctx.text(verified) !== tokenText) continue;
    const callback = args(verify.node).find((arg) => isFunction(arg));
    if (callback && around.includes(callback)) return true;
    if (verify.node.end > decode.node.start) continue;
    const fn = enclosingFunction(verify.ancestors);
    if (fn && !around.includes(fn)) continue;
    if (dominates(verify, decode)) return true;
  }
  return guardedByVerifyingHelper(ctx, decode, tokenText, verifies);
}

/**
 * `if (isValid(token)) { ... jwt.decode(token) }` where `isValid` is a function of this file that
 * verifies its first parameter: the decode only runs for a token whose signature held.
 */
function guardedByVerifyingHelper(ctx: AuditContext, decode: Located, tokenText: string, verifies: Located[]): boolean {
  const chain = decode.ancestors;
  for (let i = chain.length - 2; i >= 0; i--) {
    const node = chain[i]!;
    if (node.type !== 'IfStatement' || node.consequent !== chain[i + 1]) continue;
    const test = unwrap(node.test) as Node;
    if (test.type !== 'CallExpression' || !args(test)[0] || ctx.text(args(test)[0]!) !== tokenText) continue;
    const helper = ctx.flow.resolve(test.callee);
    if (!helper || !isFunction(helper)) continue;
    const param = (helper.params as Node[])[0];
    if (param?.type !== 'Identifier') continue;
    const verifiesParam = verifies.some((v) => v.node.start >= helper.start && v.node.end <= helper.end && ctx.text(args(v.node)[0] ?? v.node) === param.name);
    if (verifiesParam) return true;
  }
  return false;
}

/** Walk up from the verify to the first node that also holds the decode: no branch on the way. */
function dominates(verify: Located, decode: Located): boolean {
  const chain = verify.ancestors;
  for (let i = chain.length - 2; i >= 0; i--) {
    const node = chain[i]!;
    const child = chain[i + 1]!;
    // The test of an if or a ternary, and the left of && / ||, always run.
    const alwaysRuns = (node.type === 'IfStatement' || node.type === 'ConditionalExpression') ? node.test === child : node.type === 'LogicalExpression' ? node.left === child : false;
    if (node.start <= decode.node.start && node.end >= decode.node.end) {
      // The first node holding both: when it branches, the verify and the decode are on different paths.
      return alwaysRuns || !(BRANCHES.has(node.type) || node.type === 'SwitchStatement');
    }
    if (alwaysRuns) continue;
    if (BRANCHES.has(node.type) || isFunction(node)) return false;
  }
  return true;
}

// Middleware and guards that verify the bearer token before the handler runs: verifyToken,
// authenticate, requireAuth, passport.authenticate('jwt'), @UseGuards(JwtAuthGuard), express-jwt.
const VERIFYING_GUARD = /verify|authenticat|require_?auth|is_?auth|protect|check_?jwt|jwt_?check|auth_?guard|jwt_?auth|AuthGuard|expressjwt|ensure_?auth/i;

/** The decode sits in a route handler registered behind a guard that verifies the token first. */
function behindVerifyingGuard(ctx: AuditContext, decode: Located): boolean {
  const handler = requestHandlers(ctx).find((h) => decode.ancestors.includes(h.fn));
  return handler?.guards.some((guard) => VERIFYING_GUARD.test(guard)) ?? false;
}

export function checkDecodes(ctx: AuditContext): void {
  const decodes: Located[] = [];
  const verifies: Located[] = [];
  for (const located of ctx.calls) {
    const op = jwtOperation(ctx, located.node);
    if (op?.op === 'decode') decodes.push(located);
    else if (op?.op === 'verify') verifies.push(located);
  }
  for (const decode of decodes) {
    if (!inServerContext(ctx, decode.ancestors)) continue;
    if (usageOf(ctx, decode) !== 'claims') continue;
    if (verifiedBefore(ctx, decode, verifies)) continue;
    if (behindVerifyingGuard(ctx, decode)) continue;
    const fn = enclosingFunction(decode.ancestors);
    const otherBranchVerifies = verifies.some((v) => fn && v.node.start >= fn.start && v.node.end <= fn.end);
    const api = ctx.text(unwrap(decode.node.callee) as Node);
    const branch = otherBranchVerifies ? ' Another branch of this function verifies tokens; this one trusts whatever it is sent.' : '';
    ctx.report(
      'session/jwt-decode-without-verify',
      callAnchor(decode.node),
      `${api} reads the token without checking its signature, and the server acts on the claims: anyone can write {"sub":"admin"}, base64url it and be that user.${branch} Fix: jwt.verify(token, key, { algorithms: ['RS256'] }) (jose: jwtVerify), against the issuer's JWKS for tokens from elsewhere`,
    );
  }
}
