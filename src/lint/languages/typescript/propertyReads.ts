/**
 * A property read in loss code, `a.name` or `a['name']` with the name written as a string (`this.config['beta']`): a
 * moment of `tf.moments`, a field of what a helper of the file returns, a constant of `Math` or `Number`, a count, or
 * a setting of the loss, with the one number the code gives it when it gives one.
 */
import type * as TS from 'typescript';
import { binary, num, reducedCopy, symbol, type Expr } from '../../engine/expression';
import { assignedField, helperCallOfField, localLiteralField, memberPath, returnedField } from './callFields';
import { memberNumber } from './memberNumbers';
import { constValueOf, resolveIdentifier } from './scope';
import { undefinedHelperOfPrediction, unseenHelperField } from './predictionArguments';
import { unwrapExpression } from './syntaxTree';
import { MATH_CONSTANTS } from './tensorOps';
import type { Translator } from './translate';
import { momentsInput, Unreadable, type Env } from './translationEnv';
import { dataSlice, predictionPart } from './tensorParts';

export function readProperty(t: Translator, node: TS.PropertyAccessExpression | TS.ElementAccessExpression, name: string, env: Env): Expr {
  const ts = t.tree.ts;
  const recv = unwrapExpression(ts, node.expression);
  // `tf.moments(x, 0).variance`, or `m.variance` of `const m = tf.moments(x, 0)`: per element the mean is x itself
  // and the variance the square of x's deviation from it, as when they are destructured.
  const moments = name === 'mean' || name === 'variance' ? momentsInput(t.tree, t.tf, recv) : undefined;
  if (moments) return name === 'mean' ? reducedCopy(t.expression(moments, env), t.tree.start(moments), moments.end) : binary('^', t.expression(moments, env), num(2));
  // `tf.topk(x, k).values`: elements of x (the call notes the sort, which has no gradient); its indices are positions.
  if (isTopk(t, recv)) {
    if (name === 'values') return t.expression(recv, env);
    throw new Unreadable(`the ${name} of tf.topk() are not values of the tensor`, node);
  }
  // A tensor's own properties (`e.size` of a helper's tensor) are counts, never a field of what a helper returns; so
  // are a matrix class's dimensions (`sum / prediction.rows` of a from-scratch network's loss).
  if (name === 'size' || name === 'rank' || name === 'length' || name === 'rows' || name === 'cols' || name === 'columns') return t.count();
  // A field the code gave a value (`result.loss = pgLoss` above).
  const assigned = assignedField(t, recv, name, env);
  if (assigned) return assigned;
  const helperCall = helperCallOfField(t, recv);
  if (helperCall) return returnedField(t, helperCall, name, env);
  const handedOn = ts.isIdentifier(recv) ? env.lookup(recv.text) : undefined;
  if (handedOn?.kind === 'returnedObject') return returnedField(t, handedOn.call, name, handedOn.env);
  // `parts.b.hi` of a local object literal, `p.box.w` of a helper's returned object (`const p = parse(yPred)`): the
  // value written there, never one symbol for every field named `hi` (`a.hi - b.hi` is not 0).
  const literal = localLiteralField(t, node);
  if (literal) return t.expression(literal, env);
  const path = ts.isPropertyAccessExpression(node) ? memberPath(ts, node) : undefined;
  const nestedCall = path && path.names.length >= 2 ? helperCallOfField(t, path.root) : undefined;
  if (nestedCall) return returnedField(t, nestedCall, path!.names.join('.'), env);
  const unseen = undefinedHelperOfPrediction(t, recv, env);
  if (unseen) return unseenHelperField(t, unseen, name, name);
  if (ts.isIdentifier(recv) && recv.text === 'Math' && Object.hasOwn(MATH_CONSTANTS, name)) return num(MATH_CONSTANTS[name]);
  if (ts.isIdentifier(recv) && recv.text === 'Number' && name === 'EPSILON') return num(Number.EPSILON);
  // An upper bound that is no bound (`tf.clipByValue(p, ε, Number.MAX_VALUE)`, as Keras's MSLE writes): past float32's
  // largest number, so Infinity in a tensor.
  if (ts.isIdentifier(recv) && recv.text === 'Number' && (name === 'MAX_VALUE' || name === 'POSITIVE_INFINITY')) return num(Infinity);
  if (t.tf.path(node)) throw new Unreadable(`tf.${t.tf.path(node)} is not a number`, node);
  const ofValue = fieldOfValue(t, recv, name, env);
  if (ofValue) return ofValue;
  if (t.options.mode === 'operation') {
    // An op read on its own: a property the code sets to one number is that number, anything else data.
    const value = memberNumber(t.tree, t.tf, node, { weights: false });
    // Keyed by the whole read: `p.probs` and `q.probs` of a KL between two distributions are two values, not one.
    return value !== undefined ? num(value) : symbol(t.claimData(name, `property:${t.tree.source(node)}`), true);
  }
  const sym = t.claimSymbol(name, `property:${name}`);
  if (!Object.hasOwn(t.parameters, sym) && !t.membersLookedUp.has(sym)) {
    t.membersLookedUp.add(sym);
    const value = memberNumber(t.tree, t.tf, node);
    if (value !== undefined) t.parameters[sym] = value;
  }
  return symbol(sym, false);
}

