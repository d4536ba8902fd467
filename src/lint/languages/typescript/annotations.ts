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

export function findAnnotations(tree: SyntaxTree): Annotation[] {
  const out: Annotation[] = [];
  const text = tree.text;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const found = commentAt(tree, m.index);
    if (!found) continue;
    const { range, owner } = found;
    const lineEnd = Math.min(range.end, indexOrEnd(text, '\n', m.index));
    let raw = text.slice(m.index + m[0].length, lineEnd);
    if (range.kind === tree.ts.SyntaxKind.MultiLineCommentTrivia) raw = raw.replace(/\*\/\s*$/, '');
    const cut = raw.search(/\s@\w/);
    if (cut >= 0) raw = raw.slice(0, cut);
    const lead = raw.length - raw.trimStart().length;
    const expression = raw.trim();
    if (!expression) continue;
    const start = m.index + m[0].length + lead;
    const annotation: Annotation = { commentStart: range.pos, commentEnd: range.end, start, end: start + expression.length, expression };
    const act = /@activation\s+([A-Za-z0-9_]+)/.exec(text.slice(range.pos, range.end));
    if (act) {
      if (isActivation(act[1])) annotation.activation = act[1];
      else {
        const s = range.pos + act.index + act[0].length - act[1].length;
        annotation.badActivation = { name: act[1], start: s, end: s + act[1].length };
      }
    }
    const fn = owner ? functionIn(tree, owner) : undefined;
    if (fn) annotation.fn = fn;
    out.push(annotation);
    TAG.lastIndex = Math.max(TAG.lastIndex, range.end);
  }
  return out;
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? text.length : i;
}

/** The comment containing `pos`, and the node it precedes (when it is a leading comment). */
function commentAt(tree: SyntaxTree, pos: number): { range: TS.CommentRange; owner?: TS.Node } | undefined {
  const ts = tree.ts;
  const text = tree.text;
  let node: TS.Node = tree.file;
  for (let depth = 0; depth < 10_000; depth++) {
    let next: TS.Node | undefined;
    let lastEnd = node === tree.file ? 0 : tree.start(node);
    ts.forEachChild(node, (child) => {
      if (next) return undefined;
      if (child.pos <= pos && pos < child.end) next = child;
      else if (child.end <= pos) lastEnd = Math.max(lastEnd, child.end);
      return undefined;
    });
    if (!next) {
      const range = (ts.getLeadingCommentRanges(text, lastEnd) ?? []).find((r) => r.pos <= pos && pos < r.end);
      return range ? { range } : undefined;
    }
    const child: TS.Node = next;
    if (pos < tree.start(child)) {
      const range = (ts.getLeadingCommentRanges(text, child.pos) ?? []).find((r) => r.pos <= pos && pos < r.end);
      return range ? { range, owner: child } : undefined;
    }
    node = child;
  }
  return undefined;
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
