/**
 * One request path for every platform and every kind of request (a command, a button click, a
 * message in an auto-answer channel): rate limit → run → user-facing error → private reply → log.
 * Adapters only translate their platform's events into a ChatRequest and render.
 */
import type { Logger } from 'pino';
import { UserFacingError } from '../../src/index.js';
import type { InFlight } from './in-flight.js';
import { enforceRateLimit, type RateLimiter } from './rate-limit.js';

export interface ChatRequest {
  /** Whose rate limit the request counts against. */
  user: string;
  /** What the log says about the request: the command, the channel… */
  meta: Record<string, unknown>;
  /** Does the work and replies; throws a UserFacingError for a polite refusal. */
  run(): Promise<void>;
  /** Shows `text` to the user only (where the platform can). */
  replyPrivately(text: string): Promise<unknown>;
}

const RESTARTING = 'ボットは再起動中です。少し待ってからもう一度お試しください。(The bot is restarting; please ask again in a moment.)';
const APOLOGY = 'エラーが発生しました。しばらくしてからもう一度お試しください。(Something went wrong; please try again later.)';

/** Runs `request` (counted in `inFlight` when given); whatever goes wrong is logged and answered privately, never thrown. */
export async function handleRequest(limiter: RateLimiter, logger: Logger, request: ChatRequest, inFlight?: InFlight): Promise<void> {
  const started = performance.now();
  const meta = { ...request.meta, user: request.user };
  try {
    // While stopping, new work is turned away politely; what was taken is finished (see InFlight).
    if (inFlight && !inFlight.accepting) throw new UserFacingError(RESTARTING);
    enforceRateLimit(limiter, request.user);
    await (inFlight ? inFlight.track(() => request.run()) : request.run());
    logger.info({ ...meta, ms: Math.round(performance.now() - started) }, 'request handled');
  } catch (err) {
    const userFacing = err instanceof UserFacingError;
    logger[userFacing ? 'info' : 'error']({ ...meta, err }, 'request refused or failed');
    // The reason when it is the user's to fix; else an apology, with the details in the log only.
    await request.replyPrivately(userFacing ? err.message : APOLOGY).catch((e: unknown) => logger.error({ ...meta, err: e }, 'could not reply'));
  }
}
