/**
 * Whether the code reads a compiled model's predictions as classes: `tf.argMax(model.predict(xs), 1)`,
 * `model.predict(x).argMax(-1)`, the arg-max of a variable holding the prediction, or the prediction rounded to 0 or 1
 * (`tf.round(model.predict(xs)).equal(ys)`, bits scored per bit). A model whose outputs are compared by arg-max or
 * rounded is a classifier, whatever its loss: evidence for class targets when neither the data nor the metrics say (a
 * tutorial that counts its own correct predictions instead of asking for an `accuracy` metric).
 */
import type * as TS from 'typescript';
import type { TargetEvidence } from '../../engine/frontEnd';
import { constValueOf, lastAssignmentBefore, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** The evidence, from the first arg-max of a prediction of the model compiled by `compile` (its receiver). */
export function predictionsReadAsClasses(tree: SyntaxTree, tf: TfBindings, compile: TS.CallExpression): TargetEvidence | undefined {
  const ts = tree.ts;
  if (!/argMax|round/.test(tree.file.text)) return undefined;
  const callee = unwrapExpression(ts, compile.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const model = tree.compactSource(callee.expression);
  let found: TS.CallExpression | undefined;
  let how = 'argMax';
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const read = classReading(tree, tf, n);
      if (read && isPredictionOf(tree, read.of, model)) {
        how = read.how;
        found = n;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(tree.file);
  if (!found) return undefined;
  const line = tree.file.getLineAndCharacterOfPosition(tree.start(found)).line + 1;
  return { kind: 'classes', because: `the code reads the model's predictions as classes (${how}, line ${line})` };
}

/** The tensor an arg-max or a rounding takes: `tf.argMax(x, axis)`, `x.argMax(axis)`, `tf.round(x)`, `x.round()`. */
function classReading(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): { of: TS.Expression; how: string } | undefined {
  const ts = tree.ts;
  const path = tf.path(call.expression);
  if ((path === 'argMax' || path === 'round') && call.arguments[0]) return { of: call.arguments[0], how: path };
  const callee = unwrapExpression(ts, call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return (method === 'argMax' || method === 'round') && tf.path((callee as TS.PropertyAccessExpression).expression) === undefined ? { of: (callee as TS.PropertyAccessExpression).expression, how: method } : undefined;
}

/**
 * Whether a value is `<model>.predict(…)` of the model named `model`, directly or through a variable holding it there
 * (a const, or a `var` given the prediction before: `var p = model.predict(xs); p = tf.round(p)`).
 */
function isPredictionOf(tree: SyntaxTree, value: TS.Expression, model: string): boolean {
  const ts = tree.ts;
  const e = heldValue(tree, value);
  if (!e || !ts.isCallExpression(e)) return false;
  const callee = unwrapExpression(ts, e.expression);
  return ts.isPropertyAccessExpression(callee) && /^predict(?:OnBatch)?$/.test(callee.name.text) && tree.compactSource(callee.expression) === model;
}

function heldValue(tree: SyntaxTree, value: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, value);
  const d = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
  if (d?.kind !== 'variable' || d.isConst) return constValueOf(tree, value);
  const held = lastAssignmentBefore(tree, e as TS.Identifier, d) ?? d.initializer;
  return held && unwrapExpression(ts, held);
}
