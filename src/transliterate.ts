/**
 * English spellings of Japanese words: an English question names `Koizumi`, `Hegseth` or
 * `Yokosuka`, the material writes 小泉, ヘグセス and 横須賀. The material's words are keyed by
 * their romanized (wanakana) kana reading twice: as spelled (`yamane` for 山根: Japanese names
 * are spelled in English as they are read) and as a skeleton of consonants, with the sounds that
 * Japanese writes alike folded together (`gss` for ヘグセス and Hegseth: foreign names).
 */
import { toRomaji } from 'wanakana';

/** Shorter keys (`bs` of `base`, `abe`) would pair unrelated words. */
const MIN_SKELETON = 3;
const MIN_SPELLING = 5;

/** Rewrites, in order, that bring English spelling and Hepburn romanization together. */
const FOLDS: [RegExp, string][] = [
  [/[^a-z]/g, ''],
  [/th/g, 's'], // ヘグセス for Hegseth
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/[cq]/g, 'k'],
  [/x/g, 'ks'],
  [/v/g, 'b'], // バージニア for Virginia
  [/r(?=[^aeiouy]|$)/g, ''], // a vowel's r is a long vowel (バー for vir-)
  [/l/g, 'r'], // ソーシャル for social
  [/m(?=[pb])/g, 'n'], // トランプ for Trump
  [/ng(?=[^aeiouy])/g, 'n'], // ワシントン for Washington
  [/g(?=[ei])/g, 'j'],
  [/(.)\1+/g, '$1'], // doubled letters (`tt`, and ッ's `kk`)
  [/[aeiouyh]/g, ''], // Japanese adds vowels, and reads h its own way (ホワイト for white)
];

/** The consonant skeleton of a Latin word, or of romanized kana. */
export function skeleton(latin: string): string {
  return FOLDS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), latin.toLowerCase());
}

/** Long vowels as English spells Japanese names: `Koizumi`, `Ono` for オオノ, `Ichiro` for イチロウ. */
function spelling(latin: string): string {
  return latin.toLowerCase().replace(/[^a-z]/g, '').replace(/([aeiou])\1+/g, '$1').replace(/ou/g, 'o');
}

/** The keys a Latin word or romanized reading is found by. */
function soundKeys(latin: string): string[] {
  const keys: string[] = [];
  const spelled = spelling(latin);
  if (spelled.length >= MIN_SPELLING) keys.push(`=${spelled}`);
  const consonants = skeleton(latin);
  if (consonants.length >= MIN_SKELETON) keys.push(consonants);
  return keys;
}

/** Sound key → the material's words that sound so, from each word's katakana reading. */
export function soundIndex(wordsWithReadings: Iterable<[word: string, kana: string]>): Map<string, string[]> {
  const index = new Map<string, Set<string>>();
  for (const [word, kana] of wordsWithReadings) {
    for (const key of soundKeys(toRomaji(kana))) {
      const words = index.get(key) ?? new Set<string>();
      words.add(word);
      index.set(key, words);
    }
  }
  return new Map([...index].map(([key, words]) => [key, [...words]]));
}

/** The material's words that an English word (`koizumi`) may stand for. */
export function soundsLike(index: ReadonlyMap<string, readonly string[]>, latinWord: string): string[] {
  return [...new Set(soundKeys(latinWord).flatMap((key) => index.get(key) ?? []))];
}
