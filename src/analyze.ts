/**
 * The one analyzer used for both documents and questions: kuromoji segmentation on normalized
 * text, base forms of content words, bigrams of their katakana readings, and character bigrams of content
 * runs so that words the dictionary does not know (or splits differently) still match.
 */
import type kuromoji from 'kuromoji';
import { DEFAULT_DICTIONARY_CACHE } from './config.js';
import { preparedTokenizer, stockTokenizer } from './dictionary.js';
import { camelCaseWords } from './identifiers.js';
import { log } from './log.js';
import { foldLongVowels, normalize, toKatakana } from './normalize.js';

/** Bump when analysis output changes: snapshots built by another version are rebuilt. */
export const ANALYZER_VERSION = 43;

export interface Analysis {
  /** Base forms (surface for unknown words) of content words, normalized. */
  words: string[];
  /** Bigrams of the katakana readings of each run of content words: `小泉` reads `コイズミ`. */
  readings: string[];
  /** Character bigrams of each run of adjacent content words. */
  bigrams: string[];
  /** Parts of speech of the content words, parallel to `words` (e.g. `名詞,固有名詞,人名`). */
  pos: string[];
  /** The content words as written (normalized), parallel to `words`. */
  surfaces: string[];
  /** Parallel to `words`: whether the word directly follows the previous one (`防衛` + `大臣`). */
  joinsPrevious: boolean[];
  /** Parallel to `words`: the word's katakana reading (`小泉` → `コイズミ`), or '' when it has none. */
  kana: string[];
  /**
   * The words of its camel-cased identifiers (`onMounted` → `mounted`, see identifiers.ts): searched
   * beside the bigrams, but not a mention of the word (`shallowRef` does not name a `shallow`).
   */
  identifierWords: string[];
}

/** Grammar, not content: particles, auxiliaries, symbols, fillers, dependent nouns and suffix-like verbs. */
const DROPPED_POS = new Set(['助詞', '助動詞', '記号', 'フィラー', 'その他', 'BOS/EOS']);
const DROPPED_POS_DETAIL = new Set(['名詞,非自立', '名詞,代名詞', '動詞,非自立', '動詞,接尾']);

/** Words that carry no meaning for search, in either language. */
const STOP_WORDS = new Set([
  'する', 'いる', 'ある', 'なる', 'れる', 'られる', 'せる', 'させる', 'くる', 'いく', 'おる', 'できる',
  'こと', 'もの', 'よう', 'ため', 'これ', 'それ', 'あれ', 'この', 'その', 'あの', 'ここ', 'そこ', 'また',
  'さん', '氏', '様', 'ちゃん', '君',
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'by', 'with', 'and', 'or', 'is', 'are', 'was',
  'were', 'be', 'been', 'it', 'its', 'this', 'that', 'as', 'from', 's', 'do', 'does', 'did', 'would',
  'could', 'should', 'will', 'can', 'get', 'got', 'if', 'there', 'their', 'they', 'he', 'she', 'his', 'her',
]);

const NOTHING: ReadonlySet<string> = new Set();

// Keep a sign of a number only between digits (3.5, 1,000) so numbers stay one term.
const NUMBER_JOINERS = new Set(['.', ',']);

export class Analyzer {
  private constructor(private readonly tokenizer: kuromoji.Tokenizer<kuromoji.IpadicFeatures>) {}

  private static loading: Promise<Analyzer> | undefined;

  /**
   * Loads kuromoji's dictionary once per process (the prepared copy in `cacheDir`, prepared on
   * first use; else the package's own); later calls share it, whatever folder they name.
   */
  static load(cacheDir: string = DEFAULT_DICTIONARY_CACHE): Promise<Analyzer> {
    Analyzer.loading ??= preparedTokenizer(cacheDir)
      .catch((error: Error) => {
        log.warn({ cacheDir, err: error }, 'Using the packaged kuromoji dictionary: the prepared copy could not be made or read');
        return stockTokenizer();
      })
      .then(
        (tokenizer) => new Analyzer(tokenizer),
        (error: Error) => {
          Analyzer.loading = undefined;
          throw error;
        },
      );
    return Analyzer.loading;
  }

