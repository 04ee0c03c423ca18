// How code signs and verifies JWTs: expiry, lifetime, algorithms, ignored expiration and the
// secret, for jsonwebtoken, jose, @nestjs/jwt, @fastify/jwt and hono/jwt calls, and the
// configuration objects of express-jwt, passport-jwt, JwtModule, @fastify/jwt and next-auth.
import { isNode, keyName, type Node, unwrap } from '../js/ast.js';
import { type AuditContext, type Located, args, callAnchor, calleeName, calleeObject } from './context.js';
import { describeSeconds, expOffsetSeconds, expiresInSeconds, joseExpirationSeconds, parseDurationString } from './durations.js';
import { type ObjectView, UNKNOWN, booleanLiteral, isFunction, stringLiteral } from './flow.js';
import { type JwtOperation, jwtOperation, tokenPurpose } from './libraries.js';
import { checkSecret } from './secrets.js';

const FIX_SIGN: Record<string, string> = {
  jsonwebtoken: "jwt.sign(payload, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' })",
  jose: "new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('15m').sign(key)",
  nestjs: "this.jwtService.sign(payload, { expiresIn: '15m' }) (or JwtModule.register({ signOptions: { expiresIn: '15m' } }))",
  fastify: "fastify.register(fastifyJwt, { secret, sign: { expiresIn: '15m' } })",
  hono: 'sign({ ...payload, exp: Math.floor(Date.now() / 1000) + 15 * 60 }, secret)',
};

/** Where a sign call's expiry comes from: seconds, 'none' (certainly absent) or undefined (unknown). */
type Expiry = number | 'none' | undefined;

function payloadExpiry(ctx: AuditContext, payload: Node | undefined): Expiry {
  if (!payload) return undefined;
  const view = ctx.flow.objectView(payload);
  if (!view) return undefined;
  const exp = view.get('exp');
  if (exp === undefined) return 'none';
  if (exp === UNKNOWN) return undefined;
  return expOffsetSeconds(exp, ctx.flow);
}

function optionExpiry(ctx: AuditContext, view: ObjectView | undefined, key = 'expiresIn'): Expiry {
  if (!view) return undefined;
  const value = view.get(key);
  if (value === undefined) return 'none';
  if (value === UNKNOWN) return undefined;
  return expiresInSeconds(value, ctx.flow);
}

/** Combines the payload's exp and the options' expiresIn: any known expiry wins over none. */
function combine(a: Expiry, b: Expiry): Expiry {
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  if (a === 'none' && b === 'none') return 'none';
  return undefined;
}

function judgeExpiry(ctx: AuditContext, at: Node, located: Located, expiry: Expiry, library: string, hints: (Node | undefined)[], what: string): void {
  if (expiry === 'none') {
    ctx.report('session/jwt-expiry-missing', at, `${what} signs a JWT with no expiry (no expiresIn, no exp claim): once leaked it works forever, and it cannot be revoked without server state. Fix: ${FIX_SIGN[library] ?? FIX_SIGN.jsonwebtoken}`);
    return;
  }
  if (typeof expiry !== 'number') return;
  const purpose = tokenPurpose(ctx, located.node, located.ancestors, hints);
  if (purpose === 'other') return;
  const limit = purpose === 'refresh' ? ctx.limits.refreshTokenMaxLifetimeSeconds : ctx.limits.accessTokenMaxLifetimeSeconds;
  if (expiry <= limit) return;
  const kind = purpose === 'refresh' ? 'A refresh token' : 'An access token';
  const advice =
    purpose === 'refresh'
      ? 'rotate refresh tokens on every use and bound their life'
      : `keep access tokens to 5-15 minutes and renew them with a rotating refresh token in an HttpOnly cookie: ${FIX_SIGN[library] ?? FIX_SIGN.jsonwebtoken}`;
  // 24 * 60 * 60 * 1000 is a day in milliseconds (a cookie maxAge), but 1000 days to jsonwebtoken.
  const millis = library !== 'jose' && library !== 'hono' && expiry >= 60_000 && expiry % 1000 === 0 && expiry / 1000 <= 90 * 86400 ? `. A number here counts seconds: ${expiry} looks like ${describeSeconds(expiry / 1000)} written in milliseconds` : '';
  ctx.report('session/access-token-lifetime', at, `${kind} signed by ${what} lives ${describeSeconds(expiry)} (limit ${describeSeconds(limit)}): a stolen one works that long and cannot be revoked; ${advice}${millis}`, { data: { lifetimeSeconds: expiry, limitSeconds: limit, purpose } });
}

