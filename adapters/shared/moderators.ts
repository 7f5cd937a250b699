/** What a moderators-only action is called, for the refusal a non-moderator gets. */
export interface ModeratorAction {
  ja: string;
  en: string;
}

export const REINDEX: ModeratorAction = { ja: '再索引', en: 'reindex' };
export const UNANSWERED: ModeratorAction = { ja: '未回答の質問の一覧', en: 'list unanswered questions' };

/** `how` says who counts as a moderator on the platform. */
export const moderatorsOnly = (action: ModeratorAction, how = '') =>
  `${action.ja}はモデレーターだけが実行できます。(Only moderators can ${action.en}${how}.)`;
