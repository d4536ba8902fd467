/**
 * Trainable weights a training step's code holds: `tf.variable(…)` and `tensor.variable()`, kept in a name (`const w`,
 * `let w; … w = …`), a field (`this.userEmbed = tf.variable(…)`), a property of an object the file writes out
 * (`params = { Wvar: makeVariable(…) }`), or made by a helper of the file that returns one. A linear layer or an
 * embedding lookup on them in a minimize closure is a layer written by hand: its output is a model output.
 */
import type * as TS from 'typescript';
import { functionValue, propertyOf, returnedExpressions } from './functionValues';
import { objectPropertyReferences, readMemberValues, thisMemberValues } from './objectValues';
import { assignmentsTo, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const MAX_DEPTH = 4;

/** Whether an expression holds a trainable weight. */
export function holdsWeight(tree: SyntaxTree, tf: TfBindings, node: TS.Expression, depth = 0): boolean {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return false;
  const n = unwrapExpression(ts, node);
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    if (d?.kind !== 'variable') return false;
    const values = [...(d.initializer ? [d.initializer] : []), ...assignmentsTo(tree, n.text, d).map((a) => a.right)];
    return values.some((v) => makesWeight(tree, tf, v, depth + 1));
  }
  if (ts.isPropertyAccessExpression(n)) {
    if (n.expression.kind === ts.SyntaxKind.ThisKeyword) return thisMemberValues(tree, n, n.name.text).some((v) => makesWeight(tree, tf, v, depth + 1));
    const written = readMemberValues(tree, n).filter((v) => v.tree === tree).map((v) => v.node);
    const assigned = objectPropertyReferences(tree, n).flatMap((ref) => {
      const parent = tree.parent(ref);
      return parent && ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [parent.right] : [];
    });
    return [...written, ...assigned, ...literalsAssigned(tree, n)].some((v) => makesWeight(tree, tf, v, depth + 1));
  }
  return false;
}

/** Whether a value makes a weight: `tf.variable(…)`, `x.variable()`, a name holding one, a helper returning one. */
function makesWeight(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, depth: number): boolean {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return false;
  const v = unwrapExpression(ts, value);
  if (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) return holdsWeight(tree, tf, v, depth + 1);
  if (!ts.isCallExpression(v)) return false;
  if (tf.path(v.expression) === 'variable') return true;
  const callee = unwrapExpression(ts, v.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'variable' && tf.path(callee) === undefined) return true;
  const fn = tf.path(v.expression) === undefined ? functionValue(tree, v.expression) : undefined;
  return fn !== undefined && returnedExpressions(tree, fn).some((r) => makesWeight(tree, tf, r, depth + 1));
}

/** `obj.key` of the object literals a variable is given later (`let params = null; … params = { W: … }`). */
function literalsAssigned(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.Expression[] {
  const ts = tree.ts;
  const owner = unwrapExpression(ts, access.expression);
  const d = ts.isIdentifier(owner) ? resolveIdentifier(tree, owner) : undefined;
  if (!ts.isIdentifier(owner) || d?.kind !== 'variable') return [];
  const out: TS.Expression[] = [];
  for (const a of assignmentsTo(tree, owner.text, d)) {
    const o = unwrapExpression(ts, a.right);
    const value = ts.isObjectLiteralExpression(o) ? propertyOf(ts, o, access.name.text) : undefined;
    if (value) out.push(value);
  }
  return out;
}
