import { defineCronFuzz } from './properties/cron.js';
import { LONG_RUNS, runs } from './support.js';

defineCronFuzz(runs(LONG_RUNS), 4 * 60 * 60 * 1000);
