/**
 * What each TF.js op, Tensor method, tf.losses / tf.metrics function and Math function means per element,
 * in mathjs terms. `args` lists the argument positions that carry values (for a method the receiver is
 * position 0); the others (axes, keepDims, weights, reductions) are not read. Reductions are per element the
 * identity, so a mean or a sum of a per-element loss is that loss; the translation records the reduction.
 */
import { binary, call, compare, conditional, logic, neg, not, num, symbol, type CompareOp, type Expr } from '../../engine/expression';

export interface OpSpec {
  /** Argument positions read; positions after `required` may be absent. */
  args: number[];
  required: number;
  build: (a: (Expr | undefined)[]) => Expr;
  reduction?: 'mean' | 'sum' | 'other';
  /**
   * A max or min over elements: per element it is max(x, the others' max), since the largest element takes the
   * whole gradient and the choice flips where two tie (categorical hinge's max over the wrong classes).
   */
  extremum?: 'max' | 'min';
  /** A reduction op's name (`sum`, `max`, `logSumExp` …), which the softmax-by-hand idioms look for. */
  reduces?: string;
}

const op = (args: number[], build: OpSpec['build'], extra: Partial<OpSpec> = {}): OpSpec => ({ args, required: args.length, build, ...extra });
const unary = (fn: string): OpSpec => op([0], ([x]) => call(fn, [x!]));
const bin = (o: '+' | '-' | '*' | '/' | '^'): OpSpec => op([0, 1], ([a, b]) => binary(o, a!, b!));
const cmp = (o: CompareOp): OpSpec => op([0, 1], ([a, b]) => compare(o, a!, b!));
const same: OpSpec = op([0], ([x]) => x!);
const reduce = (reduction: 'mean' | 'sum' | 'other', reduces: string, extra: Partial<OpSpec> = {}): OpSpec => op([0], ([x]) => x!, { reduction, reduces, ...extra });
const one = num(1);

const square = (x: Expr) => binary('^', x, num(2));
const diff = (p: Expr, y: Expr) => binary('-', p, y);

