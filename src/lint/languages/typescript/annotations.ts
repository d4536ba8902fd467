/**
 * `// @loss <expression>` comments and JSDoc `@loss` tags: the loss written out for code the lint cannot
 * read. An optional `@activation <name>` in the same comment gives the prediction's activation. A comment
 * right before a function (or a variable holding one) annotates that function.
 */
import type * as TS from 'typescript';
import { ACTIVATIONS, ExpressionError, isActivation, parseExpression, type Activation } from '../../../core';
import { closestName } from '../../engine/editDistance';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

export interface Annotation {
  commentStart: number;
  commentEnd: number;
  /** Offsets of the expression text in the file. */
  start: number;
  end: number;
  expression: string;
  activation?: Activation;
  /** An `@activation` value the lint does not know. */
  badActivation?: { name: string; start: number; end: number };
  fn?: FunctionNode;
}

const TAG = /@loss\b/g;
/** Where a tag's expression stops: the next tag of any kind (`@activation`). */
const NEXT_TAG = /\s@\w/g;

/**
 * The file's annotations, in one pass whose cost is linear in the text: the line end, the next tag and the
 * comment around a tag are found once and reused by the tags that follow (a minified line can hold tens of
 * thousands of `@loss` tags). Stops when `expired` says the time budget is spent.
 */
export function findAnnotations(tree: SyntaxTree, expired: () => boolean = () => false): Annotation[] {
  const out: Annotation[] = [];
  const text = tree.text;
  if (!text.includes('@loss')) return out; // most files: one fast scan
  const tags = new RegExp(TAG.source, 'g');
  const nextTags = new RegExp(NEXT_TAG.source, 'g');
  let lineEnd = -1;
  let nextTag = -1;
  let known: CommentLookup & { start: number; end: number } = { start: 0, end: 0 };
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    if (expired()) break;
    const bodyStart = m.index + m[0].length;
    if (m.index >= lineEnd) lineEnd = indexOrEnd(text, '\n', m.index);
    if (nextTag < bodyStart) {
      nextTags.lastIndex = bodyStart;
      nextTag = nextTags.exec(text)?.index ?? text.length;
    }
    if (m.index < known.start || m.index >= known.end) known = commentAt(tree, m.index);
    const range = known.range;
    if (!range) continue;
    let raw = text.slice(bodyStart, Math.min(range.end, lineEnd, nextTag));
    if (range.kind === tree.ts.SyntaxKind.MultiLineCommentTrivia) raw = raw.replace(/\*\/\s*$/, '');
    const lead = raw.length - raw.trimStart().length;
    const expression = raw.trim();
    if (!expression) continue;
    const start = bodyStart + lead;
    const annotation: Annotation = { commentStart: range.pos, commentEnd: range.end, start, end: start + expression.length, expression };
    const act = /@activation\s+([A-Za-z0-9_]+)/.exec(text.slice(range.pos, range.end));
    if (act) {
      if (isActivation(act[1])) annotation.activation = act[1];
      else {
        const s = range.pos + act.index + act[0].length - act[1].length;
        annotation.badActivation = { name: act[1], start: s, end: s + act[1].length };
      }
    }
    const fn = known.owner ? functionIn(tree, known.owner) : undefined;
    if (fn) annotation.fn = fn;
    out.push(annotation);
    tags.lastIndex = Math.max(tags.lastIndex, range.end);
  }
  return out;
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? text.length : i;
}

interface CommentLookup {
  range?: TS.CommentRange;
  owner?: TS.Node;
}

/**
 * The comment containing `pos` and the node it precedes (when it is a leading comment), with the span of text
 * [start, end) for which the answer is the same: the comment itself, or the token (a string literal) that holds
 * a tag outside any comment.
 */
