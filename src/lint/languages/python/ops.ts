/**
 * What the element-wise functions of PyTorch, NumPy, JAX, TensorFlow and Keras mean per element, in mathjs
 * terms. Functions are looked up by their last name once the module is known to be one of those libraries
 * (`torch.clamp`, `np.clip`, `tf.clip_by_value`, `K.clip`, `jnp.clip` are all `clip`), and the same names serve
 * tensor methods (`x.clamp(min=eps)`, `p.log()`, `loss.mean()`), with the receiver as argument 0. Each argument is
 * found by position or by any of its keyword names. Reductions are the identity per element; the translation
 * records them. Built-in losses called inside custom code are written as the framework computes them.
 */
import { binary, call, compare, conditional, logic, neg, not, num, symbol, type CompareOp, type Expr } from '../../engine/expression';

export type ArgSpec = readonly [position: number, ...keywords: string[]];

export interface PyOpSpec {
  args: readonly ArgSpec[];
  /** Arguments after this many may be absent (their value is then undefined). */
  required: number;
  /** `a` holds the arguments read as values; `texts` the ones written as strings (`ord='fro'`), by the same index. */
  build: (a: (Expr | undefined)[], texts: readonly (string | undefined)[]) => Expr | undefined;
  /** Arguments that may be written as a string (`ord='fro'`): given to `build` as text instead of a value. */
  textArgs?: readonly number[];
  reduction?: 'mean' | 'sum' | 'other';
  /** A log-probability or probability op (`softmax`, `log_softmax` …): the translation treats it specially. */
  activation?: 'softmax' | 'log_softmax' | 'sigmoid' | 'logsigmoid';
}

const X: ArgSpec = [0, 'input', 'x', 'a', 'self', 't', 'tensor'];
const Y: ArgSpec = [1, 'other', 'y', 'x2', 'b'];
const spec = (args: readonly ArgSpec[], build: PyOpSpec['build'], extra: Partial<PyOpSpec> = {}): PyOpSpec => ({ args, required: args.length, build, ...extra });
const unary = (fn: string): PyOpSpec => spec([X], ([x]) => call(fn, [x!]));
/** `np.round(x)`, `torch.round(x)`: to an integer; to some decimals (`np.round(x, 3)`) it is another step, not read. */
const ROUND = spec([X, [1, 'decimals', 'ndigits']], ([x, d]) => (d === undefined || (d.shape?.kind === 'num' && d.shape.value === 0) ? call('round', [x!]) : undefined), { required: 1 });
const bin = (o: '+' | '-' | '*' | '/' | '^'): PyOpSpec => spec([X, Y], ([a, b]) => binary(o, a!, b!));
const cmp = (o: CompareOp): PyOpSpec => spec([X, Y], ([a, b]) => compare(o, a!, b!));
const same: PyOpSpec = spec([X], ([x]) => x);
const reduce = (reduction: 'mean' | 'sum' | 'other'): PyOpSpec => spec([X], ([x]) => x, { reduction });
const one = num(1);
const square = (x: Expr) => binary('^', x, num(2));
const diff = (p: Expr, y: Expr) => binary('-', p, y);

/**
 * A vector norm by its order, per element: |e| for the 2-norm (the default, `2`, `'euclidean'`, `'fro'`), `1` and
 * `inf`; other orders are unread. `rootAtZero`: the 2-norm is the root it is computed as, sqrt(e²), whose gradient
 * at a perfect fit is NaN where autodiff goes through the root.
 */
function vectorNorm(rootAtZero: boolean): PyOpSpec {
  return spec([X, [1, 'ord', 'p']], ([x, ord], [, text]) => {
    const order = text !== undefined ? ({ euclidean: 2, fro: 2, '2': 2, '1': 1, inf: Infinity } as Record<string, number>)[text] : ord === undefined ? 2 : ord.shape?.kind === 'num' ? ord.shape.value : undefined;
    if (order === 2 && rootAtZero) return call('sqrt', [square(x!)]);
    return order === 1 || order === 2 || order === Infinity ? call('abs', [x!]) : undefined;
  }, { reduction: 'other', required: 1, textArgs: [1] });
}

/** `jnp.linalg.norm`, `tf.norm`, `tf.linalg.norm`: differentiated through the root (NaN at a zero vector). */
export const ROOT_NORM = vectorNorm(true);

