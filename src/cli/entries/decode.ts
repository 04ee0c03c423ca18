// `authkit decode ...` as one self-contained file: see scripts/build.mjs for why.
import { registerDecode } from '../commands/decode.js';
import { runCli } from '../program.js';

// A CommonJS bundle (scripts/build.mjs): no top-level await. A rejection reaches bin/authkit.js's
// crash handler, as a rejected top-level await did.
void runCli(registerDecode);
