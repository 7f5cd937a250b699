/** Settings from the environment (and `.env` when present), validated with zod. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { ANCHOR_STYLES, type AnchorStyle } from './slug.js';

/**
 * The project's root folder (the nearest one up with package.json, from src/ or from the built
 * dist/src/): relative paths in settings are resolved against it.
 */
export const PROJECT_ROOT = projectRoot(path.dirname(fileURLToPath(import.meta.url)));

function projectRoot(from: string): string {
  return existsSync(path.join(from, 'package.json')) || path.dirname(from) === from ? from : projectRoot(path.dirname(from));
}

/** Environment variables, as `process.env` holds them. */
export type Env = Record<string, string | undefined>;

/** Reads `.env` from the project root into `process.env`; variables already set win. */
export function loadDotEnv(file = path.join(PROJECT_ROOT, '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Parses `env` with `schema`. On failure throws a ConfigError naming every bad variable,
 * its value and what is allowed, so start-up stops with one clear message.
 */
export function parseSettings<S extends z.ZodObject>(schema: S, env: Env): z.infer<S> {
  // Empty strings mean "not set" (as in a .env line `FOO=`), so defaults apply.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = present[name];
    // Never echo a secret into a log, even one pasted into the wrong variable.
    const shown = value === undefined ? 'is not set' : /TOKEN|SECRET/.test(name) ? 'is set' : `is ${JSON.stringify(value)}`;
    return `  ${name} ${shown}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid settings (see .env.example):\n${lines.join('\n')}`);
}

/** Where kuromoji's prepared dictionary is kept (see dictionary.ts): beside the installed packages, as other tools' caches are. */
export const DEFAULT_DICTIONARY_CACHE = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'nihongo-qa-bot');

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

export const coreSettingsSchema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  CORPUS_UPLOAD_DIR: z.string().default(''),
  INDEX_DIR: z.string().default('index'),
  DICTIONARY_CACHE_DIR: z.string().default(DEFAULT_DICTIONARY_CACHE),
  INDEX_FOLLOW_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  MAX_FILE_BYTES: positiveInt(100_000_000).default(5_000_000),
  MAX_SENTENCE_CHARS: z.coerce.number().int().min(40).max(5000).default(300),
  ANSWER_MAX_SENTENCES: positiveInt(10).default(3),
  SEARCH_CANDIDATES: positiveInt(1000).default(100),
  SOURCE_URL_TEMPLATE: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL without spaces')
    .refine((url) => url.includes('{path}'), 'must contain {path} (and may contain {anchor})')
    .optional(),
  ANCHOR_STYLE: z.enum(ANCHOR_STYLES).default('vitepress'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface CoreConfig {
  corpusDir: string;
  /** Where documents added from chat are written: the corpus folder or a folder inside it. */
  corpusUploadDir: string;
  indexDir: string;
  dictionaryCacheDir: string;
  /** How often a running bot looks for a snapshot another process built (0: never). */
  indexFollowMs: number;
  maxFileBytes: number;
  maxSentenceChars: number;
  answerMaxSentences: number;
  searchCandidates: number;
  /** Link for a citation: `{path}` = document path without extension, `{anchor}` = its section. */
  sourceUrlTemplate?: string;
  /** How headings without an explicit `{#id}` get their anchors. */
  anchorStyle: AnchorStyle;
}

export function loadCoreConfig(env: Env = process.env): CoreConfig {
  const s = parseSettings(coreSettingsSchema, env);
  const corpusDir = path.resolve(PROJECT_ROOT, s.CORPUS_DIR);
  const corpusUploadDir = path.resolve(corpusDir, s.CORPUS_UPLOAD_DIR);
  if (path.relative(corpusDir, corpusUploadDir).startsWith('..')) {
    throw new ConfigError(`Invalid settings (see .env.example):\n  CORPUS_UPLOAD_DIR is ${JSON.stringify(s.CORPUS_UPLOAD_DIR)}: must be a folder inside CORPUS_DIR`);
  }
  return {
    corpusDir,
    corpusUploadDir,
    indexDir: path.resolve(PROJECT_ROOT, s.INDEX_DIR),
    dictionaryCacheDir: path.resolve(PROJECT_ROOT, s.DICTIONARY_CACHE_DIR),
    indexFollowMs: s.INDEX_FOLLOW_MS,
    maxFileBytes: s.MAX_FILE_BYTES,
    maxSentenceChars: s.MAX_SENTENCE_CHARS,
    answerMaxSentences: s.ANSWER_MAX_SENTENCES,
    searchCandidates: s.SEARCH_CANDIDATES,
    sourceUrlTemplate: s.SOURCE_URL_TEMPLATE,
    anchorStyle: s.ANCHOR_STYLE,
  };
}
