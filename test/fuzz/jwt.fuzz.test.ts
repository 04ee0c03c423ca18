import { defineJwtFuzz } from './properties/jwt.js';
import { LONG_RUNS, runs } from './support.js';

defineJwtFuzz(runs(LONG_RUNS), 4 * 60 * 60 * 1000);
