// `npm test` is the gate CI trusts, so its property tests replay one fixed seed: a run is
// reproducible, and a rare input found by chance can neither turn CI red nor hang it (a
// synchronous hang is beyond vitest's timeouts: one did, on Node 24, for 90 minutes). Fresh seeds
// are `npm run fuzz`'s job; AUTHKIT_FUZZ_SEED replays any seed here.
import fc from 'fast-check';

const chosen = Number(process.env.AUTHKIT_FUZZ_SEED);
fc.configureGlobal({ seed: Number.isInteger(chosen) ? chosen : 20_261_207 });
