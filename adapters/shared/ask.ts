/** Asking on behalf of a chat user: the core answers, the question log keeps the question, the metrics count it. */
import { type Answer, InvalidQuestionError, type KnowledgeBase } from '../../src/index.js';
import type { InFlight } from './in-flight.js';
import type { Metrics } from './metrics.js';
import type { Platform, QuestionLog } from './question-log.js';

/** What both adapters are given by `npm start`: one core and one question log; metrics and in-flight bookkeeping when running as a service. */
export interface Services {
  kb: KnowledgeBase;
  questions: QuestionLog;
  metrics?: Metrics;
  inFlight?: InFlight;
}

export interface Asker {
  platform: Platform;
  channel: string;
  user: string;
}

/** The answer, and the id its feedback buttons refer to (undefined when the question was not logged). */
export interface LoggedAnswer {
  answer: Answer;
  id: number | undefined;
}

/**
 * A question the core refuses (empty, too long) throws its InvalidQuestionError and is not logged.
 * `context`: the earlier questions of the thread, oldest first (a follow-up leans on them).
 */
export async function askAndLog({ kb, questions, metrics }: Services, asker: Asker, question: string, context: readonly string[] = []): Promise<LoggedAnswer> {
  const started = performance.now();
  const answer = await kb.ask(question, { context }).catch((error: unknown) => {
    metrics?.question(asker.platform, error instanceof InvalidQuestionError ? 'refused' : 'error', (performance.now() - started) / 1000);
    throw error;
  });
  metrics?.question(asker.platform, answer.status, answer.tookMs / 1000);
  const id = questions.record({ ...asker, question, status: answer.status, citations: answer.citations, tookMs: answer.tookMs });
  return { answer, id };
}
