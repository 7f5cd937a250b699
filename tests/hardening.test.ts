/**
 * What an attacker or a careless moderator can do to the core: questions that expand or stall,
 * invisible characters, damaged snapshots, a broken corpus beside a good snapshot, leftovers of a
 * killed write, links in the corpus, a bad synonyms file, an index folder that cannot be written.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_FOLDER } from '../src/analysis-cache.js';
import { ANALYSIS_PIECE_CHARS, boundedPieces } from '../src/analyze.js';
import { ConfigError, InvalidQuestionError, KnowledgeBase, MAX_QUESTION_CHARS, PROJECT_ROOT } from '../src/index.js';
import { normalize } from '../src/normalize.js';
import { SNAPSHOT_FILE } from '../src/snapshot.js';
import { BUNDLED_CORPUS, copyOfBundledCorpus, tempDir, testConfig } from './helpers.js';

const AGE = '小泉防衛相は何歳ですか';

/** A small corpus: quick to build, and ours to break. */
async function smallCorpus(): Promise<string> {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'mars.txt'), '火星探査\n火星探査機は北極に着陸した。着陸は二〇三〇年だった。');
  return dir;
}

describe('questions', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.open(testConfig(BUNDLED_CORPUS, await tempDir()));
  });

  it('refuses a question that is short as typed but long once normalized (U+FDFA is 18 characters in NFKC)', async () => {
    const question = '\ufdfa'.repeat(MAX_QUESTION_CHARS);
    await expect(kb.ask(question)).rejects.toThrow(InvalidQuestionError);
    await expect(kb.ask(question)).rejects.toThrow(String(MAX_QUESTION_CHARS));
    // Within the limit once normalized, it is analyzed and answered (or not) like any question.
    expect((await kb.ask('\ufdfa'.repeat(27))).status).toBe('not_found');
  });

  it.each([
    ['zero-width space', '\u200b'],
    ['zero-width joiner', '\u200d'],
    ['soft hyphen', '\u00ad'],
    ['NUL', '\u0000'],
    ['byte order mark', '\ufeff'],
  ])('reads a name split by a %s as the name', async (_, invisible) => {
    expect(normalize(`小${invisible}泉`)).toBe('小泉');
    const answer = await kb.ask(`小${invisible}泉防衛相は何歳ですか`);
    expect(answer.status).toBe('answered');
    expect(answer.text).toContain('44歳');
  });

  it('keeps line breaks and tabs as spaces between words', () => {
    expect(normalize('防衛\n予算\tGDP')).toBe('防衛 予算 gdp');
  });
});

describe('bounded analysis', () => {
  it('cuts any text into pieces of at most the limit that join back to it, never inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.integer({ min: 4, max: 200 }), (text, max) => {
        const pieces = boundedPieces(text, max);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(max);
        for (const piece of pieces.slice(0, -1)) expect(piece).not.toMatch(/[\ud800-\udbff]$/);
      }),
    );
  });

  it('never splits a surrogate pair when the limit is odd (fast-check found this one)', () => {
    const text = '\u0000𐀀\t𐀀\u0000𐀀\u0000𐀀';
    const pieces = boundedPieces(text, 7);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces.slice(0, -1)) expect(piece).not.toMatch(/[\ud800-\udbff]$/);
  });

  it('cuts after the whole of a punctuation mark beyond the BMP (fast-check found this one)', () => {
    // U+115C1 (SIDDHAM SIGN SIDDHAM) is punctuation written as two code units.
    expect(boundedPieces('\u{10000}\u{115C1}\u0000', 4)).toEqual(['\u{10000}\u{115C1}', '\u0000']);
  });

  it('cuts after a space or punctuation in the second half of the window, where a word cannot go on', () => {
    const sentence = 'あ'.repeat(70) + '、' + 'い'.repeat(60);
    expect(boundedPieces(sentence, ANALYSIS_PIECE_CHARS)[0]).toBe('あ'.repeat(70) + '、');
    expect(boundedPieces('ア'.repeat(250), ANALYSIS_PIECE_CHARS).map((p) => p.length)).toEqual([100, 100, 50]);
  });

  it('cuts after the last break of the second half, even one right at its start', () => {
    // Two breaks in the second half: the piece goes on to the later one.
    expect(boundedPieces('あ'.repeat(60) + '、' + 'い'.repeat(20) + '。' + 'う'.repeat(40), ANALYSIS_PIECE_CHARS)[0]).toBe('あ'.repeat(60) + '、' + 'い'.repeat(20) + '。');
    // The only break is the second half's first character: cut there, not inside the word after it.
    expect(boundedPieces('あ'.repeat(50) + '、' + 'い'.repeat(80), ANALYSIS_PIECE_CHARS)).toEqual(['あ'.repeat(50) + '、', 'い'.repeat(80)]);
  });
});

