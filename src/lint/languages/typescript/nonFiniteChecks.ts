/**
 * Checks for NaN or Infinity in loss code (`tf.any(tf.isNaN(probs))`, `isNaN(loss.dataSync()[0])`): guards before an
 * early return, read the way training normally goes (translateCalls.ts).
 */
import type * as TS from 'typescript';
import { compare, num, symbol, type Expr } from '../../engine/expression';
import { functionOf } from './inlineHelpers';
import { resolveIdentifier } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import type { Env } from './translationEnv';

/**
 * A check for NaN or Infinity (`tf.any(tf.isNaN(probs))`, `isNaN(loss)`), as guards before an early return write it:
 * false in the loss's own reading, the way training normally goes (the hazards themselves are what the lint reports);
 * `tf.isFinite` is true. `tf.any` / `tf.all` of such a check is the check.
 */
export function nonFiniteCheck(t: Translator, name: string, node: TS.CallExpression, env: Env): Expr | undefined {
  if (name === 'isNaN' || name === 'isInf' || name === 'isFinite') t.nonFiniteChecks++;
  if (name === 'isNaN' || name === 'isInf') return NEVER;
  if (name === 'isFinite') return ALWAYS;
  const arg = node.arguments[0] && unwrapExpression(t.tree.ts, node.arguments[0]);
  if ((name === 'any' || name === 'all') && arg && t.tree.ts.isCallExpression(arg) && /^(isNaN|isInf|isFinite)$/.test(t.tf.path(arg.expression) ?? '')) return t.expression(arg, env);
  return undefined;
}

/**
 * JavaScript's own checks (`isNaN(loss.dataSync()[0])`, `Number.isFinite(reward)` of a row of data), unless the file
 * defines a function of that name: guards, false as training normally goes. A check of a setting
 * (`Number.isFinite(clip)` of a factory's parameter) is not a guard: it stays a test, each way read.
 */
export function javaScriptNonFiniteCheck(t: Translator, node: TS.CallExpression, callee: TS.Expression, env: Env): Expr | undefined {
  const ts = t.tree.ts;
  const name = ts.isIdentifier(callee) && !functionOf(t, callee, env) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Number' ? callee.name.text : undefined;
  if (name !== 'isNaN' && name !== 'isFinite') return undefined;
  // Of a setting (a parameter of a named function or factory): a test of its own, each way read.
  if (!node.arguments[0] || isSetting(t, node.arguments[0])) return symbol(t.claimData(name, node), true);
  t.nonFiniteChecks++;
  return name === 'isNaN' ? NEVER : ALWAYS;
}

const NEVER = compare('==', num(1), num(0));
const ALWAYS = compare('==', num(1), num(1));

/**
 * Whether a checked value is a setting rather than data: a parameter of a named function or factory (`makeLoss(clip)`),
 * not of a callback over data (`batch.map((reward) => …)`), and not numbers read back from a tensor.
 */
function isSetting(t: Translator, e: TS.Expression): boolean {
  const ts = t.tree.ts;
  const n = unwrapExpression(ts, e);
  const d = ts.isIdentifier(n) ? resolveIdentifier(t.tree, n) : undefined;
  if (d?.kind !== 'parameter') return false;
  const fn = d.fn;
  const holder = t.tree.parent(fn);
  return !(holder && ts.isCallExpression(holder) && holder.arguments.includes(fn as TS.Expression));
}