/** `clip(x, lo, hi)` with either bound possibly absent (torch.clamp(min=eps)). */
function clip(x: Expr, lo: Expr | undefined, hi: Expr | undefined): Expr | undefined {
  if (lo && hi) return call('clip', [x, lo, hi]);
  if (lo) return call('max', [x, lo]);
  if (hi) return call('min', [x, hi]);
  return undefined;
}

const CLIP_LO = ['min', 'a_min', 'clip_value_min', 'x_min', 'min_value', 'lower'];
const CLIP_HI = ['max', 'a_max', 'clip_value_max', 'x_max', 'max_value', 'upper'];

/** Element-wise functions and methods, by last name. */
export const ELEMENTWISE: Readonly<Record<string, PyOpSpec>> = {
  // Products that sum over an axis (`np.dot(np.log(A), Y.T)`): per element, the product, reduced by a sum.
  dot: spec([X, Y], ([a, b]) => binary('*', a!, b!), { reduction: 'sum' }), matmul: spec([X, Y], ([a, b]) => binary('*', a!, b!), { reduction: 'sum' }),
  inner: spec([X, Y], ([a, b]) => binary('*', a!, b!), { reduction: 'sum' }), mm: spec([X, Y], ([a, b]) => binary('*', a!, b!), { reduction: 'sum' }),
  add: bin('+'), subtract: bin('-'), sub: bin('-'), multiply: bin('*'), mul: bin('*'), divide: bin('/'), div: bin('/'), true_divide: bin('/'),
  pow: spec([X, [1, 'exponent', 'y', 'x2']], ([a, b]) => binary('^', a!, b!)), power: spec([X, [1, 'exponent', 'y', 'x2']], ([a, b]) => binary('^', a!, b!)),
  float_power: spec([X, [1, 'exponent']], ([a, b]) => binary('^', a!, b!)),
  negative: spec([X], ([x]) => neg(x!)), neg: spec([X], ([x]) => neg(x!)),
  square: spec([X], ([x]) => square(x!)), reciprocal: spec([X], ([x]) => binary('/', one, x!)),
  rsqrt: spec([X], ([x]) => binary('/', one, call('sqrt', [x!]))),
  squared_difference: spec([X, Y], ([a, b]) => square(diff(a!, b!))),
  log: unary('log'), log1p: unary('log1p'), log2: unary('log2'), log10: unary('log10'), exp: unary('exp'), expm1: unary('expm1'),
  sqrt: unary('sqrt'), abs: unary('abs'), absolute: unary('abs'), fabs: unary('abs'), sign: unary('sign'), round: ROUND, around: ROUND, rint: unary('round'), floor: unary('floor'), ceil: unary('ceil'), tanh: unary('tanh'),
  sin: unary('sin'), cos: unary('cos'), sinh: unary('sinh'), cosh: unary('cosh'), arctan: unary('atan'), atan: unary('atan'), arcsin: unary('asin'), asin: unary('asin'), arccos: unary('acos'), acos: unary('acos'),
  sigmoid: spec([X], ([x]) => call('sigmoid', [x!]), { activation: 'sigmoid' }), expit: spec([X], ([x]) => call('sigmoid', [x!]), { activation: 'sigmoid' }),
  softplus: unary('softplus'), relu: unary('relu'),
  logsigmoid: spec([X], ([x]) => neg(call('softplus', [neg(x!)])), { activation: 'logsigmoid' }),
  log_sigmoid: spec([X], ([x]) => neg(call('softplus', [neg(x!)])), { activation: 'logsigmoid' }),
  softmax: spec([X], ([x]) => call('sigmoid', [x!]), { activation: 'softmax' }),
  log_softmax: spec([X], ([x]) => neg(call('softplus', [neg(x!)])), { activation: 'log_softmax' }),
  logaddexp: spec([X, Y], ([a, b]) => call('log', [binary('+', call('exp', [a!]), call('exp', [b!]))])),
  clamp: spec([X, [1, ...CLIP_LO], [2, ...CLIP_HI]], ([x, lo, hi]) => clip(x!, lo, hi), { required: 1 }),
  clip: spec([X, [1, ...CLIP_LO], [2, ...CLIP_HI]], ([x, lo, hi]) => clip(x!, lo, hi), { required: 1 }),
  clip_by_value: spec([X, [1, ...CLIP_LO], [2, ...CLIP_HI]], ([x, lo, hi]) => clip(x!, lo, hi), { required: 1 }),
  clamp_min: spec([X, [1, 'min']], ([x, lo]) => call('max', [x!, lo!])),
  clamp_max: spec([X, [1, 'max']], ([x, hi]) => call('min', [x!, hi!])),
  maximum: spec([X, Y], ([a, b]) => call('max', [a!, b!])), minimum: spec([X, Y], ([a, b]) => call('min', [a!, b!])),
  fmax: spec([X, Y], ([a, b]) => call('max', [a!, b!])), fmin: spec([X, Y], ([a, b]) => call('min', [a!, b!])),
  where: spec([[0, 'condition', 'cond'], [1, 'x', 'input', 'self'], [2, 'y', 'other']], ([c, a, b]) => conditional(c!, a!, b!)),
  greater: cmp('>'), gt: cmp('>'), greater_equal: cmp('>='), ge: cmp('>='), less: cmp('<'), lt: cmp('<'), less_equal: cmp('<='), le: cmp('<='),
  equal: cmp('=='), eq: cmp('=='), not_equal: cmp('!='), ne: cmp('!='),
  logical_and: spec([X, Y], ([a, b]) => logic('and', a!, b!)), logical_or: spec([X, Y], ([a, b]) => logic('or', a!, b!)),
  logical_not: spec([X], ([a]) => not(a!)),
  cast: same, float: same, double: same, half: same, to: same, type: same, astype: same, reshape: same, view: same, view_as: same,
  squeeze: same, unsqueeze: same, flatten: same, ravel: same, expand_dims: same, detach: same, contiguous: same, clone: same, copy: same,
  cat: same, concat: same, concatenate: same, stack: same, hstack: same, vstack: same, masked_fill: same, constant: same,
  asarray: same, array: same, asanyarray: same, ascontiguousarray: same, atleast_1d: same, atleast_2d: same, atleast_3d: same, tensor: same, from_numpy: same, convert_to_tensor: same, cpu: same, cuda: same, stop_gradient: same, identity: same, float32: same, float64: same,
  mean: reduce('mean'), reduce_mean: reduce('mean'), nanmean: reduce('mean'), average: reduce('mean'),
  sum: reduce('sum'), reduce_sum: reduce('sum'), nansum: reduce('sum'),
  prod: reduce('other'), reduce_prod: reduce('other'), reduce_max: reduce('other'), reduce_min: reduce('other'), amax: reduce('other'), amin: reduce('other'),
  logsumexp: reduce('other'), reduce_logsumexp: reduce('other'),
  // `torch.norm(y - p)`, `np.linalg.norm(y - p)`: per element |e| (PyTorch's norm backward is 0 at a zero vector,
  // measured with torch 1.13, and NumPy is not differentiated). JAX's and TensorFlow's are ROOT_NORM.
  norm: vectorNorm(false), vector_norm: vectorNorm(false),
  ones_like: spec([X], () => num(1)), zeros_like: spec([X], () => num(0)),
};

