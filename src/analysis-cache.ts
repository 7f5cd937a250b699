/**
 * Each document's analysis, kept on disk under the index folder and keyed by what it was made
 * from: the file's name and text, the analyzer version and the settings that shape units. Not
 * its folder, which only names the units (`relocated` in search-index.ts): a copy of a page in
 * another folder (versioned documentation) is the same analysis. A reindex reads what did not
 * change instead of analyzing it again. Every entry carries the SHA-256 of its contents: a
 * damaged one is noticed, removed and made again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from './files.js';
import type { CorpusFile } from './load.js';
import type { AnalyzedDocument } from './search-index.js';

export const ANALYSIS_FOLDER = 'analyses';

export class AnalysisCache {
  private readonly dir: string;
  /** The keys on disk when first asked: a build looks up every document, most of them absent on a first build. */
  private listed?: Promise<Set<string>>;
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
    this.created ??= mkdir(this.dir, { recursive: true });
    await this.created;
    const body = JSON.stringify(analysis);
    await writeAtomically(this.file(key), `${sha256(body)}\n${body}`);
  }

  /** Removes every entry but `keep`'s: analyses of documents that changed or left the corpus. */
  async keepOnly(keep: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.dir).catch(() => []);
    await Promise.all(names.filter((name) => !keep.has(name.replace(/\.json$/, ''))).map((name) => rm(path.join(this.dir, name), { force: true })));
  }

  private async keys(): Promise<Set<string>> {
    const names = await readdir(this.dir).catch(() => []);
    return new Set(names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)));
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
