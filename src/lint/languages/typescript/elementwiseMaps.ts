/**
 * Element-wise maps of arrays and matrix classes by any of their names (`p.map(f)`, `yPred.apply((x) => x.log())`,
 * `predictions.applyFunction(Math.log)`, `m.mapElements(sigmoid)`), the function written there or named (`Math.log`, a
 * function of the file): the function applied to every element, read as applied to the whole.
 */
import type * as TS from 'typescript';
import type { Expr } from '../../engine/expression';
import { ownEntry } from '../../../core';
import { functionValue } from './functionValues';
import { isMathGlobal } from './moduleCalls';
import { isFunctionNode, unwrapExpression } from './syntaxTree';
import { MATH_FUNCTIONS } from './tensorOps';
import type { Translator } from './translate';
import { translateMap } from './translateLoops';
import type { Env } from './translationEnv';

/** Method names of an element-wise map (given one function: never Function.prototype.apply's `(thisArg, args)`). */
export const ELEMENTWISE_MAP = /^(?:map|apply|applyFunction|mapElements|elementwise)$/;

/** `receiver.<map>(callback)` read element by element; undefined when the callback is no function the lint can read. */
export function translateElementwise(t: Translator, receiver: TS.Expression, callback: TS.Expression, env: Env): Expr | undefined {
  const ts = t.tree.ts;
  const f = unwrapExpression(ts, callback);
  if (isFunctionNode(ts, f)) return translateMap(t, receiver, f, env);
  // `applyFunction(Math.log)`: Math's function of one number.
  if (ts.isPropertyAccessExpression(f) && isMathGlobal(t.tree, f.expression)) {
    const entry = ownEntry(MATH_FUNCTIONS, f.name.text);
    return entry && entry.min <= 1 ? entry.build([t.expression(receiver, env)]) : undefined;
  }
  // `outputs.map(sigmoid)`: a function of the file, named.
  const fn = functionValue(t.tree, f);
  return fn?.body && fn.parameters.length >= 1 ? translateMap(t, receiver, fn, env) : undefined;
}
