/**
 * The buttons under an answer: 👍, 👎 and "show passage". Both platforms carry the same action id
 * (`qa:<kind>:<question id>`: Discord's custom_id, Slack's action_id), so a click is understood once.
 */
import { UserFacingError, type Answer } from '../../src/index.js';
import type { Services } from './ask.js';
import { readPassages, type Passage } from './passage.js';
import type { Platform, Vote } from './question-log.js';

export type ActionKind = 'up' | 'down' | 'passage';

export interface Action {
  kind: ActionKind;
  /** The logged question whose answer carries the button. */
  id: number;
}

export const ACTION_PREFIX = 'qa:';

const BUTTONS: readonly { kind: ActionKind; emoji: string; label: string }[] = [
  { kind: 'up', emoji: '👍', label: '役に立った (helpful)' },
  { kind: 'down', emoji: '👎', label: '違う (wrong)' },
  { kind: 'passage', emoji: '📄', label: '出典を表示 (show passage)' },
];

/** The buttons under `answer`: the votes always, show passage only when it cites something. */
export const buttonsFor = (answer: Answer) => BUTTONS.filter((b) => b.kind !== 'passage' || answer.citations.length > 0);

export const actionId = (kind: ActionKind, id: number) => `${ACTION_PREFIX}${kind}:${id}`;

const ACTION = /^qa:(up|down|passage):(\d+)$/;

/** The action a button id stands for; undefined for anything else. */
export function parseAction(id: string): Action | undefined {
  const m = ACTION.exec(id);
  return m ? { kind: m[1] as ActionKind, id: Number(m[2]) } : undefined;
}

const GONE = 'この回答の記録は見つかりませんでした（古い回答は削除されます）。(This answer is no longer in the log.)';

/** Stores the click's vote (replacing the user's earlier one); the thanks to show them. */
export function recordVote({ questions, metrics }: Services, platform: Platform, user: string, id: number, vote: Vote): string {
  if (!questions.vote(id, platform, user, vote)) throw new UserFacingError(GONE);
  metrics?.feedback(platform, vote);
  const emoji = BUTTONS.find((b) => b.kind === vote)!.emoji;
  return `${emoji} を記録しました。ありがとうございます！押し直すと変更できます。(Thanks for your feedback; click again to change your vote.)`;
}

/** The cited sentences of the answer, each in its paragraph. */
export async function passagesOf({ kb, questions }: Services, id: number): Promise<Passage[]> {
  const citations = questions.citations(id);
  if (!citations) throw new UserFacingError(GONE);
  if (citations.length === 0) throw new UserFacingError('この回答には出典がありません。(This answer cites nothing.)');
  return readPassages(kb.corpusDir, citations);
}
