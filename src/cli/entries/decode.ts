// `authkit decode ...` as one self-contained file: see scripts/build.mjs for why.
import { DECODE_COMMAND } from '../../jwt/decode-command.js';
import { JWT_DOMAIN } from '../../jwt/domain.js';
import { registerDomainCommand } from '../commands/domain.js';
import { runCli } from '../program.js';

// A CommonJS bundle (scripts/build.mjs): no top-level await. A rejection reaches bin/authkit.js's
// crash handler, as a rejected top-level await did.
void runCli((program) => registerDomainCommand(program, 'decode', DECODE_COMMAND, JWT_DOMAIN));
