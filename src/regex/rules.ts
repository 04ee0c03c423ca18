import type { RuleMeta } from '../findings/model.js';

export const REGEX_RULES: RuleMeta[] = [];
