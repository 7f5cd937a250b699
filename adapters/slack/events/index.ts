/** Events API listeners; each event must also be subscribed to in manifest.yml. */
import type { App } from '@slack/bolt';
import type { Deps } from '../reply.js';
import { appMention } from './app-mention.js';
import { directMessage } from './direct-message.js';

export function registerEvents(app: App, deps: Deps): void {
  app.event('app_mention', appMention(deps));
  app.message(directMessage(deps));
}
