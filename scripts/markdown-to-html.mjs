// `node scripts/markdown-to-html.mjs <markdown folder> <out folder> [questions.jsonl…]`: renders
// each Markdown page to an HTML page as a static site generator would (markdown-it, heading ids,
// `:::` containers as VitePress's blocks, and a site header, sidebar and footer around a <main>),
// and writes each question file into <out folder> with its `.md` paths made `.html`. The eval on
// the rendered pages checks that the HTML path answers as well as the Markdown one (see README,
// Measuring). Plain JavaScript, like build.mjs: nothing needs building first.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import frontMatter from 'markdown-it-front-matter';

const [source, out, ...questionFiles] = process.argv.slice(2);
if (!source || !out) {
  console.error('usage: node scripts/markdown-to-html.mjs <markdown folder> <out folder> [questions.jsonl…]');
  process.exit(2);
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const renderContainer = (tokens, i) => {
  const [kind = '', ...title] = tokens[i].info.trim().split(/\s+/);
  return tokens[i].nesting === 1 ? `<div class="custom-block ${kind}"><p class="custom-block-title">${escape(title.join(' '))}</p>\n` : '</div>\n';
};
const markdown = new MarkdownIt({ html: true }).use(frontMatter, () => {}).use(container, 'any', { validate: () => true, render: renderContainer });
// `## Title {#id}` as VitePress renders it: the id an attribute of the heading.
const withHeadingIds = (html) => html.replace(/<h([1-6])>(.*?)\s*\{#([^}\s]+)\}<\/h\1>/g, '<h$1 id="$3">$2</h$1>');

const pages = readdirSync(source, { recursive: true }).filter((file) => file.endsWith('.md'));
for (const page of pages) {
  const body = withHeadingIds(markdown.render(readFileSync(path.join(source, page), 'utf8')));
  const title = /<h1[^>]*>(.*?)<\/h1>/.exec(body)?.[1]?.replace(/<[^>]+>/g, '') ?? page;
  const html = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>${title} | Docs</title><script>window.analytics = true</script></head>
<body><header><a href="/">Docs</a><nav><a href="/guide/">ガイド</a><a href="/api/">API</a></nav></header>
<aside class="sidebar"><nav aria-label="サイドバー"><ul><li><a href="/guide/introduction">はじめに</a></li></ul></nav></aside>
<main><article>
${body}
</article></main>
<footer><p>MIT ライセンスの下で公開されています。</p></footer></body></html>
`;
  const target = path.join(out, page.replace(/\.md$/, '.html'));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, html);
}

const asHtml = (doc) => doc.replace(/\.md$/, '.html');
for (const file of questionFiles) {
  const items = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const rewritten = items.map((item) => ({ ...item, ...(item.doc ? { doc: asHtml(item.doc) } : {}), ...(item.doc_alt ? { doc_alt: item.doc_alt.map(asHtml) } : {}) }));
  writeFileSync(path.join(out, path.basename(file)), rewritten.map((item) => JSON.stringify(item)).join('\n') + '\n');
}
console.log(`${pages.length} pages rendered into ${out}`);
