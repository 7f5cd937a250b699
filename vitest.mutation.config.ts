import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite as Stryker runs it (npm run test:mutation). start.test.ts only runs `npm start` in a
 * child process, where no mutant is ever active, so it cannot kill one; it would only cost time.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: { exclude: ['tests/start.test.ts', 'node_modules/**'] },
  }),
);
