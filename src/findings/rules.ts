import type { RuleMeta } from './model.js';

/** Rules about authkit's own directives rather than about any domain's input. */
export const META_RULES = [
  {
    id: 'meta/unused-suppression',
    severity: 'warning',
    description: 'An authkit-ignore comment that suppressed nothing',
    help: 'A suppression comment that matches no finding hides nothing today and may hide a real problem tomorrow.\nFix: remove it, or correct its rule id (`authkit rules` lists every id). See docs/scan.md, "Inline suppressions".',
    examples: {
      valid: [{ code: "// authkit-ignore-next-line jwt/token-in-source -- test fixture\nconst token = 'eyJ...';" }],
      invalid: [{ code: '// authkit-ignore-next-line jwt/token-in-source\nconst answer = 42;', note: 'nothing on the next line to suppress' }],
    },
  },
] as const satisfies readonly RuleMeta[];

export type MetaRuleId = (typeof META_RULES)[number]['id'];
