// A small, sound intra-file data flow: which expression a name stands for, and which properties an
// options object has. It answers only what the file says for certain: a name declared twice in one
// scope, a `let` assigned again, a spread of something unknown all make the answer "unknown", and
// checks treat unknown as "no finding" (precision first).
import { isNode, keyName, type Node, type PathEntry, unwrap } from '../js/ast.js';
import { type ImportBinding, importedConstant, importedObject } from './imported.js';

/** The value a name is bound to: `init` itself, or the member `path` of it (destructuring). */
export interface ValueRef {
  node: Node;
  path: string[];
}

interface Binding {
  name: string;
  scope: Node;
  declaredAt: number;
  /** Undefined for parameters and for names assigned after declaration. */
  value?: ValueRef;
  /** The function a parameter belongs to, and its position. */
  param?: { fn: Node; index: number; path: string[] };
  reassigned: boolean;
}

/** Marks a property whose value cannot be known (it may come from an unknown spread). */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type PropertyValue = Node | typeof UNKNOWN | undefined;

export interface ObjectView {
  node: Node;
  get(name: string): PropertyValue;
  has(name: string): boolean | typeof UNKNOWN;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const SCOPE_TYPES = new Set(['Program', 'BlockStatement', 'StaticBlock', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'CatchClause', ...FUNCTION_TYPES]);

export function isFunction(node: unknown): boolean {
  return isNode(node) && FUNCTION_TYPES.has(node.type);
}

export class FileFlow {
  private readonly byName = new Map<string, Binding[]>();
  readonly parents = new Map<Node, Node>();

  private readonly assigned: { name: string; at: number }[] = [];
  private readonly memberWrites: { name: string; key: string | undefined; node: Node }[] = [];
  private readonly thisWrites: { key: string | undefined; at: number }[] = [];
  /** Writes after declaration to an object literal bound by const: `opts.secure = true`. */
  private readonly objectWrites = new Map<Node, { key: string | undefined; value: Node | typeof UNKNOWN }[]>();

  constructor(
    readonly imports: ReadonlyMap<string, ImportBinding>,
    /** The file's absolute path, to follow relative imports one module deep; absent for standard input. */
    readonly location?: string,
    /** The app's folder, for imports through path aliases when no package.json names it. */
    readonly appRoot?: string,
  ) {}

  /** The constant an imported name or member chain has in its (relative) module. */
  importedConstant(node: unknown): string | number | undefined {
    return importedConstant(node, this.imports, this.location, this.appRoot);
  }

  /** Called for every node of the file, in source order, by the one walk the audit makes. */
  visit(node: Node, path: readonly PathEntry[]): void {
    const parent = path[path.length - 2]?.node;
    if (parent) this.parents.set(node, parent);
    if (node.type === 'VariableDeclarator') {
      const declaration = parent!;
      const scope = declaration.kind === 'var' ? nearest(path, FUNCTION_TYPES, 'Program') : nearest(path.slice(0, -2), SCOPE_TYPES, 'Program');
      const init = isNode(node.init) ? node.init : undefined;
      this.bindPattern(node.id as Node, scope, node.start, init ? { node: init, path: [] } : undefined);
    } else if (FUNCTION_TYPES.has(node.type)) {
      for (const [index, param] of (node.params as Node[]).entries()) this.bindParam(param, node, index, []);
      if (node.type === 'FunctionDeclaration' && isNode(node.id)) {
        const scope = nearest(path.slice(0, -1), SCOPE_TYPES, 'Program');
        this.add({ name: node.id.name as string, scope, declaredAt: node.start, value: { node, path: [] }, reassigned: false });
      }
    } else if (node.type === 'AssignmentExpression' || node.type === 'UpdateExpression') {
      const target = unwrap(node.type === 'AssignmentExpression' ? node.left : node.argument) as Node;
      if (target.type === 'Identifier') this.assigned.push({ name: target.name as string, at: node.start });
      const object = target.type === 'MemberExpression' ? (unwrap(target.object) as Node) : undefined;
      if (object?.type === 'Identifier' && node.type === 'AssignmentExpression') this.memberWrites.push({ name: object.name as string, key: target.computed ? undefined : keyName(target.property), node });
      if (object?.type === 'ThisExpression') this.thisWrites.push({ key: target.computed ? undefined : keyName(target.property), at: node.start });
    } else if (node.type === 'CallExpression' && isNode(node.callee) && node.callee.type === 'MemberExpression' && keyName(node.callee.property) === 'assign') {
      // Object.assign(opts, {...}): whatever it copies, the object's properties are no longer known.
      const first = unwrap((node.arguments as Node[])[0]) as Node | undefined;
      if (first?.type === 'Identifier') this.memberWrites.push({ name: first.name as string, key: undefined, node });
    }
  }

