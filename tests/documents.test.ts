import { describe, expect, it } from 'vitest';
import { identifiersIn } from '../src/identifiers.js';
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
      ['Node.js 18 以上が必要です。', ['準備'], 'setup', ['ヒント']],
      ['本文は ここです。', ['準備'], 'setup', []],
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

  it('keeps the line of each sentence of a paragraph wrapped over lines', () => {
    const { drafts } = unitsOf('一文目は\n二行にわたる。二文目。\n三文目。\n');
    expect(drafts.map((d) => [d.unit.text, d.unit.line])).toEqual([
      ['一文目は二行にわたる。', 1],
      ['二文目。', 2],
      ['三文目。', 3],
    ]);
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

  it('takes the first h1 as title when there is no <title>', () => {
    expect(unitsOf('<h1>見出しの題</h1><p>本文。</p>', 'html').title).toBe('見出しの題');
  });
});

describe('anchors, identifiers and links', () => {
  it('slugs headings as VitePress or GitHub does, numbering repeats', () => {
    const vitepress = anchorMaker('vitepress');
    expect([vitepress('server.port'), vitepress('Getting Started!'), vitepress('Getting Started!')]).toEqual(['server-port', 'getting-started', 'getting-started-1']);
    const github = anchorMaker('github');
    expect([github('server.port'), github('Getting Started!')]).toEqual(['serverport', 'getting-started']);
  });

  it('finds identifiers as code writes them, with the parts of dotted ones', () => {
    expect(identifiersIn('`server.port` と defineConfig、--no-interactive、v-model を使う')).toEqual(
      expect.arrayContaining(['server.port', 'server', 'port', 'defineconfig', '--no-interactive', 'v-model']),
    );
  });

  it('fills SOURCE_URL_TEMPLATE, and prefers the page’s own url', () => {
    const template = 'https://ja.vuejs.org/{path}.html#{anchor}';
    expect(sourceUrl(template, { docId: 'guide/essentials/computed.md' }, 'previous')).toBe('https://ja.vuejs.org/guide/essentials/computed.html#previous');
    expect(sourceUrl(template, { docId: 'guide/a.md' }, undefined)).toBe('https://ja.vuejs.org/guide/a.html');
    expect(sourceUrl(template, { docId: 'a.md', url: 'https://example.com/a' }, 'x')).toBe('https://example.com/a#x');
    expect(sourceUrl(undefined, { docId: 'a.md' }, 'x')).toBeUndefined();
  });
});
