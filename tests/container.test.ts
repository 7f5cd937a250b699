/**
 * The Dockerfile and compose.yaml agree with the npm scripts and the settings (no image can be
 * built here: there is no Docker engine on this machine).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../src/index.js';
import { startCommand, startNodeFlags } from '../scripts/start-flags.js';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const dockerfile = read('Dockerfile');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
/** The instructions of a stage, continuation lines joined. */
const instructions = (stage: string) => stage.replace(/\\\n\s*/g, ' ').split('\n').filter((line) => /^[A-Z]+ /.test(line));
const [buildStage, runtimeStage] = dockerfile.split(/^FROM /m).slice(1).map((stage) => instructions(`FROM ${stage}`));

describe('Dockerfile', () => {
  it('starts what `npm start` starts, without TypeScript or npm', () => {
    const cmd = runtimeStage!.find((line) => line.startsWith('CMD '))!;
    const started = startCommand();
    expect(JSON.parse(cmd.slice('CMD '.length))).toEqual(started);
    expect(scripts.start).toBe(`node scripts/build.mjs && ${started.join(' ')}`);
    expect(started[0]).toBe('node');
    expect(started.at(-1)).toMatch(/^dist\/.*\.js$/);
    // The benchmarks start their fresh processes with the same flags.
    expect(startNodeFlags().length).toBeGreaterThan(0);
    for (const flag of startNodeFlags()) expect(flag).toMatch(/^--[\w-]+(?:=\S+)?$/);
  });

  it('builds with the npm scripts that exist, and keeps only production dependencies', () => {
    const run = buildStage!.filter((line) => line.startsWith('RUN ')).join(' ');
    for (const script of run.match(/npm run ([\w:-]+)/g)!.map((m) => m.split(' ')[2]!)) expect(scripts).toHaveProperty(script);
    expect(run).toContain('npm ci');
    expect(run).toContain('npm prune --omit=dev');
  });

  it('runs as a user that is not root, with the corpus, index and log as volumes, and checks /healthz', () => {
    expect(runtimeStage).toContainEqual('USER node');
    const volumes = JSON.parse(runtimeStage!.find((line) => line.startsWith('VOLUME '))!.slice('VOLUME '.length)) as string[];
    expect(volumes).toEqual(['/app/corpus', '/app/index', '/app/data']);
    const healthcheck = runtimeStage!.find((line) => line.startsWith('HEALTHCHECK '))!;
    expect(healthcheck).toContain('/healthz');
    expect(healthcheck).toContain('HEALTH_PORT');
  });
});

describe('compose.yaml', () => {
  it('reads the settings from .env and keeps the index and the log in volumes', () => {
    const compose = parse(read('compose.yaml')) as { services: { bot: { env_file: string; volumes: string[]; build: string } } };
    const { bot } = compose.services;
    expect(bot.build).toBe('.');
    expect(bot.env_file).toBe('.env');
    expect(bot.volumes.map((v) => v.split(':')[1])).toEqual(['/app/corpus', '/app/index', '/app/data']);
  });
});
