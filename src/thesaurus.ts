/**
 * A general Japanese thesaurus: Sudachi's synonym dictionary (Works Applications, Apache-2.0;
 * npm `sudachi-synonyms-dictionary`), about 26,000 groups of words of one meaning (`演説`,
 * `スピーチ`, `speech`). It lets a question reach paraphrases no one wrote into `synonyms.csv`.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Analysis } from './analyze.js';
import { foldLongVowels, normalize } from './normalize.js';
import type { SynonymHit } from './synonyms.js';

/** The package's JSON, as far as it is read here. */
interface SudachiGroup {
  items: {
    /** 0: expands and is expanded to; 1: only expanded to; 2: retired, never used. */
    expandControl: 0 | 1 | 2;
    midashi: string;
  }[];
}

/** Compounds of up to this many adjacent words are looked up (`日米` `防衛` `協力`). */
const MAX_COMPOUND_WORDS = 3;

export class Thesaurus {
  /** Each term that may trigger an expansion, folded, with the groups (normalized terms) it belongs to. */
  private constructor(private readonly groupsOf: ReadonlyMap<string, readonly string[][]>) {}

  private static loading: Promise<Thesaurus> | undefined;

  /** Reads the dictionary once per process; later calls share it. */
  static load(): Promise<Thesaurus> {
    Thesaurus.loading ??= readFile(dictionaryFile(), 'utf8').then(
      (json) => Thesaurus.fromGroups(JSON.parse(json) as SudachiGroup[]),
      (error: Error) => {
        Thesaurus.loading = undefined;
        throw new Error(`Could not read the Sudachi synonym dictionary (npm package sudachi-synonyms-dictionary): ${error.message}`);
      },
    );
    return Thesaurus.loading;
  }

  static fromGroups(groups: readonly SudachiGroup[]): Thesaurus {
    const groupsOf = new Map<string, string[][]>();
    for (const group of groups) {
      // One character says too little to stand for a meaning (`米`: rice, or America?).
      const used = group.items
        .filter((item) => item.expandControl !== 2)
        .map((item) => ({ term: normalize(item.midashi).trim(), triggers: item.expandControl === 0 }))
        .filter(({ term }) => Array.from(term).length > 1);
      const terms = [...new Set(used.map(({ term }) => term))];
      if (terms.length < 2) continue;
      for (const { term, triggers } of used) {
        if (!triggers) continue;
        const key = foldLongVowels(term);
        const list = groupsOf.get(key);
        if (list) list.push(terms);
        else groupsOf.set(key, [terms]);
      }
    }
    return new Thesaurus(groupsOf);
  }

  /**
   * The groups that the question's words, or compounds of adjacent ones (`防衛` + `大臣`),
   * belong to: which of its terms the question used and the group's other terms.
   */
  lookup(question: Analysis): SynonymHit[] {
    const hits: SynonymHit[] = [];
    const seen = new Set<string[]>();
    for (const candidate of candidates(question)) {
      for (const group of this.groupsOf.get(candidate) ?? []) {
        if (seen.has(group)) continue;
        seen.add(group);
        const term = group.find((t) => foldLongVowels(t) === candidate)!;
        hits.push({ term, others: group.filter((t) => t !== term) });
      }
    }
    return hits;
  }
}

/**
 * Each word as written and in its base form, and compounds: runs of adjacent words, and of
 * English words, which stand apart (`white house`; the grammar words between them are dropped).
 */
function candidates({ words, surfaces, joinsPrevious }: Analysis): Set<string> {
  const found = new Set<string>();
  const isEnglish = (i: number) => /^[a-z]+$/.test(surfaces[i]!);
  for (let end = 0; end < words.length; end++) {
    found.add(words[end]!);
    found.add(foldLongVowels(surfaces[end]!));
    let compound = surfaces[end]!;
    for (let start = end; start > end - MAX_COMPOUND_WORDS + 1; start--) {
      const english = isEnglish(start) && isEnglish(start - 1);
      if (!joinsPrevious[start] && !english) break;
      compound = surfaces[start - 1]! + (english ? ' ' : '') + compound;
      found.add(foldLongVowels(compound));
    }
  }
  return found;
}

function dictionaryFile(): string {
  // The package's `exports` hides the JSON; it sits beside the package's entry point.
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json');
}
