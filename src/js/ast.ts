// Helpers over oxc's ESTree-shaped tree, for every domain that reads JS/TS.

export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export interface PathEntry {
  node: Node;
  /** The parent's member that holds this node ('callee', 'arguments', ...). */
  key: string;
  index: number;
}

// Wrappers that do not change which value an expression is.
export const TRANSPARENT = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ChainExpression']);

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

export function unwrap(node: unknown): unknown {
  let current = node;
  while (isNode(current) && TRANSPARENT.has(current.type)) current = current.expression;
  return current;
}

/** The name a reference ends in: `re` for `re`, `this.re` and `obj.re`. */
export function referenceName(node: unknown): string | undefined {
  const target = unwrap(node);
  if (!isNode(target)) return undefined;
  if (target.type === 'Identifier') return target.name as string;
  if (target.type === 'MemberExpression' && !target.computed && isNode(target.property)) return target.property.name as string | undefined;
  return undefined;
}

export function keyName(key: unknown): string | undefined {
  if (!isNode(key)) return undefined;
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** Names that describe what a node is: the declared, assigned or defined name. */
export function nameOf(node: Node): string | undefined {
  switch (node.type) {
    case 'VariableDeclarator':
      return isNode(node.id) && node.id.type === 'Identifier' ? (node.id.name as string) : undefined;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'AccessorProperty':
    case 'TSPropertySignature':
      return keyName(node.key);
    case 'AssignmentExpression':
      return referenceName(node.left);
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return isNode(node.id) ? (node.id.name as string) : undefined;
    default:
      return undefined;
  }
}

/**
 * Characters a caller lets constant strings expand to. A name stands for its whole value at each
 * use, so `(a+a)+(a+a)`... multiplies the file's text: 17 KB made a 4 MB pattern, and 130 KB more
 * than V8's longest string. Past `left`, the value is not built and `exceeded` says why.
 */
export interface ExpansionBudget {
  left: number;
  exceeded: boolean;
}

/** The value of an expression built only from string constants, or undefined. */
export function constantString(node: unknown, constants: ReadonlyMap<string, string | null>, depth = 0, budget?: ExpansionBudget): string | undefined {
  const target = unwrap(node);
  if (!isNode(target) || depth > 64) return undefined;
  switch (target.type) {
    case 'Literal':
      return typeof target.value === 'string' ? target.value : undefined;
    case 'TemplateLiteral': {
      const quasis = target.quasis as Node[];
      if ((target.expressions as unknown[]).length > 0 || quasis.length !== 1) return undefined;
      const cooked = (quasis[0]!.value as { cooked: string | null }).cooked;
      return cooked ?? undefined;
    }
    case 'BinaryExpression': {
      if (target.operator !== '+') return undefined;
      const left = constantString(target.left, constants, depth + 1, budget);
      if (left === undefined) return undefined;
      const right = constantString(target.right, constants, depth + 1, budget);
      if (right === undefined) return undefined;
      return withinBudget(left.length + right.length, budget) ? left + right : undefined;
    }
    case 'Identifier': {
      const value = constants.get(target.name as string);
      return value != null && withinBudget(value.length, budget) ? value : undefined;
    }
    default:
      return undefined;
  }
}

function withinBudget(length: number, budget: ExpansionBudget | undefined): boolean {
  if (!budget || length <= budget.left) return true;
  budget.exceeded = true;
  return false;
}

/**
 * Visits every node depth-first in source order, with the path from the root (the visited node
 * last). Iterative, so that deeply nested code cannot overflow the stack. The path array is
 * reused between calls: copy it to keep it.
 */
export function walkWithPath(root: Node, visit: (node: Node, path: readonly PathEntry[]) => void): void {
  const path: PathEntry[] = [];
  const stack: { entry: PathEntry; depth: number }[] = [{ entry: { node: root, key: '', index: -1 }, depth: 0 }];
  while (stack.length > 0) {
    const { entry, depth } = stack.pop()!;
    path.length = depth;
    path.push(entry);
    const node = entry.node;
    visit(node, path);
    for (const key in node) {
      const value = node[key];
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i];
          if (isNode(child)) stack.push({ entry: { node: child, key, index: i }, depth: depth + 1 });
        }
      } else if (isNode(value)) {
        stack.push({ entry: { node: value, key, index: -1 }, depth: depth + 1 });
      }
    }
  }
}
