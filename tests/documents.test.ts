import { describe, expect, it } from 'vitest';
import { identifiersIn, namedIdentifiers } from '../src/identifiers.js';
import { parseHtml } from '../src/parse-html.js';
import { parseMarkdown } from '../src/parse-markdown.js';
import { anchorMaker } from '../src/slug.js';
import { sourceUrl } from '../src/source-url.js';
import { splitUnits } from '../src/units.js';

/** The units of a Markdown or HTML page, as the index gets them. */
function unitsOf(source: string, kind: 'md' | 'html' = 'md') {
  const parsed = kind === 'md' ? parseMarkdown(source, 'vitepress') : parseHtml(source, 'vitepress');
  const title = parsed.title ?? 'file';
  return { title, url: parsed.url, drafts: splitUnits({ id: `page.${kind}`, title, url: parsed.url, blocks: parsed.blocks }, 300) };
}
const texts = (source: string, kind: 'md' | 'html' = 'md') => unitsOf(source, kind).drafts.map((d) => d.unit.text);
const units = (source: string, kind: 'md' | 'html') => unitsOf(source, kind).drafts.map((d) => [d.unit.kind, d.unit.text]);

describe('Markdown', () => {
  it('names the page by its front-matter title, else its first # heading, and reads its url', () => {
    expect(unitsOf('---\ntitle: 設定リファレンス\nurl: https://example.com/config\n---\n\n# 見出し\n\n本文。').title).toBe('設定リファレンス');
    expect(unitsOf('---\nurl: https://example.com/config\n---\n\n# 見出し\n\n本文。').url).toBe('https://example.com/config');
    expect(unitsOf('---\nlayout: home\n---\n\n## 小見出し\n\n# 大見出し\n\n本文。').title).toBe('大見出し');
    expect(parseMarkdown('本文だけ。', 'vitepress').title).toBeUndefined();
  });

  it('drops inline markup but keeps link text and inline code (marked as code)', () => {
    const [unit] = unitsOf('関連: [Public Base Path](./build#public-base-path) と **重要** な `server.port` を見る。').drafts.map((d) => d.unit);
    expect(unit!.text).toBe('関連: Public Base Path と 重要 な server.port を見る。');
    expect(unit!.code).toEqual([[unit!.text.indexOf('server.port'), unit!.text.indexOf('server.port') + 'server.port'.length]]);
  });

  it('keeps two code spans with only markup between them apart, as two names', () => {
    const source = '<span class="composition-api">`onMounted`</span><span class="options-api">`mounted`</span> フックを使う。';
    const [unit] = unitsOf(source).drafts.map((d) => d.unit);
    expect(unit!.text).toBe('onMounted mounted フックを使う。');
    expect(unit!.code).toEqual([[0, 9], [10, 17]]);
    expect(texts('<p><code>onMounted</code><code>mounted</code> フック。</p>', 'html')).toEqual(['onMounted mounted フック。']);
  });

  it('makes each list item a unit, and a labelled line (definition) one unit', () => {
    const { drafts } = unitsOf('## server.port\n\n- **型:** `number`\n- **デフォルト:** `5173`\n- **注意:** 本番では使わない。\n- 一つ目の項目\n- 二つ目の項目\n');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line])).toEqual([
      ['definition', '型: number', 3],
      ['definition', 'デフォルト: 5173', 4],
      ['definition', '注意: 本番では使わない。', 5],
      ['item', '一つ目の項目', 6],
      ['item', '二つ目の項目', 7],
    ]);
    // A bold label alone frames what follows in its item instead of being a unit.
    const framed = unitsOf('- **詳細**\n\n  引数は要素です。\n');
    expect(framed.drafts.map((d) => [d.unit.text, d.framing])).toEqual([['引数は要素です。', ['詳細']]]);
  });

  it('makes each table row its header–cell pairs', () => {
    const { drafts } = unitsOf('| 名前 | 型 |\n| --- | --- |\n| `mode` | `string \\| boolean` |\n| 説明 | なし |\n');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line])).toEqual([
      ['row', '名前: mode; 型: string | boolean', 3],
      ['row', '名前: 説明; 型: なし', 4],
    ]);
  });

  it('never makes code a unit, but gives its identifiers to the units beside it', () => {
    const source = '## 設定\n\n設定ファイルの例です:\n\n```js\n// 例：環境変数を使用して設定する\nexport default defineConfig({ server: { port: 3000 } })\n```\n\n以上です。\n';
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => d.unit.text)).toEqual(['設定ファイルの例です:', '以上です。']);
    expect(drafts[0]!.identifiers).toContain('defineconfig');
    expect(drafts[1]!.identifiers).toContain('defineconfig');
    expect(drafts.some((d) => d.unit.text.includes('環境変数'))).toBe(false);
  });

  it('gives the unit after two code blocks the identifiers of both, and none from the section before', () => {
    const source = '## 一\n\n前です。\n\n```js\nuseFirst()\n```\n\n```js\nuseSecond()\n```\n\n後です。\n\n```js\nuseOther()\n```\n\n## 二\n\n```js\nuseTwo()\n```\n\n別です。\n';
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.text, d.identifiers])).toEqual([
      ['前です。', ['usefirst', 'usesecond']],
      ['後です。', ['usefirst', 'usesecond', 'useother']],
      ['別です。', ['usetwo']],
    ]);
  });

  it('takes container titles as framing, not sentences, and drops script setup, components and comments', () => {
    const source = '<script setup>\nconst x = 1\n</script>\n\n<VueSchoolLink href="x" title="無料レッスン"/>\n\n<!-- メモ -->\n\n::: tip 注意\n中の文です。\n:::\n';
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.text, d.framing])).toEqual([['中の文です。', ['注意']]]);
  });

  it('reads MDX as Docusaurus and react.dev write it: module lines and comments dropped, `{/*id*/}` ids, `:::tip[title]`', () => {
    const source = [
      '---\ntitle: はじめに\n---',
      "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';",
      '## 準備 {/*setup*/}',
      ':::tip[ヒント]\n\nNode.js 18 以上が必要です。\n\n:::',
      'export const Highlight = ({children}) => <span>{children}</span>;',
      '本文は {/* 訳注: 要確認 */}ここです。',
    ].join('\n\n');
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.text, d.unit.section, d.unit.anchor, d.framing])).toEqual([
      ['Node.js 18 以上が必要です。', ['準備'], 'setup', ['ヒント', 'setup']],
      ['本文は ここです。', ['準備'], 'setup', ['setup']],
    ]);
  });

  it('shows what template calls show: Hugo shortcodes (Kubernetes) and MDN macros, never inside code', () => {
    const source = [
      '{{< note >}}',
      'Podは最小の{{< glossary_tooltip text="デプロイ可能なユニット" term_id="pod" >}}です。',
      '{{< /note >}}',
      '',
      '{{Compat}} 詳しくは {{jsxref("Array.prototype.map()", "map()")}} と {{Glossary("HTTP")}} を見ます。{{EmbedInteractiveExample("pages/js/array-map.html")}}',
      '',
      '値は `{{ count }}` と書きます。',
    ].join('\n');
    expect(texts(source)).toEqual(['Podは最小のデプロイ可能なユニットです。', '詳しくは map() と HTTP を見ます。', '値は {{ count }} と書きます。']);
  });

  it('reads MkDocs admonitions: the indented content is text framed by the title, not code', () => {
    const source = '!!! note "注意"\n\n    本文です。\n\n    - 項目\n\n次の段落。\n\n??? tip\n    続けて書いた本文。\n\n    ```\n    npm install\n    ```\n\n    コードのあとの本文。\n';
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line, d.framing])).toEqual([
      ['sentence', '本文です。', 3, ['注意']],
      ['item', '項目', 5, ['注意']],
      ['sentence', '次の段落。', 7, []],
      ['sentence', '続けて書いた本文。', 9, ['tip']],
      ['sentence', 'コードのあとの本文。', 16, ['tip']],
    ]);
    expect(drafts[4]!.identifiers).toContain('install');
  });

  it('drops every MDX comment of a paragraph, keeps an unclosed one, and keeps the syntax shown as inline code', () => {
    expect(texts('本文は {/* 一 */}ここと{/* 二 */}そこです。{/* 閉じない')).toEqual(['本文は こことそこです。', '{/* 閉じない']);
    expect(texts('`x` を使う{/* 訳注: 要確認 */}。')).toEqual(['x を使う。']);
    const [shown] = unitsOf('MDX ではコメントを `{/* メモ */}` と書きます。').drafts.map((d) => d.unit);
    expect([shown!.text, shown!.code]).toEqual(['MDX ではコメントを {/* メモ */} と書きます。', [[12, 22]]]);
  });

  it('keeps a paragraph that only mentions import in prose', () => {
    expect(texts('import 文でモジュールを読み込みます。')).toEqual(['import 文でモジュールを読み込みます。']);
  });

  it('gives every unit its heading path below the title, and the anchor of its nearest heading', () => {
    const { drafts } = unitsOf('# 設定 {#config}\n\n冒頭。\n\n## サーバーオプション\n\n### server.port {#server-port}\n\n番号。\n\n## サーバーオプション\n\n二度目。\n');
    expect(drafts.map((d) => [d.unit.text, d.unit.section, d.unit.anchor])).toEqual([
      ['冒頭。', [], 'config'],
      ['番号。', ['サーバーオプション', 'server.port'], 'server-port'],
      // VitePress decomposes (NFKD) before slugging: バ becomes ハ + a combining mark, as in its ids.
      ['二度目。', ['サーバーオプション'], 'サーバーオプション-1'.normalize('NFKD')],
    ]);
  });

  it("frames a unit with the words of its headings' ids that the headings do not say (a translated page's English)", () => {
    const source = '# トランジショングループ {#transitiongroup}\n\n## `<Transition>` との違い {#differences-from-transition}\n\n### mounted {#mounted}\n\n利用できません。\n';
    expect(unitsOf(source).drafts.map((d) => d.framing)).toEqual([['transitiongroup differences from']]);
    const html = '<h1 id="transitiongroup">トランジショングループ</h1><h2 id="user-content-differences_from.Transition">Transition との違い</h2><h3 id="mounted">mounted</h3><p>利用できません。</p>';
    expect(unitsOf(html, 'html').drafts.map((d) => d.framing)).toEqual([['transitiongroup differences from']]);
    // A heading without an id, or whose id says what it does (case, a repeat's number, decomposed kana, percent-encoding), adds nothing.
    for (const heading of ['## 節', '### server.port {#server-port}', '## Foo {#FOO}', '## 例 {#例-1}', '## データの取得 {#データの取得}', '## 例 {#%E4%BE%8B}']) {
      expect(unitsOf(`# 題\n\n${heading.normalize(heading.includes('データ') ? 'NFD' : 'NFC')}\n\n本文。\n`).drafts.map((d) => d.framing), heading).toEqual([[]]);
    }
  });

  it('joins a soft or hard line break without a space between Japanese, with one between Latin words', () => {
    const { drafts } = unitsOf('設定を\n変える。\n\nset the\nport.\n\n強制改行で\\\n続ける。\n\nhard\\\nbreak.\n');
    expect(drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([
      ['設定を変える。', 1],
      ['set the port.', 4],
      ['強制改行で続ける。', 7],
      ['hard break.', 10],
    ]);
  });

  it('reads a front matter that is broken or has no string title: the page is still read, titled by its first # heading', () => {
    for (const frontMatter of ['title: [閉じない\nurl: x', 'title: 123', 'title: "  "', '- 配列です', '# 注釈だけ']) {
      const parsed = unitsOf(`---\n${frontMatter}\n---\n\n# 見出しの題\n\n本文です。\n`);
      expect(parsed.title).toBe('見出しの題');
      expect(parsed.url).toBeUndefined();
      expect(parsed.drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([['本文です。', frontMatter.split('\n').length + 6]]);
    }
    expect(unitsOf('---\ntitle: "  前後の空白  "\nurl: " https://example.com/a "\n---\n\n本文。').title).toBe('前後の空白');
    expect(unitsOf('---\nurl: " https://example.com/a "\n---\n\n本文。').url).toBe('https://example.com/a');
  });

  it('takes no empty heading: it neither titles the page nor enters the heading path', () => {
    const { title, drafts } = unitsOf('# \n\n# 本当の題\n\n## 節\n\n### {#empty}\n\n本文です。\n');
    expect(title).toBe('本当の題');
    expect(drafts.map((d) => [d.unit.text, d.unit.section, d.unit.anchor])).toEqual([['本文です。', ['節'], '節']]);
  });

  it('reads a heading without its markup: inline code kept as text, emphasis dropped', () => {
    const { drafts } = unitsOf('# 題\n\n## `server.port` の **設定**\n\n本文です。\n');
    expect(drafts.map((d) => [d.unit.section, d.unit.anchor])).toEqual([[['server.port の 設定'], 'server-port-の-設定']]);
  });

  it('makes only body rows units: the header row names the cells, a row inside a list item is read too', () => {
    const source = '# 題\n\n| 名前 | 既定値 |\n| --- | --- |\n| port | 5173 |\n| host | |\n\n- 設定の表:\n\n  | キー | 意味 |\n  | --- | --- |\n  | base | 公開パス |\n';
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line])).toEqual([
      ['row', '名前: port; 既定値: 5173', 5],
      ['row', '名前: host; 既定値:', 6],
      ['item', '設定の表:', 8],
      ['row', 'キー: base; 意味: 公開パス', 12],
    ]);
    // A column without a header gives its cells alone.
    expect(texts('| | 値 |\n| --- | --- |\n| 左 | 右 |\n')).toEqual(['左; 値: 右']);
  });

  it('reads raw HTML blocks with their own lines in the file, under the headings of the Markdown around them', () => {
    const source = '# 題\n\n## 節 {#sec}\n\n前の文です。\n\n<div class="note">\n<p>一つ目の文です。</p>\n<p>二つ目は\n折り返します。</p>\n</div>\n\n<table>\n<tr><th>名前</th></tr>\n<tr><td>port</td></tr>\n</table>\n\n後の文です。\n';
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line, d.unit.section, d.unit.anchor])).toEqual([
      ['sentence', '前の文です。', 5, ['節'], 'sec'],
      ['sentence', '一つ目の文です。', 8, ['節'], 'sec'],
      ['sentence', '二つ目は折り返します。', 9, ['節'], 'sec'],
      ['row', '名前: port', 15, ['節'], 'sec'],
      ['sentence', '後の文です。', 18, ['節'], 'sec'],
    ]);
    // Headings inside a raw HTML block do not change the Markdown's heading path.
    const inner = unitsOf('## 外\n\n<div><h2>内</h2><p>中の文。</p></div>\n\n外の文。\n').drafts;
    expect(inner.map((d) => [d.unit.text, d.unit.section])).toEqual([
      ['中の文。', ['外']],
      ['外の文。', ['外']],
    ]);
  });

  it('reads labelled list items: a colon joins label and text unless one is already there', () => {
    const source = [
      '- **デフォルト:** `5173`',
      '- **参照** [設定ガイド](./config)',
      '- **型：** 数値',
      '- **注意** ：本番では使わない。',
      '- **前提**: Node.js 18',
      '- **時刻 (HH:MM)** 24 時間表記',
      '- **参照** 設定: ガイド',
      '- 普通の **太字** を含む項目',
      '- **閉じない太字',
    ].join('\n');
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line])).toEqual([
      ['definition', 'デフォルト: 5173', 1],
      ['definition', '参照: 設定ガイド', 2],
      ['definition', '型： 数値', 3],
      ['definition', '注意 ：本番では使わない。', 4],
      ['definition', '前提: Node.js 18', 5],
      ['definition', '時刻 (HH:MM): 24 時間表記', 6],
      ['definition', '参照: 設定: ガイド', 7],
      ['item', '普通の 太字 を含む項目', 8],
      ['item', '**閉じない太字', 9],
    ]);
    expect(drafts[0]!.unit.code).toEqual([['デフォルト: '.length, 'デフォルト: 5173'.length]]);
  });

  it('reads an item that opens with inline code and a colon as the definition of that value', () => {
    const expected = [
      ['definition', "'custom': HTML ミドルウェアを含めない"],
      ['item', 'pre を指定する'],
      ['item', 'post'],
    ];
    expect(units("- `'custom'`: HTML ミドルウェアを含めない\n- `pre` を指定する\n- `post`\n", 'md')).toEqual(expected);
    expect(units("<ul><li><code>'custom'</code>: HTML ミドルウェアを含めない</li><li><code>pre</code> を指定する</li><li><code>post</code></li></ul>", 'html')).toEqual(expected);
  });

  it('reads bold text that a Japanese sentence goes on from as emphasis, not a label', () => {
    expect(units('- **依存関係**の大部分は変更されません。\n- **型:** `number`\n- **詳細** 本文です。\n', 'md')).toEqual([
      ['item', '依存関係の大部分は変更されません。'],
      ['definition', '型: number'],
      ['definition', '詳細: 本文です。'],
    ]);
    expect(units('<ul><li><strong>依存関係</strong>の大部分は変更されません。</li><li><strong>詳細</strong> 本文です。</li></ul>', 'html')).toEqual([
      ['item', '依存関係の大部分は変更されません。'],
      ['definition', '詳細: 本文です。'],
    ]);
  });

  it('takes a label alone as framing of its item, dropping its colon; only the first paragraph of an item can be labelled', () => {
    const source = '- **型：**\n\n  数値です。\n\n  **後の太字** は普通の文です。\n\n- 平文の項目\n\n  **中の太字** も文です。\n\n- **実験的** <Badge type="warning" text="beta" />\n\n  名前は変わりえます。\n\n- **時刻 (HH:MM)**\n\n  24 時間表記です。\n';
    const { drafts } = unitsOf(source);
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.framing])).toEqual([
      ['sentence', '数値です。', ['型']],
      ['sentence', '後の太字 は普通の文です。', ['型']],
      ['item', '平文の項目', []],
      ['sentence', '中の太字 も文です。', []],
      // A component after the label (VitePress's badge) is no text: the label still frames the item.
      ['sentence', '名前は変わりえます。', ['実験的']],
      ['sentence', '24 時間表記です。', ['時刻 (HH:MM)']],
    ]);
  });

  it('frames a container by its title, whether written after a space or in brackets, and by nothing without one', () => {
    const source = '::: tip\nタイトルなし。\n:::\n\n::: tip 注意\n空白の後の題。\n:::\n\n:::tip[ 注意 ]\n括弧の題。\n:::\n\n::: details 詳しい  説明\n**二語** の題。\n:::\n\n::: warning [括弧]\n種類の後に空白。\n:::\n\n::: danger[危険]\n空白の後の括弧。\n:::\n\n外の文。\n';
    const { drafts } = unitsOf(source);
    // The first paragraph of a container is a sentence, not a list item nor a labelled line.
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line, d.framing])).toEqual([
      ['sentence', 'タイトルなし。', 2, []],
      ['sentence', '空白の後の題。', 6, ['注意']],
      ['sentence', '括弧の題。', 10, ['注意']],
      ['sentence', '二語 の題。', 14, ['詳しい 説明']],
      ['sentence', '種類の後に空白。', 18, ['[括弧]']],
      ['sentence', '空白の後の括弧。', 22, ['危険']],
      ['sentence', '外の文。', 25, []],
    ]);
  });

  it('expands every form of template call: shortcodes with % or <, macros with single quotes, spaces, or a path', () => {
    expect(texts('{{% note %}}注{{% /note %}}と{{< tip >}}です。')).toEqual(['注とです。']);
    expect(texts("要素の {{domxref('Element.id', 'id')}} を見る。")).toEqual(['要素の id を見る。']);
    expect(texts('メソッド {{ HTTPMethod( "GET" ) }} を使う。')).toEqual(['メソッド GET を使う。']);
    expect(texts('詳細は{{cssxref("/ja/docs/Web/CSS")}}へ。{{ Deprecated_Header }}終わり。')).toEqual(['詳細はへ。', '終わり。']);
    expect(texts('引数なし{{ Compat() }}の呼び出し。')).toEqual(['引数なしの呼び出し。']);
    expect(texts('小文字の {{ note }} は残る。')).toEqual(['小文字の {{ note }} は残る。']);
  });

  it('keeps an indented code block as code unless it follows an admonition', () => {
    const { drafts } = unitsOf('## 例\n\n次のように書きます。\n\n    const server = createServer();\n\n以上です。\n');
    expect(drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([
      ['次のように書きます。', 3],
      ['以上です。', 7],
    ]);
    expect(drafts[1]!.identifiers).toContain('createserver');
  });

  it('drops MDX module lines of every form, but keeps prose that starts with import or export', () => {
    const source = [
      "import './styles.css'",
      "import A from 'a'\nimport B from \"b\";",
      'export default function Layout() {}',
      'export function helper() {}',
      'export async function load() {}',
      'export let count = 0;',
      'export var legacy = 1;',
      'export は関数を公開します。',
      'import で読み込むと from \'x\' と書きます。',
    ].join('\n\n');
    expect(texts(source)).toEqual(['export は関数を公開します。', "import で読み込むと from 'x' と書きます。"]);
  });

  it('keeps the line of each sentence of a paragraph wrapped over lines', () => {
    const { drafts } = unitsOf('一文目は\n二行にわたる。二文目。\n三文目。\n');
    expect(drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([
      ['一文目は二行にわたる。', 1],
      ['二文目。', 2],
      ['三文目。', 3],
    ]);
  });

  it('reads a reference-style link as its text, as an inline link is read', () => {
    expect(texts('詳しくは [設定ガイド][guide] を読む。\n\n[guide]: https://example.com/guide\n')).toEqual(['詳しくは 設定ガイド を読む。']);
    // Also where a heading, an admonition or a paragraph with an MDX comment is read again on its own.
    const reread = ['## [設定][guide] の概要', '', '!!! note', '[設定][guide] を続ける。', '', '[設定][guide] を読む {/* 注 */}。', '', '[guide]: https://example.com/guide', ''].join('\n');
    expect(unitsOf(reread).drafts.map((d) => [d.unit.text, d.unit.section])).toEqual([
      ['設定 を続ける。', ['設定 の概要']],
      ['設定 を読む 。', ['設定 の概要']],
    ]);
  });

  it('drops an MDX comment whose text starts with a slash, and two comments side by side, whole', () => {
    // `{/*/} … */}` is one comment: the `*/}` inside its opening `{/*/}` does not close it.
    expect(texts('前 {/*/} 注 */} 後。')).toEqual(['前 後。']);
    expect(texts('前{/* 一 */}{/* 二 */}後。')).toEqual(['前後。']);
  });

  it('reads an item as a definition only when bold text, or inline code and a colon, open it', () => {
    expect(
      units(
        [
          // An MDX comment before the label does not hide it; an item that is only a comment is nothing.
          '- {/* 注 */} **型:** `number`',
          '- {/* 注 */}',
          // A colon later in the text after inline code does not make the code a label.
          '- `foo`の値: 5',
          // All the text after the code and its colon is the definition.
          "- `mode`: `'spa'` または `'mpa'`",
          // A colon inside bold text that a sentence goes on from is still emphasis.
          '- **例: foo**は大事。',
        ].join('\n'),
        'md',
      ),
    ).toEqual([
      ['definition', '型: number'],
      ['item', 'fooの値: 5'],
      ['definition', "mode: 'spa' または 'mpa'"],
      ['item', '例: fooは大事。'],
    ]);
    // A component, not code, before a colon labels nothing: the item is prose, split into sentences.
    expect(units('- <Badge type="tip" text="new" />: 一つ目。二つ目。', 'md').map(([kind]) => kind)).toEqual(['item', 'item']);
  });

  it('takes the whole text of a container title that merely contains brackets', () => {
    expect(unitsOf('::: tip 例: items[0]\n本文。\n:::\n').drafts.map((d) => d.framing)).toEqual([['例: items[0]']]);
  });

  it('keeps two inline code spans on two source lines apart, even when both are Japanese', () => {
    expect(texts('値は `はい`\n`いいえ` のどちらか。')).toEqual(['値は はい いいえ のどちらか。']);
  });
});