  /** After the walk: names assigned after their declaration hold no certain value. */
  finish(): void {
    for (const { name, at } of this.assigned) {
      const binding = this.lookup(name, at);
      if (binding) binding.reassigned = true;
    }
    for (const { name, key, node } of this.memberWrites) {
      const binding = this.lookup(name, node.start);
      if (!binding || binding.reassigned || !binding.value || binding.value.path.length > 0) continue;
      const object = unwrap(binding.value.node) as Node;
      if (object.type !== 'ObjectExpression') continue;
      // A write that runs whenever the declaration does (a statement of the same block) sets the
      // value; one under an `if` (natours: `if (prod) cookieOptions.secure = true`) makes it unknown.
      const statement = this.parents.get(node);
      const block = statement ? this.parents.get(statement) : undefined;
      const certain = node.type === 'AssignmentExpression' && node.operator === '=' && statement?.type === 'ExpressionStatement' && (block === binding.scope || (isNode(binding.scope.body) && block === binding.scope.body));
      const list = this.objectWrites.get(object) ?? [];
      list.push({ key, value: certain ? (node.right as Node) : UNKNOWN });
      this.objectWrites.set(object, list);
    }
  }

  /** The properties written to a const object literal after its declaration, in source order. */
  writesTo(object: Node): readonly { key: string | undefined; value: Node | typeof UNKNOWN }[] {
    return this.objectWrites.get(object) ?? [];
  }

  private add(binding: Binding): void {
    const list = this.byName.get(binding.name);
    if (list) list.push(binding);
    else this.byName.set(binding.name, [binding]);
  }

