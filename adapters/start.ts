/**
 * `npm start`: opens one knowledge base and one question log and starts every chat adapter whose
 * credentials are set (Discord, Slack or both share them); serves /healthz and /metrics; follows
 * snapshots other replicas build. SIGINT/SIGTERM stop taking new work, finish answers in flight
 * (SHUTDOWN_GRACE_MS), then disconnect; a second signal exits at once.
 */
import { ConfigError, KnowledgeBase, loadCoreConfig, loadDotEnv, log } from '../src/index.js';
import { discordConfigured, startDiscord } from './discord/index.js';
import { healthRoutes, startHealthServer, type HealthCheck } from './shared/health.js';
import { InFlight } from './shared/in-flight.js';
import { createMetrics, type Metrics } from './shared/metrics.js';
import { openQuestionLog } from './shared/question-log.js';
import { loadOperationSettings, loadQuestionLogSettings, type RunningAdapter } from './shared/settings.js';
import { slackConfigured, startSlack } from './slack/index.js';

const NOTHING_TO_START = `No chat platform is configured, so there is nothing to start.
Set the credentials of at least one platform in .env (copy .env.example):
  Discord: DISCORD_TOKEN and DISCORD_APPLICATION_ID (Discord Developer Portal → your application)
  Slack:   SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, plus SLACK_APP_TOKEN for Socket Mode (api.slack.com/apps)
See README.md, "Run it in Discord" and "Run it in Slack". To try the bot without a chat platform:
  npm run ask -- "小泉防衛相は何歳ですか"`;

async function main(): Promise<void> {
  loadDotEnv();
  const wanted = [
    { name: 'discord', configured: discordConfigured(), start: startDiscord },
    { name: 'slack', configured: slackConfigured(), start: startSlack },
  ].filter((adapter) => adapter.configured);
  if (wanted.length === 0) {
    console.error(NOTHING_TO_START);
    process.exit(1);
  }
  const logSettings = loadQuestionLogSettings();
  const operations = loadOperationSettings();
  const config = loadCoreConfig();

  let kb: KnowledgeBase | undefined;
  let metrics: Metrics | undefined;
  const running: RunningAdapter[] = [];
  const checks: HealthCheck[] = [
    { name: 'index', problem: () => (kb ? undefined : 'the index is loading') },
    ...wanted.map(({ name }) => ({
      name,
      problem: () => {
        const adapter = running.find((a) => a.name === name);
        return adapter ? adapter.problem() : 'starting';
      },
    })),
  ];
  const routes = healthRoutes(checks, () => metrics);
  // Up before the index, so that an orchestrator sees 503 while it loads.
  const health = operations.HEALTH_PORT === undefined ? undefined : await startHealthServer(operations.HEALTH_PORT, operations.HEALTH_HOST, routes);
  if (health) log.info({ port: health.port }, 'Serving /healthz and /metrics');

  kb = await KnowledgeBase.open(config);
  metrics = createMetrics(kb);
  const questions = openQuestionLog(logSettings, log);
  const inFlight = new InFlight();
  const shared = { metrics, inFlight, healthRoutes: health ? undefined : routes };
  for (const adapter of wanted) running.push(await adapter.start(kb, process.env, questions, shared));
  const unfollow = config.indexFollowMs > 0 ? kb.followSnapshots(config.indexFollowMs) : () => undefined;
  log.info({ adapters: running.map((a) => a.name) }, 'Bot started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'Second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs: operations.SHUTDOWN_GRACE_MS }, 'Shutting down: finishing answers in flight');
    inFlight.close();
    if (!(await inFlight.drain(operations.SHUTDOWN_GRACE_MS))) log.warn('Answers still in flight when the grace period ended');
    unfollow();
    await Promise.allSettled(running.map((a) => a.stop()));
    questions.close();
    await health?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // One bad event must never take the bot down; it is logged and the bot keeps answering.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled rejection'));
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
