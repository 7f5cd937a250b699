import { describe, expect, it } from 'vitest';
import { InlineText, startCell } from '../src/blocks.js';
import { OpenElements, type OpenElement } from '../src/open-elements.js';

const element = (name: string, sectionId?: string): OpenElement => ({ name, main: false, ...(sectionId ? { sectionId } : {}) });

describe('OpenElements', () => {
  it('knows whether it is inside code or a list item until they close', () => {
    const open = new OpenElements();
    expect([open.inPre, open.inListItem]).toEqual([false, false]);
    open.push(element('pre'));
    open.push(element('code'));
    expect(open.inPre).toBe(true);
    open.pop();
    expect(open.inPre).toBe(true);
    open.pop();
    expect(open.inPre).toBe(false);
    open.push(element('li'));
    open.push(element('p'));
    expect(open.inListItem).toBe(true);
    open.pop();
    open.pop();
    expect(open.inListItem).toBe(false);
    expect(open.pop()).toBeUndefined();
  });

  it('gives a section id to the first heading inside it only, and never one of a closed section', () => {
    const open = new OpenElements();
    open.push(element('section', 'outer'));
    open.push(element('div'));
    open.pop();
    open.push(element('section', 'inner'));
    expect(open.takeSectionId()).toBe('inner');
    expect(open.takeSectionId()).toBeUndefined();
    open.pop();
    expect(open.takeSectionId()).toBe('outer');
    open.push(element('section', 'closed'));
    open.pop();
    expect(open.takeSectionId()).toBeUndefined();
  });

  it('never gives the id of a closed section, even when it was the only one', () => {
    const open = new OpenElements();
    open.push(element('section', 'closed'));
    open.pop();
    expect(open.takeSectionId()).toBeUndefined();
  });

  it('frames what is inside an element until it closes, a list item by default, and ignores an empty frame', () => {
    const open = new OpenElements();
    const container = element('div');
    open.push(container);
    open.frame('注意', container);
    open.push(element('li'));
    open.frame('');
    expect(open.framing).toEqual(['注意']);
    open.frame('詳細');
    expect(open.framing).toEqual(['注意', '詳細']);
    open.frame('型');
    expect(open.framing).toEqual(['注意', '型']);
    open.pop();
    expect(open.framing).toEqual(['注意']);
    open.pop();
    expect(open.framing).toEqual([]);
  });
});

describe('InlineText', () => {
  const textOf = (build: (text: InlineText) => void) => {
    const text = new InlineText();
    build(text);
    return text.finish();
  };

  it('joins source lines of Japanese without a space and of other scripts with one, collapsing whitespace', () => {
    expect(textOf((t) => t.add('日本\n語です')).text).toBe('日本語です');
    expect(textOf((t) => t.add('foo\nbar')).text).toBe('foo bar');
    expect(textOf((t) => t.add('日本\nbar')).text).toBe('日本 bar');
    expect(textOf((t) => t.add('日本 \n  語')).text).toBe('日本語');
    expect(textOf((t) => t.add('foo \n  bar')).text).toBe('foo bar');
    expect(textOf((t) => t.add(' 前に空白 ')).text).toBe('前に空白');
    expect(textOf((t) => (t.add('値は'), t.add(' 5 '), t.add('です'))).text).toBe('値は 5 です');
    expect(textOf((t) => t.add('日本a\n語')).text).toBe('日本a 語');
    expect(textOf((t) => t.add('  a \t  b  ')).text).toBe('a b');
    expect(textOf((t) => t.add('a\n\n')).text).toBe('a');
  });

  it('records where each further source line starts', () => {
    const { text, breaks } = textOf((t) => t.add('一行目\n二行目\nthird'));
    expect(text).toBe('一行目二行目 third');
    expect(breaks).toEqual([3, 7]);
  });

  it('keeps inline code as written, its whitespace collapsed, and marks where it is', () => {
    const { text, code } = textOf((t) => {
      t.add('値は');
      t.addCode('  a   b ');
      t.addCode('   ');
      t.add(' です');
    });
    expect(text).toBe('値はa b です');
    expect(code).toEqual([[2, 5]]);
  });

  it('starts table cells as header–cell pairs', () => {
    const { text } = textOf((t) => {
      startCell(t, '名前', 0);
      t.add('port');
      startCell(t, undefined, 1);
      t.add('5173');
      startCell(t, '', 2);
      t.add('x');
    });
    expect(text).toBe('名前: port; 5173; x');
  });
});
