/** The core's public face. Adapters and the CLI import from here and nowhere else in src/. */
export { KnowledgeBase } from './knowledge-base.js';
export type { AskOptions, DocumentChange } from './knowledge-base.js';
export { UploadRefusedError, type Upload } from './uploads.js';
export { NOT_FOUND_MESSAGE, MAX_QUESTION_CHARS } from './answer.js';
export { loadCoreConfig, loadDotEnv, parseSettings, PROJECT_ROOT } from './config.js';
export type { CoreConfig, Env } from './config.js';
export type { RankedSentence, Signals } from './rank.js';
export { DEFAULT_RANKING_CONFIG, rankingConfig } from './ranking-config.js';
export type { RankingConfig, RankingOverrides, SignalWeights } from './ranking-config.js';
export type { RefusalEvidence } from './refusal.js';
export type { IndexedSentence } from './search-index.js';
export { UserFacingError, InvalidQuestionError, ReindexError, ConfigError } from './errors.js';
export { log } from './log.js';
export { citationTitle, sentenceParts } from './render-text.js';
export type * from './types.js';
