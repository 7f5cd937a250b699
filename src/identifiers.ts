/**
 * Identifiers as code writes them (`server.port`, `defineConfig`, `v-model`, `--no-interactive`):
 * taken from inline code, code blocks and headings into the index, and from questions, so a
 * question that names one finds the units that hold it. Lower case, as the analyzer folds text.
 */
import { normalize } from './normalize.js';

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
