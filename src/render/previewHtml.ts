import type { PreviewState } from '../../webview/src/protocol';

/**
 * The preview page's HTML, for the VS Code webview and for the standalone file `loss-lens preview --out`
 * writes: one function, two modes. The webview links the built assets by URI under a CSP built from
 * `webview.cspSource`; the standalone page inlines them (script and styles with the nonce, KaTeX fonts as
 * data: URLs), so it works offline with nothing to fetch. Both: `default-src 'none'`, a nonce for the one
 * script, no 'unsafe-inline', and the initial state in an escaped `data-state` attribute.
 */
export interface WebviewPageOptions {
  state: PreviewState;
  /** A fresh random nonce per render (base64 or hex). */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri` of dist/webview/preview.js. */
  scriptUri: string;
  /** URIs of dist/webview/katex.min.css and dist/webview/preview.css, in that order. */
  styleUris: string[];
}

export interface StandalonePageOptions {
  state: PreviewState;
  nonce: string;
  /** The text of dist/webview/preview.js. */
  script: string;
  /** Style sheet texts, KaTeX's with its fonts already inlined (see inlineFonts). */
  styles: string[];
}

export const PREVIEW_ROOT_ID = 'loss-lens-preview';

export function previewHtml(options: WebviewPageOptions | StandalonePageOptions): string {
  const { state, nonce } = options;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('previewHtml: the nonce must be at least 16 base64 or hex characters');
  const webview = 'cspSource' in options;
  const csp = webview
    ? [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${options.cspSource}`, `font-src ${options.cspSource}`, `img-src ${options.cspSource} data: blob:`]
    : [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, `font-src data:`, `img-src data: blob:`];
  const styles = webview
    ? options.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`)
    : options.styles.map((css) => `<style nonce="${nonce}">${inlineStyleText(css)}</style>`);
  const script = webview
    ? `<script nonce="${nonce}" src="${escapeAttribute(options.scriptUri)}"></script>`
    : `<script nonce="${nonce}">${inlineScriptText(options.script)}</script>`;
  const title = state.title ? `Loss Lens: ${state.title}` : 'Loss Lens preview';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp.join('; '))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeText(title)}</title>`,
    ...styles,
    '</head>',
    '<body>',
    `<main id="${PREVIEW_ROOT_ID}" class="ll-page" data-state="${escapeAttribute(JSON.stringify(state))}"><p>Loading the preview…</p></main>`,
    script,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Rewrites each `@font-face` `src` of a style sheet to the one woff2 file as a data: URL.
 * @param fonts base64 contents by file name, e.g. `KaTeX_Main-Regular.woff2`
 */
export function inlineFonts(css: string, fonts: Readonly<Record<string, string>>): string {
  return css.replace(/src:([^;}]*)/g, (whole, list: string) => {
    if (!/url\(/.test(list)) return whole;
    const woff2 = /url\(["']?(?:[^)"']*\/)?([^/)"']+\.woff2)["']?\)/.exec(list);
    if (!woff2) throw new Error(`inlineFonts: no woff2 source in ${list.slice(0, 80)}`);
    const data = fonts[woff2[1]];
    if (data === undefined) throw new Error(`inlineFonts: font ${woff2[1]} missing`);
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
}

/** A style sheet that cannot end its own <style> element, without its source map comment. */
function inlineStyleText(css: string): string {
  return css.replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '').replace(/<\/style/gi, '<\\/style');
}

/** A script body that cannot end its own <script> element or open an HTML comment. */
function inlineScriptText(js: string): string {
  return js.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
