/** Text helpers for VS Code Markdown: escaping, code blocks, SVG data URLs. */

/**
 * Backslash-escapes the characters that mean something inside a line of Markdown (emphasis, code, links,
 * images, HTML, entities, tables, strikethrough, `$(icon)` theme icons), and joins lines so that no
 * block-level marker (#, -, 1.) can start one.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>!&$|~]/g, '\\$&');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export function markdownImage(alt: string, url: string): string {
  return `![${alt.replace(/[[\]\\]/g, '')}](${url})`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
