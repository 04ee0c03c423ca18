// What a cookie write's options say about HttpOnly, Secure and SameSite, given the framework's
// defaults, and whether the write deletes the cookie instead.
import { isNode, type Node, unwrap } from '../js/ast.js';
import type { AuditContext } from './context.js';
import { type ObjectView, type PropertyValue, UNKNOWN, booleanLiteral, stringLiteral } from './flow.js';

export type Flag = 'on' | 'off' | 'dynamic';
export type SameSite = 'lax' | 'strict' | 'none' | 'off' | 'dynamic';

export interface CookieAttributes {
  httpOnly: Flag;
  secure: Flag;
  sameSite: SameSite;
}

/** What a framework does when the options leave an attribute out (SameSite: nothing, unless said). */
export interface Defaults {
  httpOnly: Flag;
  secure: Flag;
  sameSite?: SameSite;
}

/** One cookie a file writes (found by cookie-writes.ts and framework-cookies.ts). */
export interface CookieWrite {
  anchor: Node;
  /** How the framework's own API reads, for the fix: `res.cookie('sid', value, {...})`. */
  fix: (name: string) => string;
  api: string;
  name?: string;
  value?: Node;
  attributes: CookieAttributes | undefined;
  /** Written by browser code: HttpOnly is impossible there. */
  browser?: boolean;
  /** Session middleware: the cookie is an auth cookie by definition. */
  session?: boolean;
  /** The call or assignment that writes it. */
  node?: Node;
}

export const SECURE_FIX = "{ httpOnly: true, secure: true, sameSite: 'lax' }";

export function flag(value: PropertyValue, fallback: Flag): Flag {
  if (value === undefined) return fallback;
  if (value === UNKNOWN) return 'dynamic';
  const resolved = booleanLiteral(value);
  if (resolved !== undefined) return resolved ? 'on' : 'off';
  const text = stringLiteral(value);
  if (text !== undefined) return text === 'auto' ? 'dynamic' : text === '' || text === 'false' ? 'off' : 'on';
  return 'dynamic';
}

export function sameSite(value: PropertyValue, fallback: SameSite = 'off'): SameSite {
  if (value === undefined) return fallback;
  if (value === UNKNOWN) return 'dynamic';
  const bool = booleanLiteral(value);
  if (bool !== undefined) return bool ? 'strict' : 'off';
  const text = stringLiteral(value)?.toLowerCase();
  if (text === 'lax' || text === 'strict' || text === 'none') return text;
  return 'dynamic';
}

/** Attributes from an options object, given the framework's defaults; undefined when the options are unknown. */
export function fromOptions(ctx: AuditContext, options: Node | undefined, defaults: Defaults): CookieAttributes | undefined {
  if (!options) return { httpOnly: defaults.httpOnly, secure: defaults.secure, sameSite: defaults.sameSite ?? 'off' };
  const view = ctx.flow.objectView(options);
  if (!view) return undefined;
  const attributes = attributesOf(view, defaults);
  if (view.unresolved) UNRESOLVED.set(attributes, view.unresolved);
  return attributes;
}

export function rootOf(node: Node): Node {
  let current = unwrap(node) as Node;
  while (current.type === 'MemberExpression') current = unwrap(current.object) as Node;
  return current;
}

/** Attributes left unknown by a spread the file (and one import) cannot resolve: `{ ...cookieOptions }`. */
export const UNRESOLVED = new WeakMap<CookieAttributes, Node>();

export function attributesOf(view: ObjectView, defaults: Defaults): CookieAttributes {
  return { httpOnly: flag(view.get('httpOnly'), defaults.httpOnly), secure: flag(view.get('secure'), defaults.secure), sameSite: sameSite(view.get('sameSite'), defaults.sameSite) };
}

/** `maxAge: 0`, `expires: new Date(0)`, an empty value: the cookie is being deleted. */
export function isDeletion(ctx: AuditContext, value: Node | undefined, options: Node | undefined): boolean {
  if (value && stringLiteral(value) === '') return true;
  const view = options ? ctx.flow.objectView(options) : undefined;
  if (!view) return false;
  const maxAge = view.get('maxAge');
  const age = isNode(maxAge) ? (unwrap(maxAge) as Node) : undefined;
  if (age?.type === 'Literal' && age.value === 0) return true;
  if (age?.type === 'UnaryExpression' && age.operator === '-') return true;
  const expires = view.get('expires');
  return isNode(expires) && /new Date\(\s*(0|1)\s*\)/.test(ctx.text(expires));
}
