// Token lifetimes as code writes them: jsonwebtoken's `expiresIn` (seconds, or a vercel/ms string
// where a bare number string means milliseconds), jose's relative strings, and payload
// `exp: Math.floor(Date.now() / 1000) + 60 * 60`. Only constants count; anything else is unknown.
import { isNode, type Node, unwrap } from '../js/ast.js';
import type { FileFlow } from './flow.js';

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(ms|msecs?|milliseconds?)$/, 0.001],
  [/^(s|secs?|seconds?)$/, 1],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(h|hrs?|hours?)$/, 3600],
  [/^(d|days?)$/, 86400],
  [/^(w|weeks?)$/, 604800],
  [/^(y|yrs?|years?)$/, 31557600],
];

/** A vercel/ms (jsonwebtoken) or jose duration string in seconds; `bareUnit` is what a number without unit means. */
export function parseDurationString(text: string, bareUnit: number): number | undefined {
  const trimmed = text.trim();
  // Durations are short; the cap keeps the match cheap whatever a source file holds.
  if (trimmed.length > 32) return undefined;
  const match = /^(-?\d+(?:\.\d+)?) ?([a-z]*)$/i.exec(trimmed);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit === '') return amount * bareUnit;
  const found = UNIT_SECONDS.find(([pattern]) => pattern.test(unit));
  return found ? amount * found[1] : undefined;
}

/** A constant number expression (`60 * 60 * 24`), following const names. */
export function constantNumber(node: unknown, flow: FileFlow, depth = 0): number | undefined {
  const target = unwrap(node);
  if (!isNode(target) || depth > 16) return undefined;
  if (target.type === 'Literal' && typeof target.value === 'number') return target.value;
  if (target.type === 'Identifier' || target.type === 'MemberExpression') {
    const value = flow.resolve(target);
    if (value && value !== target) return constantNumber(value, flow, depth + 1);
    const imported = flow.importedConstant(target);
    return typeof imported === 'number' ? imported : undefined;
  }
  if (target.type === 'BinaryExpression') {
    const left = constantNumber(target.left, flow, depth + 1);
    const right = constantNumber(target.right, flow, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (target.operator) {
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '*':
        return left * right;
      case '/':
        return right === 0 ? undefined : left / right;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** jsonwebtoken `expiresIn` / @nestjs/jwt / @fastify/jwt `expiresIn`, in seconds. */
export function expiresInSeconds(node: unknown, flow: FileFlow): number | undefined {
  const value = flow.resolve(node) ?? (isNode(node) ? node : undefined);
  if (!value) return undefined;
  if (value.type === 'Identifier' || value.type === 'MemberExpression') {
    const imported = flow.importedConstant(value);
    if (typeof imported === 'string') return parseDurationString(imported, 0.001);
    if (typeof imported === 'number') return imported;
  }
  if (value.type === 'Literal' && typeof value.value === 'string') return parseDurationString(value.value, 0.001);
  if (value.type === 'TemplateLiteral' && (value.expressions as unknown[]).length === 0) {
    const cooked = ((value.quasis as Node[])[0]?.value as { cooked?: string } | undefined)?.cooked;
    return cooked === undefined ? undefined : parseDurationString(cooked, 0.001);
  }
  return constantNumber(value, flow);
}

/** jose `setExpirationTime(x)`: a relative string, or `now + N` as a number of seconds. */
export function joseExpirationSeconds(node: unknown, flow: FileFlow): number | undefined {
  const value = flow.resolve(node) ?? (isNode(node) ? node : undefined);
  if (!value) return undefined;
  if (value.type === 'Literal' && typeof value.value === 'string') return parseDurationString(value.value, 1);
  return expOffsetSeconds(value, flow);
}

/** `Math.floor(Date.now() / 1000) + N` (and `Date.now() / 1000 + N`): N; the claim `exp` written as now plus a constant. */
export function expOffsetSeconds(node: unknown, flow: FileFlow): number | undefined {
  const target = unwrap(node);
  if (!isNode(target) || target.type !== 'BinaryExpression' || target.operator !== '+') return undefined;
  if (isNowSeconds(target.left, flow)) return constantNumber(target.right, flow);
  if (isNowSeconds(target.right, flow)) return constantNumber(target.left, flow);
  return undefined;
}

function isNowSeconds(node: unknown, flow: FileFlow): boolean {
  let target = unwrap(node);
  if (isNode(target) && target.type === 'Identifier') target = flow.resolve(target);
  if (!isNode(target)) return false;
  if (target.type === 'CallExpression' && (target.arguments as Node[]).length === 1) {
    const callee = unwrap(target.callee) as Node;
    if (callee.type === 'MemberExpression' && isNode(callee.object) && callee.object.name === 'Math') return isNowSeconds((target.arguments as Node[])[0], flow);
  }
  return target.type === 'BinaryExpression' && target.operator === '/' && isDateNow(target.left) && constantNumber(target.right, flow) === 1000;
}

function isDateNow(node: unknown): boolean {
  const target = unwrap(node);
  if (!isNode(target)) return false;
  if (target.type === 'CallExpression') {
    const callee = unwrap(target.callee) as Node;
    if (callee.type === 'MemberExpression' && isNode(callee.object) && callee.object.name === 'Date' && isNode(callee.property) && callee.property.name === 'now') return true;
    // new Date().getTime()
    if (callee.type === 'MemberExpression' && isNode(callee.property) && callee.property.name === 'getTime') return true;
  }
  return target.type === 'UnaryExpression' && target.operator === '+' && isNode(target.argument) && target.argument.type === 'NewExpression';
}

export function describeSeconds(seconds: number): string {
  if (seconds >= 86400 && seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${Math.round(seconds)} second${seconds === 1 ? '' : 's'}`;
}
