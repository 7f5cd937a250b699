/**
 * `npm start`: opens one knowledge base and one question log and starts every chat adapter whose
 * credentials are set (Discord, Slack or both share them). SIGINT/SIGTERM stop them cleanly.
 */
import { ConfigError, KnowledgeBase, loadCoreConfig, loadDotEnv, log } from '../src/index.js';
import { discordConfigured, startDiscord } from './discord/index.js';
import { openQuestionLog } from './shared/question-log.js';
import { loadQuestionLogSettings, type RunningAdapter } from './shared/settings.js';
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
    { name: 'Discord', configured: discordConfigured(), start: startDiscord },
    { name: 'Slack', configured: slackConfigured(), start: startSlack },
  ].filter((adapter) => adapter.configured);
  if (wanted.length === 0) {
    console.error(NOTHING_TO_START);
    process.exit(1);
  }
  const logSettings = loadQuestionLogSettings();
  const kb = await KnowledgeBase.open(loadCoreConfig());
  const questions = openQuestionLog(logSettings, log);
  const running: RunningAdapter[] = [];
  for (const adapter of wanted) running.push(await adapter.start(kb, process.env, questions));
  log.info({ adapters: running.map((a) => a.name) }, 'Bot started');

  const stop = async (signal: string) => {
    log.info({ signal }, 'Shutting down');
    await Promise.allSettled(running.map((a) => a.stop()));
    questions.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // One bad event must never take the bot down; it is logged and the bot keeps answering.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'Unhandled rejection'));
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
