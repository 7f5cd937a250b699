/** Settings every adapter shares. */
import { z } from 'zod';
import { parseSettings, type Env } from '../../src/index.js';

export const sharedAdapterSchema = z.object({
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(10),
});

/** The question log (see question-log.ts), opened once by `npm start` and `npm run report`. */
const questionLogSchema = z.object({
  /** Folder of bot.sqlite, relative to the project folder. */
  DATA_DIR: z.string().default('data'),
  LOG_QUESTIONS: z.stringbool().default(true),
  /** Questions older than this are deleted; 0 keeps them forever. */
  LOG_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  /** Salt of the stored user-id hashes; a random one is kept in the database when unset. */
  USER_ID_SALT: z.string().min(16, 'must be at least 16 characters, so that user ids cannot be guessed back from their hashes').optional(),
});

export type QuestionLogSettings = z.infer<typeof questionLogSchema>;

export const loadQuestionLogSettings = (env: Env = process.env): QuestionLogSettings => parseSettings(questionLogSchema, env);

/** What a started adapter hands back so `npm start` can shut everything down cleanly. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}
