export const NOT_FOUND_MESSAGE = '資料の中に該当する情報が見つかりませんでした。';
export const MAX_QUESTION_CHARS = 500;
