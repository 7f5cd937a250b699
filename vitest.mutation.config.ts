import type { RunnerTask, RunnerTestCase } from 'vitest';
import { defineConfig } from 'vitest/config';
import type { Reporter, Vitest } from 'vitest/node';
import base from './vitest.config.js';

/**
 * The suite as Stryker runs it (npm run test:mutation). start.test.ts only runs `npm start` in a
 * child process, where no mutant is ever active, so it cannot kill one; it would only cost time.
 *
 * Not isolated: Stryker's vitest runner runs each mutant's covering test files in one fresh
 * worker. Isolated (vitest's default), every one of those files imports the core, discord.js and
 * Bolt again and loads kuromoji's dictionary and the thesaurus again (Analyzer.load keeps them
 * once per module instance), about 2.5 s a file before its first test; not isolated, the files of
 * a run share them. This hides no mutant: Stryker switches a mutant on at run time, in a beforeAll
 * its setup file puts before each file's own, so everything after it runs mutated, the knowledge
 * base each file still builds in its beforeAll included; module top-level code runs before that
 * switch, isolated or not. The worker ends with the run: nothing carries over to the next mutant.
 * Some files keep isolated workers of their own. Those that mock a module (node:fs,
 * node:fs/promises, kuromoji, a parser: a disk that fills up, a file that cannot be read, a lost
 * race): a mock reaches only modules imported after it, and in a shared worker a module imported
 * while mocked stays so for the files after it (an upload's Markdown then failed to parse in the
 * Slack tests). And those that read the log: the logger takes its level from LOG_LEVEL when it is
 * first imported, which in a shared worker another file did first, with the suite's `silent`.
 */
const ISOLATED = [
  'tests/discord/operator.test.ts',
  'tests/slack/operator.test.ts',
  'tests/snapshot.test.ts',
  'tests/load.test.ts',
  'tests/files.test.ts',
  'tests/analysis-cache.test.ts',
  'tests/dictionary.test.ts',
  'tests/prepared-cache.test.ts',
  'tests/thesaurus.test.ts',
  'tests/log.test.ts',
  'tests/knowledge-base-operator.test.ts',
  'tests/analyze.test.ts',
];
const EXCLUDED = ['tests/start.test.ts', 'node_modules/**'];

/**
 * When a test file's own beforeAll throws (a mutant that keeps the bot from starting: discord.js
 * sent to discord.com, for one), vitest fails the file and marks its tests skipped. Stryker's
 * vitest runner (9.6.1) counts a skipped test as failed under a failed describe but not under a
 * failed file, so it reported such a mutant as surviving, with no test completed. This fails the
 * tests the run selected, with the file's error, as they would have failed had they run.
 */
class FailTestsOfAFailedFile implements Reporter {
  private vitest!: Vitest;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  // The files as Stryker reads them after the run (vitest.state), before it does.
  onTestRunEnd() {
    for (const file of this.vitest.state.getFiles()) {
      const errors = file.result?.errors;
      if (file.result?.state !== 'fail' || !errors?.length) continue;
      // Stryker selects a mutant's covering tests by a pattern on their full names.
      const selected = this.vitest.projects.find((project) => project.name === file.projectName)?.config.testNamePattern;
      for (const { test, name } of testsIn(file.tasks)) {
        if (test.result?.state !== 'skip' || (selected && !selected.test(name))) continue;
        // Stryker reads a test whose mode is 'skip' as skipped whatever its result says.
        test.mode = 'run';
        test.result = { ...test.result, state: 'fail', errors };
      }
    }
  }
}

/** The tests under `tasks`, each with its full name (its describes' names and its own, as Stryker writes it). */
function testsIn(tasks: RunnerTask[], prefix = ''): { test: RunnerTestCase; name: string }[] {
  return tasks.flatMap((task) =>
    task.type === 'suite' ? testsIn(task.tasks, `${prefix}${task.name} `) : task.type === 'test' ? [{ test: task, name: `${prefix}${task.name}` }] : [],
  );
}

// Each project is the base config's test options with its own files and isolation (not
// `extends: true`, which would add the base's include to the isolated project's).
export default defineConfig({
  test: {
    reporters: ['default', new FailTestsOfAFailedFile()],
    projects: [
      { test: { ...base.test, name: 'shared', isolate: false, exclude: [...EXCLUDED, ...ISOLATED] } },
      { test: { ...base.test, name: 'isolated', isolate: true, include: ISOLATED, exclude: EXCLUDED } },
    ],
  },
});
