/**
 * Code inside `<script>` blocks of web pages and components: an HTML page that loads TF.js from a CDN and trains in
 * an inline script, a Vue or Svelte component that trains in a method. The lint reads such a file as the script it
 * holds: every character outside the blocks' contents becomes a space (line breaks stay), so offsets, lines and
 * columns of the script are those of the file, quick fixes edit the file where the code is, and the blocks of one
 * page share one scope as the browser runs them. A page's inline event handlers (`onclick="…"`) are read too, each
 * as a block of its own.
 */

/** Files whose scripts the TypeScript front end reads. */
export const EMBEDDING_EXTENSIONS: readonly string[] = ['.html', '.htm', '.vue', '.svelte'];

export type ScriptKind = 'JS' | 'JSX' | 'TS';

/** An opening `<script …>` tag and its attributes. */
const SCRIPT_OPEN = /<script\b([^>]{0,2000})>/gi;
const SCRIPT_CLOSE = /<\/script/gi;
const TYPE = /\btype\s*=\s*["']?([^"'\s>]*)/i;
/** Script types the browser (or Babel in the page) runs; any other (templates, JSON data, shaders) is not code. */
const JAVASCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/babel', 'text/jsx', 'text/typescript']);
const TYPESCRIPT = /\blang\s*=\s*["']?(?:ts|typescript)\b/i;
const JSX = /\btype\s*=\s*["']?text\/(?:babel|jsx)\b|\blang\s*=\s*["']?(?:jsx|tsx)\b/i;

export function isEmbedding(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return EMBEDDING_EXTENSIONS.some((e) => lower.endsWith(e));
}

/**
 * The file's scripts with everything else blanked, and the dialect to parse them in (TypeScript when a block says
 * `lang="ts"`, JSX for `type="text/babel"`); undefined for a file that is not a page or component.
 */
export function embeddedScripts(text: string, fileName: string): EmbeddedScripts | undefined {
  if (!isEmbedding(fileName)) return undefined;
  const out: string[] = [];
  const handlerCode: AttributeCode[] = [];
  let kind: ScriptKind = 'JS';
  let last = 0;
  // Inline event handlers are code in a page; in a component's template they are the framework's expressions.
  const handlers = /\.html?$/i.test(fileName);
  const inert = handlers && HANDLER_HINT.test(text) ? inertRanges(text) : [];
  SCRIPT_OPEN.lastIndex = 0;
  // One pass: each block's end is looked for once, from its start (an unclosed block runs to the end of the file).
  for (let m = SCRIPT_OPEN.exec(text); m; m = SCRIPT_OPEN.exec(text)) {
    const attributes = m[1] ?? '';
    const start = m.index + m[0].length;
    SCRIPT_CLOSE.lastIndex = start;
    const end = SCRIPT_CLOSE.exec(text)?.index ?? text.length;
    SCRIPT_OPEN.lastIndex = end;
    if (!JAVASCRIPT_TYPES.has((TYPE.exec(attributes)?.[1] ?? '').toLowerCase())) continue;
    if (TYPESCRIPT.test(attributes)) kind = 'TS';
    else if (JSX.test(attributes) && kind === 'JS') kind = 'JSX';
    out.push(outsideScripts(text, last, start, handlers, inert, handlerCode), text.slice(start, end));
    last = end;
  }
  out.push(outsideScripts(text, last, text.length, handlers, inert, handlerCode));
  return { text: out.join(''), kind, ...(handlerCode.length ? { attributes: handlerCode } : {}) };
}

export interface EmbeddedScripts {
  text: string;
  kind: ScriptKind;
  /** The inline handlers read as code, in order: an edit inside one must not write the quote that ends it. */
  attributes?: readonly AttributeCode[];
}

/** An inline handler's code: [start, end) offsets of the code in the file, and the quote its attribute is in. */
export interface AttributeCode {
  start: number;
  end: number;
  quote: '"' | "'";
}

/**
 * The fix with its strings written in the quote an inline handler's attribute is not in (`onclick="…"` takes
 * `'binaryCrossentropy'`), since the attribute's own quote would end it; undefined when an edit cannot be written
 * inside its attribute (it crosses the attribute's end, or needs both quotes).
 */
export function fixInAttributes<F extends { title: string; edits: { start: number; end: number; text: string }[] }>(fix: F | undefined, attributes: readonly AttributeCode[] | undefined): F | undefined {
  if (!fix || !attributes) return fix;
  const edits = [];
  let swapped: AttributeCode | undefined;
  for (const edit of fix.edits) {
    const around = attributes.find((a) => a.start <= edit.end && edit.start <= a.end);
    if (!around) {
      edits.push(edit);
      continue;
    }
    const other = around.quote === '"' ? "'" : '"';
    if (edit.start < around.start || edit.end > around.end) return undefined;
    if (!edit.text.includes(around.quote)) edits.push(edit);
    else if (edit.text.includes(other)) return undefined;
    else {
      edits.push({ ...edit, text: edit.text.split(around.quote).join(other) });
      swapped = around;
    }
  }
  // The title names what the edit writes (`Add loss: 'binaryCrossentropy'`).
  const title = swapped ? fix.title.split(swapped.quote).join(swapped.quote === '"' ? "'" : '"') : fix.title;
  return { ...fix, title, edits };
}

/** Whether a page may have an inline handler at all: the inert spans are looked for only then. */
const HANDLER_HINT = /\son[a-z]{2,30}\s*=/i;
/** An inline event handler's attribute (`onclick="…"`, `onload='…'`), up to its opening quote. */
const HANDLER = /\son[a-z]{2,30}\s*=\s*(["'])/gi;
/** A character reference (`&quot;`, `&#39;`): the attribute's code differs from its text, so it is not read. */
const CHARACTER_REFERENCE = /&(?:[a-z][a-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-f]{1,6});/i;

/**
 * The text between scripts, blanked, except the code of inline event handlers in a page's tags (a beginner's page
 * that trains in a button's `onclick`): the browser runs each as a function's body, so it is kept as a block, its
 * quotes turned into braces, and its own declarations stay its own.
 */
function outsideScripts(text: string, from: number, to: number, handlers: boolean, inertRanges: readonly [number, number][], attributes: AttributeCode[]): string {
  if (!handlers) return blank(text.slice(from, to));
  const out: string[] = [];
  let last = from;
  HANDLER.lastIndex = from;
  for (let m = HANDLER.exec(text); m && m.index < to; m = HANDLER.exec(text)) {
    const inert = inertRanges.find(([a, b]) => a <= m!.index && m!.index < b);
    if (inert) {
      HANDLER.lastIndex = inert[1];
      continue;
    }
    const open = m.index + m[0].length - 1;
    const close = text.indexOf(m[1], open + 1);
    if (close < 0 || close >= to) break;
    HANDLER.lastIndex = close + 1;
    // Inside a tag: the last '<' before the attribute is after the last '>'.
    if (text.lastIndexOf('<', m.index) <= text.lastIndexOf('>', m.index)) continue;
    const code = text.slice(open + 1, close);
    if (CHARACTER_REFERENCE.test(code)) continue;
    out.push(blank(text.slice(last, open)), '{', code, '}');
    attributes.push({ start: open + 1, end: close, quote: m[1] as '"' | "'" });
    last = close + 1;
  }
  out.push(blank(text.slice(last, to)));
  return out.join('');
}

/** Markup whose tags never run: comments, and the text of `<textarea>`, `<noscript>`, `<style>` and non-code `<script>`. */
const INERT = /<!--|<(textarea|noscript|style|script)\b/gi;

/** The [start, end) spans of inert markup, in order, found in one pass. */
function inertRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const lower = text.toLowerCase();
  INERT.lastIndex = 0;
  for (let m = INERT.exec(text); m; m = INERT.exec(text)) {
    const close = m[1] ? lower.indexOf(`</${m[1].toLowerCase()}`, m.index) : text.indexOf('-->', m.index + 4);
    const end = close < 0 ? text.length : close;
    out.push([m.index, end]);
    INERT.lastIndex = Math.max(end, m.index + 1);
  }
  return out;
}

/** Spaces for every character but line breaks. */
function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
