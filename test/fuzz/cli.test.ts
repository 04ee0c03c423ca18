import { defineCliFuzz } from './properties/cli.js';
import { runs } from './support.js';

// Each case spawns four processes: a handful in npm test, more in npm run fuzz.
defineCliFuzz(runs(4), 120_000);
