// Project Wycheproof's JWS and JWK vectors (Apache 2.0, in the team's ../shared/data; never copied
// here): `valid` vectors must verify, `invalid` ones must be refused (a failed check, or unusable
// input) or, for key hygiene, reported by the named rule. Deliberate deviations are listed with why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/findings/errors.js';
import { keysFromText } from '../../src/jwt/keys.js';
import { VerifyInputError, verifyToken } from '../../src/jwt/verify.js';
import { ROOT } from '../helpers/cli.js';

const DATA = join(ROOT, '..', 'shared', 'data', 'wycheproof');

interface Vector {
  tcId: number;
  comment: string;
  jws: string | Record<string, unknown>;
  result: 'valid' | 'invalid';
  flags: string[];
}
interface Group {
  comment: string;
  public?: unknown;
  private?: unknown;
  tests: Vector[];
}

// Key hygiene: the signature verifies, but no careful server should trust the key.
const KEY_HYGIENE_RULES = ['jwt/rsa-key-roca', 'jwt/rsa-key-too-short', 'jwt/short-hmac-key', 'jwt/weak-secret'];

/** Vectors whose outcome authkit deliberately does not share, by file and tcId, with the reason. */
const DEVIATIONS: Record<string, Record<number, string>> = {
  'json_web_signature_test.json': {
    346: 'RFC 7520 figure 20 is PS384 but the key says "alg": "PS256": authkit holds a key to its own alg (RFC 7517 section 4.4), as jose does',
    350: 'the same PS384 token against the same "alg": "PS256" key, with key_ops',
    347: 'RFC 7520 figure 27 (ES512) with a key that says "alg": "ES521", which no registry defines: a key bound to an unknown algorithm verifies nothing (the JWK vectors tc 19 and 20 require exactly that refusal)',
    351: 'the same ES512 token against the same "alg": "ES521" key, with key_ops',
    367: 'byte-identical to the valid tc 357 in this copy of the vectors (the "=" padding under test is absent), so it verifies like 357',
    370: 'byte-identical to the valid tc 357 in this copy of the vectors, like tc 367',
    372: 'a "?" inside the header segment: not base64url (RFC 7515 section 2, RFC 4648 section 5), so authkit refuses the token as malformed even though the MAC covers the text as sent',
    373: 'a "?" inside the payload segment: not base64url, refused as malformed like tc 372',
  },
  'json_web_key_test.json': {},
};

type Outcome = { kind: 'verified'; rules: string[] } | { kind: 'refused'; why: string } | { kind: 'reported'; rules: string[] };

/** What `authkit verify <jws> --key <the group's key>` concludes, run in-process. */
async function outcomeOf(group: Group, vector: Vector): Promise<Outcome> {
  const keyText = JSON.stringify(group.public ?? group.private);
  const jws = typeof vector.jws === 'string' ? vector.jws : JSON.stringify(vector.jws);
  try {
    const candidates = keysFromText(keyText, 'key.json');
    const keySet = candidates.length > 1 || candidates[0]?.position !== undefined;
    const result = await verifyToken(jws, '<arg>', candidates, {
      now: new Date('2026-01-01T00:00:00Z'),
      leewaySeconds: 0,
      maxLifetimeSeconds: 900,
      keyOrigin: 'key file key.json',
      keySet,
    });
    if (result.failed) return { kind: 'refused', why: result.findings.map((f) => f.message).join('; ') };
    const hygiene = result.findings.filter((f) => KEY_HYGIENE_RULES.includes(f.ruleId));
    return hygiene.length > 0 ? { kind: 'reported', rules: hygiene.map((f) => f.ruleId) } : { kind: 'verified', rules: result.findings.map((f) => f.ruleId) };
  } catch (error) {
    if (error instanceof VerifyInputError || error instanceof UsageError) return { kind: 'refused', why: (error as Error).message };
    throw error;
  }
}

function load(file: string): Group[] {
  return (JSON.parse(readFileSync(join(DATA, file), 'utf8')) as { testGroups: Group[] }).testGroups;
}

for (const file of ['json_web_signature_test.json', 'json_web_key_test.json']) {
  describe(`Wycheproof ${file}`, () => {
    const groups = load(file);
    it('every vector has the expected outcome', async () => {
      const wrong: string[] = [];
      let count = 0;
      for (const group of groups) {
        for (const vector of group.tests) {
          count++;
          const outcome = await outcomeOf(group, vector);
          const ok = vector.result === 'valid' ? outcome.kind === 'verified' : outcome.kind !== 'verified';
          const deviation = DEVIATIONS[file]![vector.tcId];
          if (deviation) {
            // A deviation must still be one: if authkit starts agreeing with the vector, drop it from the list.
            if (ok) wrong.push(`tc ${vector.tcId} is listed as a deviation but now agrees with the vector`);
            continue;
          }
          if (!ok) wrong.push(`tc ${vector.tcId} ${group.comment}/${vector.comment} (${vector.result}): ${JSON.stringify(outcome)}`);
        }
      }
      expect(count).toBeGreaterThan(20);
      expect(wrong).toEqual([]);
    });
  });
}

describe('Wycheproof deviations hold for the stated reasons', () => {
  const jws = load('json_web_signature_test.json').flatMap((g) => g.tests);
  const byId = (id: number) => jws.find((t) => t.tcId === id)!;
  it('tc 367 and 370 are the valid tc 357, byte for byte', () => {
    expect(byId(367).jws).toBe(byId(357).jws);
    expect(byId(370).jws).toBe(byId(357).jws);
    expect(byId(357).result).toBe('valid');
  });
});
