import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite as Stryker runs it (npm run test:mutation). start.test.ts only runs `npm start` in a
 * child process, where no mutant is ever active, so it cannot kill one; it would only cost time.
 *
 * Stryker's vitest runner runs each mutant's covering test files in one worker. Isolated (vitest's
 * default), every file in it imports the core, discord.js and Bolt again and loads kuromoji's
 * dictionary and the thesaurus again (Analyzer.load keeps them once per module instance): about
 * 2.5 s a file before its first test. Not isolated, the files of one run share those imports and
 * that one dictionary. This hides no mutant: Stryker switches a mutant on at run time (in a
 * beforeAll that its setup file adds to every test file, before the file's own), so code that runs
 * later, the knowledge base each file still builds in its beforeAll included, runs mutated; and
 * module top-level code runs before that switch whether isolated or not (with --ignoreStatic such
 * mutants are not tried; without it Stryker runs them with the mutant on from the start, see below).
 * The worker ends after each run, so nothing carries over from one mutant to the next.
 *
 * snapshot.test.ts mocks node:fs/promises (a disk that fills up), which only works on modules
 * imported after the mock: it keeps its own isolated worker.
 */
const MOCKS_MODULES = ['tests/snapshot.test.ts'];
const EXCLUDED = ['tests/start.test.ts', 'node_modules/**'];

// Each project is the base config's test options with its own files and isolation (not
// `extends: true`, which would add the base's include to the isolated project's).
export default defineConfig({
  test: {
    projects: [
      { test: { ...base.test, name: 'shared', isolate: false, exclude: [...EXCLUDED, ...MOCKS_MODULES] } },
      { test: { ...base.test, name: 'isolated', isolate: true, include: MOCKS_MODULES, exclude: EXCLUDED } },
    ],
  },
});
