/**
 * Reads a `model.compile({optimizer, loss, metrics})` call: each loss given (a name, a tf.losses /
 * tf.metrics function, a custom function, a loss factory's result) and the model's output layer.
 */
import type * as TS from 'typescript';
import { num, mapped, type Expr } from '../../engine/expression';
import { objectLiteralOf, stringOf } from './layers';
import { resolveModel, type ModelInfo } from './modelResolution';
import { resolveIdentifier } from './scope';
import { isFunctionNode, objectProperty, propertyValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue } from './translationEnv';

export const TF_LOSS_FUNCTIONS = new Set(['absoluteDifference', 'computeWeightedLoss', 'cosineDistance', 'hingeLoss', 'huberLoss', 'logLoss', 'meanSquaredError', 'sigmoidCrossEntropy', 'softmaxCrossEntropy']);
export const TF_METRIC_FUNCTIONS = new Set(['MAPE', 'MSE', 'binaryAccuracy', 'binaryCrossentropy', 'categoricalAccuracy', 'categoricalCrossentropy', 'cosineProximity', 'mape', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredError', 'mse', 'precision', 'r2Score', 'recall', 'sparseCategoricalAccuracy']);

export interface CompileLoss {
  /** The loss as written (a string literal, `tf.losses.x`, a function, an identifier …). */
  value: TS.Expression;
  /** A name given as a string. */
  stringName?: string;
  /** `tf.losses.x` / `tf.metrics.x`: the group and the name. */
  tfFunction?: { group: 'losses' | 'metrics'; name: string; exists: boolean };
  fn?: FunctionNode;
  /** Arguments of a loss factory, by the factory's parameter declarations. */
  closureValues?: Map<TS.Node, Expr>;
}

export interface CompileCall {
  call: TS.CallExpression;
  lossProperty: TS.ObjectLiteralElementLike;
  losses: CompileLoss[];
  /** Metric names (strings, or tf.metrics function names). */
  metrics: string[];
  model?: ModelInfo;
}

export function readCompileCall(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): CompileCall | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'compile') return undefined;
  const config = objectLiteralOf(tree, call.arguments[0]);
  const lossProperty = config ? objectProperty(ts, config, 'loss') : undefined;
  const value = propertyValue(ts, lossProperty);
  if (!config || !lossProperty || !value) return undefined;
  const losses: CompileLoss[] = [];
  const v = unwrapExpression(ts, value);
  if (ts.isArrayLiteralExpression(v)) {
    for (const el of v.elements) if (!ts.isSpreadElement(el)) losses.push(readLoss(tree, tf, el));
  } else if (ts.isObjectLiteralExpression(v)) {
    for (const p of v.properties) {
      const pv = propertyValue(ts, p);
      if (pv) losses.push(readLoss(tree, tf, pv));
    }
  } else {
    losses.push(readLoss(tree, tf, value));
  }
  const metrics: string[] = [];
  const m = propertyValue(ts, objectProperty(ts, config, 'metrics'));
  const mv = m ? unwrapExpression(ts, m) : undefined;
  for (const el of mv && ts.isArrayLiteralExpression(mv) ? mv.elements : mv ? [mv] : []) {
    const name = stringOf(tree, el) ?? tf.path(el)?.replace(/^metrics\./, '');
    if (name) metrics.push(name);
  }
  const model = resolveModel(tree, tf, callee.expression);
  return { call, lossProperty, losses, metrics, model };
}

function readLoss(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): CompileLoss {
  const ts = tree.ts;
  const v = unwrapExpression(ts, value);
  const s = stringOf(tree, v);
  if (s !== undefined) return { value, stringName: s };
  const path = tf.path(v);
  if (path?.startsWith('losses.') || path?.startsWith('metrics.')) {
    const group = path.startsWith('losses.') ? 'losses' : 'metrics';
    const name = path.slice(group.length + 1);
    const exists = (group === 'losses' ? TF_LOSS_FUNCTIONS : TF_METRIC_FUNCTIONS).has(name);
    return { value, tfFunction: { group, name, exists } };
  }
  const fn = functionValue(tree, v);
  if (fn) return { value, fn };
  if (ts.isCallExpression(v)) {
    const factory = functionValue(tree, unwrapExpression(ts, v.expression));
    const inner = factory ? returnedFunction(tree, factory) : undefined;
    if (factory && inner) return { value, fn: inner, closureValues: factoryArguments(tree, factory, v) };
  }
  return { value };
}

function functionValue(tree: SyntaxTree, v: TS.Expression, depth = 0): FunctionNode | undefined {
  const ts = tree.ts;
  if (isFunctionNode(ts, v)) return v;
  if (!ts.isIdentifier(v) || depth > 4) return undefined;
  const d = resolveIdentifier(tree, v);
  if (d?.kind === 'function') return d.node;
  if (d?.kind === 'variable' && d.initializer) return functionValue(tree, unwrapExpression(ts, d.initializer), depth + 1);
  return undefined;
}

/** The function a factory returns: `return (yTrue, yPred) => …`. */
function returnedFunction(tree: SyntaxTree, factory: FunctionNode): FunctionNode | undefined {
  const ts = tree.ts;
  const body = factory.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return functionValue(tree, unwrapExpression(ts, body));
  for (const st of body.statements) {
    if (ts.isReturnStatement(st) && st.expression) return functionValue(tree, unwrapExpression(ts, st.expression));
  }
  return undefined;
}

function factoryArguments(tree: SyntaxTree, factory: FunctionNode, call: TS.CallExpression): Map<TS.Node, Expr> {
  const ts = tree.ts;
  const out = new Map<TS.Node, Expr>();
  factory.parameters.forEach((p, i) => {
    const arg = call.arguments[i];
    const v = arg ? numericValue(ts, arg) : undefined;
    if (arg && v !== undefined) out.set(p, mapped(num(v), tree.start(arg), arg.end));
  });
  return out;
}
