import type { RuleMeta } from '../findings/model.js';

export const JWT_RULES: RuleMeta[] = [];
