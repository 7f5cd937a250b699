/** Health, metrics and the graceful stop's bookkeeping, over a real HTTP listener on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoutes, startHealthServer, type HealthServer } from '../adapters/shared/health.js';
import { InFlight } from '../adapters/shared/in-flight.js';
import { createMetrics } from '../adapters/shared/metrics.js';
import { openKnowledgeBase } from './helpers.js';

describe('health and metrics endpoints', () => {
  let server: HealthServer;
  let indexReady = false;
  let discordConnected = true;
  let metrics: ReturnType<typeof createMetrics>;
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

  beforeAll(async () => {
    metrics = createMetrics(await openKnowledgeBase());
    const checks = [
      { name: 'index', problem: () => (indexReady ? undefined : 'still loading the index') },
      { name: 'discord', problem: () => (discordConnected ? undefined : 'not connected to the gateway') },
    ];
    server = await startHealthServer(0, '127.0.0.1', healthRoutes(checks, () => metrics));
  });
  afterAll(() => server?.close());

  it('says 503 with the reason until the index answers and every adapter is connected, then 200', async () => {
    let response = await fetch(url('/healthz'));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, problems: { index: 'still loading the index' } });
    indexReady = true;
    discordConnected = false;
    response = await fetch(url('/healthz'));
    expect(response.status).toBe(503);
    expect((await response.json()).problems).toEqual({ discord: 'not connected to the gateway' });
    discordConnected = true;
    response = await fetch(url('/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, problems: {} });
  });

  it('counts questions, reindexes and feedback, and reports what the index holds, in Prometheus text', async () => {
    metrics.question('slack', 'answered', 0.012);
    metrics.question('slack', 'answered', 0.02);
    metrics.question('discord', 'not_found', 0.3);
    metrics.reindex('done', 2);
    metrics.feedback('slack', 'down');
    const response = await fetch(url('/metrics'));
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('qa_questions_total{platform="slack",status="answered"} 2');
    expect(text).toContain('qa_questions_total{platform="discord",status="not_found"} 1');
    expect(text).toContain('qa_answer_seconds_bucket{le="0.025",platform="slack"} 2');
    expect(text).toContain('qa_reindex_total{outcome="done"} 1');
    expect(text).toContain('qa_feedback_total{platform="slack",vote="down"} 1');
    expect(text).toContain('qa_index_documents 5');
    expect(text).toMatch(/qa_index_units \d{3}/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('answers 404 to anything else', async () => {
    expect((await fetch(url('/'))).status).toBe(404);
    expect((await fetch(url('/healthz'), { method: 'POST' })).status).toBe(404);
  });
});

describe('work in flight', () => {
  it('takes no new work once closed, and drains what it took', async () => {
    const inFlight = new InFlight();
    let finish!: () => void;
    const slow = inFlight.track(() => new Promise<void>((resolve) => (finish = resolve)));
    inFlight.close();
    expect(inFlight.accepting).toBe(false);
    const drained = inFlight.drain(5000);
    let done = false;
    void drained.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    finish();
    await slow;
    expect(await drained).toBe(true);
  });

  it('gives up after the grace period', async () => {
    const inFlight = new InFlight();
    void inFlight.track(() => new Promise(() => undefined));
    expect(await inFlight.drain(30)).toBe(false);
  });
});
