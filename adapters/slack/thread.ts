/**
 * A mention inside a thread the bot answered in is a follow-up: the thread's earlier questions,
 * read from Slack (`conversations.replies`), not from memory, so a restart loses nothing.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { THREAD_MESSAGES_READ } from '../shared/tuning.js';
import { fromSlack } from './reply.js';


interface ThreadMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
}

/**
 * The questions people asked in thread `threadTs` before message `ts`, oldest first; none when
 * the bot has not answered in that thread (or the thread cannot be read: then it says why in the log).
 */
export async function earlierQuestions(client: webApi.WebClient, channel: string, threadTs: string, ts: string, botUserId: string | undefined, logger: Logger): Promise<string[]> {
  let messages: ThreadMessage[];
  try {
    messages = ((await client.conversations.replies({ channel, ts: threadTs, limit: THREAD_MESSAGES_READ })).messages ?? []) as ThreadMessage[];
  } catch (err) {
    // A private channel needs groups:history, which the manifest does not ask for.
    logger.warn({ err, channel }, 'could not read the thread; answering the question on its own');
    return [];
  }
  const byBot = (m: ThreadMessage) => m.bot_id !== undefined || (botUserId !== undefined && m.user === botUserId);
  if (!messages.some(byBot)) return [];
  return messages
    .filter((m) => !byBot(m) && m.ts !== undefined && Number(m.ts) < Number(ts))
    .map((m) => fromSlack(m.text ?? '').trim())
    .filter((text) => text !== '');
}
