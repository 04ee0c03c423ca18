import type { RuleMeta } from '../findings/model.js';

export const CRON_RULES: RuleMeta[] = [];
