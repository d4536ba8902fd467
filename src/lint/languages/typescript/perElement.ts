/**
 * What an op means per element where its arguments say more than its name: slices from different rows of the
 * prediction are different outputs, a max over an axis that drops it is a per-sample term with a kink where two
 * elements tie, and softmax / log-softmax written out read as the functions they are. Reductions are tagged with
 * their name on the way, so the softmax idioms can be recognised from the parts.
 */
import type * as TS from 'typescript';
import { applied, binary, call, neg, num, symbol, type Expr } from '../../engine/expression';
import { constValueOf, resolveIdentifier } from './scope';
import { unwrapExpression } from './syntaxTree';
import { TENSOR_OPS, type OpSpec } from './tensorOps';
import type { Translator } from './translate';
import { numericValue, type Env } from './translationEnv';
import { dataSlice, predictionSlice } from './tensorParts';
import { noteColumns } from './outputColumns';
import { resolveModel } from './modelResolution';

/** The per-element reading of an op whose generic reading (`spec.build`) is `built`. */
export function perElement(t: Translator, spec: OpSpec, args: readonly TS.Expression[], values: readonly (Expr | undefined)[], built: Expr, node: TS.Node, keyOf: (arg: TS.Expression) => string = (a) => t.tree.compactSource(a)): Expr {
  // Slices from different rows of the prediction (a triplet loss's anchors, positives, negatives) are different outputs,
  // and so are rows gathered at different indices (`x.gather(neighbours[i]).sub(x.gather(i))` of a layout's positions).
  const rows = spec === TENSOR_OPS.slice || spec === TENSOR_OPS.stridedSlice || (spec === TENSOR_OPS.gather && !args.slice(0, 1).some((a) => isRowsOf(t, a)));
  if (rows && values[0] && values[0].text === t.predictionSymbol && args[1]) {
    const part = predictionSlice(t, keyOf(args[1]), heldAs(t, node));
    if (part && spec === TENSOR_OPS.slice) noteColumns(t, args, part.text, part.text === t.predictionSymbol);
    if (part) return part;
  }
  // An optimised image's slices (its pixels' neighbours in a total variation) are values of their own.
  if (rows && values[0] && args[1] && t.optimisedInputs.has(values[0].text)) return dataSlice(t, values[0].text, keyOf(args[1]), heldAs(t, node));
  // The target's slices likewise: `target[1:] - target[:-1]` is not 0; and any other data's (columns of a batch
  // packed into one tensor).
  const isTarget = values[0]?.text === t.targetSymbol;
  if (rows && values[0] && args[1] && (isTarget || (t.dataSymbols.has(values[0].text) && !t.dependsOnPrediction(values[0])))) {
    return dataSlice(t, values[0].text, keyOf(args[1]), isTarget ? undefined : heldAs(t, node));
  }
  // The values of `tf.topk(x, k)` are x sorted: each is an order statistic, which switches elements where two tie.
  const sorted = spec === TENSOR_OPS.topk && t.dependsOnPrediction(built);
  if (sorted || (spec.extremum && reducesToTerm(t, args) && t.dependsOnPrediction(built))) {
    // Over the last axis of a one-unit model's output (a DDPG critic's `predict([s, a]).max(-1)`), the value itself.
    if (!sorted && overOneUnit(t, args)) return built;
    return call(spec.extremum ?? 'max', [built, symbol(t.claimData(spec.extremum === 'min' ? 'othersMin' : 'othersMax', node), false)]);
  }
  if (spec.reduces && values[0] && built === values[0]) return { ...built, shape: { kind: 'apply', fn: `reduce:${spec.reduces}`, args: [values[0]] } };
  return softmaxByHand(spec, values, built);
}

/** The name a value is kept under (`const advantages = batch.slice([0, 3], [-1, 1]).squeeze([1])`), through a method chain. */
function heldAs(t: Translator, node: TS.Node): string | undefined {
  const ts = t.tree.ts;
  let n: TS.Node = node;
  for (let p = t.tree.parent(n); p; n = p, p = t.tree.parent(p)) {
    if (ts.isVariableDeclaration(p) && p.initializer === n) return ts.isIdentifier(p.name) ? p.name.text : undefined;
    const chained = (ts.isPropertyAccessExpression(p) && p.expression === n) || (ts.isCallExpression(p) && p.expression === n) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p);
    if (!chained) return undefined;
  }
  return undefined;
}

/**
 * Whether a tensor is itself rows taken from another (`dist.gather(m)` in `dist.gather(m).gather(action)`, directly or
 * by a const holding it): a gather from it picks within the row, not another row of the prediction.
 */
function isRowsOf(t: Translator, node: TS.Expression): boolean {
  const ts = t.tree.ts;
  const e = constValueOf(t.tree, node);
  if (!e || !ts.isCallExpression(e)) return false;
  const callee = unwrapExpression(ts, e.expression);
  const name = t.tf.path(e.expression) ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined);
  return name === 'gather' || name === 'slice' || name === 'stridedSlice';
}

const reducedBy = (e: Expr | undefined, name: string): Expr | undefined => applied(e, `reduce:${name}`)?.[0];
const appliedTo = (e: Expr | undefined, fn: string): Expr | undefined => applied(e, fn)?.[0];

