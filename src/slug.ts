/**
 * Heading anchors as documentation sites make them, so a citation can link to the section.
 * `vitepress`: VitePress's slugify (@mdit-vue/shared). `github`: GitHub's (github-slugger).
 * Both number repeated slugs within a page: `example`, `example-1`, `example-2`.
 */
import { slug as githubSlug } from 'github-slugger';

export type AnchorStyle = 'vitepress' | 'github';
export const ANCHOR_STYLES: AnchorStyle[] = ['vitepress', 'github'];

const CONTROL = /[\u0000-\u001f]/g;
const SPECIAL = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g;
const COMBINING = /[\u0300-\u036f]/g;

function vitepressSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING, '')
    .replace(CONTROL, '')
    .replace(SPECIAL, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();
}

/** Makes the anchors of one page, in order: call once per heading; an explicit id (`{#id}`) wins. */
export function anchorMaker(style: AnchorStyle): (heading: string, explicit?: string) => string {
  const seen = new Map<string, number>();
  const slugOf = style === 'github' ? (text: string) => githubSlug(text) : vitepressSlug;
  return (heading, explicit) => {
    if (explicit) {
      seen.set(explicit, (seen.get(explicit) ?? 0) + 1);
      return explicit;
    }
    const base = slugOf(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
}
