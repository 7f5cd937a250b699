/**
 * The core's face: open (load the snapshot or build it), ask, reindex, sources. One instance per
 * process is shared by every adapter.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Analyzer, ANALYZER_VERSION } from './analyze.js';
import { composeAnswer, validateQuestion } from './answer.js';
import { loadCoreConfig, type CoreConfig } from './config.js';
import { ConfigError, ReindexError } from './errors.js';
import { loadCorpus } from './load.js';
import { log } from './log.js';
import { planQuery, type QueryPlan } from './query.js';
import { rankSentences, type RankedSentence } from './rank.js';
import { buildIndex, deserializeIndex, serializeIndex, type SearchIndex } from './search-index.js';
import { fingerprintCorpus, readSnapshot, removeStaleTemporaries, SNAPSHOT_FORMAT, writeSnapshot, type Snapshot, type SnapshotStamp } from './snapshot.js';
import { loadSynonyms, type SynonymGroups } from './synonyms.js';
import { Thesaurus } from './thesaurus.js';
import type { Answer, ReindexReport, SkippedFile, SourcesReport } from './types.js';

/** Everything one index generation needs; replaced whole, so a reader never sees a mix. */
interface Generation {
  index: SearchIndex;
  synonyms: SynonymGroups;
  builtAt: string;
  skipped: SkippedFile[];
}

export class KnowledgeBase {
  private running: Promise<ReindexReport> | undefined;

  private constructor(
    private readonly config: CoreConfig,
    private readonly analyzer: Analyzer,
    private readonly thesaurus: Thesaurus,
    private current: Generation,
  ) {}

  /**
   * Loads the snapshot when it matches the corpus and this code, else builds and saves one. When
   * the corpus cannot be indexed (missing, emptied, unreadable) a usable snapshot still answers,
   * and the log says why it was not rebuilt; with neither, a ConfigError names both causes.
   */
  static async open(config: CoreConfig = loadCoreConfig()): Promise<KnowledgeBase> {
    await ensureWritableFolder(config.indexDir, 'INDEX_DIR');
    const leftovers = await removeStaleTemporaries(config.indexDir);
    if (leftovers.length > 0) log.info({ files: leftovers }, 'Removed temporary files of an interrupted snapshot write');
    const [analyzer, thesaurus] = await Promise.all([Analyzer.load(config.dictionaryCacheDir), Thesaurus.load(config.dictionaryCacheDir)]);
    const saved = await loadSavedIndex(config.indexDir);
    const fromSnapshot = async ({ snapshot, index }: SavedIndex): Promise<KnowledgeBase> => {
      const { groups, skipped } = await loadSynonyms(config.corpusDir);
      if (skipped) log.warn(skipped, 'Not using the synonyms file');
      return new KnowledgeBase(config, analyzer, thesaurus, { index, synonyms: groups, builtAt: snapshot.builtAt, skipped: snapshot.skipped });
    };

    let stamp: SnapshotStamp;
    try {
      stamp = await snapshotStamp(config);
    } catch (error) {
      if ('snapshot' in saved) {
        log.warn({ corpusDir: config.corpusDir, err: error }, `Answering from the saved index of ${saved.snapshot.builtAt}: the corpus cannot be read`);
        return fromSnapshot(saved);
      }
      throw cannotStart(config, saved.problem, (error as Error).message);
    }
    if ('snapshot' in saved && saved.snapshot.fingerprint === stamp.fingerprint) return fromSnapshot(saved);
    const reason = 'snapshot' in saved ? 'corpus or settings changed since the snapshot was built' : saved.problem;
    if (reason !== 'no snapshot yet') log.warn({ indexDir: config.indexDir }, `Rebuilding the index: ${reason}`);
    try {
      return new KnowledgeBase(config, analyzer, thesaurus, await build(config, analyzer, stamp));
    } catch (error) {
      if (!('snapshot' in saved)) throw cannotStart(config, saved.problem, (error as Error).message);
      log.warn({ corpusDir: config.corpusDir, err: error }, `Answering from the saved index of ${saved.snapshot.builtAt}: the corpus could not be indexed`);
      return fromSnapshot(saved);
    }
  }

  /** Answers from the index in use. Throws InvalidQuestionError for an unusable question. */
  async ask(question: string): Promise<Answer> {
    const startedAt = performance.now();
    const { plan, ranked } = this.rank(question);
    return composeAnswer(this.current.index, plan, ranked, { maxSentences: this.config.answerMaxSentences, sourceUrlTemplate: this.config.sourceUrlTemplate }, startedAt);
  }

  /** The ranked candidate sentences behind `ask`, best first: for measuring retrieval. */
  search(question: string): RankedSentence[] {
    return this.rank(question).ranked;
  }

  private rank(question: string): { plan: QueryPlan; ranked: RankedSentence[] } {
    const { index, synonyms } = this.current;
    const plan = planQuery(validateQuestion(question), this.analyzer, { synonyms, thesaurus: this.thesaurus, sounds: index.sounds });
    return { plan, ranked: rankSentences(index, plan, this.config.searchCandidates) };
  }