describe('HTML', () => {
  const page = `<!doctype html>
<html><head><title>設定 &amp; 使い方</title><style>p { color: red }</style></head>
<body><nav><a href="/">ホーム</a></nav>
<h2 id="ports">ポート &mdash; 番号</h2>
<p>既定は &#x35;173&nbsp;番です。<code>server.port</code> で変えます。</p>
<ul><li>一つ目</li><li>二つ目</li></ul>
<!-- 隠れたメモ -->
<table><tr><th>名前</th><th>既定値</th></tr>
<tr><td>port</td><td>5173</td></tr></table>
<script>document.write('スクリプト')</script>
</body></html>`;

  it('reads the title, decodes every entity, keeps headings, paragraphs, items and rows with their lines', () => {
    const { title, drafts } = unitsOf(page, 'html');
    expect(title).toBe('設定 & 使い方');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line, d.unit.section, d.unit.anchor])).toEqual([
      ['sentence', '既定は 5173 番です。', 5, ['ポート — 番号'], 'ports'],
      ['sentence', 'server.port で変えます。', 5, ['ポート — 番号'], 'ports'],
      ['item', '一つ目', 6, ['ポート — 番号'], 'ports'],
      ['item', '二つ目', 6, ['ポート — 番号'], 'ports'],
      ['row', '名前: port; 既定値: 5173', 9, ['ポート — 番号'], 'ports'],
    ]);
    expect(drafts[1]!.unit.code).toEqual([[0, 'server.port'.length]]);
  });

  it('reads a VitePress code block as code: its copy button and language label are no units, and the sentence before it introduces it', () => {
    const vitepress = `<main><p>次のように書きます:</p>
<div class="language-js vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">js</span><pre class="shiki"><code><span class="line">defineConfig({ server: { port: 3000 } })</span></code></pre></div>
<p>以上です。</p></main>`;
    const { drafts } = unitsOf(vitepress, 'html');
    expect(drafts.map((d) => d.unit.text)).toEqual(['次のように書きます:', '以上です。']);
    expect(drafts[0]!.unit.beforeCode).toBe(true);
    expect(drafts[0]!.identifiers).toContain('defineconfig');
  });

  it('drops scripts, styles, navigation and comments', () => {
    const all = texts(page, 'html').join('\n');
    for (const dropped of ['ホーム', 'スクリプト', 'color', '隠れたメモ']) expect(all).not.toContain(dropped);
  });

  it('reads only the main content of a generated page: menus, search, footer and permalinks dropped, section ids kept', () => {
    // As Sphinx writes a page: the anchor is the section's id, the heading ends in a permalink.
    const sphinx = `<html><head><title>インストール &#8212; FooLib ドキュメント</title></head><body>
<header><h1>FooLib</h1></header>
<div class="related" role="navigation"><ul><li><a href="genindex.html">総合索引</a></li></ul></div>
<div class="body" role="main">
<section id="install"><h1>インストール<a class="headerlink" href="#install">¶</a></h1>
<p>FooLib は pip でインストールできます。<span aria-hidden="true">★</span></p>
<section id="requirements"><h2>必要なもの</h2><p>Python 3.9 以上です。</p></section>
</section></div>
<div class="sphinxsidebar"><h3>目次</h3><ul><li>インストール</li></ul><div role="search"><form><input name="q"></form></div></div>
<div class="footer">&copy;2024 Foo 開発チーム。</div></body></html>`;
    const { title, drafts } = unitsOf(sphinx, 'html');
    expect(title).toBe('インストール — FooLib ドキュメント');
    expect(drafts.map((d) => [d.unit.text, d.unit.section, d.unit.anchor])).toEqual([
      ['FooLib は pip でインストールできます。', ['インストール'], 'install'],
      ['Python 3.9 以上です。', ['インストール', '必要なもの'], 'requirements'],
    ]);
  });

  it('reads list items, labelled lines and container titles as the Markdown they were rendered from', () => {
    // What markdown-it renders for a loose list with labels and a `::: tip 注意` container (VitePress's classes).
    const rendered = `<h2 id="server-port">server.port</h2>
<ul>
<li><p><strong>デフォルト:</strong> <code>5173</code></p></li>
<li><p><strong>詳細</strong></p>
<p>ポートを指定します。</p></li>
</ul>
<div class="custom-block tip"><p class="custom-block-title">注意</p>
<p>使用中なら次のポートを試します。</p></div>`;
    const { drafts } = unitsOf(rendered, 'html');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.framing])).toEqual([
      ['definition', 'デフォルト: 5173', []],
      ['item', 'ポートを指定します。', ['詳細']],
      ['sentence', '使用中なら次のポートを試します。', ['注意']],
    ]);
  });

  it('reads the whole page when its main region holds nothing', () => {
    expect(texts('<nav><main><a href="/">ホーム</a></main></nav><p>本文です。</p>', 'html')).toEqual(['本文です。']);
  });

  it('keeps the label of a list item for text after its first paragraph', () => {
    const { drafts } = unitsOf('<ul><li><p><strong>詳細</strong></p>ポートを指定します。</li></ul><p>後の段落。</p>', 'html');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.framing])).toEqual([
      ['item', 'ポートを指定します。', ['詳細']],
      ['sentence', '後の段落。', []],
    ]);
  });

  it('joins an indented source line of Japanese without a space, as a browser shows it', () => {
    expect(texts('<div>\n  <p>\n    一行目の文が\n    続いています。\n  </p>\n</div>', 'html')).toEqual(['一行目の文が続いています。']);
  });

  it('reads tags written in capitals as HTML, not as components', () => {
    expect(texts('<HTML><BODY><H1>古いページ</H1><P>本文です。</P><UL><LI>項目</LI></UL></BODY></HTML>', 'html')).toEqual(['本文です。', '項目']);
  });

  it('reads a row header (th beside td) as the name of its row, not of a column', () => {
    expect(texts('<table><tr><th>名前</th><th>値</th></tr><tr><th>port</th><td>5173</td></tr></table>', 'html')).toEqual(['名前: port; 値: 5173']);
    expect(texts('<table><tr><th>port</th><td>5173</td></tr><tr><th>host</th><td>localhost</td><td>既定</td></tr></table>', 'html')).toEqual([
      'port: 5173',
      'host: localhost; 既定',
    ]);
  });

  it('frames the descriptions of a definition list by their term', () => {
    const { drafts } = unitsOf('<dl><dt>timeout</dt><dd><p>待つ時間です。</p></dd><dt>retries</dt><dd>試す回数です。</dd></dl><p>後の段落。</p>', 'html');
    expect(drafts.map((d) => [d.unit.text, d.framing])).toEqual([
      ['待つ時間です。', ['timeout']],
      ['試す回数です。', ['retries']],
      ['後の段落。', []],
    ]);
  });

  it('frames a block by the innermost four container titles, however deep they nest', () => {
    const titled = (title: string) => `<div class="custom-block"><p class="custom-block-title">${title}</p>`;
    const { drafts } = unitsOf(`${['一', '二', '三', '四', '五', '六'].map(titled).join('')}<p>本文です。</p>`, 'html');
    expect(drafts.map((d) => d.framing)).toEqual([['三', '四', '五', '六']]);
  });

  it('keeps the source line of text after multi-line text and of elements whose tags span lines', () => {
    const source = '<h2 id="a">\n見出し\n</h2>\n<p>一行目は\n二行目に続く。<span>同じ\n文</span>の後。</p>\n<div\n  class="note">\n<p>タグの後の文。</p></div>\n<p>最後の文。</p>\n<p>前の文。<a\n  href="x">リンクの文。</a></p>';
    const { drafts } = unitsOf(source, 'html');
    expect(drafts.map((d) => [d.unit.text, d.unit.line, d.unit.section])).toEqual([
      ['一行目は二行目に続く。', 4],
      ['同じ文の後。', 5],
      ['タグの後の文。', 9],
      ['最後の文。', 10],
      ['前の文。', 11],
      ['リンクの文。', 12],
    ].map(([text, line]) => [text, line, ['見出し']]));
  });

  it('reads text outside any element, after a heading or after a paragraph as sentences', () => {
    const source = 'タグのない文です。<h2>節</h2>見出しの後の文です。<div><p>段落の文です。</p>段落の後の文です。</div><p><b>太字</b>で始まる文です。</p>';
    expect(unitsOf(source, 'html').drafts.map((d) => [d.unit.kind, d.unit.text])).toEqual([
      ['sentence', 'タグのない文です。'],
      ['sentence', '見出しの後の文です。'],
      ['sentence', '段落の文です。'],
      ['sentence', '段落の後の文です。'],
      ['sentence', '太字で始まる文です。'],
    ]);
  });

  it('ends a block at <br>, each part keeping its own line', () => {
    const { drafts } = unitsOf('<p>一つ目の文<br>二つ目の文<br/>\n三つ目の文</p>', 'html');
    expect(drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([
      ['一つ目の文', 1],
      ['二つ目の文', 1],
      ['三つ目の文', 2],
    ]);
  });

  it('makes each body row a unit: the header row names the cells, rows without cells are skipped, a table in a list item is read', () => {
    const source = `<table>
<thead>
<tr><th>名前</th><th>既定値</th></tr>
</thead>
<tbody>
<tr></tr>
<tr>
<td>port</td>
<td><code>5173</code></td>
</tr>
<tr><td>host</td></tr>
</tbody>
</table>
<ul><li>設定の表:<table><tr><th>キー</th></tr><tr><td>base</td></tr></table></li></ul>
<p>表の後の文。</p>`;
    const { drafts } = unitsOf(source, 'html');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.unit.line])).toEqual([
      ['row', '名前: port; 既定値: 5173', 8],
      ['row', '名前: host', 11],
      ['item', '設定の表:', 14],
      ['row', 'キー: base', 14],
      ['sentence', '表の後の文。', 15],
    ]);
    expect(drafts[0]!.unit.code).toEqual([['名前: port; 既定値: '.length, '名前: port; 既定値: 5173'.length]]);
    // A table with no header row gives its cells alone; paragraphs inside cells (Sphinx) stay in the row.
    expect(texts('<table><tr><td>左</td><td>右</td></tr></table>', 'html')).toEqual(['左; 右']);
    expect(texts('<table><tr><th><p>名前</p></th><th><p>既定値</p></th></tr><tr><td><p>port</p></td><td><p>5173</p></td></tr></table>', 'html')).toEqual(['名前: port; 既定値: 5173']);
  });

  it('marks inline <code> as code but keeps a <pre><code> block out of the units, giving its identifiers to them', () => {
    const { drafts } = unitsOf('<h2>設定</h2><p><code><span>define</span>Config</code> を使う。</p><pre><code>export default useServer()\n</code></pre><p>以上です。</p>', 'html');
    // Highlighted inline code (`<code><span>…</span>…</code>`) is code to its end.
    const coded = (unit: { text: string; code?: [number, number][] }) => (unit.code ?? []).map(([start, end]) => unit.text.slice(start, end)).join('');
    expect(drafts.map((d) => [d.unit.text, coded(d.unit)])).toEqual([
      ['defineConfig を使う。', 'defineConfig'],
      ['以上です。', ''],
    ]);
    expect(drafts[0]!.identifiers).toContain('useserver');
    expect(drafts[1]!.identifiers).toContain('useserver');
  });

  it('titles the page by its first <title> only; an empty <title> or heading names nothing', () => {
    expect(unitsOf('<title>題</title><title>二つ目</title><h1>見出し</h1><p>本文。</p>', 'html').title).toBe('題');
    expect(unitsOf('<title> </title><h1>見出し</h1><p>本文。</p>', 'html').title).toBe('見出し');
    const { title, drafts } = unitsOf('<h1></h1><h1>本当の題</h1><h2>節</h2><p>一。</p><h2> </h2><p>二。</p>', 'html');
    expect(title).toBe('本当の題');
    expect(drafts.map((d) => [d.unit.text, d.unit.section])).toEqual([
      ['一。', ['節']],
      ['二。', ['節']],
    ]);
    // A <br> inside a heading breaks its line, not the heading.
    const broken = unitsOf('<h1>Getting<br>Started</h1><h2>長い<br/>見出し</h2><p>本文。</p>', 'html');
    expect([broken.title, broken.drafts.map((d) => d.unit.section)]).toEqual(['Getting Started', [['長い見出し']]]);
  });

  it('drops framework components, self-closing or not, and reads on after them', () => {
    const source = '<p>前の文。</p><VueSchoolLink href="x">無料レッスン</VueSchoolLink><Badge text="beta" /><p>後の文。</p>';
    expect(texts(source, 'html')).toEqual(['前の文。', '後の文。']);
  });

  it('drops hidden, aria-hidden and navigation or search regions, and nothing else', () => {
    const source = '<p hidden>隠れた文。</p><p aria-hidden="true">装飾の文。</p><p aria-hidden="false">見える文。</p><p HIDDEN>大文字の属性の文。</p><div role="search">検索の文。</div><div role="navigation"><ul><li>目次の文。</li></ul>目次の後の文。</div><div role="note">注記の文。</div><div class="headerlink-like">普通の文。</div>';
    expect(texts(source, 'html')).toEqual(['見える文。', '注記の文。', '普通の文。']);
  });

  it('reads only <main> or role="main" when the page has one, else the whole body', () => {
    const around = (main: string) => `<html><head><title>題</title></head><body><header><h1>サイト名</h1><p>ヘッダの文。</p></header>${main}<footer><p>フッタの文。</p></footer></body></html>`;
    expect(texts(around('<main><p>本文の文。</p></main>'), 'html')).toEqual(['本文の文。']);
    expect(texts(around('<div role="main"><p>本文の文。</p></div>'), 'html')).toEqual(['本文の文。']);
    expect(texts(around('<div ROLE="main"><p>本文の文。</p></div>'), 'html')).toEqual(['本文の文。']);
    expect(texts(around('<div class="main"><p>本文の文。</p></div>'), 'html')).toEqual(['ヘッダの文。', '本文の文。', 'フッタの文。']);
    // Text after the main region is outside it again; the title is read wherever it is.
    const after = unitsOf('<body><main><p>中。</p></main><p>外。</p><title>後の題</title></body>', 'html');
    expect([after.title, after.drafts.map((d) => d.unit.text)]).toEqual(['後の題', ['中。']]);
  });

  it('takes the anchor of a Sphinx <div class="section" id>, nested sections and all, unless the heading has its own id', () => {
    const source = `<div class="section" id="intro">
<h1>はじめに</h1>
<p>一つ目。</p>
<div class="body section" id="usage">
<h2>使い方</h2>
<p>二つ目。</p>
<h3>細目</h3>
<p>三つ目。</p>
</div>
<section id="sec"><span id="target"></span><h2 id="own">自前</h2><p>四つ目。</p></section>
<section id="later"><span id="label-later"></span><h2>後で</h2><p>七つ目。</p></section>
<div class="sections" id="other"><h2>別</h2><p>五つ目。</p></div>
<div id="wrapper"><h2>包み</h2><p>六つ目。</p></div>
<section id="no-heading"><p>八つ目。</p></section><h2>節の外</h2><p>九つ目。</p>
</div>`;
    const { title, drafts } = unitsOf(source, 'html');
    expect(title).toBe('はじめに');
    expect(drafts.map((d) => [d.unit.text, d.unit.line, d.unit.section, d.unit.anchor])).toEqual([
      ['一つ目。', 3, [], 'intro'],
      ['二つ目。', 6, ['使い方'], 'usage'],
      ['三つ目。', 8, ['使い方', '細目'], '細目'],
      ['四つ目。', 10, ['自前'], 'own'],
      ['七つ目。', 11, ['後で'], 'later'],
      ['五つ目。', 12, ['別'], '別'],
      ['六つ目。', 13, ['包み'], '包み'],
      ['八つ目。', 14, ['包み'], '包み'],
      ['九つ目。', 14, ['節の外'], '節の外'],
    ]);
  });

  it('frames a container by its title (VitePress, Sphinx admonitions), and by nothing when the title is empty', () => {
    const source = '<div class="admonition note"><p class="admonition-title">注記</p><ul><li>項目の文。</li></ul><p>段落の文。</p></div><p>外の文。</p><div class="custom-block tip"><p class="custom-block-title"></p><p>題なしの文。</p></div><ul><li><div class="custom-block tip"><p class="custom-block-title">注意</p><p>中の文。</p></div>後の文。</li></ul>';
    const { drafts } = unitsOf(source, 'html');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.framing])).toEqual([
      ['item', '項目の文。', ['注記']],
      ['sentence', '段落の文。', ['注記']],
      ['sentence', '外の文。', []],
      ['sentence', '題なしの文。', []],
      ['item', '中の文。', ['注意']],
      ['item', '後の文。', []],
    ]);
  });

  it('reads labelled list items as Markdown does: a colon joins label and text unless one is already there', () => {
    const source = '<ul><li><b>型:</b> 数値</li><li><strong>参照</strong> <a href="./g">設定ガイド</a></li><li><b>注意</b>：本番では使わない。</li><li><strong>使う</strong> <code>x</code></li><li><b>時刻 (HH:MM)</b> 24 時間表記</li><li><strong><em>強調</em>付きの名</strong> 説明</li><li><b>例</b>設定: true</li><li>普通の <b>太字</b> の項目</li><li><a href="./x">リンク</a> の説明</li><li><b>詳細：</b> <p>中の文。</p></li><li><p>段落の文。</p>続きの文。</li><li><p><strong>引数</strong></p><p>要素です。</p><p><strong>時刻 (HH:MM)</strong></p><p>24 時間表記です。</p></li></ul><p><strong>注意</strong> 段落は定義にならない。</p>';
    const { drafts } = unitsOf(source, 'html');
    expect(drafts.map((d) => [d.unit.kind, d.unit.text, d.framing])).toEqual([
      ['definition', '型: 数値', []],
      ['definition', '参照: 設定ガイド', []],
      ['definition', '注意：本番では使わない。', []],
      ['definition', '使う: x', []],
      ['definition', '時刻 (HH:MM): 24 時間表記', []],
      ['definition', '強調付きの名: 説明', []],
      ['definition', '例: 設定: true', []],
      ['item', '普通の 太字 の項目', []],
      ['item', 'リンク の説明', []],
      ['item', '中の文。', ['詳細']],
      ['item', '段落の文。', []],
      ['item', '続きの文。', []],
      // A later label in the same item frames what follows it instead.
      ['item', '要素です。', ['引数']],
      ['item', '24 時間表記です。', ['時刻 (HH:MM)']],
      ['sentence', '注意 段落は定義にならない。', []],
    ]);
  });

  it('takes the first h1 as title when there is no <title>', () => {
    expect(unitsOf('<h1>見出しの題</h1><p>本文。</p>', 'html').title).toBe('見出しの題');
  });

  it('reads inline code and a colon as a label only where it opens a list item', () => {
    expect(units('<ul><li><code>foo</code>の値: 5</li></ul>', 'html')).toEqual([['item', 'fooの値: 5']]);
    // In a paragraph it is prose, split into sentences.
    expect(units('<p><code>base</code>: 公開パス。本番では変える。</p>', 'html')).toEqual([
      ['sentence', 'base: 公開パス。'],
      ['sentence', '本番では変える。'],
    ]);
  });

  it('reads the rows of a table whose <table> tag a blank line put in another HTML block of a Markdown page', () => {
    expect(texts('<table>\n\n<tr><th>名前</th></tr>\n<tr><td>ポート</td></tr>\n</table>\n')).toEqual(['名前: ポート']);
  });

  it('takes the first row with header cells as the header row, even after an empty row', () => {
    expect(texts('<table><tr></tr><tr><th>名前</th></tr><tr><td>ポート</td></tr></table>', 'html')).toEqual(['名前: ポート']);
  });

  it('keeps a cell’s paragraphs, headings and tables of its own as more of its text, set apart, and the rows after it whole', () => {
    const table = (cell: string) =>
      `<table><tr><th>名前</th><th>説明</th></tr><tr><td>mode</td><td>${cell}</td></tr><tr><td>port</td><td>番号</td></tr></table><p>後の文。</p>`;
    const rowsAndAfter = (first: string) => [['row', first], ['row', '名前: port; 説明: 番号'], ['sentence', '後の文。']];
    expect(units(table('<p>一段落</p><p>二段落</p>'), 'html')).toEqual(rowsAndAfter('名前: mode; 説明: 一段落 二段落'));
    expect(units(table('説明<h4>見出し</h4>本文'), 'html')).toEqual(rowsAndAfter('名前: mode; 説明: 説明 見出し 本文'));
    expect(units(table('外<table><tr><th>内</th></tr><tr><td>表</td></tr></table>続き'), 'html')).toEqual(rowsAndAfter('名前: mode; 説明: 外 内 表 続き'));
    // A heading in a cell is no section of the page.
    expect(unitsOf(table('説明<h4>見出し</h4>本文'), 'html').drafts.every((d) => d.unit.section.length === 0)).toBe(true);
  });

  it('names a row by all the header cells before its data, space-separated', () => {
    expect(texts('<table><tr><th>server</th><th>port</th><td>5173</td></tr></table>', 'html')).toEqual(['server port: 5173']);
  });

  it('joins Latin words of a table cell wrapped over lines with a space', () => {
    const source = '<table>\n<tr><th>名前</th><th>説明</th></tr>\n<tr>\n<td>mode</td>\n<td>build\nmode</td>\n</tr>\n</table>';
    expect(texts(source, 'html')).toEqual(['名前: mode; 説明: build mode']);
  });

  it('gives text after a list, a container title or a table its own kind: item inside a list item, sentence elsewhere', () => {
    expect(units('<ul><li>項目</li></ul>後の文。', 'html')).toEqual([
      ['item', '項目'],
      ['sentence', '後の文。'],
    ]);
    expect(units('<ul><li><p class="admonition-title">注意</p>本番では使わない。</li></ul>', 'html')).toEqual([['item', '本番では使わない。']]);
    expect(units('<div class="admonition"><p class="admonition-title">注意</p>本番では使わない。</div>', 'html')).toEqual([['sentence', '本番では使わない。']]);
    // Text written directly inside <table>, which a browser shows before the table.
    expect(units('<table>注記です。<tr><th>名前</th></tr><tr><td>ポート</td></tr></table>', 'html')).toEqual([
      ['sentence', '注記です。'],
      ['row', '名前: ポート'],
    ]);
  });

  it('reads text around a hidden block as one, as a browser shows it', () => {
    expect(texts('<div>前の文<div hidden><p>隠し</p></div>後の文。</div>', 'html')).toEqual(['前の文後の文。']);
  });

  it('drops only a <span> classed lang (a code block label), not other elements with that class', () => {
    expect(texts('<p class="lang">日本語の段落です。</p>', 'html')).toEqual(['日本語の段落です。']);
  });

  it('keeps a second code span apart even when it starts with whitespace', () => {
    expect(texts('<p><code>onMounted</code><code> <span>mounted</span></code> フック。</p>', 'html')).toEqual(['onMounted mounted フック。']);
  });

  it('reads the main cell of a layout table as prose, the cells outside it dropped', () => {
    expect(units('<table><tr><td>メニュー</td><td role="main"><p>本文です。</p></td></tr></table>', 'html')).toEqual([['sentence', '本文です。']]);
  });
});

