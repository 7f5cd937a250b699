/**
 * What `GET /metrics` reports, in Prometheus text format (prom-client): questions by platform and
 * status, answer latency, reindexes and their duration, what the index holds, feedback, and
 * Node's own process metrics. One registry per process, made by `createMetrics`.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { KnowledgeBase } from '../../src/index.js';

/** Answer latency buckets, in seconds: answers take milliseconds; the tail matters. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Reindex duration buckets, in seconds. */
const REINDEX_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export interface Metrics {
  registry: Registry;
  /** A question was answered (`answered`), not found (`not_found`), refused (`refused`) or failed (`error`). */
  question(platform: string, status: string, seconds: number): void;
  reindex(outcome: 'done' | 'failed', seconds: number): void;
  feedback(platform: string, vote: string): void;
}

export function createMetrics(kb: KnowledgeBase): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const questions = new Counter({ name: 'qa_questions_total', help: 'Questions by platform and status', labelNames: ['platform', 'status'], registers: [registry] });
  const latency = new Histogram({ name: 'qa_answer_seconds', help: 'Time to answer a question', labelNames: ['platform'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const reindexes = new Counter({ name: 'qa_reindex_total', help: 'Reindexes by outcome', labelNames: ['outcome'], registers: [registry] });
  const reindexSeconds = new Histogram({ name: 'qa_reindex_seconds', help: 'Time a reindex took', buckets: REINDEX_BUCKETS, registers: [registry] });
  const feedback = new Counter({ name: 'qa_feedback_total', help: 'Feedback on answers by platform and vote', labelNames: ['platform', 'vote'], registers: [registry] });
  // Read when scraped, so they always say what the index in use holds.
  new Gauge({
    name: 'qa_index_documents',
    help: 'Documents in the index in use',
    registers: [registry],
    collect() {
      this.set(kb.sources().documents.length);
    },
  });
  new Gauge({
    name: 'qa_index_units',
    help: 'Units (sentences, list items, definitions, table rows) in the index in use',
    registers: [registry],
    collect() {
      this.set(kb.sources().documents.reduce((sum, d) => sum + d.sentences, 0));
    },
  });
  return {
    registry,
    question(platform, status, seconds) {
      questions.inc({ platform, status });
      latency.observe({ platform }, seconds);
    },
    reindex(outcome, seconds) {
      reindexes.inc({ outcome });
      reindexSeconds.observe(seconds);
    },
    feedback(platform, vote) {
      feedback.inc({ platform, vote });
    },
  };
}
