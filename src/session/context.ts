// What every session check shares about one file: the tree, its imports, the data-flow view,
// the nodes the checks look at (collected in one walk), and how a finding is placed.
import { isNode, keyName, type Node, unwrap, walkWithPath } from '../js/ast.js';
import type { ParsedSource } from '../js/parse.js';
import type { Finding, Severity } from '../findings/model.js';
import { FileFlow } from './flow.js';
import type { ImportBinding } from './imported.js';
import type { SessionRuleId } from './all-rules.js';
import { SESSION_CODE_RULES } from './rules.js';

export interface SessionLimits {
  accessTokenMaxLifetimeSeconds: number;
  refreshTokenMaxLifetimeSeconds: number;
}

export const DEFAULT_LIMITS: SessionLimits = { accessTokenMaxLifetimeSeconds: 15 * 60, refreshTokenMaxLifetimeSeconds: 30 * 24 * 3600 };

/** A node with its ancestors, root first, the node itself last (computed on first use: most checks never ask). */
export interface Located {
  node: Node;
  readonly ancestors: Node[];
}

function located(node: Node, parents: ReadonlyMap<Node, Node>): Located {
  let ancestors: Node[] | undefined;
  return {
    node,
    get ancestors() {
      if (!ancestors) {
        ancestors = [node];
        for (let parent = parents.get(node); parent; parent = parents.get(parent)) ancestors.push(parent);
        ancestors.reverse();
      }
      return ancestors;
    },
  };
}

const SEVERITY = new Map<string, Severity>(SESSION_CODE_RULES.map((r) => [r.id, r.severity]));

export class AuditContext {
  readonly findings: Finding[] = [];
  readonly calls: Located[] = [];
  readonly objects: Located[] = [];
  readonly assignments: Located[] = [];
  readonly members: Located[] = [];
  readonly returns: Located[] = [];
  /** Template literals and `+` expressions: URLs and cookie strings are built with them. */
  readonly strings: Located[] = [];
  readonly declarators: Located[] = [];
  readonly imports = new Map<string, ImportBinding>();
  readonly flow: FileFlow;
  private readonly reported = new Set<string>();

  constructor(
    readonly file: string,
    readonly parsed: ParsedSource,
    readonly limits: SessionLimits,
    readonly location?: string,
    /** The app the file belongs to (nearest package.json, else the folder named): cross-file facts come from there. */
    readonly appRoot?: string,
  ) {
    this.flow = new FileFlow(this.imports, location, appRoot);
    const program = parsed.program();
    walkWithPath(program, (node, path) => {
      this.flow.visit(node, path);
      const bucket =
        node.type === 'CallExpression' || node.type === 'NewExpression'
          ? this.calls
          : node.type === 'ObjectExpression'
            ? this.objects
            : node.type === 'AssignmentExpression'
              ? this.assignments
              : node.type === 'MemberExpression'
                ? this.members
                : node.type === 'ReturnStatement'
                  ? this.returns
                  : node.type === 'TemplateLiteral' || (node.type === 'BinaryExpression' && node.operator === '+')
                    ? this.strings
                    : node.type === 'VariableDeclarator'
                      ? this.declarators
                      : undefined;
      if (node.type === 'ImportDeclaration') this.addImport(node);
      // Members and string expressions are kept only when a check can use them (`req.query...`, a
      // top-level string with a `=` in it).
      if (bucket === this.members && !isQueryAccess(node)) return;
      if (bucket === this.strings && !mayBuildQuery(node, path[path.length - 2]?.node)) return;
      if (bucket) bucket.push(located(node, this.flow.parents));
    });
    this.flow.finish();
    for (const { node } of this.calls) this.addRequire(node);
  }

  private addImport(node: Node): void {
    const source = (node.source as Node).value as string;
    for (const spec of node.specifiers as Node[]) {
      const local = (spec.local as Node).name as string;
      if (spec.type === 'ImportDefaultSpecifier') this.imports.set(local, { source, imported: 'default' });
      else if (spec.type === 'ImportNamespaceSpecifier') this.imports.set(local, { source, imported: '*' });
      else this.imports.set(local, { source, imported: keyName(spec.imported) ?? local });
    }
  }

