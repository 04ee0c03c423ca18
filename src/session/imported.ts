// One import deep: the constant a relative import stands for (`expiresIn: config.jwtExpiration`
// with `const config = require('../config/auth.config')`). Only what the other module writes as a
// literal at its top level counts (numbers, strings, object literals and names bound to them); an
// environment read, a call or anything computed is unknown, as it is in the file itself. Values,
// never nodes, come back: a finding always points into the file being audited.
import { readFileSync, statSync } from 'node:fs';
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { parseSource } from '../js/parse.js';
import { resolveModule } from './resolve.js';

/** A name the file imports: from which module, and which of its exports. */
export interface ImportBinding {
  source: string;
  /** 'default', '*' or the imported member name. */
  imported: string;
}

type Constant = string | number | boolean | { [key: string]: Constant } | null;

const INCOMPLETE = new WeakSet<object>();

const MAX_BYTES = 256 * 1024;
const modules = new Map<string, Map<string, Node> | null>();

/** Top-level names and exports of a module: `default` for `module.exports =` / `export default`. */
function moduleBindings(path: string): Map<string, Node> | null {
  if (modules.has(path)) return modules.get(path)!;
  let result: Map<string, Node> | null = null;
  try {
    if (statSync(path).size <= MAX_BYTES) {
      const text = readFileSync(path, 'utf8');
      const parsed = path.endsWith('.json') ? parseSource(`${path}.js`, `module.exports = ${text}`) : parseSource(path, text);
      if (!parsed.refused) result = collect(parsed.program());
    }
  } catch {
    result = null;
  }
  if (modules.size > 200) modules.clear();
  modules.set(path, result);
  return result;
}

function collect(program: Node): Map<string, Node> {
  const names = new Map<string, Node>();
  const exported = new Map<string, Node>();
  const declare = (declaration: Node, into: Map<string, Node>[]) => {
    if (declaration.type !== 'VariableDeclaration' || declaration.kind !== 'const') return;
    for (const d of declaration.declarations as Node[]) {
      const id = d.id as Node;
      if (id.type === 'Identifier' && isNode(d.init)) for (const map of into) map.set(id.name as string, d.init);
    }
  };
  for (const statement of program.body as Node[]) {
    if (statement.type === 'VariableDeclaration') declare(statement, [names]);
    else if (statement.type === 'ExportNamedDeclaration' && isNode(statement.declaration)) declare(statement.declaration, [names, exported]);
    else if (statement.type === 'ExportDefaultDeclaration' && isNode(statement.declaration)) exported.set('default', statement.declaration);
    else if (statement.type === 'ExpressionStatement') {
      const e = unwrap(statement.expression) as Node;
      if (e.type !== 'AssignmentExpression' || e.operator !== '=') continue;
      const left = unwrap(e.left) as Node;
      const text = memberPath(left);
      if (text === 'module.exports') exported.set('default', e.right as Node);
      else if (text?.startsWith('exports.') || text?.startsWith('module.exports.')) exported.set(text.split('.').pop()!, e.right as Node);
    }
  }
  const out = new Map<string, Node>();
  for (const [name, node] of names) out.set(`local:${name}`, node);
  for (const [name, node] of exported) out.set(name, node);
  return out;
}

function memberPath(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression' && !node.computed) {
    const object = memberPath(unwrap(node.object) as Node);
    const key = keyName(node.property);
    return object && key ? `${object}.${key}` : undefined;
  }
  return undefined;
}

