/** Slash commands; each must also be declared in manifest.yml. */
import type { App } from '@slack/bolt';
import type { Deps } from '../reply.js';
import { askCommand } from './ask.js';
import { reindexCommand } from './reindex.js';
import { removeDocumentCommand } from './remove-document.js';
import { sourcesCommand } from './sources.js';
import { unansweredCommand } from './unanswered.js';

export function registerCommands(app: App, deps: Deps): void {
  app.command('/ask', askCommand(deps));
  app.command('/reindex', reindexCommand(deps));
  app.command('/remove-document', removeDocumentCommand(deps));
  app.command('/sources', sourcesCommand(deps));
  app.command('/unanswered', unansweredCommand(deps));
}
