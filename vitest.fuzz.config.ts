import { defineConfig } from 'vitest/config';

// `npm run fuzz`: the long property runs (>= 100,000 cases per parser, AUTHKIT_FUZZ_RUNS to
// change). Only the fuzz files: the default suite is `npm test`. AUTHKIT_FUZZ_RECORD=1 keeps the
// last source input on disk, because a native crash in oxc would take the input with it.
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.test.ts'],
    exclude: ['node_modules/**'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 4 * 60 * 60 * 1000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { AUTHKIT_FUZZ_RECORD: process.env.AUTHKIT_FUZZ_RECORD ?? '1' },
  },
});