function checkSign(ctx: AuditContext, located: Located, op: JwtOperation, moduleExpiry: Expiry): void {
  const call = located.node;
  const list = args(call);
  const at = callAnchor(call);
  if (op.library === 'jose' && op.chain && op.root) {
    const payload = args(op.root)[0];
    const setter = op.chain.get('setExpirationTime');
    const fromSetter: Expiry = setter ? joseExpirationSeconds(args(setter)[0], ctx.flow) : 'none';
    const header = op.chain.get('setProtectedHeader');
    const alg = header ? ctx.flow.objectView(args(header)[0])?.get('alg') : undefined;
    if (isNode(alg) && stringLiteral(alg)?.toLowerCase() === 'none') ctx.report('session/jwt-none-algorithm', at, "jose SignJWT is given alg 'none': the token carries no signature and anyone can mint one. Use alg 'HS256' or 'ES256'");
    checkSecret(ctx, list[0], 'jose SignJWT.sign');
    judgeExpiry(ctx, at, located, combine(payloadExpiry(ctx, payload), fromSetter), 'jose', [list[0]], 'jose SignJWT');
    return;
  }
  if (op.library === 'fastify' || op.library === 'nestjs') {
    // payload first, then options; the secret lives in the module registration.
    const options = list[1] === undefined ? undefined : ctx.flow.objectView(list[1]);
    const fromOptions: Expiry = list[1] === undefined ? 'none' : optionExpiry(ctx, options);
    const own = combine(payloadExpiry(ctx, list[0]), fromOptions);
    // Without the module's registration in view, a call without options may still get an expiry from it.
    const expiry = own === 'none' ? moduleExpiry : own;
    const label = op.library === 'nestjs' ? 'JwtService.sign' : '@fastify/jwt sign';
    if (options) checkSecret(ctx, options.get('secret'), label, 'secret');
    judgeExpiry(ctx, at, located, expiry, op.library, [options && isNode(options.get('secret')) ? (options.get('secret') as Node) : undefined], label);
    return;
  }
  if (op.library === 'hono') {
    checkSecret(ctx, list[1], 'hono/jwt sign');
    const alg = stringLiteral(list[2]);
    if (alg?.toLowerCase() === 'none') ctx.report('session/jwt-none-algorithm', at, "hono/jwt sign is given alg 'none': anyone can mint tokens. Use 'HS256'");
    judgeExpiry(ctx, at, located, payloadExpiry(ctx, list[0]), 'hono', [list[1]], 'hono/jwt sign');
    return;
  }
  // jsonwebtoken: sign(payload, secret, [options], [callback])
  const optionsNode = list[2] && !isFunction(list[2]) ? list[2] : undefined;
  const options = optionsNode ? ctx.flow.objectView(optionsNode) : undefined;
  checkSecret(ctx, list[1], 'jwt.sign');
  const algorithm = options?.get('algorithm');
  if (isNode(algorithm) && stringLiteral(algorithm)?.toLowerCase() === 'none') {
    ctx.report('session/jwt-none-algorithm', at, "jwt.sign uses algorithm 'none': the token carries no signature and anyone can mint one with any claims. Fix: jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: '15m' })");
  }
  const fromOptions: Expiry = optionsNode ? (options ? combine(optionExpiry(ctx, options), optionExpiry(ctx, options, 'exp')) : undefined) : 'none';
  const payload = list[0];
  // A string payload cannot carry exp and jsonwebtoken refuses expiresIn with it.
  if (payload && stringLiteral(payload) !== undefined) return;
  // jwt.sign(payload, secret) with no options at all: a payload this file cannot see almost never
  // carries its own exp (that is what expiresIn is for), so no options means no expiry.
  const fromPayload = payloadExpiry(ctx, payload);
  const payloadUnknown = fromPayload === undefined && !(payload && ctx.flow.objectView(payload));
  judgeExpiry(ctx, at, located, !optionsNode && payloadUnknown ? 'none' : combine(fromPayload, fromOptions), 'jsonwebtoken', [list[1]], 'jwt.sign');
}

function clockToleranceSeconds(value: unknown, ctx: AuditContext): number | undefined {
  if (!isNode(value)) return undefined;
  const text = stringLiteral(value);
  if (text !== undefined) return parseDurationString(text, 1);
  return expiresInSeconds(value, ctx.flow);
}

