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

/**
 * The headings above the point a parser has reached: each unit's heading path and the anchor of
 * its nearest heading. A heading closes those of its level and below.
 */
export class HeadingTrail {
  private readonly open: { level: number; text: string; anchor: string; idWords: string[] }[] = [];
  private readonly anchorFor: (heading: string, explicit?: string) => string;
  /** The first level-1 heading: the title of a page that names none otherwise. */
  firstH1: string | undefined;

  constructor(style: AnchorStyle) {
    this.anchorFor = anchorMaker(style);
  }

  enter(level: number, text: string, explicitId?: string): void {
    while (this.open.length > 0 && this.open.at(-1)!.level >= level) this.open.pop();
    this.open.push({ level, text, anchor: this.anchorFor(text, explicitId), idWords: explicitId ? idWordsBeyond(explicitId, text) : [] });
    if (level === 1) this.firstH1 ??= text;
  }

  place(): { headingPath: string[]; anchor: string | undefined; headingIdWords: string[] } {
    return { headingPath: this.open.map((h) => h.text), anchor: this.open.at(-1)?.anchor, headingIdWords: this.open.flatMap((h) => h.idWords) };
  }
}

/**
 * The words of a heading's explicit id that its text does not say: a translated page keeps its
 * original's English there (`{#differences-from-transition}` on `## <Transition> との違い`:
 * `differences`, `from`). Not numbers (`例-1` of a repeated heading) nor GitHub's `user-content-`.
 */
function idWordsBeyond(id: string, heading: string): string[] {
  let decoded = id;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    // Not percent-encoded after all: the id as written.
  }
  const said = heading.normalize('NFKC').toLowerCase();
  return decoded
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^user-content-/, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !/^\d+$/.test(word) && !said.includes(word));
}
