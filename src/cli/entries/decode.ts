// `authkit decode ...` as one self-contained file: see scripts/build.mjs for why.
import { registerDecode } from '../commands/decode.js';
import { runCli } from '../program.js';

await runCli(registerDecode);
