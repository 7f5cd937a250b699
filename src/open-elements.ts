/**
 * The elements an HTML parse has open, for parse-html.ts: which of them are list items, code,
 * sections with an id, and what frames the blocks inside them (a container's title, a list item's
 * label), each answered in constant time however deeply a page nests.
 */

export interface OpenElement {
  name: string;
  /** The page's main content starts here. */
  main: boolean;
  /** A section's id (Sphinx puts the anchor on the section, not its heading), until a heading takes it. */
  sectionId?: string;
  /** Its text titles the element around it. */
  titlesParent?: boolean;
}

/** How many of the innermost frames (container titles, list labels) a block keeps. */
const FRAMES_KEPT = 4;

/**
 * The elements open where the parser is, with what the walk asks of them answered without going
 * through them all (a page may nest thousands).
 */
export class OpenElements {
  private readonly stack: OpenElement[] = [];
  private readonly listItems: OpenElement[] = [];
  private pres = 0;
  private readonly sections: OpenElement[] = [];
  /** What frames the blocks inside an element (a container's title, a list item's label), outermost first. */
  private readonly frames: { element: OpenElement; text: string }[] = [];
  private framingTexts: string[] = [];

  push(element: OpenElement): void {
    this.stack.push(element);
    if (element.name === 'li') this.listItems.push(element);
    if (element.name === 'pre') this.pres++;
    if (element.sectionId !== undefined) this.sections.push(element);
  }

  pop(): OpenElement | undefined {
    const element = this.stack.pop();
    if (!element) return undefined;
    if (this.listItems.at(-1) === element) this.listItems.pop();
    if (element.name === 'pre') this.pres--;
    if (this.sections.at(-1) === element) this.sections.pop();
    if (this.frames.at(-1)?.element === element) this.setFrames(() => this.frames.pop());
    return element;
  }

  get top(): OpenElement | undefined {
    return this.stack.at(-1);
  }

  get inListItem(): boolean {
    return this.listItems.length > 0;
  }

  get inPre(): boolean {
    return this.pres > 0;
  }

  /** Frames the blocks inside `element` (the innermost list item when not given) with `text`. */
  frame(text: string, element: OpenElement | undefined = this.listItems.at(-1)): void {
    if (!element || !text) return;
    const top = this.frames.at(-1);
    this.setFrames(() => (top?.element === element ? (top.text = text) : this.frames.push({ element, text })));
  }

  /** What frames a block here, outermost first: the innermost few, however deep a page nests them. */
  get framing(): string[] {
    return this.framingTexts;
  }

  /** The id of the innermost open section, if no heading has taken it yet. */
  takeSectionId(): string | undefined {
    const section = this.sections.at(-1);
    const id = section?.sectionId;
    if (section) delete section.sectionId;
    return id;
  }

  private setFrames(change: () => unknown): void {
    change();
    this.framingTexts = this.frames.slice(-FRAMES_KEPT).map((f) => f.text);
  }
}
