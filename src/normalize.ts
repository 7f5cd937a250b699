/** Text normalization shared by indexing and questions, so both sides fold the same way. */

// Invisible characters (zero-width space, joiners, soft hyphen, BOM, NUL…) and lone surrogates
// come from copy and paste, not from the words: inside `小\u200b泉` they must vanish, not split it.
// kuromoji also crashes on control characters. (\x0b is \v: Stryker's regex mutator would turn `\v`
// into `\V`, a syntax error under the u flag that stops every test file from loading.)
const INVISIBLE = /(?![\t\n\x0b\f\r])[\p{Cc}\p{Cf}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;
const CONTROL_SPACE = /[\t\n\v\f\r]/g;

/** Removes invisible characters and turns line breaks and tabs into spaces. */
export function dropInvisible(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL_SPACE, ' ');
}

/** NFKC (full/half width), lower-case Latin, one kind of long-vowel mark, no invisible characters. */
export function normalize(text: string): string {
  return dropInvisible(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-\u2010-\u2015\u2212\uff70]/g, (ch, offset: number, all: string) =>
      // A dash right after katakana is a long-vowel mark typed with the wrong key; a plain
      // hyphen (`－` after NFKC) only between katakana, since `アジア-太平洋` joins two words.
      isKatakana(all[offset - 1] ?? '') && (ch !== '-' || isKatakana(all[offset + 1] ?? '')) ? 'ー' : ch,
    );
}

/** Drops katakana long-vowel marks, so サーバー/サーバ and コンピューター/コンピュータ meet. For terms, not display. */
export function foldLongVowels(term: string): string {
  return term.length > 1 ? term.replace(/(?<=[\u30a1-\u30fa])ー/g, '') : term;
}

function isKatakana(ch: string): boolean {
  return /^[\u30a1-\u30ff]$/.test(ch);
}

/** Hiragana to katakana, so kana-only words can be compared with kuromoji's readings. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** Normalized text without spaces and the punctuation that only separates (keeps `3.5%`, `1,000`): for comparing phrasing. */
export function plainText(normalized: string): string {
  return normalized.replace(/[\s、。，,.](?!\d)|[「」『』()（）\[\]【】・!?！？"'“”…―]/g, '');
}