/** ignoreExpiration, clockTolerance and the algorithm allow-list of a verifier's options. */
function checkVerifierOptions(ctx: AuditContext, at: Node, view: ObjectView | undefined, optionsKnown: boolean, api: string, fix: string, requireAlgorithms = true): void {
  if (view) {
    if (booleanLiteral(view.get('ignoreExpiration') as Node | undefined) === true) {
      ctx.report('session/jwt-expiration-ignored', at, `${api} is told to ignoreExpiration: an expired or stolen token keeps working forever. Remove the option; ${fix}`);
    }
    const tolerance = clockToleranceSeconds(view.get('clockTolerance'), ctx);
    if (tolerance !== undefined && tolerance > 3600) {
      ctx.report('session/jwt-expiration-ignored', at, `${api} accepts tokens ${describeSeconds(tolerance)} past their expiry (clockTolerance): every stolen token lives that much longer. Keep it to seconds (clockTolerance: 30)`);
    }
  }
  if (!requireAlgorithms || !optionsKnown) return;
  const algorithms = view ? view.get('algorithms') : undefined;
  if (algorithms === UNKNOWN) return;
  if (algorithms === undefined) {
    ctx.report('session/jwt-verify-algorithms-missing', at, `${api} has no algorithms allow-list: which algorithm is accepted is left to the token's own header and the library's defaults, the road to alg confusion (jsonwebtoken before v9 let an attacker sign HS256 with the RS256 public key as the secret). Pin it: ${fix}`);
    return;
  }
  const list = ctx.flow.resolve(algorithms);
  if (list?.type === 'ArrayExpression' && (list.elements as (Node | null)[]).some((e) => e && stringLiteral(e)?.toLowerCase() === 'none')) {
    ctx.report('session/jwt-verify-algorithms-missing', at, `${api} allows algorithm 'none': anyone can forge an unsigned token and be any user. Fix: ${fix}`, { severity: 'error' });
  }
}

function checkVerify(ctx: AuditContext, call: Node, op: JwtOperation): void {
  const list = args(call);
  const at = callAnchor(call);
  if (op.library === 'jsonwebtoken') {
    checkSecret(ctx, list[1], 'jwt.verify');
    const optionsNode = list[2] && !isFunction(list[2]) ? list[2] : undefined;
    const view = optionsNode ? ctx.flow.objectView(optionsNode) : undefined;
    checkVerifierOptions(ctx, at, view, !optionsNode || view !== undefined, 'jwt.verify', "jwt.verify(token, secret, { algorithms: ['HS256'] })");
  } else if (op.library === 'jose') {
    checkSecret(ctx, list[1], 'jose jwtVerify');
    const view = list[2] ? ctx.flow.objectView(list[2]) : undefined;
    checkVerifierOptions(ctx, at, view, !list[2] || view !== undefined, 'jose jwtVerify', "jwtVerify(token, key, { algorithms: ['HS256'], issuer, audience })");
  } else if (op.library === 'nestjs' || op.library === 'fastify') {
    const optionsNode = op.library === 'nestjs' ? list[1] : list[0] && !isFunction(list[0]) && calleeName(call) === 'jwtVerify' ? list[0] : list[1];
    const view = optionsNode ? ctx.flow.objectView(optionsNode) : undefined;
    if (view) checkSecret(ctx, view.get('secret'), op.library === 'nestjs' ? 'JwtService.verify' : '@fastify/jwt verify', 'secret');
    // The allow-list is usually in the module registration, which this call cannot see.
    checkVerifierOptions(ctx, at, view, false, op.library === 'nestjs' ? 'JwtService.verify' : '@fastify/jwt verify', '', false);
  } else if (op.library === 'hono') {
    checkSecret(ctx, list[1], 'hono/jwt verify');
    if (stringLiteral(list[2])?.toLowerCase() === 'none') ctx.report('session/jwt-verify-algorithms-missing', at, "hono/jwt verify is given alg 'none': unsigned tokens pass. Use 'HS256'", { severity: 'error' });
  }
}

