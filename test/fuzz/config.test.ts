import { defineConfigFuzz } from './properties/config.js';
import { SHORT_RUNS, runs } from './support.js';

defineConfigFuzz(runs(SHORT_RUNS), 30_000);
