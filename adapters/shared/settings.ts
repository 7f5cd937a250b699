/** Settings every adapter shares. */
import { z } from 'zod';
import type { Services } from './ask.js';
import type { HealthRoutes } from './health.js';
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

const operationSchema = z.object({
  /** A listener of its own for /healthz and /metrics; without it they are served on Slack's HTTP port when that runs. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  HEALTH_HOST: z.string().optional(),
  /** How long a stop waits for answers in flight. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
});
export type OperationSettings = z.infer<typeof operationSchema>;
export const loadOperationSettings = (env: Env = process.env): OperationSettings => parseSettings(operationSchema, env);

/** What `npm start` gives every adapter beside the core and the log: metrics, and the work in flight for a graceful stop. */
export type Operations = Pick<Services, 'metrics' | 'inFlight'> & {
  /** /healthz and /metrics, for an adapter that runs an HTTP server (Slack's receiver) to serve too. */
  healthRoutes?: HealthRoutes;
};

/** What a started adapter hands back so `npm start` can shut everything down cleanly. */
export interface RunningAdapter {
  name: string;
  /** What keeps it from answering now (for /healthz), or undefined when it is connected. */
  problem(): string | undefined;
  stop(): Promise<void>;
}
