import { defineEvilRegex } from './evil-regex.js';

// The 200-pattern run of issue 7 takes minutes of CPU (recheck's analysis is most of it), so it is
// in `npm run fuzz` (test/fuzz/evil-regex.fuzz.test.ts); `npm test` runs the same checks on 8.
defineEvilRegex(8, { budgetMs: 100, concurrency: 2 });
