/**
 * Where a citation links to: the document's front-matter `url`, else SOURCE_URL_TEMPLATE with
 * `{path}` (the document's path without its extension) and `{anchor}` (its section) filled in.
 */

/** The link to `anchor` of document `docId`, or undefined when neither the page nor the settings give an address. */
export function sourceUrl(template: string | undefined, page: { docId: string; url?: string }, anchor: string | undefined): string | undefined {
  if (page.url) return anchor && !page.url.includes('#') ? `${page.url}#${encodeURIComponent(anchor)}` : page.url;
  if (!template) return undefined;
  const pathWithoutExtension = page.docId.replace(/\.[^./]+$/, '');
  const withPath = template.replaceAll('{path}', pathWithoutExtension.split('/').map(encodeURIComponent).join('/'));
  // No section: the page itself, without an empty `#`.
  return anchor ? withPath.replaceAll('{anchor}', encodeURIComponent(anchor)) : withPath.replace(/#?\{anchor\}/g, '');
}