  private bindPattern(pattern: Node, scope: Node, at: number, value: ValueRef | undefined): void {
    switch (pattern.type) {
      case 'Identifier':
        this.add({ name: pattern.name as string, scope, declaredAt: at, ...(value ? { value } : {}), reassigned: false });
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties as Node[]) {
          if (prop.type !== 'Property') {
            this.bindPattern(prop.argument as Node, scope, at, undefined);
            continue;
          }
          const key = prop.computed ? undefined : keyName(prop.key);
          this.bindPattern(prop.value as Node, scope, at, value && key !== undefined ? { node: value.node, path: [...value.path, key] } : undefined);
        }
        return;
      case 'AssignmentPattern':
        // A default only applies when the value is undefined: the value is not known for certain.
        this.bindPattern(pattern.left as Node, scope, at, undefined);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements as (Node | null)[]) if (element) this.bindPattern(element, scope, at, undefined);
        return;
      case 'RestElement':
        this.bindPattern(pattern.argument as Node, scope, at, undefined);
        return;
      default:
        return;
    }
  }

  private bindParam(param: Node, fn: Node, index: number, path: string[]): void {
    if (param.type === 'Identifier') this.add({ name: param.name as string, scope: fn, declaredAt: fn.start, param: { fn, index, path }, reassigned: false });
    else if (param.type === 'ObjectPattern') {
      for (const prop of param.properties as Node[]) {
        const key = prop.type === 'Property' && !prop.computed ? keyName(prop.key) : undefined;
        const target = prop.type === 'Property' ? (prop.value as Node) : (prop.argument as Node);
        if (key !== undefined && target.type === 'Identifier') this.bindParam(target, fn, index, [...path, key]);
        else this.bindPattern(target, fn, fn.start, undefined);
      }
    } else if (param.type === 'AssignmentPattern' || param.type === 'RestElement' || param.type === 'ArrayPattern') {
      this.bindPattern(param, fn, fn.start, undefined);
    } else if (param.type === 'TSParameterProperty') {
      this.bindParam(param.parameter as Node, fn, index, path);
    }
  }

  private lookup(name: string, at: number): Binding | undefined {
    let best: Binding | undefined;
    for (const binding of this.byName.get(name) ?? []) {
      if (binding.scope.start > at || binding.scope.end < at) continue;
      if (!best || binding.scope.end - binding.scope.start < best.scope.end - best.scope.start) best = binding;
      else if (binding.scope === best.scope) return undefined; // declared twice in one scope: ambiguous
    }
    return best;
  }

  /** The binding an identifier refers to, if declared in this file. */
  bindingOf(identifier: Node): Binding | undefined {
    return identifier.type === 'Identifier' ? this.lookup(identifier.name as string, identifier.start) : undefined;
  }

  /** For a parameter reference: its function and index (and destructured path). */
  paramOf(identifier: Node): Binding['param'] {
    const binding = this.bindingOf(identifier);
    return binding && !binding.reassigned ? binding.param : undefined;
  }

  /** Follows a name to the expression it was initialised with (once, for certain). */
  valueOf(node: unknown): ValueRef | undefined {
    const target = unwrap(node);
    if (!isNode(target)) return undefined;
    if (target.type !== 'Identifier') return { node: target, path: [] };
    const binding = this.bindingOf(target);
    if (!binding || binding.reassigned || !binding.value) return undefined;
    return binding.value;
  }

  /**
   * The expression a node stands for after following names and known object members, up to a
   * few steps; undefined when the file does not say.
   */
  resolve(node: unknown, depth = 0): Node | undefined {
    const target = unwrap(node);
    if (!isNode(target) || depth > 8) return undefined;
    if (target.type === 'Identifier') {
      if (target.name === 'undefined') return target;
      const ref = this.valueOf(target);
      if (!ref) return undefined;
      let current: Node | undefined = this.resolve(ref.node, depth + 1);
      for (const key of ref.path) {
        if (!current) return undefined;
        const value = this.objectView(current, depth + 1)?.get(key);
        current = isNode(value) ? this.resolve(value, depth + 1) : undefined;
      }
      return current;
    }
    if (target.type === 'MemberExpression' && !target.computed && (unwrap(target.object) as Node).type === 'ThisExpression') {
      const field = this.classField(target);
      return field ? this.resolve(field, depth + 1) : target;
    }
    if (target.type === 'MemberExpression' && !target.computed) {
      const key = keyName(target.property);
      const object = this.resolve(target.object, depth + 1);
      if (key === undefined || !object || object.type !== 'ObjectExpression') return target;
      const value = this.objectView(object, depth + 1)?.get(key);
      return isNode(value) ? this.resolve(value, depth + 1) : target;
    }
    return target;
  }

  /**
   * `this.cookieOptions` inside a class whose field `cookieOptions = {...}` is initialised where it
   * is declared and never assigned again in the class.
   */
  private classField(member: Node): Node | undefined {
    const key = keyName(member.property);
    let body: Node | undefined;
    for (let node = this.parents.get(member); node; node = this.parents.get(node)) {
      if (node.type === 'ClassBody') {
        body = node;
        break;
      }
    }
    if (!body || key === undefined) return undefined;
    const field = (body.body as Node[]).find((m) => m.type === 'PropertyDefinition' && !m.computed && keyName(m.key) === key && !m.static);
    if (!field || !isNode(field.value)) return undefined;
    const assigned = this.thisWrites.some((w) => w.key === key && w.at >= body!.start && w.at <= body!.end);
    return assigned ? undefined : field.value;
  }

  /** The properties of an object literal (directly or through names), spreads merged; undefined when not an object literal. */
  objectView(node: unknown, depth = 0): InternalView | undefined {
    const object = isNode(node) && node.type === 'ObjectExpression' ? node : this.resolve(node, depth + 1);
    if (object?.type !== 'ObjectExpression' || depth > 8) return undefined;
    const entries = new Map<string, Node | typeof UNKNOWN>();
    let unknownRest = false;
    let unresolved: Node | undefined;
    for (const prop of object.properties as Node[]) {
      if (prop.type === 'SpreadElement') {
        const inner = this.objectView(prop.argument, depth + 1);
        if (!inner) {
          const imported = importedObject(prop.argument, this.imports, this.location, this.appRoot);
          if (imported) {
            // One import deep: the cookie attributes of a shared options module, as synthetic literals at the spread.
            // Other members are not taken over, but known absent when the object is complete.
            if (!imported.complete) {
              unknownRest = true;
              entries.clear();
            }
            for (const [key, value] of Object.entries(imported.members)) if (IMPORTABLE_KEYS.has(key)) entries.set(key, { type: 'Literal', value, start: prop.start, end: prop.end } as Node);
            continue;
          }
          unknownRest = true;
          unresolved = prop.argument as Node;
          entries.clear();
          continue;
        }
        for (const [key, value] of inner.entries()) entries.set(key, value);
        if (inner.unknownRest) unknownRest = true;
        if (inner.unresolved) unresolved = inner.unresolved;
        continue;
      }
      const key = prop.computed ? undefined : keyName(prop.key);
      if (key === undefined) {
        unknownRest = true;
        continue;
      }
      entries.set(key, prop.kind === 'init' && !prop.method ? (prop.value as Node) : UNKNOWN);
    }
    for (const write of this.writesTo(object)) {
      if (write.key === undefined) {
        unknownRest = true;
        entries.clear();
      } else {
        entries.set(write.key, write.value);
      }
    }
    return makeView(object, entries, unknownRest, unresolved);
  }

  /** The declarator whose initialiser is this expression (through `await`). */
  declaratorOf(expression: Node): Node | undefined {
    let current = expression;
    let parent = this.parents.get(current);
    while (parent && (parent.type === 'AwaitExpression' || parent.type === 'ParenthesizedExpression' || parent.type === 'TSAsExpression')) {
      current = parent;
      parent = this.parents.get(current);
    }
    return parent?.type === 'VariableDeclarator' && parent.init === current ? parent : undefined;
  }
}

