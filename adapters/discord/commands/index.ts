/** Every slash command the bot has: registered by register.ts, dispatched by index.ts. */
import type { Command } from '../command.js';
import * as addDocument from './add-document.js';
import * as ask from './ask.js';
import * as reindex from './reindex.js';
import * as removeDocument from './remove-document.js';
import * as sources from './sources.js';
import * as unanswered from './unanswered.js';

export const commands: readonly Command[] = [ask, sources, reindex, unanswered, addDocument, removeDocument];
