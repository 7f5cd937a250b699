/**
 * The core's face: open (load the snapshot or build it), ask, reindex, sources. One instance per
 * process is shared by every adapter.
 */
import { Analyzer, ANALYZER_VERSION } from './analyze.js';
import { composeAnswer, validateQuestion } from './answer.js';
import { loadCoreConfig, type CoreConfig } from './config.js';
import { ReindexError } from './errors.js';
import { loadCorpus } from './load.js';
import { log } from './log.js';
import { planQuery, type QueryPlan } from './query.js';
import { rankSentences, type RankedSentence } from './rank.js';
import { buildIndex, deserializeIndex, serializeIndex, type SearchIndex } from './search-index.js';
import { fingerprintCorpus, readSnapshot, SNAPSHOT_FORMAT, writeSnapshot, type SnapshotStamp } from './snapshot.js';
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

  /** Loads the snapshot when it matches the corpus and this code, else builds and saves one. */
  static async open(config: CoreConfig = loadCoreConfig()): Promise<KnowledgeBase> {
    const [analyzer, thesaurus] = await Promise.all([Analyzer.load(), Thesaurus.load()]);
    const stamp = await snapshotStamp(config);
    const read = await readSnapshot(config.indexDir, stamp);
    let problem = 'snapshot' in read ? undefined : read.problem;
    if ('snapshot' in read) {
      const { snapshot } = read;
      try {
        const generation = {
          index: deserializeIndex(snapshot.index),
          synonyms: await loadSynonyms(config.corpusDir),
          builtAt: snapshot.builtAt,
          skipped: snapshot.skipped,
        };
        return new KnowledgeBase(config, analyzer, thesaurus, generation);
      } catch (error) {
        problem = `snapshot is damaged (${(error as Error).message})`;
      }
    }
    if (problem !== 'no snapshot yet') log.warn({ indexDir: config.indexDir }, `Rebuilding the index: ${problem}`);
    return new KnowledgeBase(config, analyzer, thesaurus, await build(config, analyzer, stamp));
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

async function snapshotStamp(config: CoreConfig): Promise<SnapshotStamp> {
  const shaping = { maxFileBytes: config.maxFileBytes, maxSentenceChars: config.maxSentenceChars, anchorStyle: config.anchorStyle };
  return { format: SNAPSHOT_FORMAT, analyzerVersion: ANALYZER_VERSION, fingerprint: await fingerprintCorpus(config.corpusDir, shaping) };
}

/** Loads, splits, analyzes and indexes the corpus, then saves the snapshot. Throws if nothing loads. */
async function build(config: CoreConfig, analyzer: Analyzer, stamp: SnapshotStamp): Promise<Generation> {
  const { documents, skipped } = await loadCorpus(config.corpusDir, config.maxFileBytes, config.anchorStyle);
  for (const file of skipped) log.warn(file, 'Skipped a corpus file');
  if (documents.length === 0) {
    throw new Error(`no usable documents in ${config.corpusDir} (${skipped.length} skipped)`);
  }
  const index = await buildIndex(documents, analyzer, config.maxSentenceChars);
  const generation: Generation = { index, synonyms: await loadSynonyms(config.corpusDir), builtAt: new Date().toISOString(), skipped };
  await writeSnapshot(config.indexDir, { ...stamp, builtAt: generation.builtAt, skipped, index: serializeIndex(index) }).catch((error: Error) =>
    // The new index still serves; the next start rebuilds it.
    log.warn({ err: error, indexDir: config.indexDir }, 'Could not save the index snapshot'),
  );
  return generation;
}
