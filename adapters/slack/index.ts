/**
 * The Slack adapter: a Bolt app over the core. Socket Mode when SLACK_APP_TOKEN is set (no public
 * URL needed), otherwise Bolt's HTTP receiver on PORT, which verifies every request's signature.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { App, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import { log, type KnowledgeBase, type Env } from '../../src/index.js';
import { LOGGING_OFF, type QuestionLog } from '../shared/question-log.js';
import { createRateLimiter } from '../shared/rate-limit.js';
import { registerActions } from './actions/index.js';
import type { HealthRoutes } from '../shared/health.js';
import type { Operations, RunningAdapter } from '../shared/settings.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import type { Deps } from './reply.js';
import { loadSlackSettings } from './settings.js';

const { ErrorCode } = webApi;

export interface SlackAdapter extends RunningAdapter {
  /** The port the HTTP receiver listens on; undefined in Socket Mode. */
  port?: number;
}

export function slackConfigured(env: Env = process.env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN?.trim());
}

/** /healthz and /metrics on the HTTP receiver's port, when `npm start` has no listener of its own for them. */
function healthOnReceiver(routes: HealthRoutes | undefined) {
  if (!routes) return [];
  const handler = (req: IncomingMessage, res: ServerResponse) => void routes(req, res);
  return ['/healthz', '/metrics'].map((path) => ({ path, method: ['GET'], handler }));
}

export async function startSlack(kb: KnowledgeBase, env: Env = process.env, questions: QuestionLog = LOGGING_OFF, operations: Operations = {}): Promise<SlackAdapter> {
  const settings = loadSlackSettings(env);
  const logger = log.child({ adapter: 'slack' });
  const boltLog = boltLogger(logger);
  const clientOptions = settings.SLACK_API_URL ? { slackApiUrl: settings.SLACK_API_URL } : {};
  // The token is checked here rather than by Bolt, whose client retries a network error for about
  // half an hour: start-up says within seconds that Slack cannot be reached. Bolt is given the
  // bot's ids, which it would otherwise ask auth.test for (with verification off, on every event).
  const bot = await new webApi.WebClient(settings.SLACK_BOT_TOKEN, { ...clientOptions, logger: boltLog, ...START_UP_CHECK })
    .auth.test()
    .catch(refused('SLACK_BOT_TOKEN', 'OAuth & Permissions'));
  // Our own Socket Mode receiver, so stop() can wait for its close handshake (Bolt's does not).
  // It gets a copy of clientOptions because its client rewrites their retry policy for itself.
  const socket = settings.SLACK_APP_TOKEN
    ? new SocketModeReceiver({ appToken: settings.SLACK_APP_TOKEN, logger: boltLog, installerOptions: { clientOptions: { ...clientOptions } } })
    : undefined;
  const app = new App({
    token: settings.SLACK_BOT_TOKEN,
    botId: bot.bot_id,
    botUserId: bot.user_id,
    tokenVerificationEnabled: false,
    ...(socket ? { receiver: socket } : { signingSecret: settings.SLACK_SIGNING_SECRET, customRoutes: healthOnReceiver(operations.healthRoutes) }),
    logger: boltLog,
    clientOptions,
  });
  const deps: Deps = { kb, questions, settings, limiter: createRateLimiter(settings.RATE_LIMIT_PER_MINUTE), log: logger, ...operations };
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  app.error(async (err) => logger.error({ err }, 'slack listener failed'));

  if (socket) {
    await app.start().catch(refused('SLACK_APP_TOKEN', 'Basic Information → App-Level Tokens'));
    logger.info('slack adapter connected (Socket Mode)');
    let connected = true;
    socket.client.on('connected', () => (connected = true));
    // Every closed connection, dropped or stopped, emits 'close'; 'disconnected' comes after stop()
    // alone (a dropped one is only retried, seconds later), so it would leave /healthz at 200.
    socket.client.on('close', () => (connected = false));
    return { name: 'slack', problem: () => (connected ? undefined : 'Socket Mode is not connected'), stop: () => socket.client.disconnect() };
  }
  const server = await app.start({ port: settings.PORT, host: settings.HOST }).catch((err: unknown): never => {
    throw new Error(`Slack's HTTP receiver cannot listen on port ${settings.PORT} of ${settings.HOST ?? 'every address'} (${messageOf(err)}): set PORT (or HOST) to a free one`, {
      cause: err,
    });
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, 'slack adapter listening (HTTP, POST /slack/events)');
  return {
    name: 'slack',
    port,
    problem: () => (server.listening ? undefined : 'the HTTP receiver is not listening'),
    async stop() {
      await app.stop();
    },
  };
}

/**
 * The start-up token check: three retries of a network error or an HTTP 5xx, 0.5 + 1 + 2 s apart,
 * each try given up after 5 s (a Slack that accepts connections and never answers); a refusal
 * (`ok: false`) is not retried.
 */
const START_UP_CHECK = { retryConfig: { retries: 3, factor: 2, minTimeout: 500 }, timeout: 5_000 };

/** Slack's own failures (its status page's business), which say nothing about the token. */
const SLACK_SIDE_ERRORS = new Set(['fatal_error', 'internal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'accesslimited']);

/** The error's message and those of the errors under it: `A request error occurred: fetch failed: connect ECONNREFUSED …`. */
function messageOf(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  // The Web API client keeps the error under it as `original`, fetch as `cause`; a few levels say it
  // (and a chain that loops ends). Node's failed dual-stack connect is an AggregateError with no message.
  let under = causeOf(err);
  for (let depth = 0; under instanceof Error && depth < 4; depth++, under = causeOf(under)) {
    const said = under.message || (under as NodeJS.ErrnoException).code || under.name;
    if (!message.includes(said)) message += `: ${said}`;
  }
  return message;
}

const causeOf = (err: unknown) => (err as { original?: unknown; cause?: unknown }).original ?? (err as { cause?: unknown }).cause;

/**
 * A token Slack refuses is a settings problem: the error says which variable and where to get it.
 * Anything else (Slack failing, an answer that is not Slack's) is said to be no refusal, with its cause.
 */
function refused(variable: string, where: string) {
  return (err: unknown): never => {
    const { code, data } = err as { code?: string; data?: { error?: unknown } };
    if (code === ErrorCode.PlatformError && !SLACK_SIDE_ERRORS.has(String(data?.error))) {
      throw new Error(`Slack refused ${variable} (${messageOf(err)}); see api.slack.com/apps → your app → ${where}`, { cause: err });
    }
    throw new Error(
      `Slack could not check ${variable} at start-up (${messageOf(err)}); the token was not refused: try again later (status.slack.com), and check the network and SLACK_API_URL`,
      { cause: err },
    );
  };
}

/** Bolt's chatter (connects, retries) is logged at debug; its warnings and errors stay visible. */
function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: (...msg) => logger.debug(format(...msg)),
    info: (...msg) => logger.debug(format(...msg)),
    warn: (...msg) => logger.warn(format(...msg)),
    error: (...msg) => logger.error(format(...msg)),
    // The level follows LOG_LEVEL, whatever Bolt asks for.
    setLevel: () => {},
    getLevel: () => (logger.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.WARN),
    setName: () => {},
  };
}