/** Element-wise ops shared by `tf.<op>(x, …)` and `x.<op>(…)`. */
export const TENSOR_OPS: Readonly<Record<string, OpSpec>> = {
  add: bin('+'), addStrict: bin('+'),
  sub: bin('-'), subStrict: bin('-'),
  mul: bin('*'), mulStrict: bin('*'),
  div: bin('/'), realDiv: bin('/'), divStrict: bin('/'),
  divNoNan: op([0, 1], ([a, b]) => conditional(compare('==', b!, num(0)), num(0), binary('/', a!, b!))),
  pow: bin('^'), powStrict: bin('^'),
  maximum: op([0, 1], ([a, b]) => call('max', [a!, b!])), maximumStrict: op([0, 1], ([a, b]) => call('max', [a!, b!])),
  minimum: op([0, 1], ([a, b]) => call('min', [a!, b!])), minimumStrict: op([0, 1], ([a, b]) => call('min', [a!, b!])),
  squaredDifference: op([0, 1], ([a, b]) => square(diff(a!, b!))),
  square: op([0], ([x]) => square(x!)),
  neg: op([0], ([x]) => neg(x!)),
  reciprocal: op([0], ([x]) => binary('/', one, x!)),
  rsqrt: op([0], ([x]) => binary('/', one, call('sqrt', [x!]))),
  logSigmoid: op([0], ([x]) => neg(call('softplus', [neg(x!)]))),
  relu6: op([0], ([x]) => call('min', [call('relu', [x!]), num(6)])),
  elu: op([0], ([x]) => conditional(compare('>', x!, num(0)), x!, binary('-', call('exp', [x!]), one))),
  leakyRelu: op([0, 1], ([x, alpha]) => call('max', [x!, binary('*', alpha ?? num(0.2), x!)]), { required: 1 }),
  abs: unary('abs'), sign: unary('sign'), round: unary('round'), floor: unary('floor'), ceil: unary('ceil'), log: unary('log'), log1p: unary('log1p'), exp: unary('exp'), expm1: unary('expm1'),
  sqrt: unary('sqrt'), sigmoid: unary('sigmoid'), relu: unary('relu'), softplus: unary('softplus'), tanh: unary('tanh'),
  sin: unary('sin'), cos: unary('cos'), tan: unary('tan'), atan: unary('atan'), asin: unary('asin'), acos: unary('acos'), sinh: unary('sinh'), cosh: unary('cosh'),
  // The inverse hyperbolics by their logs: atanh(±1) (a tanh-squashed action that saturated) is ±Infinity.
  atanh: op([0], ([x]) => binary('*', num(0.5), binary('-', call('log1p', [x!]), call('log1p', [neg(x!)])))),
  asinh: op([0], ([x]) => call('log', [binary('+', x!, call('sqrt', [binary('+', square(x!), one)]))])),
  acosh: op([0], ([x]) => call('log', [binary('+', x!, call('sqrt', [binary('-', square(x!), one)]))])),
  clipByValue: op([0, 1, 2], ([x, lo, hi]) => call('clip', [x!, lo!, hi!])),
  where: op([0, 1, 2], ([c, a, b]) => conditional(c!, a!, b!)),
  less: cmp('<'), lessEqual: cmp('<='), greater: cmp('>'), greaterEqual: cmp('>='), equal: cmp('=='), notEqual: cmp('!='),
  lessStrict: cmp('<'), lessEqualStrict: cmp('<='), greaterStrict: cmp('>'), greaterEqualStrict: cmp('>='), equalStrict: cmp('=='), notEqualStrict: cmp('!='),
  logicalAnd: op([0, 1], ([a, b]) => logic('and', a!, b!)),
  logicalOr: op([0, 1], ([a, b]) => logic('or', a!, b!)),
  logicalNot: op([0], ([a]) => not(a!)),
  // A slice holds some of the tensor's elements: per element, the same values (a detector's confidence column).
  slice: same, stridedSlice: same,
  cast: same, toInt: same, toBool: same, clone: same, reshape: same, squeeze: same, expandDims: same, flatten: same, asType: same, toFloat: same,
  // A transpose holds the same elements, in another order (a contrastive loss's logits.transpose()).
  transpose: same, tile: same,
  convertToTensor: same, asScalar: same, as1D: same, as2D: same, as3D: same, as4D: same, broadcastTo: same, keep: same, identity: same,
  mean: reduce('mean', 'mean'), sum: reduce('sum', 'sum'), max: reduce('other', 'max', { extremum: 'max' }), min: reduce('other', 'min', { extremum: 'min' }),
  prod: reduce('other', 'prod'), logSumExp: reduce('other', 'logSumExp'),
  onesLike: op([0], () => num(1)), zerosLike: op([0], () => num(0)),
  dot: op([0, 1], ([a, b]) => binary('*', a!, b!), { reduction: 'sum' }),
  matMul: op([0, 1], ([a, b]) => binary('*', a!, b!), { reduction: 'sum' }),
  oneHot: op([0], ([x]) => x!),
  softmax: unary('softmax'), logSoftmax: unary('logSoftmax'),
  gather: op([0], ([x]) => x!), gatherND: op([0], ([x]) => x!),
  // `tf.topk(x, k)` gives `{ values, indices }`: its values are elements of x, sorted (propertyReads.ts reads them).
  topk: op([0], ([x]) => x!),
};

/** Tensor constructors whose value argument is a number: `tf.scalar(2)`, `tf.fill(shape, 0.5)`. */
export const CONSTRUCTORS: Readonly<Record<string, number>> = { scalar: 0, tensor: 0, tensor1d: 0, fill: 1 };
export const CONSTANT_TENSORS: Readonly<Record<string, number>> = { ones: 1, zeros: 0 };

/** tfjs-core `tf.losses.*`: (labels, predictions, weights?, …). Written as the catalog writes them. */
export const TF_LOSSES: Readonly<Record<string, OpSpec>> = {
  meanSquaredError: op([0, 1], ([y, p]) => square(diff(p!, y!)), { reduction: 'mean' }),
  absoluteDifference: op([0, 1], ([y, p]) => call('abs', [diff(p!, y!)]), { reduction: 'mean' }),
  huberLoss: op([0, 1, 3], ([y, p, delta]) => huber(y!, p!, delta ?? num(1)), { required: 2, reduction: 'mean' }),
  hingeLoss: op([0, 1], ([y, p]) => call('max', [binary('-', one, binary('*', binary('-', binary('*', num(2), y!), one), p!)), num(0)]), { reduction: 'mean' }),
  logLoss: op([0, 1, 3], ([y, p, eps]) => logLoss(y!, p!, eps ?? num(1e-7)), { required: 2, reduction: 'mean' }),
  sigmoidCrossEntropy: op([0, 1], ([y, z]) =>
    binary('+', binary('-', call('max', [z!, num(0)]), binary('*', z!, y!)), call('log', [binary('+', one, call('exp', [neg(call('abs', [z!]))]))])),
  { reduction: 'mean' }),
  softmaxCrossEntropy: op([0, 1], ([y, z]) => binary('*', y!, call('softplus', [binary('-', symbol('c', false), z!)])), { reduction: 'mean' }),
  cosineDistance: op([0, 1], ([y, p]) => neg(binary('*', y!, p!)), { reduction: 'mean' }),
  computeWeightedLoss: op([0], ([x]) => x!, { reduction: 'mean' }),
};

