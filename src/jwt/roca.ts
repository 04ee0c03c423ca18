// The ROCA fingerprint (CVE-2017-15361; Nemec, Sys, Svenda, Klinec, Matyas, "The Return of
// Coppersmith's Attack", CCS 2017): RSA primes made by Infineon's RSALib have the form
// k * M + (65537^a mod M), so the modulus N, taken modulo each small prime p dividing M, lies in
// the multiplicative subgroup that 65537 generates mod p. A random modulus passes that test for
// all of these primes with negligible probability; a RSALib modulus always does. Such keys can be
// factored, so every signature they make is forgeable.

const PRIMES = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167];

let subgroups: Set<number>[] | undefined;

function generatedBy65537(): Set<number>[] {
  return PRIMES.map((p) => {
    const members = new Set<number>();
    let x = 1;
    do {
      members.add(x);
      x = (x * (65537 % p)) % p;
    } while (x !== 1);
    return members;
  });
}

/** True when the modulus (big-endian bytes) carries the ROCA fingerprint. */
export function hasRocaFingerprint(modulus: Uint8Array): boolean {
  if (modulus.length === 0) return false;
  subgroups ??= generatedBy65537();
  const n = BigInt(`0x${Buffer.from(modulus).toString('hex')}`);
  return PRIMES.every((p, i) => subgroups![i]!.has(Number(n % BigInt(p))));
}