/** `torch.max(a, b)` is element-wise, `torch.max(x)` and `torch.max(x, dim)` reduce. */
export const MAX_MIN = new Set(['max', 'min']);

/** Constants of the libraries, by full canonical path or last name. */
export const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI, e: Math.E, inf: Infinity, Inf: Infinity, infty: Infinity,
};

/** Functions that return a constant: Keras's fuzz factor. */
export const CONSTANT_CALLS: Readonly<Record<string, number>> = { epsilon: 1e-7 };

function huber(p: Expr, y: Expr, delta: Expr): Expr {
  const err = call('abs', [diff(p, y)]);
  return conditional(compare('<=', err, delta), binary('*', num(0.5), square(diff(p, y))), binary('*', delta, binary('-', err, binary('*', num(0.5), delta))));
}

function bce(y: Expr, p: Expr): Expr {
  return neg(binary('+', binary('*', y, call('log', [p])), binary('*', binary('-', one, y), call('log', [binary('-', one, p)]))));
}

/** PyTorch's binary_cross_entropy clamps each log at -100: log(max(p, e^-100)) in float32. */
function torchBce(y: Expr, p: Expr): Expr {
  const floor = num(3.8e-44);
  return neg(binary('+', binary('*', y, call('log', [call('max', [p, floor])])), binary('*', binary('-', one, y), call('log', [call('max', [binary('-', one, p), floor])]))));
}

function logitsBce(z: Expr, y: Expr): Expr {
  return binary('+', binary('-', call('max', [z, num(0)]), binary('*', z, y)), call('log1p', [call('exp', [neg(call('abs', [z]))])]));
}

