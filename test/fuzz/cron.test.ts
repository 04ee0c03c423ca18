import { defineCronFuzz } from './properties/cron.js';
import { SHORT_RUNS, runs } from './support.js';

defineCronFuzz(runs(SHORT_RUNS), 30_000);