/** `tf.topk(x, k)` or `x.topk(k)`, written in place or held in a const. */
export function isTopk(t: Translator, node: TS.Expression): boolean {
  const ts = t.tree.ts;
  // `const top = tf.topk(p, k); top.values`
  const e = constValueOf(t.tree, node);
  if (!e || !ts.isCallExpression(e)) return false;
  if (t.tf.path(e.expression) === 'topk') return true;
  const callee = unwrapExpression(ts, e.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'topk' && t.tf.path(callee) === undefined;
}

/**
 * `cfg.prototypeShape`, `this.config.dims`, `CONFIG.sizes`: a field of a setting, an object the loss is given or that
 * lives outside every function (a parameter other than the loss's prediction and target, `this`, an import, a
 * top-level const, a global). A field of an object the loss builds (`parts.pred` of `{ pred: tf.split(yPred, 2) }`)
 * is not one.
 */
export function isSettingField(t: Translator, node: TS.Expression): boolean {
  const ts = t.tree.ts;
  let e = unwrapExpression(ts, node);
  if (!ts.isPropertyAccessExpression(e)) return false;
  while (ts.isPropertyAccessExpression(e)) e = unwrapExpression(ts, e.expression);
  if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(e)) return false;
  const roles = [t.predictionSymbol, t.targetSymbol, ...t.otherPredictions];
  if (roles.includes(e.text)) return false;
  const d = resolveIdentifier(t.tree, e);
  if (!d || d.kind === 'other') return true;
  if (d.kind === 'parameter') return true;
  return d.kind === 'variable' && ts.isSourceFile(d.container) && d.isConst;
}

/**
 * A field of the prediction or the target the loss is given (`out.logits` of a prediction that is an object,
 * `posterior.probs` beside `prior.probs`): the first field of the prediction read is the prediction, and any other one
 * another part of it; the target's fields are data of their own, so `posterior.probs / prior.probs` is never 1. Other
 * parameters are settings (`options?.eps ?? 1e-7`), read by name.
 */
function fieldOfValue(t: Translator, recv: TS.Expression, name: string, env: Env): Expr | undefined {
  const ts = t.tree.ts;
  // A tensor's own properties (`yPred.shape`, `yPred.dtype`) are not fields of a value.
  if (!ts.isIdentifier(recv) || TENSOR_PROPERTIES.has(name)) return undefined;
  const bound = env.lookup(recv.text);
  if (bound?.kind !== 'symbol') return undefined;
  // A matrix class's own dimensions by another name (`sum / yTrue.rows_`, `yPred.numRows`): a count of the target's or
  // prediction's elements, never a part of their values (the target's would be 0 for some targets).
  if ((bound.name === t.predictionSymbol || bound.name === t.targetSymbol) && COUNT_FIELD.test(name)) return t.count();
  if (bound.name === t.predictionSymbol) return predictionField(t, bound.name, name);
  if (bound.name === t.targetSymbol) return dataSlice(t, bound.name, `field:${name}`, `${bound.name}_${name}`);
  return undefined;
}

function predictionField(t: Translator, base: string, name: string): Expr {
  const p = fieldsRead.get(t) ?? new Map<string, string>();
  fieldsRead.set(t, p);
  const first = p.get(base);
  if (first === undefined || first === name) {
    p.set(base, name);
    return symbol(base, true);
  }
  return predictionPart(t, `field:${name}`, undefined, `${base}_${name}`);
}

/**
 * A matrix class's dimensions: `rows_`, `_cols`, `_size`, `numRows`, `nSamples`, `rowCount`. Only names of dimensions:
 * `count`, `houseSize` or `bodyLength` of a target are data (a crowd count, a size to predict), and may be 0.
 */
const COUNT_FIELD = /^_*(?:rows?|cols?|columns?|size|length|numel|(?:num|n)_?(?:rows?|cols?|columns?|samples?|elements?|examples?)|(?:row|col|column|sample|element|example)_?count)_*$/i;

const TENSOR_PROPERTIES = new Set(['shape', 'dtype', 'strides', 'id', 'dataId', 'isDisposed', 'kept', 'rankType', 'scopeId', 'trainable', 'name']);

/** Per translator, the first field read of each prediction symbol: that field is the prediction. */
const fieldsRead = new WeakMap<Translator, Map<string, string>>();

/**
 * `x.shape`, and the arrays made from it by `slice`/`filter`/`concat`: lists of a tensor's dimensions, whose `reduce`
 * (`yPred.shape.slice(1).reduce((a, b) => a * b, 1)`, the elements per row) is a count.
 */
export function isShapeList(t: Translator, node: TS.Expression, depth = 0): boolean {
  const ts = t.tree.ts;
  // `const dims = yTrue.shape.slice(1); dims.reduce(…)`: a const holding one.
  const e = constValueOf(t.tree, node);
  if (!e || depth > 4) return false;
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'shape';
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['slice', 'filter', 'concat'].includes(e.expression.name.text)) {
    return isShapeList(t, e.expression.expression, depth + 1);
  }
  return false;
}
