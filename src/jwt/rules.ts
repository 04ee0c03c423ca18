import type { RuleMeta } from '../findings/model.js';

const BCP = 'RFC 8725 (JSON Web Token Best Current Practices)';

/** Public rule ids: users write them in configs and suppression comments. Never rename. */
export const JWT_RULES = [
  {
    id: 'jwt/alg-none',
    severity: 'error',
    security: true,
    description: 'The token is unsecured: alg is "none" (in any letter case)',
    help: `An unsecured JWT carries no signature, so anyone can forge one. ${BCP} section 3.1 and 2.1: a verifier must never accept "none" unless the token arrived over a channel that already authenticates it, and libraries have accepted "None"/"NONE" by mistake. Sign the token (HS256 with a random key, or RS256/ES256/EdDSA) and pin the algorithms the verifier accepts.`,
    examples: {
      valid: [{ code: '{"alg":"HS256","typ":"JWT"}' }],
      invalid: [{ code: '{"alg":"none","typ":"JWT"}' }, { code: '{"alg":"NoNe"}', note: 'letter case does not make it safer' }],
    },
  },
  {
    id: 'jwt/missing-exp',
    severity: 'warning',
    security: true,
    description: 'The claims set has no exp: the token never expires',
    help: `A token without exp is valid forever once leaked. RFC 7519 section 4.1.4 defines exp; ${BCP} section 3.10 asks verifiers to check it. Give access tokens a short lifetime (5-15 minutes) and refresh them.`,
    examples: { valid: [{ code: '{"sub":"42","iat":1700000000,"exp":1700000900}' }], invalid: [{ code: '{"sub":"42","iat":1700000000}' }] },
  },
  {
    id: 'jwt/expired',
    severity: 'error',
    description: 'The token expired (exp is in the past at --now, beyond the leeway)',
    help: `RFC 7519 section 4.1.4: the current time must be before exp (allowing a small leeway for clock skew). An expired token must be refused; ${BCP} section 3.10. Get a fresh token, or pass --now to evaluate it at another moment.`,
    examples: { valid: [{ code: '{"exp":4102444800}', note: 'year 2100' }], invalid: [{ code: '{"exp":1300819380}', note: '2011-03-22T18:43:00Z' }] },
  },
  {
    id: 'jwt/not-yet-valid',
    severity: 'error',
    description: 'The token is not valid yet (nbf is in the future at --now, beyond the leeway)',
    help: `RFC 7519 section 4.1.5: the token must not be accepted before nbf. A token used before its nbf usually means clock skew between issuer and verifier (raise --leeway a little) or a token minted for later use. ${BCP} section 3.10 asks verifiers to validate all time claims.`,
    examples: { valid: [{ code: '{"nbf":1300000000}' }], invalid: [{ code: '{"nbf":4102444800}' }] },
  },
  {
    id: 'jwt/lifetime-too-long',
    severity: 'warning',
    security: true,
    description: 'exp - iat exceeds the maximum lifetime (default 15m)',
    help: `Access tokens cannot be revoked cheaply, so their lifetime bounds how long a stolen token works. Keep access tokens to 5-15 minutes and use refresh tokens for longer sessions (${BCP} section 3.10; OAuth 2.0 Security BCP, RFC 9700 section 4.14). The limit is --max-lifetime (default 15m).`,
    examples: { valid: [{ code: '{"iat":1700000000,"exp":1700000900}', note: '15 minutes' }], invalid: [{ code: '{"iat":1700000000,"exp":1702592000}', note: '30 days' }] },
  },
  {
    id: 'jwt/missing-iat',
    severity: 'warning',
    description: 'The claims set has no iat: its age and lifetime cannot be checked',
    help: `Without iat (RFC 7519 section 4.1.6) a verifier cannot enforce a maximum age and nobody can tell how long the token was meant to live. ${BCP} section 3.10 recommends validating time claims; issue iat on every token.`,
    examples: { valid: [{ code: '{"iat":1700000000,"exp":1700000900}' }], invalid: [{ code: '{"exp":1700000900}' }] },
  },
  {
    id: 'jwt/iat-in-future',
    severity: 'warning',
    description: 'iat lies in the future at --now, beyond the leeway',
    help: `A token issued in the future points to clock skew at the issuer or a forged token. RFC 7519 section 4.1.6; ${BCP} section 3.10 asks verifiers to validate time claims, and some reject such tokens. Check the issuer's clock (NTP) or the --now you passed.`,
    examples: { valid: [{ code: '{"iat":1300000000}' }], invalid: [{ code: '{"iat":4102444800}' }] },
  },
  {
    id: 'jwt/weak-secret',
    severity: 'error',
    security: true,
    description: 'The HMAC signature verifies with a publicly known secret',
    help: `The token's HS256/384/512 signature verifies with a secret from a public list of secrets seen in examples and tutorials (data/jwt-secrets.list, 103,979 entries from wallarm/jwt-secrets). Anyone can forge tokens for this issuer. ${BCP} section 3.5: HMAC keys must have enough entropy; human-memorable passwords must not be used. Rotate the key to 32+ random bytes (openssl rand -base64 32) and revoke tokens signed with the old one. authkit names the line of the list, never the secret.`,
    examples: { valid: [{ code: 'HS256 signed with 32 random bytes' }], invalid: [{ code: 'HS256 signed with "secret"', note: 'line 40 of the list' }] },
  },
  {
    id: 'jwt/short-hmac-key',
    severity: 'warning',
    security: true,
    description: 'The HMAC secret is shorter than the hash output (RFC 7518 section 3.2)',
    help: `RFC 7518 section 3.2: a key of the same size as the hash output (256 bits for HS256, 384 for HS384, 512 for HS512) or larger must be used. Short keys can be brute-forced offline from any token (${BCP} section 3.5). Generate the key with a CSPRNG.`,
    examples: { valid: [{ code: 'HS256 with a 32-byte secret' }], invalid: [{ code: 'HS256 with the 6-byte secret "s3cr3t"' }] },
  },
  {
    id: 'jwt/rsa-key-too-short',
    severity: 'error',
    security: true,
    description: 'authkit verify: the RSA key is shorter than 2048 bits',
    help: `RFC 7518 section 3.3 requires RSA keys of 2048 bits or more for RS256/384/512 and PS256/384/512; NIST SP 800-131A disallowed shorter keys for signatures after 2013. A 1024-bit modulus is within reach of well-funded attackers, and anything shorter of anyone. Issue a new 2048- or 3072-bit key (or move to ES256/EdDSA) and rotate it in the JWKS. ${BCP} section 3.5 asks for keys of adequate strength.`,
    examples: { valid: [{ code: 'authkit verify "$TOKEN" --key rsa-2048.pub.pem' }], invalid: [{ code: 'authkit verify "$TOKEN" --key rsa-1024.pub.pem' }] },
  },
  {
    id: 'jwt/rsa-key-roca',
    severity: 'error',
    security: true,
    description: 'authkit verify: the RSA key has the ROCA fingerprint (CVE-2017-15361) and can be factored',
    help: `Infineon's RSALib (smart cards, TPMs, YubiKey 4, Estonian ID cards, 2012-2017) generated RSA primes of a special form; Nemec et al. (CCS 2017) showed how to factor such moduli, so anyone can recover the private key and forge tokens. authkit tests the published fingerprint: the modulus, modulo each small prime, lies in the subgroup generated by 65537. Replace the key with one generated by other software and revoke the old one (${BCP} section 3.5).`,
    examples: { valid: [{ code: 'a key generated by OpenSSL' }], invalid: [{ code: 'a key generated on an Infineon TPM with firmware before the 2017 fix' }] },
  },
  {
    id: 'jwt/jku-header',
    severity: 'warning',
    security: true,
    description: 'The header names a remote key set (jku): key substitution and SSRF risk',
    help: `A verifier that fetches the key from the token's own jku URL lets the attacker choose the key, and makes the verifier fetch arbitrary URLs (SSRF). ${BCP} section 3.10 and RFC 7515 section 10.3: never take keys from the token; configure the issuer's JWKS URL, or allow-list jku values.`,
    examples: { valid: [{ code: '{"alg":"RS256","kid":"2024-01"}' }], invalid: [{ code: '{"alg":"RS256","jku":"https://attacker.example/jwks.json"}' }] },
  },
  {
    id: 'jwt/x5u-header',
    severity: 'warning',
    security: true,
    description: 'The header names a remote certificate URL (x5u): key substitution and SSRF risk',
    help: `Like jku, an x5u URL in the token lets the sender pick the certificate the verifier fetches. ${BCP} section 3.10; RFC 7515 section 4.1.5. Pin the issuer's certificates or keys in configuration instead.`,
    examples: { valid: [{ code: '{"alg":"RS256"}' }], invalid: [{ code: '{"alg":"RS256","x5u":"https://attacker.example/cert.pem"}' }] },
  },
  {
    id: 'jwt/embedded-jwk',
    severity: 'error',
    security: true,
    description: 'The header embeds its own public key (jwk): self-signed token (CVE-2018-0114)',
    help: `A verifier that trusts the header's jwk verifies the token with the attacker's own key (CVE-2018-0114, node-jose). ${BCP} section 3.10 and RFC 7515 section 4.1.3: keys come from configuration, never from the token. Remove the jwk header and verify against the issuer's keys.`,
    examples: { valid: [{ code: '{"alg":"ES256","kid":"k1"}' }], invalid: [{ code: '{"alg":"RS256","jwk":{"kty":"RSA","n":"...","e":"AQAB"}}' }] },
  },
  {
    id: 'jwt/kid-injection',
    severity: 'warning',
    security: true,
    description: 'The kid header looks like path traversal, SQL or shell injection, or is not a string',
    help: `Verifiers often use kid to read a key file or query a database. A kid such as "../../dev/null" (an empty, guessable key), "x' UNION SELECT 'key" or "k1|id" turns key lookup into an injection (${BCP} section 3.10: the kid is attacker-controlled input; RFC 7515 section 4.1.4 requires it to be a string). Look keys up in an allow-list or map, never by path or query.`,
    examples: { valid: [{ code: '{"alg":"RS256","kid":"2024-01-rsa"}' }], invalid: [{ code: '{"alg":"HS256","kid":"../../../../dev/null"}' }, { code: '{"alg":"HS256","kid":42}' }] },
  },
  {
    id: 'jwt/unknown-crit',
    severity: 'warning',
    security: true,
    description: 'The crit header lists extensions a verifier does not understand, or is malformed',
    help: `RFC 7515 section 4.1.11: a recipient must reject a token whose crit names a header parameter it does not understand; crit must be a non-empty array of names that are present in the header and not registered JWS names. Verifiers that ignore crit accept tokens whose meaning they misread (${BCP} section 3.2).`,
    examples: { valid: [{ code: '{"alg":"HS256","b64":false,"crit":["b64"]}' }], invalid: [{ code: '{"alg":"HS256","exp-policy":1,"crit":["exp-policy"]}' }] },
  },
  {
    id: 'jwt/noncanonical-encoding',
    severity: 'warning',
    security: true,
    description: 'A segment is not canonical base64url (padding, whitespace, +/ or non-zero trailing bits)',
    help: `RFC 7515 section 2 requires base64url without padding or whitespace. Lenient decoders accept several spellings of one signature (the last character of an HS256 signature has 4 spellings that decode alike), so a token denylist or cache keyed on the token text can be bypassed (${BCP} section 3.4 and 2.6). Emit and accept only canonical base64url.`,
    // authkit-ignore-next-line jwt/token-in-source -- a documentation example with a placeholder signature
    examples: { valid: [{ code: 'eyJhbGciOiJIUzI1NiJ9.e30.<canonical signature>' }], invalid: [{ code: 'eyJhbGciOiJIUzI1NiJ9==.e30.<signature>' }] },
  },
  {
    id: 'jwt/duplicate-claim',
    severity: 'error',
    security: true,
    description: 'The header or payload repeats a JSON member name',
    help: `RFC 7519 section 4 and RFC 7515 section 4: a JWT with duplicate member names must be rejected or only the last value used, and parsers differ (first wins, last wins, error). Two components reading one token can then see different claims, e.g. two "sub" or two "alg" (${BCP} section 2.8, cross-JWT confusion). Reject such tokens; fix the issuer's serialiser.`,
    examples: { valid: [{ code: '{"sub":"alice","role":"user"}' }], invalid: [{ code: '{"sub":"alice","role":"user","role":"admin"}' }] },
  },
  {
    id: 'jwt/sensitive-claim',
    severity: 'warning',
    security: true,
    description: 'The payload carries a password, secret, key or card number that anyone holding the token can read',
    help: `A JWS payload is only base64url-encoded, not encrypted: every client, proxy and log that sees the token can read it (${BCP} section 3.6 and RFC 7519 section 12). Keep passwords, API keys, secrets and card numbers out of claims; reference them by id, or use an encrypted JWT (JWE) if the recipient truly needs them.`,
    examples: { valid: [{ code: '{"sub":"42","scope":"read"}' }], invalid: [{ code: '{"sub":"42","password":"hunter2"}' }, { code: '{"card":"4111111111111111"}' }] },
  },
  {
    id: 'jwt/token-in-source',
    severity: 'warning',
    security: true,
    description: 'A JWT is written into a file (error when it is still live or signed with a known secret)',
    help: `Tokens committed to source, configs, fixtures or logs are credentials in the clear: anyone with the repository can replay them until they expire, and a token signed with a publicly known secret lets anyone mint new ones (${BCP} section 3.5 and 3.10). Revoke or let the token expire, rotate a weak signing key, and load tokens from the environment or a secret store. Fixtures should use expired tokens signed with a test-only key. authkit reports where and what the token is, never the token itself.`,
    // authkit-ignore-next-line jwt/token-in-source -- a documentation example with a placeholder signature
    examples: { valid: [{ code: 'const token = process.env.API_TOKEN;' }], invalid: [{ code: 'const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.<signature>";' }] },
  },
  {
    id: 'jwt/verification-failed',
    severity: 'error',
    description: 'authkit verify: the signature or a requested claim check failed',
    help: `Reported by authkit verify, one finding per failed check (signature, exp, nbf, iss, aud, sub, typ, max-age, required claims), with the precise reason: wrong key, kid not found, algorithm not allowed, an HMAC token checked against an RSA public key (the RS256-to-HS256 key-confusion pattern, ${BCP} section 2.1), expired by how long. Fix the key or options you passed, or treat the token as untrusted.`,
    examples: { valid: [{ code: 'authkit verify "$TOKEN" --key issuer.pem --iss https://issuer.example' }], invalid: [{ code: 'authkit verify "$TOKEN" --key other-issuer.pem' }] },
  },
] as const satisfies readonly RuleMeta[];

/** Every id the jwt domain can report: findings accept only these. */
export type JwtRuleId = (typeof JWT_RULES)[number]['id'];

const JWT_RULE_BY_ID = new Map<JwtRuleId, RuleMeta>(JWT_RULES.map((rule) => [rule.id, rule]));

export function jwtRule(id: JwtRuleId): RuleMeta {
  return JWT_RULE_BY_ID.get(id)!;
}
