import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each test file loads kuromoji's dictionary once (about a second) and builds a small index.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Expected failures (bad files, failed reindexes) are logged; keep the test output readable.
    env: { LOG_LEVEL: 'silent' },
  },
});
