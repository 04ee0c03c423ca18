import { defineJwtFuzz } from './properties/jwt.js';
import { SHORT_RUNS, runs } from './support.js';

defineJwtFuzz(runs(SHORT_RUNS), 30_000);
