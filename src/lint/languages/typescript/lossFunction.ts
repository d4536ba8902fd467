/** A loss function or a minimize closure read into a core expression, with which symbol is the prediction and the target. */
import type * as TS from 'typescript';
import { isPredictionName, isTargetName } from '../../../core';
import type { Expr } from '../../engine/expression';
import { isPredictionParameter, isTargetParameter } from '../../engine/roleNames';
import type { FunctionNode, SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { Translator } from './translate';
import { Env, numericValue, Unreadable } from './translationEnv';

/** A loss read from code: the per-element expression, which symbol is the prediction, and how it was reduced. */
export interface TranslatedLoss {
  expr: Expr;
  wrt: string;
  target?: string;
  parameters: Record<string, number>;
  reduction: 'mean' | 'sum' | 'none';
  /** 'tensor' when the code uses tf ops (fixes are written as tf calls), 'scalar' for Math.* code. */
  style: 'tensor' | 'scalar';
}

/**
 * Which parameter is the target and which the prediction: TF.js passes (yTrue, yPred), but helpers written
 * for `optimizer.minimize` often take (predictions, labels); the names decide when they are clear.
 */
function roleOrder(names: string[]): { target: number; prediction: number } {
  const [a, b] = names;
  const target = (n: string) => isTargetName(n) || isTargetParameter(n);
  const prediction = (n: string) => isPredictionName(n) || isPredictionParameter(n);
  const reversed = prediction(a) && !target(a) && target(b) && !prediction(b);
  return reversed ? { target: 1, prediction: 0 } : { target: 0, prediction: 1 };
}

export function translateLossFunction(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode, closureValues?: ReadonlyMap<TS.Node, Expr>): TranslatedLoss {
  const ts = tree.ts;
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  if (params.length < 2) throw new Unreadable('a loss function takes (yTrue, yPred)', fn);
  for (const p of params) {
    if (!ts.isIdentifier(p.name)) throw new Unreadable('destructured parameters are not supported', p);
    if (p.dotDotDotToken) throw new Unreadable('rest parameters are not supported', p);
  }
  const names = params.map((p) => (p.name as TS.Identifier).text);
  const order = roleOrder(names);
  const t = new Translator(tree, tf, { mode: 'loss', closureValues });
  const predSource = names[order.prediction];
  const targetSource = names[order.target];
  const wrt = t.claimSymbol(isPredictionName(predSource) && !isTargetName(predSource) ? predSource : 'yPred', params[order.prediction], 'yPred');
  const target = t.claimSymbol(isTargetName(targetSource) && !isPredictionName(targetSource) ? targetSource : 'yTrue', params[order.target], 'yTrue');
  let env = Env.empty.with(predSource, { kind: 'symbol', name: wrt }).with(targetSource, { kind: 'symbol', name: target });
  params.forEach((p, i) => {
    if (i === order.prediction || i === order.target) return;
    const name = t.claimSymbol(names[i], p);
    const d = p.initializer ? numericValue(ts, p.initializer) : undefined;
    if (d !== undefined) t.parameters[name] = d;
    env = env.with(names[i], { kind: 'symbol', name });
  });
  const expr = t.functionBody(fn, env);
  return finish(t, expr, wrt, target);
}

/** The closure given to `optimizer.minimize`: the model's output is the prediction, the first other tensor the target. */
export function translateMinimizeClosure(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode): TranslatedLoss {
  const t = new Translator(tree, tf, { mode: 'minimize' });
  const expr = t.functionBody(fn, Env.empty);
  if (t.prediction === undefined) throw new Unreadable('cannot tell which value is the model output (call model.predict or a predict function inside the closure)', fn);
  return finish(t, expr, t.prediction, t.target);
}

function finish(t: Translator, expr: Expr, wrt: string, target: string | undefined): TranslatedLoss {
  const outer = [...t.reductions].reverse().find((r) => r !== 'other');
  return {
    expr,
    wrt,
    target,
    parameters: { ...t.parameters },
    reduction: outer ?? 'none',
    style: t.usedTensorOps ? 'tensor' : 'scalar',
  };
}
