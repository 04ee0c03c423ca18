import { defineConfigFuzz } from './properties/config.js';
import { LONG_RUNS, runs } from './support.js';

defineConfigFuzz(runs(LONG_RUNS), 4 * 60 * 60 * 1000);
