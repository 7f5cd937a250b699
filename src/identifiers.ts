/**
 * Identifiers as code writes them (`server.port`, `defineConfig`, `v-model`, `--no-interactive`):
 * taken from inline code, code blocks and headings into the index, and from questions, so a
 * question that names one finds the units that hold it. Lower case, as the analyzer folds text.
 */
import { dropInvisible, normalize } from './normalize.js';

// A name, optionally a `--flag`, with `.`/`:`/`-` joining further names (`app.config.globalProperties`).
const IDENTIFIER = /(?<![\w$-])(?:--)?[a-z_$][\w$]*(?:[.:-][a-z_$\d][\w$]*)*/g;
const MIN_LENGTH = 2;

/** Written as code only: `server.port`, `v-if`, `--flag`, `snake_case`, `$attrs`. */
export function isCodeShaped(identifier: string): boolean {
  return /[.:_$-]/.test(identifier);
}

/** Each identifier as written (`app.config.globalproperties`), not its parts. */
export function namedIdentifiers(text: string): string[] {
  return [...new Set(Array.from(normalize(text).matchAll(IDENTIFIER), ([whole]) => whole))].filter((id) => id.length >= MIN_LENGTH);
}

/** Each identifier, and each part of a dotted one (`app.config.globalproperties` → `app`, `config`, `globalproperties`). */
export function identifiersIn(text: string): string[] {
  return withParts(namedIdentifiers(text));
}

/** The identifiers `named` and the parts of each dotted one. */
export function withParts(named: readonly string[]): string[] {
  const found = new Set<string>();
  for (const whole of named) {
    for (const term of [whole, ...whole.split(/[.:]/)]) if (term.length >= MIN_LENGTH) found.add(term);
  }
  return [...found];
}

// A camel-cased identifier (`onMounted`, `defineAsyncComponent`, `KeepAlive`; a product name, `JavaScript`, too).
const CAMEL_CASED = /(?<![A-Za-z0-9])[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+/g;
/** Shorter words of an identifier (`on` of `onMounted`) say nothing; `ref` of `shallowRef` does. */
const MIN_WORD_LENGTH = 3;

/**
 * The words of the camel-cased identifiers in `text` (`onMounted` → `mounted`, `KeepAlive` → `keep`,
 * `alive`, `defineAsyncComponent` → `define`, `async`, `component`), lower-cased: so either spelling
 * finds the other.
 */
export function camelCaseWords(text: string): string[] {
  const words: string[] = [];
  for (const [identifier] of dropInvisible(text).normalize('NFKC').matchAll(CAMEL_CASED)) {
    for (const word of identifier.match(/[A-Z]?[a-z0-9]+/g)!) if (word.length >= MIN_WORD_LENGTH) words.push(word.toLowerCase());
  }
  return words;
}
