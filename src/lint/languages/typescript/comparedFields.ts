/**
 * A field of rows the file tests against both 0 and 1 (`trainingData.filter((g) => g.expected === 1)` beside `=== 0`,
 * `for (const row of rows) if (row.label == 0) …`): a 0/1 label, however the rows were read (`parseFloat(cols[0])`
 * of a CSV says nothing of it). Only equality tests of code count (not comments or strings, not `!==`), and only of a
 * field read off a row: an element a callback over an array or a `for…of` loop is given. `ui.score === 0` of some
 * object is not a label. So is one tested against a prediction made 0 or 1 (`pred === p.label` after
 * `const pred = yhat >= 0.5 ? 1 : 0`): an accuracy count of a binary classifier.
 */
import type * as TS from 'typescript';
import type { TargetEvidence } from '../../engine/frontEnd';
import { referencesTo, resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** Array methods whose callback is given one element at a time. */
const ELEMENT_CALLBACKS = new Set(['filter', 'map', 'forEach', 'some', 'every', 'find', 'findIndex', 'flatMap', 'sort']);

/** Class targets, when the file compares rows' `.name` with 0 and with 1: the lines of the first of each. */
export function comparedLabels(tree: SyntaxTree, name: string): TargetEvidence | undefined {
  let fields = comparedByTree.get(tree);
  if (!fields) comparedByTree.set(tree, (fields = rowFieldComparisons(tree)));
  const found = fields.get(name);
  if (found?.zero !== undefined && found.one !== undefined) return { kind: 'classes', because: `the targets are compared with 0 and 1 (lines ${Math.min(found.zero, found.one)}, ${Math.max(found.zero, found.one)})` };
  if (found?.prediction !== undefined) return { kind: 'classes', because: `the targets are compared with a prediction made 0 or 1 (line ${found.prediction})` };
  return undefined;
}

interface Compared {
  /** The line of the first test against 0, against 1, against a prediction made 0 or 1. */
  zero?: number;
  one?: number;
  prediction?: number;
}

const comparedByTree = new WeakMap<SyntaxTree, Map<string, Compared>>();

/** Every row field the file tests for equality with 0 or 1, with the line of the first test of each value. */
function rowFieldComparisons(tree: SyntaxTree): Map<string, Compared> {
  const ts = tree.ts;
  const out = new Map<string, Compared>();
  // Only where the text has such a test: `x.f === 1`, `0 == x.f` (a comment or a string holds no comparison node).
  for (const m of tree.text.matchAll(/={2,3}\s*[01](?![\w.])|(?<![\w.])[01]\s*={2,3}/g)) {
    const at = m.index! + m[0].indexOf('=');
    const token = tree.nodeAt(at, at + 2);
    const n = tree.parent(token);
    if (!n || !ts.isBinaryExpression(n) || n.operatorToken !== token) continue;
    if (n.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && n.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken) continue;
    for (const [field, value] of [[n.left, n.right], [n.right, n.left]] as const) {
      const v = unwrapExpression(ts, value);
      const f = unwrapExpression(ts, field);
      if (!ts.isNumericLiteral(v) || (v.text !== '0' && v.text !== '1') || !ts.isPropertyAccessExpression(f) || !isRow(tree, f.expression)) continue;
      const seen = out.get(f.name.text) ?? {};
      const line = tree.file.getLineAndCharacterOfPosition(tree.start(n)).line + 1;
      if (v.text === '0') seen.zero ??= line;
      else seen.one ??= line;
      out.set(f.name.text, seen);
    }
  }
  thresholdComparisons(tree, out);
  return out;
}

/** How many `? 1 : 0` choices are followed to the comparisons they meet, at most. */
const MAX_THRESHOLDS = 20;

/**
 * A row field tested for equality with a prediction made 0 or 1 (`const pred = p >= 0.5 ? 1 : 0; if (pred === row.label)
 * correct++`, an accuracy count): the field holds the same two values, as if tested against 0 and against 1.
 */
function thresholdComparisons(tree: SyntaxTree, out: Map<string, Compared>): void {
  const ts = tree.ts;
  let count = 0;
  for (const m of tree.text.matchAll(/\?\s*[01]\s*:\s*[01](?![\w.])/g)) {
    if (++count > MAX_THRESHOLDS) break;
    const choice = tree.parent(tree.nodeAt(m.index!, m.index! + 1));
    if (!choice || !ts.isConditionalExpression(choice) || !isZeroOrOne(ts, choice.whenTrue) || !isZeroOrOne(ts, choice.whenFalse)) continue;
    if (unwrapExpression(ts, choice.whenTrue).getText(tree.file) === unwrapExpression(ts, choice.whenFalse).getText(tree.file)) continue;
    // The choice itself compared, or the const it is kept in, wherever that is read.
    let uses: TS.Node[] = [choice];
    let held: TS.Node = choice;
    while (tree.parent(held) && ts.isParenthesizedExpression(tree.parent(held)!)) held = tree.parent(held)!;
    const holder = tree.parent(held);
    if (holder && ts.isVariableDeclaration(holder) && holder.initializer === held && ts.isIdentifier(holder.name)) {
      const d = resolveIdentifier(tree, holder.name);
      uses = d?.kind === 'variable' && d.isConst ? referencesTo(tree, d.container, holder.name.text, d).filter((r) => r !== holder.name) : [];
    }
    for (const use of uses) {
      let at: TS.Node = use;
      while (tree.parent(at) && ts.isParenthesizedExpression(tree.parent(at)!)) at = tree.parent(at)!;
      const n = tree.parent(at);
      if (!n || !ts.isBinaryExpression(n) || (n.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && n.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken)) continue;
      const f = unwrapExpression(ts, n.left === at ? n.right : n.left);
      if (!ts.isPropertyAccessExpression(f) || !isRow(tree, f.expression)) continue;
      const line = tree.file.getLineAndCharacterOfPosition(tree.start(n)).line + 1;
      const seen = out.get(f.name.text) ?? {};
      seen.prediction ??= line;
      out.set(f.name.text, seen);
    }
  }
}

function isZeroOrOne(ts: typeof TS, e: TS.Expression): boolean {
  const u = unwrapExpression(ts, e);
  return ts.isNumericLiteral(u) && (u.text === '0' || u.text === '1');
}

/** An element of an array: a callback's first parameter (`rows.filter((g) => …)`) or a `for (const row of rows)` variable. */
function isRow(tree: SyntaxTree, e: TS.Expression): boolean {
  const ts = tree.ts;
  const id = unwrapExpression(ts, e);
  const d = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
  if (!d) return false;
  if (d.kind === 'parameter') {
    const fn = tree.parent(d.node);
    const call = fn && isFunctionNode(ts, fn) && fn.parameters[0] === d.node ? tree.parent(fn) : undefined;
    const callee = call && ts.isCallExpression(call) && call.arguments[0] === fn ? unwrapExpression(ts, call.expression) : undefined;
    return !!callee && ts.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.has(callee.name.text);
  }
  const list = d.kind === 'variable' ? tree.parent(d.node) : undefined;
  const loop = list && tree.parent(list);
  return !!loop && ts.isForOfStatement(loop) && loop.initializer === list;
}
