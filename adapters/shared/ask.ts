/** Asking on behalf of a chat user: the core answers, the question log keeps the question. */
import type { Answer, KnowledgeBase } from '../../src/index.js';
import type { Platform, QuestionLog } from './question-log.js';

/** What both adapters are given by `npm start`: one core and one question log. */
export interface Services {
  kb: KnowledgeBase;
  questions: QuestionLog;
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

/** A question the core refuses (empty, too long) throws its InvalidQuestionError and is not logged. */
export async function askAndLog({ kb, questions }: Services, asker: Asker, question: string): Promise<LoggedAnswer> {
  const answer = await kb.ask(question);
  const id = questions.record({ ...asker, question, status: answer.status, citations: answer.citations, tookMs: answer.tookMs });
  return { answer, id };
}
