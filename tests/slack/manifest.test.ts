/** The app manifest declares what the adapter listens to and needs, so setting up is one paste. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../src/index.js';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, 'adapters/slack', file), 'utf8');

test('the manifest declares every command, event and scope the adapter uses, and Socket Mode', () => {
  const manifest = read('manifest.yml');
  // YAML list items: `- commands`, `- message.im`, `- command: /ask`.
  const items = [...manifest.matchAll(/^\s*- (?:command: )?([\w:./-]+)/gm)].map((m) => m[1]);
  const registered = read('commands/index.ts').match(/(?<=')\/[\w-]+(?=')/g) ?? [];

  expect(items.filter((i) => i?.startsWith('/')).sort()).toEqual([...registered].sort());
  const scopes = ['commands', 'chat:write', 'app_mentions:read', 'im:history', 'channels:history', 'users:read', 'files:read'];
  const events = ['app_mention', 'message.im', 'message.channels', 'app_home_opened'];
  // Exactly these: every scope is one the adapter needs, none more.
  expect(items.filter((i) => !i?.startsWith('/'))).toEqual([...scopes, ...events]);
  expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
  expect(manifest).toMatch(/^\s+messages_tab_enabled: true$/m);
  expect(manifest).toMatch(/^\s+home_tab_enabled: true$/m);
  expect(manifest).toMatch(/^\s+interactivity:\n\s+is_enabled: true$/m);
});
