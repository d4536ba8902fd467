/**
 * Trainable weights a training step's code holds: `tf.variable(…)` and `tensor.variable()`, kept in a name (`const w`,
 * `let w; … w = …`), a field (`this.userEmbed = tf.variable(…)`), a field's object (`this.variables = { w1: … }`), a
 * property of an object the file writes out (`params = { Wvar: makeVariable(…) }`), or made by a helper of the file
 * that returns one. A linear layer or an embedding lookup on them in a minimize closure is a layer written by hand: its
 * output is a model output. Each holder (a declaration, or an object's property) is looked into once per parse, so
 * chains of assignments stay linear.
 */
import type * as TS from 'typescript';
import { functionValue, propertyOf, returnedExpressions } from './functionValues';
import { objectPropertyAssignments, readMemberValues, thisMemberValues, thisOwner } from './objectValues';
import { assignmentsTo, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const MAX_DEPTH = 4;

/** Whether each holder holds a weight, by its declaration (or owner) and property name ('' for a name itself). */
const known = new WeakMap<TS.Node, Map<string, boolean>>();

/** Whether an expression holds a trainable weight. */
export function holdsWeight(tree: SyntaxTree, tf: TfBindings, node: TS.Expression, depth = 0): boolean {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return false;
  const n = unwrapExpression(ts, node);
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    if (d?.kind !== 'variable') return false;
    return once(d.node, '', () => [...(d.initializer ? [d.initializer] : []), ...assignmentsTo(tree, n.text, d).map((a) => a.right)].some((v) => makesWeight(tree, tf, v, depth)));
  }
  if (!ts.isPropertyAccessExpression(n)) return false;
  const key = n.name.text;
  if (n.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = thisOwner(tree, n);
    return owner !== undefined && once(owner, key, () => thisMemberValues(tree, n, key).some((v) => makesWeight(tree, tf, v, depth)));
  }
  const objectExpr = unwrapExpression(ts, n.expression);
  // `this.variables.w1` of `this.variables = { w1: tf.variable(…), … }`: the field's object literals.
  if (ts.isPropertyAccessExpression(objectExpr) && objectExpr.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = thisOwner(tree, objectExpr);
    const field = objectExpr.name.text;
    return owner !== undefined && once(owner, `${field}.${key}`, () => thisMemberValues(tree, objectExpr, field).some((o) => {
      const literal = unwrapExpression(ts, o);
      const value = ts.isObjectLiteralExpression(literal) ? propertyOf(ts, literal, key) : undefined;
      return value !== undefined && makesWeight(tree, tf, value, depth);
    }));
  }
  const holder = ts.isIdentifier(objectExpr) ? resolveIdentifier(tree, objectExpr) : undefined;
  if (!holder || holder.kind === 'other') return false;
  return once(holder.node, key, () => {
    const written = readMemberValues(tree, n).filter((v) => v.tree === tree).map((v) => v.node);
    return [...written, ...objectPropertyAssignments(tree, n), ...literalsAssigned(tree, n)].some((v) => makesWeight(tree, tf, v, depth));
  });
}

/** The answer for a holder, computed once; a holder met again while it is being looked into holds nothing more. */
function once(holder: TS.Node, key: string, compute: () => boolean): boolean {
  let byKey = known.get(holder);
  if (!byKey) known.set(holder, (byKey = new Map()));
  const found = byKey.get(key);
  if (found !== undefined) return found;
  byKey.set(key, false);
  const result = compute();
  byKey.set(key, result);
  return result;
}

/** Whether a value makes a weight: `tf.variable(…)`, `x.variable()`, a name holding one, a helper returning one. */
function makesWeight(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, depth: number): boolean {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return false;
  const v = unwrapExpression(ts, value);
  // A holder is looked into once (see `once`), so only helpers' returns count towards the depth.
  if (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) return holdsWeight(tree, tf, v, depth);
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