/** Configuration objects of middleware and modules, recognised by their shape and import. */
function checkConfigObjects(ctx: AuditContext): Expiry {
  let moduleExpiry: Expiry ;
  for (const { node: call } of ctx.calls) {
    const name = calleeName(call);
    const list = args(call);
    const callee = unwrap(call.callee) as Node;
    const source = ctx.importOf(callee)?.source ?? (callee.type === 'MemberExpression' ? ctx.importOf(callee.object)?.source : undefined);
    // express-jwt: expressjwt({ secret, algorithms }) (v6: jwt({ ... }))
    if (source === 'express-jwt' && list[0]) {
      const view = ctx.flow.objectView(list[0]);
      if (!view) continue;
      checkSecret(ctx, view.get('secret'), 'express-jwt', 'secret');
      checkVerifierOptions(ctx, callee, view, true, 'express-jwt', "expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] })");
    }
    // @nestjs/jwt: JwtModule.register({ secret, signOptions: { expiresIn } })
    if (name && /^register(Async)?$/.test(name) && callee.type === 'MemberExpression' && isJwtModule(ctx, callee.object) && list[0]) {
      let view = ctx.flow.objectView(list[0]);
      const factory = view?.get('useFactory');
      if (isNode(factory) && isFunction(factory)) {
        const body = unwrap(factory.body) as Node;
        view = body.type === 'ObjectExpression' ? ctx.flow.objectView(body) : undefined;
      }
      if (!view) continue;
      checkSecret(ctx, view.get('secret'), 'JwtModule.register', 'secret');
      const signOptions = view.get('signOptions');
      const signView = isNode(signOptions) ? ctx.flow.objectView(signOptions) : undefined;
      moduleExpiry = signOptions === undefined ? 'none' : optionExpiry(ctx, signView);
      if (typeof moduleExpiry === 'number') judgeExpiry(ctx, callAnchor(call), { node: call, ancestors: [] }, moduleExpiry, 'nestjs', [], 'JwtModule.register signOptions');
      const verifyOptions = view.get('verifyOptions');
      if (isNode(verifyOptions)) checkVerifierOptions(ctx, callAnchor(call), ctx.flow.objectView(verifyOptions), false, 'JwtModule verifyOptions', '', false);
    }
    // @fastify/jwt: fastify.register(fastifyJwt, { secret, sign: { expiresIn } })
    if (name === 'register' && list[1] && /fastify-jwt|@fastify\/jwt/.test(ctx.importOf(list[0])?.source ?? '')) {
      const view = ctx.flow.objectView(list[1]);
      if (!view) continue;
      checkSecret(ctx, view.get('secret'), '@fastify/jwt', 'secret');
      const sign = view.get('sign');
      moduleExpiry = sign === undefined ? 'none' : isNode(sign) ? optionExpiry(ctx, ctx.flow.objectView(sign)) : undefined;
      const verify = view.get('verify');
      if (isNode(verify)) checkVerifierOptions(ctx, callAnchor(call), ctx.flow.objectView(verify), false, '@fastify/jwt verify options', '', false);
    }
    // hono/jwt middleware: jwt({ secret })
    if (source && /^hono\/jwt/.test(source) && name === 'jwt' && list[0]) checkSecret(ctx, ctx.flow.objectView(list[0])?.get('secret'), 'hono/jwt middleware');
    // next-auth: NextAuth({ secret }) and authOptions objects
    if (source && /^next-auth/.test(source) && list[0]) checkSecret(ctx, ctx.flow.objectView(list[0])?.get('secret'), 'next-auth');
    // cookie-parser('secret') signs cookies
    if (source === 'cookie-parser' && list[0]) checkSecret(ctx, list[0], 'cookie-parser');
  }
  // passport-jwt options, wherever they are built: new JwtStrategy({...}) or super({...}) in a NestJS strategy.
  for (const { node } of ctx.objects) {
    const view = ctx.flow.objectView(node);
    if (view?.has('jwtFromRequest') !== true) continue;
    // `new JwtStrategy({ ...options, passReqToCallback: true })`: judged once, where the options are written.
    const owns = (node.properties as Node[]).some((p) => p.type === 'Property' && keyName(p.key) === 'jwtFromRequest') || ctx.flow.writesTo(node).some((w) => w.key === 'jwtFromRequest');
    if (!owns) continue;
    checkSecret(ctx, view.get('secretOrKey'), 'passport-jwt', 'secretOrKey');
    checkVerifierOptions(ctx, node, view, true, 'passport-jwt', "new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'] }, verify)");
  }
  return moduleExpiry;
}

function isJwtModule(ctx: AuditContext, node: unknown): boolean {
  const binding = ctx.importOf(node);
  if (binding) return binding.source === '@nestjs/jwt' && binding.imported === 'JwtModule';
  return isNode(node) && node.name === 'JwtModule';
}

export function checkJwtUsage(ctx: AuditContext): void {
  const moduleExpiry = checkConfigObjects(ctx);
  for (const located of ctx.calls) {
    const op = jwtOperation(ctx, located.node);
    if (!op) continue;
    if (op.op === 'sign') checkSign(ctx, located, op, moduleExpiry);
    else if (op.op === 'verify') checkVerify(ctx, located.node, op);
  }
  for (const { node } of ctx.calls) {
    // jose UnsecuredJWT: tokens with alg none, minted or accepted.
    if (node.type === 'NewExpression' && isNode(node.callee) && node.callee.name === 'UnsecuredJWT' && ctx.importOf(node.callee)?.source === 'jose') {
      ctx.report('session/jwt-none-algorithm', node, 'jose UnsecuredJWT mints tokens with alg none: anyone can forge them. Use new SignJWT(payload).setProtectedHeader({ alg: "HS256" })');
    }
    const object = calleeObject(node);
    if (calleeName(node) === 'decode' && object && isNode(object) && object.name === 'UnsecuredJWT') {
      ctx.report('session/jwt-none-algorithm', callAnchor(node), 'UnsecuredJWT.decode accepts tokens with alg none: anyone can forge them. Use jwtVerify with an algorithms allow-list');
    }
  }
}