describe('snapshots that parse but cannot be used', () => {
  let corpus: string;
  let good: string;
  beforeAll(async () => {
    corpus = await smallCorpus();
    const index = await tempDir();
    await KnowledgeBase.open(testConfig(corpus, index));
    good = await readFile(path.join(index, SNAPSHOT_FILE), 'utf8');
  });

  it.each([
    ['null', () => null],
    ['an array', () => []],
    ['an index with no terms', (s: any) => ((s.index.miniSearch.terms = []), s)],
    ['no documents', (s: any) => ((s.index.documents = []), s)],
    ['no sentences', (s: any) => ((s.index.sentences = []), s)],
    ['sentence counts that disagree', (s: any) => ((s.index.documents[0].sentences += 1), s)],
    ['a sentence of an unknown document', (s: any) => ((s.index.sentences[0].docId = 'ghost.txt'), s)],
    ['a sentence without text', (s: any) => (delete s.index.sentences[0].text, s)],
    ['a sentence whose nouns are not words', (s: any) => ((s.index.sentences[1].nouns = [3]), s)],
    ['a term count that is not a count', (s: any) => ((s.index.sentenceFrequency[0][1] = 'many'), s)],
    ['postings cut short', (s: any) => ((s.index.miniSearch.postings = s.index.miniSearch.postings.slice(0, -1)), s)],
    ['a build time that is not a time', (s: any) => ((s.builtAt = 'yesterday'), s)],
  ])('rebuilds over a snapshot with %s, then answers', async (_, damage) => {
    const index = await tempDir();
    await writeFile(path.join(index, SNAPSHOT_FILE), JSON.stringify(damage(JSON.parse(good))));
    const kb = await KnowledgeBase.open(testConfig(corpus, index));
    expect((await kb.ask('火星探査機はどこに着陸した？')).text).toContain('北極');
    expect(await readFile(path.join(index, SNAPSHOT_FILE), 'utf8')).not.toBe(JSON.stringify(damage(JSON.parse(good))));
  });
});

describe('start-up with a broken corpus beside a good snapshot', () => {
  let snapshot: string;
  beforeAll(async () => {
    const index = await tempDir();
    const corpus = await copyOfBundledCorpus();
    await KnowledgeBase.open(testConfig(corpus, index));
    snapshot = await readFile(path.join(index, SNAPSHOT_FILE), 'utf8');
  });

  /** A copy of the bundled corpus with `breakIt` applied, and an index folder holding the good snapshot. */
  async function broken(breakIt: (corpus: string) => Promise<void>) {
    const corpus = path.join(await tempDir(), 'corpus');
    await cp(BUNDLED_CORPUS, corpus, { recursive: true });
    await breakIt(corpus);
    const index = await tempDir();
    await writeFile(path.join(index, SNAPSHOT_FILE), snapshot);
    return testConfig(corpus, index);
  }

  it.each([
    ['every document deleted', async (corpus: string) => {
      for (const f of await readdir(corpus)) if (f.endsWith('.txt')) await rm(path.join(corpus, f));
    }],
    ['the corpus folder missing', (corpus: string) => rm(corpus, { recursive: true })],
    ['synonyms.csv a folder', async (corpus: string) => {
      await rm(path.join(corpus, 'synonyms.csv'));
      await mkdir(path.join(corpus, 'synonyms.csv'));
    }],
    ['a path longer than PATH_MAX', async (corpus: string) => {
      // Made from a shell one folder at a time: no single path the system sees is too long.
      const segment = 'd'.repeat(250);
      await promisify(execFile)('bash', ['-c', `cd "$1" && for i in $(seq 20); do mkdir ${segment} && cd ${segment}; done && echo 本文 > deep.txt`, '_', corpus]);
    }],
  ])('answers from the snapshot with %s', async (_, breakIt) => {
    const kb = await KnowledgeBase.open(await broken(breakIt));
    expect((await kb.ask(AGE)).text).toContain('44歳');
    expect(kb.sources().documents).toHaveLength(5);
  });

  it('with neither a snapshot nor a corpus, says so in one line naming both settings', async () => {
    const index = await tempDir();
    const missing = path.join(index, 'no-such-corpus');
    const opening = KnowledgeBase.open(testConfig(missing, index));
    await expect(opening).rejects.toThrow(ConfigError);
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toMatch(/INDEX_DIR=.*no snapshot yet.*CORPUS_DIR=.*no-such-corpus.*ENOENT/);
    expect(message).not.toContain('\n');
  });
});

