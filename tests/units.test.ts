/** Blocks to units (src/units.ts), from blocks made by hand: what is split, where each piece sits, what code it is given. */
import { describe, expect, it } from 'vitest';
import type { Block, BlockKind } from '../src/blocks.js';
import { splitUnits } from '../src/units.js';
import type { Span } from '../src/types.js';

const TITLE = '題';

function block(kind: BlockKind, text: string, more: { code?: Span[]; line?: number; breaks?: number[]; headingPath?: string[] } = {}): Block {
  return { kind, text, code: more.code ?? [], line: more.line ?? 1, breaks: more.breaks ?? [], headingPath: more.headingPath ?? [], headingIdWords: [], framing: [] };
}
const unitsOf = (blocks: Block[], maxChars = 300) => splitUnits({ id: 'page.md', title: TITLE, blocks }, maxChars);

describe('splitUnits', () => {
  it('splits prose and list items into sentences but keeps a definition or a table row whole', () => {
    const text = '型: string。既定値: なし。';
    expect(unitsOf([block('paragraph', text)]).map((d) => d.unit.text)).toEqual(['型: string。', '既定値: なし。']);
    expect(unitsOf([block('item', text)]).map((d) => d.unit.text)).toEqual(['型: string。', '既定値: なし。']);
    expect(unitsOf([block('definition', text)]).map((d) => [d.unit.kind, d.unit.text])).toEqual([['definition', text]]);
    expect(unitsOf([block('row', text)]).map((d) => [d.unit.kind, d.unit.text])).toEqual([['row', text]]);
  });

  it('never ends a sentence inside inline code, and gives each sentence its code spans, counted from its own start', () => {
    // Code spans: `a。b` at 3–8, `port` at 15–21 (the second sentence starts at 12).
    const text = '値は `a。b` です。次は `port` です。最後です。';
    const drafts = unitsOf([block('paragraph', text, { code: [[3, 8], [15, 21]] })]);
    expect(drafts.map((d) => [d.unit.text, d.unit.code])).toEqual([
      ['値は `a。b` です。', [[3, 8]]],
      ['次は `port` です。', [[3, 9]]],
      ['最後です。', undefined],
    ]);
    expect('code' in drafts[2]!.unit).toBe(false);
  });

  it('clips a code span that a cut of an over-long sentence runs through', () => {
    // Cut at the space inside the code (the text has no other break): each half keeps its part of the span.
    const text = 'あああ `aaa bbb` いいい';
    const drafts = unitsOf([block('paragraph', text, { code: [[4, 13]] })], 10);
    expect(drafts.map((d) => [d.unit.text, d.unit.code])).toEqual([
      ['あああ `aaa', [[4, 8]]],
      ['bbb` いいい', [[0, 4]]],
    ]);
    // A hard cut right where code ends or starts leaves the piece on the other side no (empty) span.
    expect(unitsOf([block('paragraph', '`abcdefgh`ijklmnop', { code: [[0, 10]] })], 10).map((d) => [d.unit.text, d.unit.code])).toEqual([
      ['`abcdefgh`', [[0, 10]]],
      ['ijklmnop', undefined],
    ]);
    expect(unitsOf([block('paragraph', 'abcdefghij`klmnop`', { code: [[10, 18]] })], 10).map((d) => [d.unit.text, d.unit.code])).toEqual([
      ['abcdefghij', undefined],
      ['`klmnop`', [[0, 8]]],
    ]);
  });

  it('gives a piece cut from a later sentence the source line it starts on', () => {
    // 'はい。' at 0, then 'ああああ、いいいい、' at 3, cut at 、 into pieces at 3 and 8; a line break at 8.
    const drafts = unitsOf([block('paragraph', 'はい。ああああ、いいいい、', { line: 10, breaks: [8] })], 5);
    expect(drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([
      ['はい。', 10],
      ['ああああ、', 10],
      ['いいいい、', 11],
    ]);
  });

  it('finds a repeated piece of a cut sentence where it is, not where it first occurs', () => {
    const drafts = unitsOf([block('paragraph', 'ああああ、ああああ、', { line: 3, breaks: [5] })], 5);
    expect(drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([
      ['ああああ、', 3],
      ['ああああ、', 4],
    ]);
  });

  it('takes a unit\'s own identifiers from its inline code, not from its other words, and its section\'s from each heading', () => {
    const drafts = unitsOf([block('paragraph', '`port` を使い、useServer は使わない。次の文です。', { code: [[0, 6]], headingPath: [TITLE, 'server.host', 'strictPort'] })]);
    expect(drafts.map((d) => d.unit.section)).toEqual([
      ['server.host', 'strictPort'],
      ['server.host', 'strictPort'],
    ]);
    expect(drafts[0]!.identifiers.sort()).toEqual(['host', 'port', 'server', 'server.host', 'strictport']);
  });

  it('gives code only to the units beside it in its section: not to one further on, nor across a heading', () => {
    const drafts = unitsOf([
      block('paragraph', '一つ目です。二つ目です。'),
      block('code', 'defineConfig()'),
      block('paragraph', '三つ目です。四つ目です。'),
      block('code', 'useOther()'),
      block('paragraph', '別の節です。', { headingPath: [TITLE, '別'] }),
    ]);
    expect(drafts.map((d) => [d.unit.text, d.identifiers])).toEqual([
      ['一つ目です。', []],
      ['二つ目です。', ['defineconfig']],
      ['三つ目です。', ['defineconfig']],
      ['四つ目です。', ['useother']],
      ['別の節です。', []],
    ]);
  });

  it('tells sections apart by their whole heading path, not by its words run together (設定 › 方法 is not 設定方法)', () => {
    const drafts = unitsOf([
      block('paragraph', '手順です。', { headingPath: [TITLE, '設定', '方法'] }),
      block('code', 'defineConfig()', { headingPath: [TITLE, '設定', '方法'] }),
      block('paragraph', '別の節です。', { headingPath: [TITLE, '設定方法'] }),
    ]);
    expect(drafts.map((d) => [d.unit.text, d.identifiers])).toEqual([
      ['手順です。', ['defineconfig']],
      ['別の節です。', []],
    ]);
  });
});