  /**
   * Rebuilds from the corpus beside the index in use and swaps only when complete. Calls made
   * while a run is under way share it. On failure the old index stays and ReindexError says why.
   */
  reindex(options: { by?: string } = {}): Promise<ReindexReport> {
    if (this.running) return this.running.then((report) => ({ ...report, joined: true }));
    const run = this.rebuild(options.by);
    this.running = run;
    const clear = () => {
      this.running = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  get reindexing(): boolean {
    return this.running !== undefined;
  }

  sources(): SourcesReport {
    const { index, builtAt, skipped } = this.current;
    return { documents: index.documents, builtAt, skipped };
  }

  /** The folder the material is read from: adapters show a cited passage from the document itself. */
  get corpusDir(): string {
    return this.config.corpusDir;
  }

  private async rebuild(by: string | undefined): Promise<ReindexReport> {
    const startedAt = performance.now();
    try {
      const generation = await build(this.config, this.analyzer, await snapshotStamp(this.config));
      this.current = generation;
      const report: ReindexReport = {
        documents: generation.index.documents.length,
        sentences: generation.index.sentences.length,
        skipped: generation.skipped,
        tookMs: Math.round(performance.now() - startedAt),
        builtAt: generation.builtAt,
        by,
        joined: false,
      };
      log.info({ ...report, skipped: report.skipped.length }, 'Reindexed');
      return report;
    } catch (error) {
      log.error({ err: error, by }, 'Reindex failed; the previous index is still answering');
      throw new ReindexError(`再索引に失敗しました。以前の索引で回答を続けます。(Reindex failed: ${(error as Error).message})`);
    }
  }
}

interface SavedIndex {
  snapshot: Snapshot;
  index: SearchIndex;
}

/** The snapshot in `dir` for this code, whatever corpus it was built from, loaded; or why it cannot be used. */
async function loadSavedIndex(dir: string): Promise<SavedIndex | { problem: string }> {
  const read = await readSnapshot(dir, { format: SNAPSHOT_FORMAT, analyzerVersion: ANALYZER_VERSION });
  if ('problem' in read) return read;
  try {
    return { snapshot: read.snapshot, index: deserializeIndex(read.snapshot.index) };
  } catch (error) {
    return { problem: `snapshot is damaged (${(error as Error).message})` };
  }
}

async function snapshotStamp(config: CoreConfig): Promise<SnapshotStamp> {
  const shaping = { maxFileBytes: config.maxFileBytes, maxSentenceChars: config.maxSentenceChars, anchorStyle: config.anchorStyle };
  return { format: SNAPSHOT_FORMAT, analyzerVersion: ANALYZER_VERSION, fingerprint: await fingerprintCorpus(config.corpusDir, shaping) };
}

/** One line that says why neither the saved index nor the corpus can be used, naming both settings. */
function cannotStart(config: CoreConfig, snapshotProblem: string, corpusProblem: string): ConfigError {
  return new ConfigError(
    `Cannot start: no usable index in INDEX_DIR=${config.indexDir} (${snapshotProblem}), ` +
      `and the corpus in CORPUS_DIR=${config.corpusDir} cannot be indexed (${corpusProblem})`,
  );
}

/** Refuses a folder the index could not be saved in (a file, /proc, read-only) before any work is done. */
async function ensureWritableFolder(dir: string, setting: string): Promise<void> {
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    await makeFolder(dir);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw new ConfigError(`${setting}=${dir} is not a folder the bot can write to (${(error as Error).message}); point ${setting} at a writable folder`);
  }
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir never returns for a path under /proc
 * (the kernel answers ENOENT for a parent that exists, and it retries forever).
 */
async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; !(await exists(at)) && path.dirname(at) !== at; at = path.dirname(at)) missing.unshift(at);
  for (const folder of missing) await mkdir(folder);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Loads, splits, analyzes and indexes the corpus, then saves the snapshot. Throws if nothing loads. */
async function build(config: CoreConfig, analyzer: Analyzer, stamp: SnapshotStamp): Promise<Generation> {
  const loaded = await loadCorpus(config.corpusDir, config.maxFileBytes, config.anchorStyle);
  const synonyms = await loadSynonyms(config.corpusDir);
  const skipped = synonyms.skipped ? [...loaded.skipped, synonyms.skipped] : loaded.skipped;
  for (const file of skipped) log.warn(file, 'Skipped a corpus file');
  if (loaded.documents.length === 0) {
    throw new Error(`no usable documents in ${config.corpusDir} (${loaded.skipped.length} skipped)`);
  }
  const index = await buildIndex(loaded.documents, analyzer, config.maxSentenceChars);
  const generation: Generation = { index, synonyms: synonyms.groups, builtAt: new Date().toISOString(), skipped };
  await writeSnapshot(config.indexDir, { ...stamp, builtAt: generation.builtAt, skipped, index: serializeIndex(index) }).catch((error: Error) =>
    // The new index still serves; the next start rebuilds it.
    log.warn({ err: error, indexDir: config.indexDir }, 'Could not save the index snapshot'),
  );
  return generation;
}
