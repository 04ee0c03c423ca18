// Models panva/jose docs (jwtVerify) as used without options: no algorithms, two hours of clock
// tolerance.
import * as jose from 'jose';

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

export async function readSession(token: string) {
  const { payload } = await jose.jwtVerify(token, secret, { issuer: 'urn:example:issuer', clockTolerance: '2h' }); // expect: session/jwt-verify-algorithms-missing, session/jwt-expiration-ignored
  return payload;
}

export async function mint(userId: string) {
  return new jose.SignJWT({ sub: userId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('10m').sign(secret);
}
