// `authkit cron-lint ...` as one self-contained file: see scripts/build.mjs for why.
import { registerCronLint } from '../commands/cron-lint.js';
import { runCli } from '../program.js';

await runCli(registerCronLint);
