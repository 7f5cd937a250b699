/**
 * The core's face: open (load the snapshot or build it), ask, reindex, sources. One instance per
 * process is shared by every adapter.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AnalysisCache } from './analysis-cache.js';
import { Analyzer, ANALYZER_VERSION } from './analyze.js';
import { answerSentences, composeAnswer, validateQuestion, type ComposeOptions } from './answer.js';
import { loadCoreConfig, type CoreConfig } from './config.js';
import { ConfigError, ReindexError } from './errors.js';
import { exists } from './files.js';
import { checkUpload, removeDocumentFile, UploadRefusedError, writeUpload, type Upload } from './uploads.js';
import { readCorpus, toDocument } from './load.js';
import { log } from './log.js';
import { inThread } from './follow-up.js';
import { planQuery, type QueryPlan } from './query.js';
import { rankSentences, type RankedSentence } from './rank.js';
import { refusalEvidence, refuses, type RefusalEvidence } from './refusal.js';
import { rankingConfig, type RankingConfig, type RankingOverrides } from './ranking-config.js';
import { analyzeDocument, assembleIndex, deserializeIndex, relocated, serializeIndex, type AnalyzedDocument, type IndexedSentence, type SearchIndex } from './search-index.js';
import { fingerprintCorpus, readSnapshot, removeStaleTemporaries, SNAPSHOT_FILE, SNAPSHOT_FORMAT, writeSnapshot, type Snapshot, type SnapshotStamp } from './snapshot.js';
import { loadSynonyms, SYNONYMS_FILE, type SynonymGroups } from './synonyms.js';
import { Thesaurus } from './thesaurus.js';
import type { Answer, ReindexReport, SkippedFile, SourcesReport } from './types.js';

/** How many earlier questions of a thread are read: a follow-up leans on the last few. */
const MAX_THREAD_QUESTIONS = 5;

/** What adding or removing a document from chat did. */
export interface DocumentChange {
  docId: string;
  /** Units the document now has in the index (0 once removed). */
  units: number;
  report: ReindexReport;
}

export interface AskOptions {
  /** The earlier questions of the thread, oldest first (from the platform, not from memory). */
  context?: readonly string[];
}

/** Everything one index generation needs; replaced whole, so a reader never sees a mix. */
interface Generation {
  index: SearchIndex;
  synonyms: SynonymGroups;
  builtAt: string;
  skipped: SkippedFile[];
  /** The corpus and settings it was built from (see snapshot.ts). */
  fingerprint: string;
}

