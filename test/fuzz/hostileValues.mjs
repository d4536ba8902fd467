// What hostile input is made of: names that collide with Object.prototype, literals that are not ordinary numbers,
// odd unicode, loss and activation names real and invented, and loss code with missing or undefined operands, for
// TypeScript/JavaScript (TF.js) and Python (Keras, PyTorch, NumPy, JAX).

/** Names that an object used as a map answers without holding them. */
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toLocaleString', 'propertyIsEnumerable'];
export const ODD_NAMES = [...PROTOTYPE_NAMES, 'then', 'length', 'call', 'apply', 'bind', 'default', 'undefined', 'NaN', 'Infinity', '', ' ', '0', 'ŷ', 'a-b', 'Sigmoid', 'SOFTMAX'];

export const TS_LOSS_NAMES = ['meanSquaredError', 'meanAbsoluteError', 'binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'hinge', 'squaredHinge', 'logcosh', 'poisson', 'kullbackLeiblerDivergence', 'cosineProximity', 'mse', 'mae', 'huberLoss', 'binary_crossentropy'];
export const TF_LOSSES = ['sigmoidCrossEntropy', 'softmaxCrossEntropy', 'logLoss', 'meanSquaredError', 'huberLoss', 'absoluteDifference', 'hingeLoss', 'computeWeightedLoss', 'cosineDistance'];
export const PY_LOSS_NAMES = ['mse', 'mae', 'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'hinge', 'kld', 'huber', 'BinaryCrossentropy', 'poisson', 'log_cosh'];
export const TORCH_CRITERIA = ['CrossEntropyLoss', 'BCELoss', 'BCEWithLogitsLoss', 'NLLLoss', 'MSELoss', 'L1Loss', 'SmoothL1Loss', 'KLDivLoss', 'HuberLoss', 'CTCLoss'];
export const ACTIVATION_NAMES = ['sigmoid', 'softmax', 'linear', 'relu', 'tanh', 'softplus', 'elu', 'hardSigmoid', 'relu6', 'selu', 'log_softmax', 'logSoftmax', 'swish', 'gelu', 'softsign', 'exponential'];

export const TS_LITERALS = ['undefined', 'null', 'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e-400', '-0', '0', '0x1F', '0b101', '0o17', '1_000', '10n', '.5', '5.', '1e-7', '1 - 1e-7', "'1e-3'", '`${x}`', 'true', '[]', '{}', '() => 0', 'void 0', 'Number.MAX_VALUE', 'Number.EPSILON', '2 ** 1024', "'constructor'", "'__proto__'", '-(-(-1))', '1/0', '0/0'];
export const PY_LITERALS = ['None', "float('inf')", "float('nan')", '-float("inf")', '1e309', '-1e309', '1e-400', '-0.0', '0', '0x1F', '0b101', '1_000', '1j', 'True', '...', '[]', '{}', 'lambda x: x', "'constructor'", "'__proto__'", 'math.inf', 'np.nan', 'np.inf', '2 ** 1024', '1/0', "'1e-3'", 'K.epsilon()', 'np.finfo(np.float32).eps'];

export const UNICODE = ['\uD800', '\uDFFF', '\uFEFF', '\u202E', '\u200D', '\u200B', '\u0000', '\u0301', '\u2028', '\u2029', '\r', '\r\n', '\t', '\v', '\f', 'ŷ', 'δ', '😀', '\u{10FFFF}', 'Ω', '\u00A0', '\u3000', 'ﬁ', 'ǅ', '𝑥', '\u180E', '\uFFFE', '\u0085'];

export const EXPRESSION_SEEDS = [
  '-(y * log(p) + (1 - y) * log(1 - p))', 'abs(p - y) <= delta ? 0.5 * (p - y)^2 : delta * (abs(p - y) - 0.5 * delta)',
  'max(z, 0) - z * y + log(1 + exp(-abs(z)))', 'clip(p, 1e-7, 1 - 1e-7)', 'sqrt((p - y)^2 + 1e-6)', '(p - y)^2', 'log(cosh(p - y))',
  '-alpha * (1 - p)^gamma * log(p)', '1 - (2 * p * y + 1) / (p + y + 1)', 'max(0, 1 - y * p)^2', 'p - y * log(p)',
];
export const EXPRESSION_PIECES = ['(', ')', '+', '-', '*', '/', '^', '?', ':', ',', '<', '<=', '==', '!', "'", '[', ']', '{', '}', '=', ';', '"', '.', ' ', '\\frac', '\\hat{y}', '\\log', '|', '·', '²', '−',
  'p', 'y', 'z', 'ŷ', 'δ', 'log', 'exp', 'max(', 'sigmoid(', 'clip(', 'foo(', '1e308', '1e-320', '-0', 'NaN', 'Infinity', 'pi', 'e', 'constructor', '__proto__', 'toString', 'undefined', 'sum(', 'mean(', 'Σ'];

/** Operands of a tensor op: real ones, and the missing and undefined values the issue names. */
const TS_OPERANDS = ['yPred', 'yTrue', 'undefined', 'null', '', 'NaN', 'Infinity', '1e309', '{}', '[]', "'p'", 'yPred.constructor', 'tf', 'tf.scalar(undefined)', 'void 0'];
const TS_UNARY = ['sqrt', 'log', 'exp', 'abs', 'square', 'sigmoid', 'softmax', 'log1p', 'neg', 'relu', 'mean', 'sum', 'logSigmoid', 'softplus', 'reciprocal', 'rsqrt'];
const TS_BINARY = ['sub', 'add', 'mul', 'div', 'minimum', 'maximum', 'pow', 'squaredDifference', 'greater', 'lessEqual', 'divNoNan'];

/** A custom TF.js loss whose code has a missing, undefined or odd operand somewhere. */
export function tsHostileLoss(r) {
  const op = () => r.pick(TS_OPERANDS);
  const forms = [
    () => `tf.${r.pick(TS_UNARY)}(${op()})`,
    () => `tf.${r.pick(TS_BINARY)}(${op()}, ${op()})`,
    () => `tf.where(${r.pick(['tf.greater(yPred, 0)', 'c', 'undefined', ''])}, ${op()}, ${op()})`,
    () => `${r.pick(['yPred', 'yTrue', 'undefined', 'tf'])}.${r.pick([...TS_BINARY, ...TS_UNARY])}(${r.chance(0.5) ? op() : ''})`,
    () => `tf.clipByValue(${op()}, ${r.pick(TS_LITERALS)}, ${r.pick(TS_LITERALS)})`,
    () => `tf.losses.${r.pick([...TF_LOSSES, ...PROTOTYPE_NAMES])}(${op()}, ${op()})`,
    () => `tf.${r.pick(PROTOTYPE_NAMES)}(${op()})`,
    () => `yPred.${r.pick(TS_UNARY)}().${r.pick(TS_BINARY)}(${op()}).${r.pick(TS_UNARY)}()`,
  ];
  const body = r.pick(forms)();
  const name = r.pick(['hostileLoss', 'myLoss', 'constructor', '__proto__', 'customLoss', 'focalLoss']);
  const params = r.pick(['yTrue, yPred', 'yTrue', '', 'yTrue, yPred, eps = ' + r.pick(TS_LITERALS), '...args', '{yTrue, yPred}', 'constructor, __proto__']);
  return r.pick([
    () => `const ${name} = (${params}) => ${body};`,
    () => `function ${name}(${params}) {\n  return tf.tidy(() => ${body});\n}`,
    () => `model.compile({optimizer: 'adam', loss: (${params}) => ${body}});`,
    () => `optimizer.minimize(() => ${body});`,
  ])();
}

/** A TF.js model and compile call with hostile loss names, units and activations. */
export function tsHostileCompile(r) {
  const name = () => r.pick([...TS_LOSS_NAMES, ...ODD_NAMES, ...PROTOTYPE_NAMES]);
  const quoted = () => `${r.pick(["'", '"', '`'])}${name()}${r.pick(["'", '"', '`'])}`;
  const loss = r.pick([quoted, () => `tf.losses.${r.pick([...TF_LOSSES, ...PROTOTYPE_NAMES])}`, () => `[${quoted()}, ${quoted()}]`, () => `{${name() || 'out'}: ${quoted()}}`, () => r.pick(TS_LITERALS), () => name() || 'x', () => `${quoted()} + ${quoted()}`])();
  const units = r.pick(['1', '3', '10', ...TS_LITERALS]);
  const activation = r.pick([() => `'${r.pick([...ACTIVATION_NAMES, ...ODD_NAMES])}'`, () => r.pick(TS_LITERALS)])();
  const layer = `tf.layers.dense({units: ${units}, activation: ${activation}})`;
  const model = r.pick([
    () => `const model = tf.sequential({layers: [${layer}]});`,
    () => `const model = tf.sequential();\nmodel.add(${layer});\nmodel.add(tf.layers.activation({activation: ${activation}}));`,
    () => `const out = ${layer}.apply(input);\nconst model = tf.model({inputs: input, outputs: out});`,
    () => '',
  ])();
  const config = r.pick([`{optimizer: 'adam', loss: ${loss}, metrics: [${quoted()}]}`, `{loss: ${loss}}`, `{optimizer: ${loss}}`, loss, '', `{...cfg, loss: ${loss}}`, `{['loss']: ${loss}}`, `{"__proto__": {loss: ${loss}}}`]);
  return `${model}\nmodel.compile(${config});`;
}

const PY_OPERANDS = ['y_pred', 'y_true', 'None', '', "float('nan')", '1e309', '{}', '[]', "'p'", 'output', 'self', '*args', '**kw'];
const PY_UNARY = ['torch.log', 'torch.sqrt', 'torch.exp', 'np.log', 'np.sqrt', 'K.log', 'tf.math.log', 'jnp.log', 'F.softmax', 'torch.sigmoid', 'torch.mean', 'np.mean', 'K.mean', 'F.log_softmax'];
const PY_BINARY = ['torch.where', 'torch.clamp', 'np.clip', 'K.clip', 'torch.maximum', 'np.minimum', 'F.cross_entropy', 'F.binary_cross_entropy', 'F.nll_loss', 'F.mse_loss', 'optax.softmax_cross_entropy'];

/** A Python loss with a missing, None or odd operand. */
export function pyHostileLoss(r) {
  const op = () => r.pick(PY_OPERANDS);
  const body = r.pick([
    () => `${r.pick(PY_UNARY)}(${op()})`,
    () => `${r.pick(PY_BINARY)}(${op()}, ${op()}${r.chance(0.5) ? `, ${op()}` : ''})`,
    () => `${r.pick(['y_pred', 'y_true', 'None'])}.${r.pick(['clamp', 'log', 'sum', 'mean', '__class__', 'constructor', 'sigmoid'])}(${r.chance(0.5) ? op() : ''})`,
    () => `-${r.pick(['torch', 'np', 'K'])}.mean(y_true * ${r.pick(PY_UNARY)}(${op()}) + (1 - y_true) * ${r.pick(PY_UNARY)}(1 - ${op()}))`,
  ])();
  const name = r.pick(['hostile_loss', 'my_loss', '__init__', 'constructor', '__proto__', 'forward', 'focal_loss']);
  const params = r.pick(['y_true, y_pred', 'y_true', '', 'self, input, target', 'y_true, y_pred, eps=' + r.pick(PY_LITERALS), '*args', 'y_true, y_pred, /']);
  return r.pick([
    () => `def ${name}(${params}):\n    return ${body}\n`,
    () => `${name} = lambda ${params}: ${body}\n`,
    () => `loss = ${body}\nloss.backward()\n`,
    () => `class Hostile(nn.Module):\n    def forward(self, input, target):\n        return ${body}\n`,
  ])();
}

/** A Keras or PyTorch model with hostile names, units and activations, and the loss it is trained with. */
export function pyHostileCompile(r) {
  const name = () => r.pick([...PY_LOSS_NAMES, ...ODD_NAMES, ...PROTOTYPE_NAMES]);
  const quoted = () => `${r.pick(["'", '"'])}${name()}${r.pick(["'", '"'])}`;
  const units = r.pick(['1', '3', '10', ...PY_LITERALS]);
  const activation = r.pick([() => `'${r.pick([...ACTIVATION_NAMES, ...ODD_NAMES])}'`, () => r.pick(PY_LITERALS)])();
  const loss = r.pick([quoted, () => `keras.losses.${r.pick([...PY_LOSS_NAMES, ...PROTOTYPE_NAMES])}`, () => `tf.keras.losses.BinaryCrossentropy(from_logits=${r.pick(['True', 'False', 'None', '1', "'yes'"])})`, () => r.pick(PY_LITERALS), () => `[${quoted()}, ${quoted()}]`, () => `{${quoted()}: ${quoted()}}`])();
  return r.pick([
    () => `model = keras.Sequential([layers.Dense(${units}, activation=${activation})])\nmodel.compile(optimizer='adam', loss=${loss})\n`,
    () => `model = Sequential()\nmodel.add(Dense(units=${units}, activation=${activation}))\nmodel.compile(loss=${loss}, metrics=[${quoted()}])\n`,
    () => `criterion = nn.${r.pick([...TORCH_CRITERIA, ...PROTOTYPE_NAMES])}(${r.chance(0.5) ? r.pick(PY_LITERALS) : ''})\nout = model(x)\nloss = criterion(${r.pick(['out', 'F.softmax(out, dim=1)', 'None', ''])}, y)\n`,
    () => `net = nn.Sequential(nn.Linear(4, ${units}), nn.${r.pick(['Softmax', 'Sigmoid', 'LogSoftmax', ...PROTOTYPE_NAMES])}(${r.pick(['dim=1', '', 'dim=None', '1'])}))\nloss = nn.${r.pick(TORCH_CRITERIA)}()(net(x), y)\n`,
  ])();
}
