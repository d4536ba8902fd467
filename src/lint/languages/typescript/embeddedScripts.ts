/**
 * Code inside `<script>` blocks of web pages and components: an HTML page that loads TF.js from a CDN and trains in
 * an inline script, a Vue or Svelte component that trains in a method. The lint reads such a file as the script it
 * holds: every character outside the blocks' contents becomes a space (line breaks stay), so offsets, lines and
 * columns of the script are those of the file, quick fixes edit the file where the code is, and the blocks of one
 * page share one scope as the browser runs them.
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
export function embeddedScripts(text: string, fileName: string): { text: string; kind: ScriptKind } | undefined {
  if (!isEmbedding(fileName)) return undefined;
  const out: string[] = [];
  let kind: ScriptKind = 'JS';
  let last = 0;
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
    out.push(blank(text.slice(last, start)), text.slice(start, end));
    last = end;
  }
  out.push(blank(text.slice(last)));
  return { text: out.join(''), kind };
}

/** Spaces for every character but line breaks. */
function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
