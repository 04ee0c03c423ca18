// oxc-parser exports its native binding but ships no types for it. The binding's `parseSync`
// returns the program as a JSON string, which lets extraction skip building trees it does not need.
declare module 'oxc-parser/src-js/bindings' {
  import type { ParserOptions } from 'oxc-parser';
  export function parseSync(filename: string, sourceText: string, options?: ParserOptions | null): { program: string; errors: unknown[] };
}
