/** Events API listeners; each event must also be subscribed to in manifest.yml. */
import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import type { Deps } from '../reply.js';
import { appHomeOpened } from './app-home.js';
import { appMention } from './app-mention.js';
import { autoAnswer } from './auto-answer.js';
import { directMessage } from './direct-message.js';
import { fileShare } from './file-share.js';

/** How many recent event ids are remembered; Slack retries within minutes, a few at a time. */
const REMEMBERED_EVENTS = 1000;

export function registerEvents(app: App, deps: Deps): void {
  app.use(onceEachEvent());
  app.event('app_mention', appMention(deps));
  app.event('app_home_opened', appHomeOpened(deps));
  app.message(directMessage(deps));
  app.message(fileShare(deps));
  app.message(autoAnswer(deps));
}

/**
 * Slack delivers an event again (same `event_id`) when it thinks the first delivery failed, for
 * example while the bot was busy reindexing; a question must be answered once, not twice.
 */
function onceEachEvent(): Middleware<AnyMiddlewareArgs> {
  const seen = new Set<string>();
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (seen.has(eventId)) return;
      seen.add(eventId);
      // A Set iterates in insertion order: the first is the oldest.
      if (seen.size > REMEMBERED_EVENTS) seen.delete(seen.values().next().value!);
    }
    await next();
  };
}
