import { defineExtractFuzz } from './properties/extract.js';
import { LONG_RUNS, runs } from './support.js';

defineExtractFuzz(runs(LONG_RUNS), 4 * 60 * 60 * 1000);
