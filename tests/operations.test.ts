/** Health, metrics and the graceful stop's bookkeeping, over a real HTTP listener on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoutes, startHealthServer, type HealthServer } from '../adapters/shared/health.js';
import { InFlight } from '../adapters/shared/in-flight.js';
import { createMetrics } from '../adapters/shared/metrics.js';
import { askAndLog } from '../adapters/shared/ask.js';
import { LOGGING_OFF } from '../adapters/shared/question-log.js';
import { InvalidQuestionError, type KnowledgeBase } from '../src/index.js';
import { openKnowledgeBase } from './helpers.js';

describe('health and metrics endpoints', () => {
  let server: HealthServer;
  let indexReady = false;
  let discordConnected = true;
  let metrics: ReturnType<typeof createMetrics>;
  let kb: KnowledgeBase;
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

  beforeAll(async () => {
    kb = await openKnowledgeBase();
    metrics = createMetrics(kb);
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

  it('counts a question asked in chat by its outcome, a refused one too, the answer with the time the core took', async () => {
    // The registry the endpoint serves (made in beforeAll), read before and after: other tests count into it too.
    const sample = async () => {
      const lines = (await metrics.registry.metrics()).split('\n');
      return (name: string) => Number(lines.find((line) => line.startsWith(`${name} `))?.split(' ')[1] ?? 0);
    };
    const services = { kb, questions: LOGGING_OFF, metrics };
    const asker = { platform: 'discord' as const, channel: 'C1', user: 'U1' };
    const before = await sample();
    const { answer } = await askAndLog(services, asker, '小泉防衛大臣の年齢は？');
    const answered = await sample();
    const added = (name: string, from = before, to = answered) => to(name) - from(name);
    expect(added('qa_questions_total{platform="discord",status="answered"}')).toBe(1);
    expect(added('qa_answer_seconds_sum{platform="discord"}')).toBeCloseTo(answer.tookMs / 1000, 9);

    const asking = performance.now();
    await expect(askAndLog(services, asker, '   ')).rejects.toBeInstanceOf(InvalidQuestionError);
    const wall = (performance.now() - asking) / 1000;
    const refused = await sample();
    expect(added('qa_questions_total{platform="discord",status="refused"}', answered, refused)).toBe(1);
    expect(added('qa_answer_seconds_count{platform="discord"}', answered, refused)).toBe(1);
    // A refusal is timed too, in seconds: no longer than the call took.
    const took = added('qa_answer_seconds_sum{platform="discord"}', answered, refused);
    expect(took).toBeGreaterThanOrEqual(0);
    expect(took).toBeLessThanOrEqual(wall);
  });

  it('counts a question the core fails on as an error, not as refused', async () => {
    const sample = async () => {
      const lines = (await metrics.registry.metrics()).split('\n');
      return (name: string) => Number(lines.find((line) => line.startsWith(`${name} `))?.split(' ')[1] ?? 0);
    };
    // The real core, with one failure injected: nothing the core does on purpose throws anything but InvalidQuestionError.
    const failing = Object.create(kb, { ask: { value: () => Promise.reject(new Error('index unreadable')) } }) as KnowledgeBase;
    const asker = { platform: 'slack' as const, channel: 'C1', user: 'U1' };
    const before = await sample();
    await expect(askAndLog({ kb: failing, questions: LOGGING_OFF, metrics }, asker, '小泉防衛大臣の年齢は？')).rejects.toThrow('index unreadable');
    const after = await sample();
    expect(after('qa_questions_total{platform="slack",status="error"}') - before('qa_questions_total{platform="slack",status="error"}')).toBe(1);
    expect(after('qa_questions_total{platform="slack",status="refused"}') - before('qa_questions_total{platform="slack",status="refused"}')).toBe(0);
  });

  it('answers 404 to anything else', async () => {
    expect((await fetch(url('/'))).status).toBe(404);
    expect((await fetch(url('/healthz'), { method: 'POST' })).status).toBe(404);
  });
});

describe('health endpoints before the index is loaded', () => {
  let server: HealthServer;
  let failing = false;
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

  beforeAll(async () => {
    const problem = () => {
      if (failing) throw new Error('check failed');
      return 'still loading the index';
    };
    server = await startHealthServer(0, '127.0.0.1', healthRoutes([{ name: 'index', problem }]));
  });
  afterAll(() => server?.close());

  it('answers /healthz in JSON (a query string does not matter), /metrics 404 until there are metrics, and 500 when a check throws', async () => {
    const health = await fetch(url('/healthz?verbose=1'));
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toBe('application/json');
    expect(await health.json()).toEqual({ ok: false, problems: { index: 'still loading the index' } });
    expect((await fetch(url('/metrics'))).status).toBe(404);
    failing = true;
    expect((await fetch(url('/healthz'))).status).toBe(500);
  });
});

describe('the health listener', () => {
  it('stops listening once closed', async () => {
    const server = await startHealthServer(0, '127.0.0.1', healthRoutes([]));
    const url = `http://127.0.0.1:${server.port}/healthz`;
    expect((await fetch(url)).status).toBe(200);
    await server.close();
    await expect(fetch(url)).rejects.toThrow();
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

  it('drains at once when nothing is in flight, and a tracked task gives its own result, with or without a drain waiting', async () => {
    const inFlight = new InFlight();
    expect(inFlight.accepting).toBe(true);
    expect(await inFlight.drain(60_000)).toBe(true);
    expect(await inFlight.track(async () => 'answer')).toBe('answer');
    await expect(inFlight.track(() => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
  });

  it('waits for the last of several tasks, not the first', async () => {
    const inFlight = new InFlight();
    const finish: (() => void)[] = [];
    const tasks = [0, 1].map(() => inFlight.track(() => new Promise<void>((resolve) => finish.push(resolve))));
    let drained: boolean | undefined;
    const draining = inFlight.drain(60_000).then((ok) => (drained = ok));
    finish[0]!();
    await tasks[0];
    // Let any settled drain run its callbacks: it must still be waiting.
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBeUndefined();
    finish[1]!();
    await tasks[1];
    await draining;
    expect(drained).toBe(true);
  });

  it('gives up after the grace period', async () => {
    const inFlight = new InFlight();
    void inFlight.track(() => new Promise(() => undefined));
    expect(await inFlight.drain(30)).toBe(false);
  });
});