describe('the index folder', () => {
  it.each([
    ['a file', async () => {
      const file = path.join(await tempDir(), 'index');
      await writeFile(file, 'not a folder');
      return file;
    }],
    ['under /proc', async () => '/proc/qa-bot-index'],
    ['/proc itself', async () => '/proc'],
  ])('is refused when it is %s, naming INDEX_DIR', async (_, where) => {
    const opening = KnowledgeBase.open(testConfig(await smallCorpus(), await where()));
    await expect(opening).rejects.toThrow(ConfigError);
    await expect(opening).rejects.toThrow(/^INDEX_DIR=.* is not a folder the bot can write to/);
  });

  it('loses the temporary files of a killed write at the next start, and keeps a live writer’s', async () => {
    const index = await tempDir();
    const corpus = await smallCorpus();
    const dead = `${SNAPSHOT_FILE}.999999999.1700000000000.tmp`;
    const live = `${SNAPSHOT_FILE}.${process.ppid}.1700000000000.tmp`;
    for (const name of [dead, live]) await writeFile(path.join(index, name), '{"half": ');
    await KnowledgeBase.open(testConfig(corpus, index));
    expect((await readdir(index)).sort()).toEqual([ANALYSIS_FOLDER, SNAPSHOT_FILE, live].sort());
  });
});

describe('what the corpus holds beside documents', () => {
  it('reads a linked file, names a broken link, and names a synonyms file that is not UTF-8', async () => {
    const corpus = await smallCorpus();
    const elsewhere = await tempDir();
    await writeFile(path.join(elsewhere, 'moon.txt'), '月面基地\n月面基地は南極に建設される。');
    await symlink(path.join(elsewhere, 'moon.txt'), path.join(corpus, 'moon.txt'));
    await symlink(path.join(elsewhere, 'gone.txt'), path.join(corpus, 'gone.txt'));
    await writeFile(path.join(corpus, 'synonyms.csv'), Buffer.from('火星,\x83}\x81[\x83X\n', 'latin1'));
    const kb = await KnowledgeBase.open(testConfig(corpus, await tempDir()));
    expect(kb.sources().documents.map((d) => d.docId)).toEqual(['mars.txt', 'moon.txt']);
    expect(kb.sources().skipped).toEqual([
      { file: 'gone.txt', reason: expect.stringMatching(/broken symbolic link/) },
      { file: 'synonyms.csv', reason: expect.stringMatching(/not valid UTF-8/) },
    ]);
    expect((await kb.ask('月面基地はどこに建設される？')).text).toContain('南極');
  });
});

describe('the command line', () => {
  it('answers an unknown flag with usage and exit code 2, not a stack trace', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ask', '--bogus', AGE], { cwd: PROJECT_ROOT });
    const failure = await run.then(
      () => expect.unreachable('the CLI should refuse an unknown flag'),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/Unknown option '--bogus'/);
    expect(failure.stderr).toMatch(/usage:/);
    expect(failure.stderr).not.toMatch(/^\s+at /m);
  });
});
