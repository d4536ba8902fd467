/**
 * A plain-number log the code only reaches where a test keeps its argument off 0: `if (p > 0) h -= p * Math.log(p)`,
 * `p > 0 ? p * Math.log(p) : 0`, `p && Math.log(p)`, or an early exit before it (`if (p <= 0) return sum;` in a
 * reduce callback, `if (!p) continue;`). An entropy written this way never takes log(0), whatever p's range: the
 * operation probe, which reads the log's argument on its own, would not see the test.
 */
import type * as TS from 'typescript';
import { FLIPPED_COMPARISON, NEGATED_COMPARISON } from '../../../core';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { comparisonOf } from './targetShapes';
import { numericValue } from './translationEnv';

/** Whether `node` (a log of `argument`) runs only where a test says `argument` is not 0. */
export function reachedOnlyOffZero(tree: SyntaxTree, node: TS.Node, argument: TS.Expression): boolean {
  const ts = tree.ts;
  const text = tree.compactSource(unwrapExpression(ts, argument));
  const says = (test: TS.Expression, holds: boolean) => keepsOffZero(tree, test, holds, text);
  let child: TS.Node = node;
  for (const a of tree.ancestors(node)) {
    if (ts.isIfStatement(a) && ((a.thenStatement === child && says(a.expression, true)) || (a.elseStatement === child && says(a.expression, false)))) return true;
    if (ts.isConditionalExpression(a) && ((a.whenTrue === child && says(a.condition, true)) || (a.whenFalse === child && says(a.condition, false)))) return true;
    if (ts.isBinaryExpression(a) && a.right === child && a.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && says(a.left, true)) return true;
    // An exit before the statement the log is in: past it, the exit's test is false.
    if (ts.isBlock(a) || ts.isSourceFile(a)) {
      for (const st of a.statements) {
        if (st === child) break;
        if (ts.isIfStatement(st) && !st.elseStatement && exits(ts, st.thenStatement) && says(st.expression, false)) return true;
      }
    }
    if (isFunctionNode(ts, a)) return false;
    child = a;
  }
  return false;
}

/** `return …`, `continue`, `throw …`, or a block that ends in one. */
function exits(ts: typeof TS, st: TS.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isContinueStatement(st) || ts.isThrowStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && exits(ts, st.statements[st.statements.length - 1]!);
}

/** Whether `test` being `holds` means the value written `text` is not 0. */
function keepsOffZero(tree: SyntaxTree, test: TS.Expression, holds: boolean, text: string): boolean {
  const ts = tree.ts;
  const e = unwrapExpression(ts, test);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return keepsOffZero(tree, e.operand, !holds, text);
  // A truthy value is not 0 (`if (p)`).
  if (holds && tree.compactSource(e) === text) return true;
  if (!ts.isBinaryExpression(e)) return false;
  const k = e.operatorToken.kind;
  // `a && b` true: both are; `a || b` false: neither is.
  if (k === ts.SyntaxKind.AmpersandAmpersandToken && holds) return keepsOffZero(tree, e.left, true, text) || keepsOffZero(tree, e.right, true, text);
  if (k === ts.SyntaxKind.BarBarToken && !holds) return keepsOffZero(tree, e.left, false, text) || keepsOffZero(tree, e.right, false, text);
  // The value tested and the number it is compared with, on either side (`p > 0`, `0 < p`).
  const bound = numericValue(ts, e.right) ?? numericValue(ts, e.left);
  const value = numericValue(ts, e.right) !== undefined ? e.left : e.right;
  if (bound === undefined || tree.compactSource(unwrapExpression(ts, value)) !== text) return false;
  // Written with the number first, the test turned round: `0 < p` is `p > 0`.
  const written = comparisonOf(ts, k);
  const op = written && value !== e.left ? FLIPPED_COMPARISON[written] : written;
  if (!op) return false;
  const asTrue = holds ? op : NEGATED_COMPARISON[op];
  return (asTrue === '>' && bound >= 0) || (asTrue === '>=' && bound > 0) || (asTrue === '!=' && bound === 0);
}
