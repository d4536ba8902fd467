/**
 * Whether the code reads a compiled model's predictions as classes: `tf.argMax(model.predict(xs), 1)`,
 * `model.predict(x).argMax(-1)`, or the arg-max of a const holding the prediction. A model whose outputs are compared
 * by arg-max is a classifier, whatever its loss: evidence for class targets when neither the data nor the metrics
 * say (a tutorial that counts its own correct predictions instead of asking for an `accuracy` metric).
 */
import type * as TS from 'typescript';
import type { TargetEvidence } from '../../engine/frontEnd';
import { constValueOf } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** The evidence, from the first arg-max of a prediction of the model compiled by `compile` (its receiver). */
export function predictionsReadAsClasses(tree: SyntaxTree, tf: TfBindings, compile: TS.CallExpression): TargetEvidence | undefined {
  const ts = tree.ts;
  if (!tree.file.text.includes('argMax')) return undefined;
  const callee = unwrapExpression(ts, compile.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const model = tree.compactSource(callee.expression);
  let found: TS.CallExpression | undefined;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const argMaxOf = argMaxInput(tree, tf, n);
      if (argMaxOf && isPredictionOf(tree, argMaxOf, model)) {
        found = n;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(tree.file);
  if (!found) return undefined;
  const line = tree.file.getLineAndCharacterOfPosition(tree.start(found)).line + 1;
  return { kind: 'classes', because: `the code reads the model's predictions as classes (argMax, line ${line})` };
}

/** The tensor an arg-max call takes: `tf.argMax(x, axis)` or `x.argMax(axis)`. */
function argMaxInput(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): TS.Expression | undefined {
  const ts = tree.ts;
  if (tf.path(call.expression) === 'argMax') return call.arguments[0];
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'argMax' && tf.path(callee.expression) === undefined ? callee.expression : undefined;
}

/** Whether a value is `<model>.predict(…)` of the model named `model`, directly or through a const holding it. */
function isPredictionOf(tree: SyntaxTree, value: TS.Expression, model: string): boolean {
  const ts = tree.ts;
  const e = constValueOf(tree, value);
  if (!e || !ts.isCallExpression(e)) return false;
  const callee = unwrapExpression(ts, e.expression);
  return ts.isPropertyAccessExpression(callee) && /^predict(?:OnBatch)?$/.test(callee.name.text) && tree.compactSource(callee.expression) === model;
}