export class KnowledgeBase {
  private running: Promise<ReindexReport> | undefined;
  /** The last document change from chat; the next waits for it. */
  private changing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly config: CoreConfig,
    private readonly analyzer: Analyzer,
    private readonly thesaurus: Thesaurus,
    private readonly ranking: RankingConfig,
    private current: Generation,
  ) {}

  /**
   * Loads the snapshot when it matches the corpus and this code, else builds and saves one. When
   * the corpus cannot be indexed (missing, emptied, unreadable) a usable snapshot still answers,
   * and the log says why it was not rebuilt; with neither, a ConfigError names both causes.
   * `options.ranking` overrides weights and thresholds of the defaults (ranking-config.ts);
   * `options.anySnapshot` answers from a usable snapshot even if the corpus changed since (for a
   * caller that reindexes at once, so its report is of that run).
   */
  static async open(config: CoreConfig = loadCoreConfig(), options: { ranking?: RankingOverrides; anySnapshot?: boolean } = {}): Promise<KnowledgeBase> {
    const ranking = rankingConfig(options.ranking);
    await ensureWritableFolder(config.indexDir, 'INDEX_DIR');
    const leftovers = await removeStaleTemporaries(config.indexDir);
    if (leftovers.length > 0) log.info({ files: leftovers }, 'Removed temporary files of an interrupted snapshot write');
    const [analyzer, thesaurus] = await Promise.all([Analyzer.load(config.dictionaryCacheDir), Thesaurus.load(config.dictionaryCacheDir)]);
    const saved = await loadSavedIndex(config.indexDir);
    const fromSnapshot = async ({ snapshot, index }: SavedIndex): Promise<KnowledgeBase> => {
      const { groups, skipped } = await loadSynonyms(config.corpusDir);
      if (skipped) log.warn(skipped, 'Not using the synonyms file');
      return new KnowledgeBase(config, analyzer, thesaurus, ranking, { index, synonyms: groups, builtAt: snapshot.builtAt, skipped: snapshot.skipped, fingerprint: snapshot.fingerprint });
    };

    if ('snapshot' in saved && options.anySnapshot) return fromSnapshot(saved);
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
      const built = await build(config, analyzer, stamp);
      await built.save();
      return new KnowledgeBase(config, analyzer, thesaurus, ranking, built.generation);
    } catch (error) {
      if (!('snapshot' in saved)) throw cannotStart(config, saved.problem, (error as Error).message);
      log.warn({ corpusDir: config.corpusDir, err: error }, `Answering from the saved index of ${saved.snapshot.builtAt}: the corpus could not be indexed`);
      return fromSnapshot(saved);
    }
  }

  /** Answers from the index in use. Throws InvalidQuestionError for an unusable question. */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const startedAt = performance.now();
    const { plan, ranked } = this.rank(question, options.context);
    return composeAnswer(this.current.index, plan, ranked, this.composeOptions(), startedAt);
  }

  private composeOptions(): ComposeOptions {
    return { maxSentences: this.config.answerMaxSentences, sourceUrlTemplate: this.config.sourceUrlTemplate, ranking: this.ranking };
  }

  /** The ranked candidate sentences behind `ask`, best first: for measuring retrieval. */
  search(question: string, options: AskOptions = {}): RankedSentence[] {
    return this.rank(question, options.context).ranked;
  }

  /** Why `ask` answers as it does: the ranked candidates and what the refusal decides on. */
  explain(question: string, options: AskOptions = {}): { ranked: RankedSentence[]; refusal: RefusalEvidence; refused: boolean } {
    const { plan, ranked } = this.rank(question, options.context);
    const refusal = refusalEvidence(this.current.index, plan, ranked, this.ranking);
    return { ranked, refusal, refused: ranked.length === 0 || refuses(refusal, this.ranking) };
  }

  private rank(question: string, context: readonly string[] = []): { plan: QueryPlan; ranked: RankedSentence[] } {
    const { index, synonyms } = this.current;
    const plan = (text: string) => planQuery(text, this.analyzer, { synonyms, thesaurus: this.thesaurus, sounds: index.sounds, frequency: index.sentenceFrequency }, this.ranking);
    // Earlier questions are only context: one that cannot be used is left out, never refused.
    const earlier = context.slice(-MAX_THREAD_QUESTIONS).flatMap((text) => {
      try {
        return [plan(validateQuestion(text))];
      } catch {
        return [];
      }
    });
    const own = plan(validateQuestion(question));
    // The thread as understood so far, once: the follow-up leans on it, and its answer is what the asker has read.
    const previous = earlier.length > 0 ? inThread(earlier, this.ranking) : undefined;
    const asked = previous ? inThread([previous, own], this.ranking) : own;
    const earlierAnswer = previous && asked.fromThread.length > 0 ? this.answerTo(previous) : undefined;
    return { plan: asked, ranked: rankSentences(index, asked, this.config.searchCandidates, this.ranking, earlierAnswer) };
  }

  /** The sentence an answer to `plan` leads with, if it is answered: a follow-up asks for something else. */
  private answerTo(plan: QueryPlan): IndexedSentence | undefined {
    const { index } = this.current;
    return answerSentences(index, plan, rankSentences(index, plan, this.config.searchCandidates, this.ranking), this.composeOptions())[0];
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

  /**
   * Adds a document from chat (replacing one of the same name only when `upload.replace`), then
   * reindexes: only that document is analyzed, and the index in use answers until the new one is
   * ready. A refused file (UploadRefusedError says why) changes nothing; a failed reindex takes
   * the file back out.
   */
  addDocument(upload: Upload, by?: string): Promise<DocumentChange> {
    const rules = { corpusDir: this.config.corpusDir, uploadDir: this.config.corpusUploadDir, maxFileBytes: this.config.maxFileBytes, anchorStyle: this.config.anchorStyle };
    return this.changeCorpus(by, async () => {
      const docId = await checkUpload(upload, rules);
      await makeFolder(this.config.corpusUploadDir);
      return { docId, undo: await writeUpload(this.config.corpusDir, docId, upload.bytes) };
    });
  }

  /** Removes document `docId` (as `sources()` names it) from the corpus, then reindexes. */
  removeDocument(docId: string, by?: string): Promise<DocumentChange> {
    return this.changeCorpus(by, async () => {
      if (!this.current.index.documents.some((d) => d.docId === docId)) {
        throw new UploadRefusedError(`その資料は索引にありません (${docId} is not an indexed document)`);
      }
      return { docId, undo: await removeDocumentFile(this.config.corpusDir, docId) };
    });
  }

  /** One change at a time: each is made, then indexed by a run that starts after it (not one already under way). */
  private changeCorpus(by: string | undefined, change: () => Promise<{ docId: string; undo: () => Promise<void> }>): Promise<DocumentChange> {
    const next = this.changing.then(async (): Promise<DocumentChange> => {
      const { docId, undo } = await change();
      await this.running?.catch(() => undefined);
      try {
        const report = await this.reindex({ by });
        // Any run that joined started after the change, so the index in use holds it.
        return { docId, units: this.current.index.documents.find((d) => d.docId === docId)?.sentences ?? 0, report };
      } catch (error) {
        await undo();
        throw error;
      }
    });
    this.changing = next.catch(() => undefined);
    return next;
  }

  /**
   * Follows the snapshots other processes write into INDEX_DIR (replicas sharing one folder: one
   * builds, the others switch to what it built), looking every `intervalMs`. Returns how to stop.
   */
  followSnapshots(intervalMs: number): () => void {
    const file = path.join(this.config.indexDir, SNAPSHOT_FILE);
    let seen = 0;
    let looking = false;
    const look = async () => {
      const changedAt = await stat(file).then((info) => info.mtimeMs, () => seen);
      if (changedAt === seen || this.running) return;
      seen = changedAt;
      const read = await readCurrentSnapshot(this.config.indexDir);
      // ISO times compare as strings; our own snapshot is no newer than what we answer from, so
      // it is not deserialized again.
      if (!('snapshot' in read) || read.snapshot.builtAt <= this.current.builtAt) return;
      const { snapshot } = read;
      const index = deserializeIndex(snapshot.index);
      const { groups } = await loadSynonyms(this.config.corpusDir);
      this.current = { index, synonyms: groups, builtAt: snapshot.builtAt, skipped: snapshot.skipped, fingerprint: snapshot.fingerprint };
      log.info({ builtAt: snapshot.builtAt }, 'Switched to the index another process built');
    };
    const timer = setInterval(() => {
      if (looking) return;
      looking = true;
      look()
        .catch((error: unknown) => log.warn({ err: error }, 'Could not read a new snapshot'))
        .finally(() => (looking = false));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
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

  /** The largest document the corpus takes (MAX_FILE_BYTES): what an upload from chat may be. */
  get maxFileBytes(): number {
    return this.config.maxFileBytes;
  }

  /**
   * A reindex of a corpus that has not changed since the index in use was built: the index
   * stands, the synonyms file (not part of the fingerprint) is read again.
   */
  private async unchanged(): Promise<Built> {
    const synonyms = await loadSynonyms(this.config.corpusDir);
    const skipped = this.current.skipped.filter((s) => s.file !== SYNONYMS_FILE).concat(synonyms.skipped ?? []);
    const generation = { ...this.current, synonyms: synonyms.groups, skipped, builtAt: new Date().toISOString() };
    // The snapshot on disk is this index's: nothing to save.
    return { generation, analyzed: 0, reused: generation.index.documents.length, save: async () => undefined };
  }

  private async rebuild(by: string | undefined): Promise<ReindexReport> {
    const startedAt = performance.now();
    try {
      const stamp = await snapshotStamp(this.config);
      const { generation, analyzed, reused, save } =
        stamp.fingerprint === this.current.fingerprint ? await this.unchanged() : await build(this.config, this.analyzer, stamp);
      this.current = generation;
      const tookMs = Math.round(performance.now() - startedAt);
      // Other processes (and the next start) read the snapshot, so the run ends once it is saved.
      await save();
      const report: ReindexReport = {
        documents: generation.index.documents.length,
        sentences: generation.index.sentences.length,
        analyzed,
        reused,
        skipped: generation.skipped,
        tookMs,
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

/** The snapshot in `dir` if this code's format and analyzer made it, whatever corpus it was built from. */
function readCurrentSnapshot(dir: string) {
  return readSnapshot(dir, { format: SNAPSHOT_FORMAT, analyzerVersion: ANALYZER_VERSION });
}

/** The snapshot in `dir` for this code, whatever corpus it was built from, loaded; or why it cannot be used. */
async function loadSavedIndex(dir: string): Promise<SavedIndex | { problem: string }> {
  const read = await readCurrentSnapshot(dir);
  if ('problem' in read) return read;
  try {
    return { snapshot: read.snapshot, index: deserializeIndex(read.snapshot.index) };
  } catch (error) {
    return { problem: `snapshot is damaged (${(error as Error).message})` };
  }
}

/** The settings that change what the index holds for the same files. */
function shapingSettings(config: CoreConfig) {
  return { maxFileBytes: config.maxFileBytes, maxSentenceChars: config.maxSentenceChars, anchorStyle: config.anchorStyle };
}

async function snapshotStamp(config: CoreConfig): Promise<SnapshotStamp> {
  return { format: SNAPSHOT_FORMAT, analyzerVersion: ANALYZER_VERSION, fingerprint: await fingerprintCorpus(config.corpusDir, shapingSettings(config)) };
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

/** At most this many analyses are written to the cache at once; beyond that the build waits for one (each holds its JSON in memory). */
const CACHE_WRITES_IN_FLIGHT = 8;

/**
 * Loads the corpus, analyzes the documents the analysis cache does not already hold, indexes
 * them all and saves the snapshot. Throws if nothing loads.
 */
async function build(config: CoreConfig, analyzer: Analyzer, stamp: SnapshotStamp): Promise<Built> {
  const { files, skipped } = await readCorpus(config.corpusDir, config.maxFileBytes);
  const cache = new AnalysisCache(config.indexDir, { format: SNAPSHOT_FORMAT, analyzer: ANALYZER_VERSION, ...shapingSettings(config) });
  const documents: AnalyzedDocument[] = [];
  // This build's analyses by key: a copy of a document (see AnalysisCache) is not read back from disk.
  const used = new Map<string, AnalyzedDocument>();
  let analyzed = 0;
  // The next documents are analyzed while the last ones' analyses are written.
  const writes = new Set<Promise<void>>();
  for (const file of files) {
    const key = cache.key(file);
    let document = used.get(key) ?? (await cache.get(key));
    if (!document) {
      const parsed = toDocument(file, config.anchorStyle);
      if ('reason' in parsed) {
        skipped.push(parsed);
        continue;
      }
      document = await analyzeDocument(parsed, analyzer, config.maxSentenceChars);
      analyzed++;
      const write: Promise<void> = cache
        .put(key, document)
        .catch((error: Error) => log.warn({ err: error, file: file.id }, 'Could not cache the analysis'))
        .finally(() => writes.delete(write));
      writes.add(write);
      if (writes.size >= CACHE_WRITES_IN_FLIGHT) await Promise.race(writes);
    }
    used.set(key, document);
    documents.push(relocated(document, file.id));
  }
  const synonyms = await loadSynonyms(config.corpusDir);
  if (synonyms.skipped) skipped.push(synonyms.skipped);
  for (const file of skipped) log.warn(file, 'Skipped a corpus file');
  if (documents.length === 0) throw new Error(`no usable documents in ${config.corpusDir} (${skipped.length} skipped)`);
  await Promise.all(writes);
  await cache.keepOnly(new Set(used.keys())).catch((error: Error) => log.warn({ err: error }, 'Could not remove old analyses'));

  const index = await assembleIndex(documents);
  const generation: Generation = { index, synonyms: synonyms.groups, builtAt: new Date().toISOString(), skipped, fingerprint: stamp.fingerprint };
  const save = () =>
    writeSnapshot(config.indexDir, { ...stamp, builtAt: generation.builtAt, skipped, index: serializeIndex(index) }).catch((error: Error) =>
      // The new index still serves; the next start rebuilds it.
      log.warn({ err: error, indexDir: config.indexDir }, 'Could not save the index snapshot'),
    );
  return { generation, analyzed, reused: documents.length - analyzed, save };
}

interface Built {
  generation: Generation;
  /** Documents analyzed in this build, and documents whose cached analysis was used. */
  analyzed: number;
  reused: number;
  /** Saves the snapshot (never rejects): done once the new index answers, so it does not keep it waiting. */
  save(): Promise<void>;
}
