/**
 * Each document's analysis, kept on disk under the index folder and keyed by what it was made
 * from: the file's name and text, the analyzer version and the settings that shape units. Not
 * its folder, which only names the units (`relocated` in search-index.ts): a copy of a page in
 * another folder (versioned documentation) is the same analysis. A reindex reads what did not
 * change instead of analyzing it again. Every entry carries the SHA-256 of its contents: a
 * damaged one is noticed, removed and made again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from './files.js';
import type { CorpusFile } from './load.js';
import type { AnalyzedDocument } from './search-index.js';

export const ANALYSIS_FOLDER = 'analyses';
/** A write takes milliseconds: a temporary file this old was left by a crash. */
const TEMPORARY_MAX_AGE_MS = 60 * 60 * 1000;

export class AnalysisCache {
  private readonly dir: string;
  /** The keys on disk, listed once and kept up to date by `put`: a first build looks up every document, and finds none. */
  private listed?: Promise<Set<string>>;
  /** The folder, created once (again after a failure). */
  private created?: Promise<unknown>;

  /** `shaping`: everything besides the file that changes its analysis (versions, settings). */
  constructor(
    indexDir: string,
    private readonly shaping: unknown,
  ) {
    this.dir = path.join(indexDir, ANALYSIS_FOLDER);
  }

  key(file: CorpusFile): string {
    return createHash('sha256').update(JSON.stringify(this.shaping)).update(`\0${path.basename(file.id)}\0`).update(file.text).digest('hex');
  }

  /** The cached analysis for `key`, or undefined when there is none or it is damaged (then it is removed). */
  async get(key: string): Promise<AnalyzedDocument | undefined> {
    this.listed ??= this.keys();
    if (!(await this.listed).has(key)) return undefined;
    const file = this.file(key);
    const stored = await readFile(file, 'utf8').catch(() => undefined);
    if (stored === undefined) return undefined;
    const newline = stored.indexOf('\n');
    const body = stored.slice(newline + 1);
    if (newline < 0 || stored.slice(0, newline) !== sha256(body)) {
      await rm(file, { force: true });
      return undefined;
    }
    return JSON.parse(body) as AnalyzedDocument;
  }

  /** Saves an analysis (atomically). */
  async put(key: string, analysis: AnalyzedDocument): Promise<void> {
    this.created ??= mkdir(this.dir, { recursive: true }).catch((error: Error) => {
      this.created = undefined;
      throw error;
    });
    await this.created;
    const body = JSON.stringify(analysis);
    await writeAtomically(this.file(key), `${sha256(body)}\n${body}`);
    (await this.listed)?.add(key);
  }

  /**
   * Removes every entry but `keep`'s: analyses of documents that changed or left the corpus; and
   * temporary files a crash left. Not the temporary files of writes under way (another replica's).
   */
  async keepOnly(keep: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.dir).catch(() => []);
    const unkept = names.filter((name) => keyOf(name) !== undefined && !keep.has(keyOf(name)!));
    const leftovers = await this.leftoverTemporaries(names.filter((name) => keyOf(name) === undefined));
    await Promise.all(unkept.concat(leftovers).map((name) => rm(path.join(this.dir, name), { force: true })));
  }

  private async leftoverTemporaries(names: string[]): Promise<string[]> {
    const now = Date.now();
    const ages = await Promise.all(names.map((name) => stat(path.join(this.dir, name)).then((s) => now - s.mtimeMs, () => 0)));
    return names.filter((_, i) => ages[i]! > TEMPORARY_MAX_AGE_MS);
  }

  private async keys(): Promise<Set<string>> {
    const names = await readdir(this.dir).catch(() => []);
    return new Set(names.map(keyOf).filter((key) => key !== undefined));
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

/** The key an entry's file name holds; undefined for anything else (a write's temporary file). */
function keyOf(name: string): string | undefined {
  return /^[0-9a-f]+\.json$/.test(name) ? name.slice(0, -'.json'.length) : undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
