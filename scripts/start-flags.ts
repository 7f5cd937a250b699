/**
 * The Node flags `npm start` runs the bot with (package.json's start script): a benchmark's fresh
 * process is started with them, so what it measures is what a started bot does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/index.js';

export function startNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  // `node scripts/build.mjs && node <flags> dist/adapters/start.js`: the flags sit between node and the script.
  const command = scripts.start.split(' && ').at(-1)!.split(' ');
  return command.slice(1, -1);
}