describe('anchors, identifiers and links', () => {
  it('slugs headings as VitePress or GitHub does, numbering repeats', () => {
    const vitepress = anchorMaker('vitepress');
    expect([vitepress('server.port'), vitepress('Getting Started!'), vitepress('Getting Started!')]).toEqual(['server-port', 'getting-started', 'getting-started-1']);
    const github = anchorMaker('github');
    expect([github('server.port'), github('Getting Started!')]).toEqual(['serverport', 'getting-started']);
  });

  it('slugs as VitePress does: accents and control characters dropped, a leading digit prefixed with _, digits elsewhere kept', () => {
    const vitepress = anchorMaker('vitepress');
    expect([vitepress('Café'), vitepress('a\u0001b'), vitepress('1. Intro'), vitepress('Vue 3 の新機能')]).toEqual(['cafe', 'ab', '_1-intro', 'vue-3-の新機能']);
  });

  it('counts an explicit id as taken, so a heading that slugs the same is numbered', () => {
    const vitepress = anchorMaker('vitepress');
    expect([vitepress('Anything', 'custom'), vitepress('Custom')]).toEqual(['custom', 'custom-1']);
  });

  it('finds identifiers as code writes them, with the parts of dotted ones', () => {
    expect(identifiersIn('`server.port` と defineConfig、--no-interactive、v-model を使う')).toEqual(
      expect.arrayContaining(['server.port', 'server', 'port', 'defineconfig', '--no-interactive', 'v-model']),
    );
  });

  it('takes identifiers and parts of two characters or more: a lone letter names nothing', () => {
    expect(namedIdentifiers('x と id')).toEqual(['id']);
    expect(identifiersIn('x と id、a.id')).toEqual(['id', 'a.id']);
  });

  it('fills SOURCE_URL_TEMPLATE, and prefers the page’s own url', () => {
    const template = 'https://ja.vuejs.org/{path}.html#{anchor}';
    expect(sourceUrl(template, { docId: 'guide/essentials/computed.md' }, 'previous')).toBe('https://ja.vuejs.org/guide/essentials/computed.html#previous');
    expect(sourceUrl(template, { docId: 'guide/a.md' }, undefined)).toBe('https://ja.vuejs.org/guide/a.html');
    expect(sourceUrl(template, { docId: 'a.md', url: 'https://example.com/a' }, 'x')).toBe('https://example.com/a#x');
    expect(sourceUrl(undefined, { docId: 'a.md' }, 'x')).toBeUndefined();
  });

  it('keeps a page url that names its section, and adds no # without one', () => {
    expect(sourceUrl(undefined, { docId: 'a.md', url: 'https://example.com/a#intro' }, 'x')).toBe('https://example.com/a#intro');
    expect(sourceUrl(undefined, { docId: 'a.md', url: 'https://example.com/a' }, undefined)).toBe('https://example.com/a');
  });

  it('drops only the extension of the file name, and an {anchor} not after # when there is no section', () => {
    expect(sourceUrl('https://example.com/{path}.html', { docId: 'v2.0/readme.md' }, undefined)).toBe('https://example.com/v2.0/readme.html');
    expect(sourceUrl('https://example.com/{path}?section={anchor}', { docId: 'a.md' }, undefined)).toBe('https://example.com/a?section=');
  });
});
