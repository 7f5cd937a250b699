/**
 * The Sudachi thesaurus (src/thesaurus.ts): compiled once into a folder of its own in the cache
 * folder, read from the package when that cannot be done, an error that names the package when
 * neither can; and the compounds of a question's words it looks up.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../src/analyze.js';
import { Thesaurus } from '../src/thesaurus.js';
import { tempDir } from './helpers.js';

/**
 * A fresh copy of the module (`load` reads once per process) and a spy on the log its warnings
 * go to.
 */
async function freshThesaurus() {
  vi.resetModules();
  const { log } = await import('../src/log.js');
  const warn = vi.spyOn(log, 'warn');
  const { Thesaurus: Fresh } = await import('../src/thesaurus.js');
  return { Thesaurus: Fresh, warn };
}

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await Analyzer.load();
});

afterEach(() => {
  vi.doUnmock('node:fs/promises');
  vi.restoreAllMocks();
});

describe('Thesaurus.load', () => {
  it('compiles the package into a folder of its own in the cache folder, leaving what else is there, and reads it there next time', async () => {
    const cacheDir = await tempDir();
    await mkdir(path.join(cacheDir, 'kuromoji-0.1.2-p1'));
    await writeFile(path.join(cacheDir, 'kuromoji-0.1.2-p1', 'base.dat'), 'another cache');
    const first = await freshThesaurus();
    const thesaurus = await first.Thesaurus.load(cacheDir);
    expect(thesaurus.lookup(analyzer.analyze('演説の内容'))[0]?.others).toEqual(expect.arrayContaining(['スピーチ', 'speech']));
    expect(first.warn).not.toHaveBeenCalled();
    const entries = (await readdir(cacheDir)).sort();
    expect(entries).toEqual(['kuromoji-0.1.2-p1', expect.stringMatching(/^sudachi-synonyms-\d+\.\d+\.\d+/)]);
    expect(await readdir(path.join(cacheDir, 'kuromoji-0.1.2-p1'))).toEqual(['base.dat']);
    expect((await readdir(path.join(cacheDir, entries[1]!))).sort()).toEqual(['manifest.json', 'thesaurus.json']);

    const next = await freshThesaurus();
    expect((await next.Thesaurus.load(cacheDir)).lookup(analyzer.analyze('演説の内容'))).toEqual(thesaurus.lookup(analyzer.analyze('演説の内容')));
    expect(next.warn).not.toHaveBeenCalled();
  });

  it('reads the package’s own JSON when no compiled copy can be made, and logs why', async () => {
    const { Thesaurus: Fresh, warn } = await freshThesaurus();
    const thesaurus = await Fresh.load('/dev/null/cache');
    expect(thesaurus.lookup(analyzer.analyze('演説の内容'))[0]?.others).toEqual(expect.arrayContaining(['スピーチ', 'speech']));
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ cacheDir: '/dev/null/cache', err: expect.any(Error) }),
      expect.stringMatching(/thesaurus.*compiled copy could not be made or read/),
    );
  });

  it('rejects naming the package when its dictionary cannot be read either, and tries again at the next load', async () => {
    vi.doMock('node:fs/promises', async (importOriginal) => {
      const actual = await importOriginal<typeof import('node:fs/promises')>();
      let failures = 1;
      const readFile = ((file: string, ...rest: unknown[]) =>
        String(file).endsWith('sudachi-synonyms-dictionary.json') && failures-- > 0
          ? Promise.reject(new Error('EACCES: permission denied'))
          : (actual.readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest)) as typeof actual.readFile;
      return { ...actual, readFile, default: { ...actual, readFile } };
    });
    const { Thesaurus: Fresh } = await freshThesaurus();
    await expect(Fresh.load('/dev/null/cache')).rejects.toThrow(
      'Could not read the Sudachi synonym dictionary (npm package sudachi-synonyms-dictionary): EACCES: permission denied',
    );
    const thesaurus = await Fresh.load('/dev/null/cache');
    expect(thesaurus.lookup(analyzer.analyze('演説の内容'))[0]?.others).toEqual(expect.arrayContaining(['スピーチ']));
  });
});

describe('Thesaurus.lookup', () => {
  const item = (midashi: string) => ({ midashi, expandControl: 0 as const });

  it('looks up compounds of up to three adjacent words, not longer', () => {
    const thesaurus = Thesaurus.fromGroups([
      { items: [item('日米防衛協力'), item('日米安保協力')] },
      { items: [item('米防衛協力'), item('アメリカの防衛協力')] },
    ]);
    expect(analyzer.analyze('日米防衛協力の指針').words).toEqual(['日', '米', '防衛', '協力', '指針']);
    expect(thesaurus.lookup(analyzer.analyze('日米防衛協力の指針'))).toEqual([{ term: '米防衛協力', others: ['アメリカの防衛協力'] }]);
  });

  it('joins an English word to the Japanese one it is written against without a space (ポケモンGO)', () => {
    const thesaurus = Thesaurus.fromGroups([{ items: [item('ポケモンGO'), item('ポケモンゴー')] }]);
    expect(thesaurus.lookup(analyzer.analyze('ポケモンGOとは'))).toEqual([{ term: 'ポケモンgo', others: ['ポケモンゴー'] }]);
    expect(thesaurus.lookup(analyzer.analyze('ポケモンGOで遊ぶ'))).toEqual([{ term: 'ポケモンgo', others: ['ポケモンゴー'] }]);
  });
});