/** tfjs-layers `tf.metrics.*` (yTrue, yPred), which clip like the compile-time losses do. */
export const TF_METRICS: Readonly<Record<string, OpSpec>> = {
  binaryCrossentropy: op([0, 1], ([y, p]) => bce(y!, clipped(p!)), { reduction: 'mean' }),
  categoricalCrossentropy: op([0, 1], ([y, p]) => neg(binary('*', y!, call('log', [clipped(p!)]))), { reduction: 'sum' }),
  meanSquaredError: TF_LOSSES.meanSquaredError, MSE: TF_LOSSES.meanSquaredError, mse: TF_LOSSES.meanSquaredError,
  meanAbsoluteError: TF_LOSSES.absoluteDifference,
  meanAbsolutePercentageError: op([0, 1], ([y, p]) => mape(y!, p!), { reduction: 'mean' }),
  MAPE: op([0, 1], ([y, p]) => mape(y!, p!), { reduction: 'mean' }),
  mape: op([0, 1], ([y, p]) => mape(y!, p!), { reduction: 'mean' }),
  cosineProximity: op([0, 1], ([y, p]) => neg(binary('*', y!, p!)), { reduction: 'sum' }),
  // Metrics that compare (tfjsGradients.ts METRIC_KERNELS): per element, whether the prediction thresholded at 0.5
  // (or its arg-max) is the label, a step of the prediction without a gradient.
  binaryAccuracy: op([0, 1], ([y, p]) => compare('==', y!, compare('>', p!, num(0.5))), { reduction: 'mean' }),
  categoricalAccuracy: op([0, 1], ([y, p]) => compare('==', y!, p!), { reduction: 'mean' }),
  sparseCategoricalAccuracy: op([0, 1], ([y, p]) => compare('==', y!, p!), { reduction: 'mean' }),
  precision: op([0, 1], ([y, p]) => binary('*', y!, compare('>', p!, num(0.5))), { reduction: 'mean' }),
  recall: op([0, 1], ([y, p]) => binary('*', y!, compare('>', p!, num(0.5))), { reduction: 'mean' }),
};

/** `Math.*` functions and constants for scalar losses. */
export const MATH_FUNCTIONS: Readonly<Record<string, { min: number; max: number; build: (a: Expr[]) => Expr }>> = {
  abs: fn1('abs'), sign: fn1('sign'), round: fn1('round'), floor: fn1('floor'), ceil: fn1('ceil'), exp: fn1('exp'), expm1: fn1('expm1'), log: fn1('log'), log1p: fn1('log1p'), log2: fn1('log2'),
  log10: fn1('log10'), sqrt: fn1('sqrt'), cbrt: fn1('cbrt'), sin: fn1('sin'), cos: fn1('cos'), tan: fn1('tan'), atan: fn1('atan'), asin: fn1('asin'), acos: fn1('acos'),
  sinh: fn1('sinh'), cosh: fn1('cosh'), tanh: fn1('tanh'),
  pow: { min: 2, max: 2, build: ([a, b]) => binary('^', a, b) },
  max: { min: 2, max: 16, build: (a) => call('max', a) },
  min: { min: 2, max: 16, build: (a) => call('min', a) },
};

export const MATH_CONSTANTS: Readonly<Record<string, number>> = {
  PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E, SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2,
};

function fn1(name: string) {
  return { min: 1, max: 1, build: (a: Expr[]) => call(name, a) };
}

function huber(y: Expr, p: Expr, delta: Expr): Expr {
  const err = call('abs', [diff(p, y)]);
  return conditional(
    compare('<=', err, delta),
    binary('*', num(0.5), square(diff(p, y))),
    binary('*', delta, binary('-', err, binary('*', num(0.5), delta))),
  );
}

function logLoss(y: Expr, p: Expr, eps: Expr): Expr {
  return neg(
    binary('+', binary('*', y, call('log', [binary('+', p, eps)])), binary('*', binary('-', one, y), call('log', [binary('+', binary('-', one, p), eps)]))),
  );
}

function bce(y: Expr, p: Expr): Expr {
  return neg(binary('+', binary('*', y, call('log', [p])), binary('*', binary('-', one, y), call('log', [binary('-', one, p)]))));
}

function clipped(p: Expr): Expr {
  return call('clip', [p, num(1e-7), binary('-', one, num(1e-7))]);
}

function mape(y: Expr, p: Expr): Expr {
  return binary('*', num(100), call('abs', [binary('/', diff(y, p), call('max', [call('abs', [y]), num(1e-7)]))]));
}
