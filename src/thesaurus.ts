/**
 * A general Japanese thesaurus: Sudachi's synonym dictionary (Works Applications, Apache-2.0;
 * npm `sudachi-synonyms-dictionary`), about 26,000 groups of words of one meaning (`演説`,
 * `スピーチ`, `speech`). It lets a question reach paraphrases no one wrote into `synonyms.csv`.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Analysis } from './analyze.js';
import { DEFAULT_DICTIONARY_CACHE } from './config.js';
import { log } from './log.js';
import { foldLongVowels, normalize } from './normalize.js';
import { preparedFiles } from './prepared-cache.js';
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

/** The thesaurus as it is kept prepared: its groups, and for each term that may trigger one, which. */
interface CompiledThesaurus {
  groups: string[][];
  triggers: [string, number[]][];
}

/** Bump when compilation changes, so thesauri compiled by an older one are compiled again. */
const COMPILATION_VERSION = 1;
const COMPILED_FILE = 'thesaurus.json';

export class Thesaurus {
  /** Each term that may trigger an expansion, folded, with the groups (normalized terms) it belongs to. */
  private constructor(private readonly groupsOf: ReadonlyMap<string, readonly string[][]>) {}

  private static loading: Promise<Thesaurus> | undefined;

  /**
   * Reads the thesaurus once per process (compiled into `cacheDir` on first use, about a tenth
   * of the package's JSON; the package's JSON when that cannot be done); later calls share it.
   */
  static load(cacheDir: string = DEFAULT_DICTIONARY_CACHE): Promise<Thesaurus> {
    Thesaurus.loading ??= preparedFiles(compiledPath(cacheDir), [COMPILED_FILE], async () =>
      Buffer.from(JSON.stringify(compile(await readPackageGroups()))),
    )
      .then((files) => JSON.parse(files.get(COMPILED_FILE)!.toString('utf8')) as CompiledThesaurus)
      .catch(async (error: Error) => {
        log.warn({ cacheDir, err: error }, 'Reading the thesaurus from its package: the compiled copy could not be made or read');
        return compile(await readPackageGroups());
      })
      .then(
        (compiled) => Thesaurus.fromCompiled(compiled),
        (error: Error) => {
          Thesaurus.loading = undefined;
          throw new Error(`Could not read the Sudachi synonym dictionary (npm package sudachi-synonyms-dictionary): ${error.message}`);
        },
      );
    return Thesaurus.loading;
  }

  static fromGroups(groups: readonly SudachiGroup[]): Thesaurus {
    return Thesaurus.fromCompiled(compile(groups));
  }

  private static fromCompiled({ groups, triggers }: CompiledThesaurus): Thesaurus {
    // Keys share their group arrays: lookup tells groups apart by identity.
    return new Thesaurus(new Map(triggers.map(([key, ids]) => [key, ids.map((id) => groups[id]!)])));
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

/** Normalizes Sudachi's groups and indexes them by the terms that may trigger them. */
function compile(sudachiGroups: readonly SudachiGroup[]): CompiledThesaurus {
  const groups: string[][] = [];
  const triggers = new Map<string, number[]>();
  for (const group of sudachiGroups) {
    // One character says too little to stand for a meaning (`米`: rice, or America?).
    const used = group.items
      .filter((item) => item.expandControl !== 2)
      .map((item) => ({ term: normalize(item.midashi).trim(), triggers: item.expandControl === 0 }))
      .filter(({ term }) => Array.from(term).length > 1);
    const terms = [...new Set(used.map(({ term }) => term))];
    if (terms.length < 2) continue;
    const id = groups.push(terms) - 1;
    for (const { term, triggers: triggering } of used) {
      if (!triggering) continue;
      const key = foldLongVowels(term);
      const ids = triggers.get(key);
      if (ids) ids.push(id);
      else triggers.set(key, [id]);
    }
  }
  return { groups, triggers: [...triggers] };
}

async function readPackageGroups(): Promise<SudachiGroup[]> {
  return JSON.parse(await readFile(dictionaryFile(), 'utf8')) as SudachiGroup[];
}

/** Named by the package's version, so an upgrade compiles anew. */
function compiledPath(cacheDir: string): string {
  const { version } = JSON.parse(readFileSync(path.join(packageFolder(), 'package.json'), 'utf8')) as { version: string };
  return path.join(cacheDir, `sudachi-synonyms-${version}-c${COMPILATION_VERSION}`);
}

function dictionaryFile(): string {
  return path.join(packageFolder(), 'sudachi-synonyms-dictionary.json');
}

/** The package's `exports` hides its files; they sit beside its entry point. */
function packageFolder(): string {
  return path.dirname(createRequire(import.meta.url).resolve('sudachi-synonyms-dictionary'));
}
