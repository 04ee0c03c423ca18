// session/jwt-decode-without-verify: a server that reads a token's claims without checking its
// signature and then acts on them. Reading only the header (the `kid` to pick a verification key)
// is fine, and so is decoding a token this same code path has already verified.
import { keyName, type Node, unwrap, walkWithPath } from '../js/ast.js';
import { type AuditContext, type Located, args, callAnchor } from './context.js';
import { isFunction } from './flow.js';
import { jwtOperation } from './libraries.js';
import { enclosingFunction, inServerContext } from './server.js';

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
  if (parent.type === 'MemberExpression' && parent.object === outer) return keyName(parent.property) === 'header' ? 'header' : 'claims';
  if (parent.type !== 'VariableDeclarator') return 'claims';
  const id = parent.id as Node;
  if (id.type === 'ObjectPattern') {
    const keys = (id.properties as Node[]).map((p) => (p.type === 'Property' ? keyName(p.key) : undefined));
    return keys.every((k) => k === 'header') ? 'header' : 'claims';
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
    const isHeader = holder?.node.type === 'MemberExpression' && holder.key === 'object' && keyName(holder.node.property) === 'header';
    const isTest = (holder?.node.type === 'UnaryExpression' && holder.node.operator === '!') || (holder?.key === 'test' && holder.node.type === 'IfStatement');
    const isLog = path.some((entry) => entry.node.type === 'CallExpression' && /console\.|logger\.|log\(/.test(ctx.text(entry.node.callee as Node)));
    if (!isHeader && !isTest && !isLog) claimUses++;
  });
  if (uses === 0) return 'unused';
  return claimUses === 0 ? 'header' : 'claims';
}

/** A verify of the same token expression that runs before the decode on every path to it. */
function verifiedBefore(ctx: AuditContext, decode: Located, verifies: Located[]): boolean {
  const token = args(decode.node)[0];
  if (!token) return false;
  const tokenText = ctx.text(token);
  const fn = enclosingFunction(decode.ancestors);
  for (const verify of verifies) {
    const verified = args(verify.node)[0];
    if (!verified || ctx.text(verified) !== tokenText || verify.node.start > decode.node.start) continue;
    if (enclosingFunction(verify.ancestors) !== fn) continue;
    // Walk up from the verify to the first block that also holds the decode: no branch on the way.
    let dominates = true;
    for (let i = verify.ancestors.length - 2; i >= 0; i--) {
      const node = verify.ancestors[i]!;
      if (node.start <= decode.node.start && node.end >= decode.node.end) {
        // The first node holding both: when it branches, the verify and the decode are on different paths.
        if (BRANCHES.has(node.type) || node.type === 'SwitchStatement') dominates = false;
        break;
      }
      if (BRANCHES.has(node.type) || isFunction(node)) {
        dominates = false;
        break;
      }
    }
    if (dominates) return true;
  }
  return false;
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
