import { defineExtractFuzz } from './properties/extract.js';
import { SHORT_RUNS, runs } from './support.js';

defineExtractFuzz(runs(SHORT_RUNS), 30_000);