  /** `skip`: terms to treat as grammar (a question's question words), breaking bigram runs. */
  analyze(text: string, skip: ReadonlySet<string> = NOTHING): Analysis {
    const result: Analysis = { words: [], readings: [], bigrams: [], pos: [], surfaces: [], joinsPrevious: [], kana: [], identifierWords: [] };
    let run = '';
    let readingRun = '';
    let afterWord = false;
    const endRun = () => {
      addBigrams(run, result.bigrams);
      readingBigrams(readingRun, result.readings);
      run = '';
      readingRun = '';
      afterWord = false;
    };
    const tokens = boundedPieces(joinParticles(normalize(text)), ANALYSIS_PIECE_CHARS).flatMap((piece) => this.tokenizer.tokenize(piece));
    for (const token of mergeNumbers(tokens)) {
      const surface = token.surface_form;
      const base = token.basic_form === '*' ? surface : token.basic_form;
      const pos = `${token.pos},${token.pos_detail_1},${token.pos_detail_2}`;
      const term = foldLongVowels(base);
      const isContent =
        !DROPPED_POS.has(token.pos) &&
        !DROPPED_POS_DETAIL.has(`${token.pos},${token.pos_detail_1}`) &&
        !/^[\p{P}\p{S}\s]*$/u.test(surface) &&
        !skip.has(term);
      if (!isContent) {
        endRun();
        continue;
      }
      run += surface;
      // Words kuromoji has no reading for stand for themselves (readingBigrams reads kana as katakana).
      const reading = token.reading && token.reading !== '*' ? token.reading : surface;
      readingRun += reading;
      if (STOP_WORDS.has(term)) {
        afterWord = false;
        continue;
      }
      result.words.push(term);
      result.pos.push(pos);
      result.surfaces.push(surface);
      result.joinsPrevious.push(afterWord);
      result.kana.push(/^[\u3041-\u30faー]+$/.test(reading) ? toKatakana(reading) : '');
      afterWord = true;
    }
    endRun();
    result.identifierWords = camelCaseWords(text);
    return result;
  }
}

/**
 * Drops the space between a Latin word or number and the hiragana after it (`vue のどの`): kuromoji
 * reads hiragana right after a space as the start of a word, so `のどの` became `のど` (throat) + `の`.
 */
export function joinParticles(text: string): string {
  return text.replace(/(?<=[a-z0-9)\]`'"])[ \t]+(?=[\u3041-\u3096])/g, '');
}

/**
 * kuromoji's time grows faster than the length of a run it cannot cut (500 katakana or Hangul:
 * 50–200 ms; 100: under 3 ms), so text is analyzed in pieces of at most this many characters.
 */
export const ANALYSIS_PIECE_CHARS = 100;

/**
 * Cuts `text` into pieces of at most `max` UTF-16 units, after the last space or punctuation of
 * each window's second half when there is one (where a word cannot go on), else at the limit,
 * never inside a surrogate pair.
 */
export function boundedPieces(text: string, max: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let end = start + max;
    // Whole offsets: with an odd `max`, `max / 2` made fractional cuts that could split a surrogate pair.
    const half = start + Math.floor(max / 2);
    const lastBreak = /[\s\p{P}][^\s\p{P}]*$/u.exec(text.slice(half, end));
    // After the whole break character: punctuation beyond the BMP (U+115C1) is two code units.
    if (lastBreak) end = half + lastBreak.index + String.fromCodePoint(lastBreak[0].codePointAt(0)!).length;
    else if (/[\ud800-\udbff]/.test(text[end - 1]!)) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

type Token = kuromoji.IpadicFeatures;

/** kuromoji cuts `3.5` and `1,000` into pieces; glue digit runs back into one number token. */
function mergeNumbers(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (prev && isDigits(prev.surface_form) && next && isDigits(next.surface_form) && NUMBER_JOINERS.has(token.surface_form)) {
      const glued = prev.surface_form + token.surface_form + next.surface_form;
      out[out.length - 1] = { ...prev, surface_form: glued, basic_form: glued };
      i++;
    } else if (prev && isDigits(prev.surface_form) && isDigits(token.surface_form)) {
      const glued = prev.surface_form + token.surface_form;
      out[out.length - 1] = { ...prev, surface_form: glued, basic_form: glued };
    } else out.push(token);
  }
  return out;
}

/** Bigrams of the katakana of a reading (hiragana is read as katakana); one kana says too little to keep. */
export function readingBigrams(reading: string, into: string[] = []): string[] {
  const chars = Array.from(foldLongVowels(toKatakana(reading).replace(/[^\u30a1-\u30faー]/g, '')));
  for (let i = 0; i + 1 < chars.length; i++) into.push(chars[i]! + chars[i + 1]!);
  return into;
}

function isDigits(text: string): boolean {
  return /^[0-9][0-9.,]*$/.test(text);
}

/** Bigrams of a run's letters; a one-letter run stands as itself; Latin words and numbers stay whole. */
function addBigrams(run: string, into: string[]): void {
  for (const piece of run.match(/[a-z0-9.,%]+|[^a-z0-9.,%\s]+/g) ?? []) {
    if (/^[a-z0-9]/.test(piece)) {
      if (!STOP_WORDS.has(piece)) into.push(piece);
      continue;
    }
    const chars = Array.from(foldLongVowels(piece));
    if (chars.length === 1) into.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) into.push(chars[i]! + chars[i + 1]!);
  }
}
