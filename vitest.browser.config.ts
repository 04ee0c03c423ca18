import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the decoder page in the system's Chromium. Here a missing browser is a
// failure, not a skip (test/ui/browser.ts).
export default defineConfig({
  test: {
    include: ['test/ui/**/*.browser.test.ts'],
    env: { AUTHKIT_REQUIRE_BROWSER: '1' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
