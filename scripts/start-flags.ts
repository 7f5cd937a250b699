/**
 * How `npm start` runs the bot (package.json's start script): a benchmark's fresh process is
 * started with the same Node flags, so what it measures is what a started bot does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';

/** The command that starts the bot, as words: `node <flags> dist/adapters/start.js`. */
export function startCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  // `node scripts/build.mjs && node …`: the bot's command is the last one.
  return scripts.start.split(' && ').at(-1)!.split(' ');
}

/** The flags between `node` and the script. */
export function startNodeFlags(): string[] {
  return startCommand().slice(1, -1);
}