export interface InternalView extends ObjectView {
  entries(): IterableIterator<[string, Node | typeof UNKNOWN]>;
  unknownRest: boolean;
  /** The last spread whose properties the file does not show (`...cookieOptions` from a package). */
  unresolved?: Node;
}

// The members of an imported options object that are taken over: cookie attributes only, so no
// other module's secret or lifetime is ever reported against this file.
const IMPORTABLE_KEYS = new Set(['httpOnly', 'secure', 'sameSite', 'path', 'domain']);

function makeView(node: Node, entries: Map<string, Node | typeof UNKNOWN>, unknownRest: boolean, unresolved?: Node): InternalView {
  return {
    node,
    unknownRest,
    ...(unresolved ? { unresolved } : {}),
    entries: () => entries.entries(),
    get: (name) => (entries.has(name) ? entries.get(name) : unknownRest ? UNKNOWN : undefined),
    has: (name) => (entries.has(name) ? true : unknownRest ? UNKNOWN : false),
  };
}

function nearest(path: readonly PathEntry[], types: ReadonlySet<string>, fallback: string): Node {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!.node;
    if (types.has(node.type) || node.type === fallback) return node;
  }
  return path[0]!.node;
}

/** A literal boolean, or undefined for anything computed. */
export function booleanLiteral(node: PropertyValue): boolean | undefined {
  const target = isNode(node) ? unwrap(node) : undefined;
  return isNode(target) && target.type === 'Literal' && typeof target.value === 'boolean' ? target.value : undefined;
}

/** A literal string (no interpolation), or undefined. */
export function stringLiteral(node: unknown): string | undefined {
  const target = unwrap(node);
  if (!isNode(target)) return undefined;
  if (target.type === 'Literal' && typeof target.value === 'string') return target.value;
  if (target.type === 'TemplateLiteral' && (target.expressions as unknown[]).length === 0) {
    return ((target.quasis as Node[])[0]?.value as { cooked?: string } | undefined)?.cooked ?? undefined;
  }
  return undefined;
}