  /** `const jwt = require('jsonwebtoken')` and `const { sign } = require('jsonwebtoken')`. */
  private addRequire(call: Node): void {
    const source = requireSource(call);
    if (source === undefined) return;
    const declarator = this.flow.declaratorOf(call);
    if (!declarator) return;
    const id = declarator.id as Node;
    if (id.type === 'Identifier') this.imports.set(id.name as string, { source, imported: 'default' });
    else if (id.type === 'ObjectPattern') {
      for (const prop of id.properties as Node[]) {
        const value = prop.value as Node | undefined;
        if (prop.type === 'Property' && value?.type === 'Identifier') this.imports.set(value.name as string, { source, imported: keyName(prop.key) ?? '' });
      }
    }
  }

  /** The module an identifier was imported from, when it was. */
  importOf(node: unknown): ImportBinding | undefined {
    const target = unwrap(node);
    return isNode(target) && target.type === 'Identifier' ? this.imports.get(target.name as string) : undefined;
  }

  importsFrom(pattern: RegExp): boolean {
    for (const binding of this.imports.values()) if (pattern.test(binding.source)) return true;
    return false;
  }

  report(ruleId: SessionRuleId, at: Node, message: string, options: { severity?: Severity; data?: Record<string, unknown> } = {}): void {
    const { line, column } = this.parsed.lines.position(at.start);
    const key = `${ruleId}@${line}:${column}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const end = this.parsed.lines.position(at.end);
    this.findings.push({
      ruleId,
      severity: options.severity ?? SEVERITY.get(ruleId) ?? 'warning',
      message,
      file: this.file,
      line,
      column,
      endLine: end.line,
      endColumn: end.column,
      ...(options.data ? { data: options.data } : {}),
    });
  }

  /** Source text of a node, for messages (never of a secret). */
  text(node: Node): string {
    return this.parsed.text.slice(node.start, node.end);
  }
}

function isQueryAccess(member: Node): boolean {
  if (keyName(member.property) === 'query') return true;
  const object = unwrap(member.object);
  return isNode(object) && object.type === 'MemberExpression' && keyName(object.property) === 'query';
}

function mayBuildQuery(node: Node, parent: Node | undefined): boolean {
  if (parent?.type === 'BinaryExpression' && parent.operator === '+') return false;
  if (node.type === 'TemplateLiteral') return (node.quasis as Node[]).some((q) => ((q.value as { raw: string }).raw ?? '').includes('='));
  const parts: Node[] = [node];
  while (parts.length > 0) {
    const part = parts.pop()!;
    if (part.type === 'BinaryExpression' && part.operator === '+') parts.push(part.left as Node, part.right as Node);
    else if (part.type === 'Literal' && typeof part.value === 'string' && part.value.includes('=')) return true;
  }
  return false;
}

function requireSource(call: Node): string | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = call.callee as Node;
  const arg = (call.arguments as Node[])[0];
  if (callee.type !== 'Identifier' || callee.name !== 'require' || arg?.type !== 'Literal' || typeof arg.value !== 'string') return undefined;
  return arg.value;
}

/** The callee's member name: `cookie` for `res.cookie(...)`, the name for a plain call. */
export function calleeName(call: Node): string | undefined {
  const callee = unwrap(call.callee) as Node;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed) return keyName(callee.property);
  return undefined;
}

/** The object a method is called on: `res` for `res.cookie(...)`. */
export function calleeObject(call: Node): Node | undefined {
  const callee = unwrap(call.callee) as Node;
  return callee.type === 'MemberExpression' ? (unwrap(callee.object) as Node) : undefined;
}

/** Where a call's finding goes: the method name of `a.b.cookie(...)`, else the call. */
export function callAnchor(call: Node): Node {
  const callee = unwrap(call.callee) as Node;
  return callee.type === 'MemberExpression' && isNode(callee.property) ? callee.property : call;
}

export function args(call: Node): Node[] {
  return (call.arguments as Node[] | undefined) ?? [];
}