function commentAt(tree: SyntaxTree, pos: number): CommentLookup & { start: number; end: number } {
  const ts = tree.ts;
  const text = tree.text;
  const here = { start: pos, end: pos + 1 };
  const inComment = (range: TS.CommentRange | undefined, owner?: TS.Node) => (range ? { range, ...(owner ? { owner } : {}), start: range.pos, end: range.end } : undefined);
  let node: TS.Node = tree.file;
  for (let depth = 0; depth < 10_000; depth++) {
    let next: TS.Node | undefined;
    let children = 0;
    let lastEnd = node === tree.file ? 0 : tree.start(node);
    ts.forEachChild(node, (child) => {
      children++;
      if (child.pos <= pos && pos < child.end) next = child;
      else if (child.end <= pos) lastEnd = Math.max(lastEnd, child.end);
      return next;
    });
    if (!next) {
      const found = inComment((ts.getLeadingCommentRanges(text, lastEnd) ?? []).find((r) => r.pos <= pos && pos < r.end));
      if (found) return found;
      return children === 0 && node !== tree.file && tree.start(node) <= pos ? { start: tree.start(node), end: node.end } : here;
    }
    const child: TS.Node = next;
    if (pos < tree.start(child)) return inComment((ts.getLeadingCommentRanges(text, child.pos) ?? []).find((r) => r.pos <= pos && pos < r.end), child) ?? here;
    node = child;
  }
  return here;
}

/** The function a node declares or holds: a function declaration, `const f = (…) => …`, `loss: (…) => …`. */
function functionIn(tree: SyntaxTree, node: TS.Node): FunctionNode | undefined {
  const ts = tree.ts;
  if (isFunctionNode(ts, node)) return node;
  if (ts.isVariableStatement(node)) {
    const init = node.declarationList.declarations[0]?.initializer;
    return init && isFunctionNode(ts, unwrapExpression(ts, init)) ? (unwrapExpression(ts, init) as FunctionNode) : undefined;
  }
  if (ts.isExportAssignment(node) || ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) {
    const init = ts.isExportAssignment(node) ? node.expression : node.initializer;
    return init && isFunctionNode(ts, unwrapExpression(ts, init)) ? (unwrapExpression(ts, init) as FunctionNode) : undefined;
  }
  return undefined;
}

/**
 * What is wrong with an annotation, as problems at their own place in the file: an expression that does not parse
 * (at the column the parser names), an `@activation` that is not one. Empty when the annotation can be read.
 */
export function annotationProblems(a: Annotation): { problems: FrontEndProblem[]; expressionUnreadable: boolean } {
  const out: FrontEndProblem[] = [];
  let expressionUnreadable = false;
  try {
    parseExpression(a.expression);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    expressionUnreadable = true;
    const offset = Math.max(0, Math.min(err.column - 1, a.expression.length - 1));
    const reason = err.message.replace(/ at column \d+/, '');
    const short = reason.split(/\. /)[0];
    out.push({
      code: 'invalid-annotation',
      message: `@loss cannot be read: ${short.length > 80 ? `${short.slice(0, 79)}…` : `${short}.`}`,
      detail: `The @loss annotation cannot be read: ${reason}${/[.!?]$/.test(reason) ? '' : '.'} The function's own code is checked instead.`,
      start: a.start + offset,
      end: Math.max(a.start + offset + 1, a.end),
    });
  }
  if (a.badActivation) {
    const meant = closestName(a.badActivation.name, ACTIVATIONS);
    out.push({
      code: 'invalid-annotation',
      message: `@activation ${a.badActivation.name} is not an activation Loss Lens knows.`,
      detail: `@activation ${a.badActivation.name} is not one of ${ACTIVATIONS.join(', ')}; the loss is checked without an activation.`,
      start: a.badActivation.start,
      end: a.badActivation.end,
      ...(meant ? { fixes: [{ title: `Change to @activation ${meant}`, edits: [{ start: a.badActivation.start, end: a.badActivation.end, text: meant }], preferred: true }] } : {}),
    });
  }
  return { problems: out, expressionUnreadable };
}
