import type { RuleMeta } from '../findings/model.js';
import { CAPTURE_RULES } from './capture/rules.js';
import { SESSION_CODE_RULES } from './rules.js';

/** Every rule session-audit can report: the source-code half and the capture half. */
export const SESSION_RULES = [...SESSION_CODE_RULES, ...CAPTURE_RULES] as const satisfies readonly RuleMeta[];

export type SessionRuleId = (typeof SESSION_RULES)[number]['id'];
