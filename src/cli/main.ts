import { registerCommands } from './commands/index.js';
import { commandNameIn, runCli } from './program.js';

// Every command, each loaded lazily. The hot commands also have bundles of their own
// (entries/*.ts), which bin/authkit.js picks before this one.
await runCli((program, args) => registerCommands(program, commandNameIn(args)));