function kerasClip(p: Expr): Expr {
  return call('clip', [p, num(1e-7), binary('-', one, num(1e-7))]);
}

/** Built-in loss functions called in custom code, by full canonical path: (prediction, target) positions differ. */
export const LOSS_FUNCTIONS: Readonly<Record<string, PyOpSpec>> = {
  'torch.nn.functional.mse_loss': spec([[0, 'input'], [1, 'target']], ([p, y]) => square(diff(p!, y!)), { reduction: 'mean' }),
  'torch.nn.functional.l1_loss': spec([[0, 'input'], [1, 'target']], ([p, y]) => call('abs', [diff(p!, y!)]), { reduction: 'mean' }),
  'torch.nn.functional.smooth_l1_loss': spec([[0, 'input'], [1, 'target'], [3, 'beta']], ([p, y, d]) => huber(p!, y!, d ?? one), { required: 2, reduction: 'mean' }),
  'torch.nn.functional.huber_loss': spec([[0, 'input'], [1, 'target'], [3, 'delta']], ([p, y, d]) => huber(p!, y!, d ?? one), { required: 2, reduction: 'mean' }),
  'torch.nn.functional.binary_cross_entropy': spec([[0, 'input'], [1, 'target']], ([p, y]) => torchBce(y!, p!), { reduction: 'mean' }),
  'torch.nn.functional.binary_cross_entropy_with_logits': spec([[0, 'input'], [1, 'target']], ([z, y]) => logitsBce(z!, y!), { reduction: 'mean' }),
  'torch.nn.functional.cross_entropy': spec([[0, 'input'], [1, 'target']], ([z, y]) => binary('*', y!, call('softplus', [binary('-', symbol('c', false), z!)])), { reduction: 'mean' }),
  'torch.nn.functional.nll_loss': spec([[0, 'input'], [1, 'target']], ([lp, y]) => neg(binary('*', y!, lp!)), { reduction: 'mean' }),
  'keras.losses.binary_crossentropy': spec([[0, 'y_true'], [1, 'y_pred']], ([y, p]) => bce(y!, kerasClip(p!)), { reduction: 'mean' }),
  'keras.backend.binary_crossentropy': spec([[0, 'target'], [1, 'output']], ([y, p]) => bce(y!, kerasClip(p!))),
  'keras.losses.categorical_crossentropy': spec([[0, 'y_true'], [1, 'y_pred']], ([y, p]) => neg(binary('*', y!, call('log', [kerasClip(p!)]))), { reduction: 'sum' }),
  'keras.backend.categorical_crossentropy': spec([[0, 'target'], [1, 'output']], ([y, p]) => neg(binary('*', y!, call('log', [kerasClip(p!)]))), { reduction: 'sum' }),
  'keras.losses.mean_squared_error': spec([[0, 'y_true'], [1, 'y_pred']], ([y, p]) => square(diff(p!, y!)), { reduction: 'mean' }),
  'keras.losses.mse': spec([[0, 'y_true'], [1, 'y_pred']], ([y, p]) => square(diff(p!, y!)), { reduction: 'mean' }),
  'keras.losses.mean_absolute_error': spec([[0, 'y_true'], [1, 'y_pred']], ([y, p]) => call('abs', [diff(p!, y!)]), { reduction: 'mean' }),
  'keras.losses.mae': spec([[0, 'y_true'], [1, 'y_pred']], ([y, p]) => call('abs', [diff(p!, y!)]), { reduction: 'mean' }),
  'optax.l2_loss': spec([[0, 'predictions'], [1, 'targets']], ([p, y]) => binary('*', num(0.5), square(y ? diff(p!, y) : p!)), { required: 1 }),
  'optax.squared_error': spec([[0, 'predictions'], [1, 'targets']], ([p, y]) => square(y ? diff(p!, y) : p!), { required: 1 }),
  'optax.huber_loss': spec([[0, 'predictions'], [1, 'targets'], [2, 'delta']], ([p, y, d]) => huber(p!, y ?? num(0), d ?? one), { required: 1 }),
  'optax.sigmoid_binary_cross_entropy': spec([[0, 'logits'], [1, 'labels']], ([z, y]) => logitsBce(z!, y!)),
  'optax.softmax_cross_entropy': spec([[0, 'logits'], [1, 'labels']], ([z, y]) => binary('*', y!, call('softplus', [binary('-', symbol('c', false), z!)])), { reduction: 'sum' }),
};
