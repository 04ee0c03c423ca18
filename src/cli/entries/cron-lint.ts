// `authkit cron-lint ...` as one self-contained file: see scripts/build.mjs for why.
import { CRON_LINT_COMMAND } from '../../cron/cron-lint-command.js';
import { CRON_DOMAIN } from '../../cron/domain.js';
import { registerDomainCommand } from '../commands/domain.js';
import { runCli } from '../program.js';

// A CommonJS bundle (scripts/build.mjs): no top-level await. A rejection reaches bin/authkit.js's
// crash handler, as a rejected top-level await did.
void runCli((program) => registerDomainCommand(program, 'cron-lint', CRON_LINT_COMMAND, CRON_DOMAIN));
