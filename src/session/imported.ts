// One import deep: the constant a relative import stands for (`expiresIn: config.jwtExpiration`
// with `const config = require('../config/auth.config')`). Only what the other module writes as a
// literal at its top level counts (numbers, strings, object literals and names bound to them); an
// environment read, a call or anything computed is unknown, as it is in the file itself. Values,
// never nodes, come back: a finding always points into the file being audited.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { parseSource } from '../js/parse.js';

/** A name the file imports: from which module, and which of its exports. */
export interface ImportBinding {
  source: string;
  /** 'default', '*' or the imported member name. */
  imported: string;
}

type Constant = string | number | boolean | { [key: string]: Constant } | null;

const INCOMPLETE = new WeakSet<object>();

const EXTENSIONS = ['', '.ts', '.js', '.mjs', '.cjs', '.tsx', '.jsx', '.mts', '.cts', '.json'];
const MAX_BYTES = 256 * 1024;
const modules = new Map<string, Map<string, Node> | null>();

function resolveFile(from: string, source: string): string | undefined {
  const base = join(dirname(from), source.replace(/\.js$/, ''));
  for (const candidate of [...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.slice(1).map((ext) => join(base, `index${ext}`)), join(dirname(from), source)]) {
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    } catch {
      // unreadable: unknown
    }
  }
  return undefined;
}

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
export function importedConstant(node: unknown, imports: ReadonlyMap<string, ImportBinding>, location: string | undefined): string | number | undefined {
  const value = importedValue(node, imports, location);
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** The flat object literal an imported name stands for (string, number and boolean members only). */
export function importedObject(node: unknown, imports: ReadonlyMap<string, ImportBinding>, location: string | undefined): { members: Record<string, string | number | boolean>; complete: boolean } | undefined {
  const value = importedValue(node, imports, location);
  if (!value || typeof value !== 'object') return undefined;
  const members: Record<string, string | number | boolean> = {};
  for (const [key, member] of Object.entries(value)) if (typeof member !== 'object' && member !== null) members[key] = member;
  return { members, complete: !INCOMPLETE.has(value) };
}

function importedValue(node: unknown, imports: ReadonlyMap<string, ImportBinding>, location: string | undefined): Constant | undefined {
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
  if (!binding?.source.startsWith('.') || binding.imported === '*') return undefined;
  const file = resolveFile(location, binding.source);
  const bindings = file ? moduleBindings(file) : null;
  if (!bindings) return undefined;
  const root = bindings.get(binding.imported);
  let value = root ? evaluate(root, bindings) : undefined;
  for (const key of path) value = value && typeof value === 'object' && Object.hasOwn(value, key) ? value[key] : undefined;
  return value;
}
