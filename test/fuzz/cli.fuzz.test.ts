import { defineCliFuzz } from './properties/cli.js';

defineCliFuzz(Number(process.env.AUTHKIT_CLI_FUZZ_RUNS) || 100, 4 * 60 * 60 * 1000);
