/** Test helpers: temporary folders and a knowledge base over a chosen corpus. */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { KnowledgeBase, loadCoreConfig, PROJECT_ROOT, type RankingOverrides } from '../src/index.js';

export const BUNDLED_CORPUS = path.join(PROJECT_ROOT, 'corpus');

/** A fresh temporary folder, removed when the test file ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qa-bot-test-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A temporary copy of the bundled corpus, for a test that changes its files. */
export async function copyOfBundledCorpus(): Promise<string> {
  const corpus = await tempDir();
  await cp(BUNDLED_CORPUS, corpus, { recursive: true });
  return corpus;
}

export function testConfig(corpusDir: string, indexDir: string, extra: Record<string, string> = {}) {
  return loadCoreConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, ...extra });
}

/** The real core over `corpusDir` (the bundled corpus by default), indexed into a temporary folder. */
export async function openKnowledgeBase(corpusDir = BUNDLED_CORPUS): Promise<KnowledgeBase> {
  return KnowledgeBase.open(testConfig(corpusDir, await tempDir()));
}

/** A temporary corpus of `files` (name → content): its folder. */
export async function corpusOf(files: Record<string, string>): Promise<string> {
  const corpus = await tempDir();
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(corpus, name), content);
  return corpus;
}

/** The real core over a temporary corpus of `files` (name → content), with settings `extra` and ranking overrides `ranking`. */
export async function openKnowledgeBaseOver(files: Record<string, string>, extra: Record<string, string> = {}, ranking: RankingOverrides = {}): Promise<KnowledgeBase> {
  return KnowledgeBase.open(testConfig(await corpusOf(files), await tempDir(), extra), { ranking });
}
