/**
 * Carries core results from a translated expression back into the file: a diagnostic's span becomes
 * the range of the code that computes that subexpression, and a core fix (an edit of the expression)
 * becomes edits of that code, written by the front end's renderer in the file's own style.
 */
import { ExpressionError, parseExpression, type Fix, type Node } from '../../core';
import { mentionsSymbol, type Segment } from './expression';
import type { SourceEdit, SourceFix } from './types';

export interface ExpressionMap {
  text: string;
  segments: readonly Segment[];
  /** Symbols that stand for tensors (the prediction, the target). */
  tensorSymbols: readonly string[];
}

/** Source code a piece of the expression was translated from, and whether it is a tensor. */
export interface Code {
  code: string;
  tensor: boolean;
}

/** Thrown by a renderer for an expression it cannot write in the file's language or style. */
export class CannotRender extends Error {}

/** Writes core expressions as code of one language and style (tf.* calls, Math.*, torch.*, np.* …). */
export interface ExpressionRenderer {
  /** Whether pieces of code count as tensors (tensor style) or plain numbers (scalar style). */
  readonly tensorStyle: boolean;
  /**
   * The expression `ast` (parsed from `text`) as code. `known` maps the normalised text of subexpressions that
   * were translated from the file to the code they came from, which is written back as it was. Throws
   * CannotRender when it cannot be written.
   */
  render(ast: Node, text: string, known: ReadonlyMap<string, Code>): string;
  /** `code` as an operand: parenthesised unless it is atomic. */
  paren(code: string): string;
}

/** Expression text without spaces and enclosing parentheses: equal keys are the same subexpression. */
export function normaliseKey(text: string): string {
  let t = text.replace(/\s+/g, '');
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1);
  return t;
}

function balanced(t: string): boolean {
  let depth = 0;
  for (const c of t) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Shrinks a span past surrounding whitespace and parentheses that enclose all of it. */
function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (;;) {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (text[s] === '(' && text[e - 1] === ')' && encloses(text, s, e)) {
      s++;
      e--;
    } else {
      return { start: s, end: e };
    }
  }
}

function encloses(text: string, s: number, e: number): boolean {
  let depth = 0;
  for (let i = s; i < e; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth === 0 && i < e - 1) return false;
    }
  }
  return depth === 0;
}

/** The file range of the code behind expression span [start, end): the innermost piece that covers it. */
export function fileRangeOf(map: ExpressionMap, start: number, end: number): { start: number; end: number } | undefined {
  const s = trimSpan(map.text, start, end);
  let best: Segment | undefined;
  for (const seg of map.segments) {
    if (seg.start > s.start || seg.end < s.end) continue;
    const len = seg.end - seg.start;
    const bestLen = best ? best.end - best.start : Infinity;
    if (len < bestLen || (len === bestLen && best && seg.order < best.order)) best = seg;
  }
  return best ? { start: best.fileStart, end: best.fileEnd } : undefined;
}

function isTensorText(map: ExpressionMap, text: string): boolean {
  return map.tensorSymbols.some((sym) => mentionsSymbol(text, sym));
}

/** One core edit as a file edit, or undefined when the code it rewrites is not one piece of the file. */
function sourceEdit(map: ExpressionMap, file: string, edit: Fix['edits'][number], renderer: ExpressionRenderer): SourceEdit | undefined {
  const s = trimSpan(map.text, edit.start, edit.end);
  let outer: Segment | undefined;
  for (const seg of map.segments) if (!seg.reduced && seg.start === s.start && seg.end === s.end && (!outer || seg.order > outer.order)) outer = seg;
  if (!outer) return undefined;
  const known = new Map<string, Code>();
  const add = (seg: Segment) => {
    const exprText = map.text.slice(seg.start, seg.end);
    const key = normaliseKey(exprText);
    if (!known.has(key)) known.set(key, { code: file.slice(seg.fileStart, seg.fileEnd), tensor: renderer.tensorStyle && isTensorText(map, exprText) });
  };
  add(outer);
  const inner = map.segments
    .filter((seg) => seg !== outer && !seg.reduced && seg.start >= s.start && seg.end <= s.end && seg.fileStart >= outer!.fileStart && seg.fileEnd <= outer!.fileEnd)
    .sort((a, b) => b.order - a.order);
  for (const seg of inner) add(seg);
  try {
    const ast = parseExpression(edit.text).ast;
    const code = renderer.render(ast, edit.text, known);
    return { start: outer.fileStart, end: outer.fileEnd, text: renderer.paren(code) };
  } catch (err) {
    if (err instanceof CannotRender || err instanceof ExpressionError) return undefined;
    throw err;
  }
}

/** A core fix as a source fix; undefined when any of its edits cannot be carried over. */
export function sourceFix(map: ExpressionMap, file: string, fix: Fix, renderer: ExpressionRenderer): SourceFix | undefined {
  const edits: SourceEdit[] = [];
  for (const e of fix.edits) {
    const se = sourceEdit(map, file, e, renderer);
    if (!se) return undefined;
    if (edits.some((x) => x.start === se.start && x.end === se.end && x.text === se.text)) continue;
    if (edits.some((x) => x.start < se.end && se.start < x.end)) return undefined;
    edits.push(se);
  }
  if (edits.length === 0) return undefined;
  const head = fix.title.split(':')[0];
  const title = `${head[0].toUpperCase()}${head.slice(1)}${edits.length === 1 ? `: ${edits[0].text}` : ''}`;
  return { title, edits, ...(fix.preferred ? { preferred: true } : {}) };
}

/** Applies edits to a text (offsets into the original text). */
export function applySourceEdits(text: string, edits: readonly SourceEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * A method chain written over several lines (`guesses\n  .mul(-1)\n  .add(1)\n  .log()`) is reported at its last
 * call, where the op is, not at the line the chain begins: the range from that call's dot. Other ranges are kept.
 */
export function lastCallOfChain(file: string, range: { start: number; end: number }): { start: number; end: number } {
  const text = file.slice(range.start, range.end);
  if (!text.includes('\n') || !text.endsWith(')')) return range;
  let depth = 0;
  let quote: string | undefined;
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '.' && depth === 0 && /^\.\s*[A-Za-z_$][\w$]*\s*\(/.test(text.slice(i, i + 80))) dot = i;
    // An operator outside every bracket: the range is a computation (`a\n * b.c()`), not one chain.
    else if (depth === 0 && /[-+*/%<>=!?:&|,;]/.test(c)) return range;
  }
  // Only when a line break comes before the last call: a one-line chain is shown whole.
  return dot > 0 && text.lastIndexOf('\n', dot) >= 0 ? { start: range.start + dot, end: range.end } : range;
}