/**
 * Softmax and log-softmax written out, read per element as the functions they are (in their two-class form, as the
 * core reads softmax): `x - logSumExp(x)` and `s - log(sum(exp(s)))` with `s = x - max(x)` are logSoftmax(x),
 * `exp(s) / sum(exp(s))` is softmax(x). Unshifted, `exp(x) / sum(exp(x))` is exp(x) / (1 + exp(x)), whose exp
 * overflows as the real one does. Per element a sum is its term, so without this the shifted max would vanish
 * and the sum lose the top class's exp(0) = 1: an overflow and a log(0) that the idiom exists to prevent.
 */
function softmaxByHand(spec: OpSpec, values: readonly (Expr | undefined)[], built: Expr): Expr {
  const [a, b] = values;
  // `log(sum(exp(s)))` with `s = x - max(x)`: the log-sum-exp of the row, computed stably (the top class's exp(0) = 1
  // keeps the sum at 1 or more). In the two-class form it is softplus(x), and it is tagged so that `s - lse` and
  // `lse - s` are read as the log-softmax they are.
  const shiftedSum = spec === TENSOR_OPS.log && a ? appliedTo(appliedTo(reducedBy(a, 'sum'), 'exp'), 'maxShift') : undefined;
  if (shiftedSum) return { ...call('softplus', [shiftedSum]), shape: { kind: 'apply', fn: 'reduce:shiftedLogSumExp', args: [shiftedSum] } };
  if (!a || !b) return built;
  if (spec === TENSOR_OPS.sub) {
    if (reducedBy(b, 'logSumExp')?.text === a.text) return call('logSoftmax', [a]);
    // Only the shifted values minus the shifted log-sum-exp (or the reverse) are the log-softmax: `x - lse` without the
    // max added back is not.
    const from = appliedTo(a, 'maxShift');
    if (from && reducedBy(b, 'shiftedLogSumExp')?.text === from.text) return call('logSoftmax', [from]);
    const fromB = appliedTo(b, 'maxShift');
    if (fromB && reducedBy(a, 'shiftedLogSumExp')?.text === fromB.text) return neg(call('logSoftmax', [fromB]));
    if (reducedBy(b, 'max')?.text === a.text) return { ...built, shape: { kind: 'apply', fn: 'maxShift', args: [a] } };
    const shiftedFrom = appliedTo(a, 'maxShift');
    const summed = reducedBy(appliedTo(b, 'log'), 'sum');
    if (shiftedFrom && appliedTo(summed, 'exp')?.text === a.text) return call('logSoftmax', [shiftedFrom]);
  }
  if (spec === TENSOR_OPS.div && reducedBy(b, 'sum')?.text === a.text) {
    const u = appliedTo(a, 'exp');
    const shiftedFrom = appliedTo(u, 'maxShift');
    if (shiftedFrom) return call('softmax', [shiftedFrom]);
    if (u) return binary('/', a, binary('+', num(1), a));
  }
  return built;
}

/**
 * A max over an axis that drops it (`tf.max(x, -1)`): a per-sample term of the loss, such as the categorical hinge's
 * largest wrong class. With `keepDims` or over everything (`x - tf.max(x, -1, true)`, `x.div(tf.max(x))`) it is a
 * shift or a scale broadcast back over the elements, where per element it is the element itself (the top class).
 */
/** Whether a reduction is over the last axis of a model output that has one unit there: `critic.predict(x).max(-1)`. */
function overOneUnit(t: Translator, args: readonly TS.Expression[]): boolean {
  const ts = t.tree.ts;
  const axis = args[1] && numericValue(ts, args[1]);
  const x = args[0] && unwrapExpression(ts, args[0]);
  if ((axis !== -1 && axis !== 1) || !x || !ts.isCallExpression(x)) return false;
  const callee = unwrapExpression(ts, x.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(?:predict|predictOnBatch|apply|call)$/.test(callee.name.text)) return false;
  return resolveModel(t.tree, t.tf, callee.expression)?.units === 1;
}

function reducesToTerm(t: Translator, args: readonly TS.Expression[]): boolean {
  const ts = t.tree.ts;
  const axis = args[1] && unwrapExpression(ts, args[1]);
  const keepDims = args[2] && unwrapExpression(ts, args[2]);
  const noAxis = !axis || axis.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(axis) && axis.text === 'undefined');
  return !noAxis && keepDims?.kind !== ts.SyntaxKind.TrueKeyword;
}

/**
 * What picks a slice, as a key: the source (`[0, 3]`, `i`), or for a helper's parameter (`select(out, index)` called
 * with `centerXIndex` and `widthIndex`) the number each call binds it to, so each call's slice is a part of its own.
 */
export function indexKey(t: Translator, arg: TS.Expression, env: Env): string {
  const ts = t.tree.ts;
  const n = unwrapExpression(ts, arg);
  const b = ts.isIdentifier(n) && resolveIdentifier(t.tree, n)?.kind === 'parameter' ? env.lookup(n.text) : undefined;
  const bound = b?.kind === 'value' ? b.expr : b?.kind === 'lazy' ? (b.cached ??= b.compute()) : undefined;
  return bound?.shape?.kind === 'num' ? `#${bound.shape.value}` : t.tree.compactSource(arg);
}