function evaluate(node: unknown, bindings: Map<string, Node>, depth = 0): Constant | undefined {
  const target = unwrap(node);
  if (!isNode(target) || depth > 12) return undefined;
  switch (target.type) {
    case 'Literal':
      return typeof target.value === 'string' || typeof target.value === 'number' || typeof target.value === 'boolean' ? target.value : undefined;
    case 'TemplateLiteral':
      return (target.expressions as Node[]).length === 0 ? (((target.quasis as Node[])[0]?.value as { cooked?: string } | undefined)?.cooked ?? undefined) : undefined;
    case 'Identifier': {
      const bound = bindings.get(`local:${target.name as string}`);
      return bound ? evaluate(bound, bindings, depth + 1) : undefined;
    }
    case 'BinaryExpression': {
      const left = evaluate(target.left, bindings, depth + 1);
      const right = evaluate(target.right, bindings, depth + 1);
      if (typeof left !== 'number' || typeof right !== 'number') return undefined;
      return target.operator === '*' ? left * right : target.operator === '+' ? left + right : target.operator === '-' ? left - right : target.operator === '/' && right !== 0 ? left / right : undefined;
    }
    case 'ObjectExpression': {
      const out: Record<string, Constant> = {};
      for (const prop of target.properties as Node[]) {
        const key = prop.type === 'Property' && !prop.computed ? keyName(prop.key) : undefined;
        const value = key === undefined ? undefined : evaluate(prop.value, bindings, depth + 1);
        if (key !== undefined && value !== undefined) out[key] = value;
        // A member it cannot evaluate (a spread, `secure: isProd`) makes the object incomplete.
        else INCOMPLETE.add(out);
      }
      return out;
    }
    case 'MemberExpression': {
      const object = evaluate(target.object, bindings, depth + 1);
      const key = target.computed ? undefined : keyName(target.property);
      return object && typeof object === 'object' && key !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The constant `node` (an imported name, or a member chain rooted at one) has in the module it
 * comes from, for a relative import of a file on disk; undefined otherwise.
 */
export function importedConstant(node: unknown, imports: ReadonlyMap<string, ImportBinding>, location: string | undefined, appRoot?: string): string | number | undefined {
  const value = importedValue(node, imports, location, appRoot);
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** The flat object literal an imported name stands for (string, number and boolean members only). */
export function importedObject(node: unknown, imports: ReadonlyMap<string, ImportBinding>, location: string | undefined, appRoot?: string): { members: Record<string, string | number | boolean>; complete: boolean } | undefined {
  const value = importedValue(node, imports, location, appRoot);
  if (!value || typeof value !== 'object') return undefined;
  const members: Record<string, string | number | boolean> = {};
  for (const [key, member] of Object.entries(value)) if (typeof member !== 'object' && member !== null) members[key] = member;
  return { members, complete: !INCOMPLETE.has(value) };
}

function importedValue(node: unknown, imports: ReadonlyMap<string, ImportBinding>, location: string | undefined, appRoot?: string): Constant | undefined {
  if (!location) return undefined;
  const path: string[] = [];
  let current = unwrap(node);
  while (isNode(current) && current.type === 'MemberExpression' && !current.computed) {
    const key = keyName(current.property);
    if (key === undefined) return undefined;
    path.unshift(key);
    current = unwrap(current.object);
  }
  if (!isNode(current) || current.type !== 'Identifier') return undefined;
  const binding = imports.get(current.name as string);
  if (!binding || binding.imported === '*') return undefined;
  const file = resolveModule(location, binding.source, appRoot);
  const bindings = file ? moduleBindings(file) : null;
  if (!bindings) return undefined;
  const root = bindings.get(binding.imported);
  let value = root ? evaluate(root, bindings) : undefined;
  for (const key of path) value = value && typeof value === 'object' && Object.hasOwn(value, key) ? value[key] : undefined;
  return value;
}

export interface ImportedDeclaration {
  file: string;
  text: string;
  node: Node;
}

const declarations = new Map<string, { program: Node; text: string } | null>();

function parsedModule(path: string): { program: Node; text: string } | null {
  if (declarations.has(path)) return declarations.get(path)!;
  let result: { program: Node; text: string } | null = null;
  try {
    if (!path.endsWith('.json') && statSync(path).size <= MAX_BYTES) {
      const text = readFileSync(path, 'utf8');
      const parsed = parseSource(path, text);
      if (!parsed.refused) result = { program: parsed.program(), text };
    }
  } catch {
    result = null;
  }
  if (declarations.size > 200) declarations.clear();
  declarations.set(path, result);
  return result;
}

/** The top-level class, function or const initialiser `name` declares in a module. */
export function declarationIn(program: Node, name: string): Node | undefined {
  const exported: Node[] = [];
  for (const statement of program.body as Node[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? (statement.declaration as Node | null) : statement;
    if (!isNode(declaration)) continue;
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default') return declaration;
    if ((declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') && isNode(declaration.id) && declaration.id.name === name) return declaration;
    if (declaration.type === 'VariableDeclaration') {
      for (const d of declaration.declarations as Node[]) if ((d.id as Node).type === 'Identifier' && (d.id as Node).name === name && isNode(d.init)) return d.init;
    }
    if (declaration.type === 'ExpressionStatement') exported.push(unwrap(declaration.expression) as Node);
  }
  // CommonJS: module.exports = { ensureAuth: function ... }, exports.ensureAuth = ...
  for (const e of exported) {
    if (e.type !== 'AssignmentExpression' || e.operator !== '=') continue;
    const left = memberPath(unwrap(e.left) as Node);
    const right = unwrap(e.right) as Node;
    if (left === 'module.exports' && name === 'default') return right;
    if (left === `exports.${name}` || left === `module.exports.${name}`) return right;
    if (left === 'module.exports' && right.type === 'ObjectExpression') {
      for (const prop of right.properties as Node[]) {
        if (prop.type !== 'Property' || keyName(prop.key) !== name) continue;
        const value = unwrap(prop.value) as Node;
        return value.type === 'Identifier' ? declarationIn(program, value.name as string) : value;
      }
    }
  }
  return undefined;
}

/**
 * The declaration an imported name stands for in its module (relative or through a path alias):
 * a middleware or guard read for what it checks. Undefined for packages and unreadable modules.
 */
export function importedDeclaration(binding: ImportBinding | undefined, location: string | undefined, appRoot?: string): ImportedDeclaration | undefined {
  if (!binding || !location || binding.imported === '*') return undefined;
  const file = resolveModule(location, binding.source, appRoot);
  const module = file ? parsedModule(file) : null;
  if (!file || !module) return undefined;
  const node = declarationIn(module.program, binding.imported);
  return node ? { file, node, text: module.text.slice(node.start, node.end) } : undefined;
}
