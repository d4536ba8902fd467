// Cases a review of the forward-pass, per-output, GAN and options-object readings found; each pins the behaviour.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test('this.predict(x) in a tf.Sequential subclass with no predict of its own is the class model', () => {
  const text = `${HEADER}export class Net extends tf.Sequential {
  constructor() {
    super();
    this.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
    this.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  }
  step(opt, xs, ys) {
    return opt.minimize(() => tf.losses.sigmoidCrossEntropy(ys, this.predict(xs)));
  }
}
`;
  assert.deepEqual(am(lint.lintText(text, 'net.js')), [9]);
});

test('a forward pass that calls itself through many returns is followed once: the file is read whole', { timeout: 120_000 }, () => {
  const returns = Array.from({ length: 14 }, (_, i) => `    if (k === ${i}) return this.predict(x.add(${i}), k - 1);`).join('\n');
  const calls = Array.from({ length: 30 }, (_, j) => `    console.log(tf.losses.sigmoidCrossEntropy(ys, this.predict(xs, ${j})).dataSync());`).join('\n');
  const text = `${HEADER}export class Agent {
  constructor() { this.model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' })] }); }
  predict(x, k) {
${returns}
    return this.model.predict(x);
  }
  report(xs, ys) {
${calls}
  }
}
`;
  const r = lint.lintText(text, 'agent.js');
  assert.equal(r.incomplete ?? false, false, r.incompleteReason);
});

test('a single loss written as an object or a one-element list keeps the targets of the model it trains', () => {
  const text = (loss) => `${HEADER}const input = tf.input({ shape: [4] });
const out = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }).apply(input);
const model = tf.model({ inputs: input, outputs: out });
model.compile({ optimizer: 'adam', loss: ${loss} });
model.fit(tf.randomNormal([4, 4]), tf.tensor2d([[0], [1], [1], [0]]));
`;
  for (const loss of ["'meanSquaredError'", "{ out: 'meanSquaredError' }", "['meanSquaredError']"]) assert.deepEqual(am(lint.lintText(text(loss), 'm.js')), [5], loss);
});

test('a GAN loss exported in an export list or named in a comment is still one the file never uses', () => {
  const text = (tail) => `${HEADER}/** discriminatorLoss: the standard GAN loss. */
function createDiscriminator() {
  return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid' })] });
}
function discriminatorLoss(realOutput, fakeOutput) {
  return tf.losses.sigmoidCrossEntropy(tf.onesLike(realOutput), realOutput).add(tf.losses.sigmoidCrossEntropy(tf.zerosLike(fakeOutput), fakeOutput));
}
${tail}
`;
  assert.deepEqual(am(lint.lintText(text('export { createDiscriminator, discriminatorLoss };'), 'gan.js')), [7, 7]);
  // Called in the file with something else: read through that call, not by the parameter names.
  assert.deepEqual(am(lint.lintText(text('export const l = discriminatorLoss(tf.zeros([1]), tf.zeros([1]));'), 'gan.js')), []);
});

test("an options object spread into a helper's call may set any option: not read as the defaults", () => {
  const text = `${HEADER}function focal({ yTrue, yPred, gamma = 2 }) {
  return tf.neg(tf.mean(tf.mul(yTrue, tf.mul(tf.pow(tf.sub(1, yPred), gamma), tf.log(tf.clipByValue(yPred, 1e-7, 1))))));
}
export const loss = (labels, preds, opts) => focal({ ...opts, yTrue: labels, yPred: preds });
`;
  const site = lint.lintText(text, 'loss.js').sites.find((s) => s.name === 'loss');
  assert.match(site?.unreadable ?? '', /options object/);
});

test('a functional output reassigned in sequence (let x = lstm.apply(input); x = dense.apply(x)) is the last layer applied', () => {
  const text = (head) => `${HEADER}export function build() {
  const input = tf.input({ shape: [10, 4] });
  let x = tf.layers.lstm({ units: 8 }).apply(input);
  x = tf.layers.dense({ units: 1${head ? `, activation: '${head}'` : ''} }).apply(x);
  const model = tf.model({ inputs: input, outputs: x });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
`;
  assert.deepEqual(am(lint.lintText(text('sigmoid'), 'gan.js')), []);
  // A linear head under binary cross-entropy is reported, not the LSTM's tanh the variable started as.
  const r = lint.lintText(text(undefined), 'gan.js');
  assert.deepEqual(am(r), [7]);
  assert.doesNotMatch(r.diagnostics[0].message, /tanh/);
});

test('Huber and log-cosh are regression losses too: on a softmax output with class targets the gradient vanishes the same way', () => {
  const text = (loss) => `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
function huberLoss(delta = 1.0) {
  return (yTrue, yPred) => {
    const error = tf.sub(yTrue, yPred).abs();
    const quadratic = tf.minimum(error, delta);
    return tf.add(quadratic.square().div(2), tf.sub(error, quadratic).mul(delta)).mean();
  };
}
const logCosh = (yTrue, yPred) => tf.log(tf.cosh(tf.sub(yPred, yTrue))).mean();
model.compile({ loss: ${loss}, optimizer: 'adam', metrics: ['accuracy'] });
`;
  for (const loss of ['huberLoss(1.0)', 'logCosh']) {
    const r = lint.lintText(text(loss), 'train.js');
    assert.deepEqual(am(r), [12], loss);
    assert.equal(r.diagnostics.find((d) => d.code === 'activation-mismatch').fixes[0].title, "Use the loss 'categoricalCrossentropy'");
  }
});

test("a sampling method's log read back to a number at once (kept as the old log-probability) is not differentiated; one returned for a loss is checked", () => {
  const text = (line, ret) => `${HEADER}export class Agent {
  constructor() { this.actor = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] }); }
  chooseAction(observation) {
    const dist = this.actor.predict(tf.tensor2d([observation]));
    const action = tf.multinomial(dist, 1).dataSync()[0];
    ${line}
    return ${ret};
  }
}
`;
  const logs = (t) => lint.lintText(t, 'agent.js').diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line);
  assert.deepEqual(logs(text('const logProb = tf.log(dist).dataSync()[action];', '[action, logProb]')), []);
  assert.deepEqual(logs(text('const logProb = tf.log(dist);', '[action, logProb]')), [7]);
});

test("a model output held as any and read at [0] and [1] is a list of outputs (a tensor has no elements to index in TF.js)", () => {
  const text = (decl, second) => `${HEADER}const input = tf.input({ shape: [4] });
const logitsOut = tf.layers.dense({ units: 3 }).apply(input);
const valueOut = tf.layers.dense({ units: 1 }).apply(input);
const model = tf.model({ inputs: input, outputs: [logitsOut, valueOut] });
export function step(optimizer, states, rewards, oldProbs, actions) {
  optimizer.minimize(() => {
    ${decl}
    const probs = tf.softmax(output[0]);
    const advantages = rewards.sub(${second});
    const ratio = tf.sum(probs.mul(tf.oneHot(actions, 3)), 1).div(oldProbs);
    return tf.mean(tf.minimum(ratio.mul(advantages), ratio.clipByValue(0.8, 1.2).mul(advantages))).neg();
  });
}
`;
  const kinks = (t) => lint.lintText(t, 'agent.ts').diagnostics.filter((d) => d.code === 'non-differentiable').length;
  assert.ok(kinks(text('const output: any = model.predict(states);', 'tf.zeros([1])')) > 0);
  assert.ok(kinks(text('const output = model.predict(states);', 'output[1]')) > 0);
  // One index of an untyped output: a row of one output in other code, left unread as before.
  assert.equal(kinks(text('const output = model.predict(states);', 'tf.zeros([1])')), 0);
});

test('a compile of a model parameter no code of the file calls is checked against the one model the file builds', () => {
  const text = (extra = '') => `${HEADER}export function createModel(vocab) {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 32, inputShape: [10, vocab] }));
  model.add(tf.layers.dense({ units: vocab, activation: 'sigmoid' }));
  return model;
}
${extra}
export function compileModel(model) {
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
}
`;
  assert.deepEqual(am(lint.lintText(text(), 'model.js')), [10]);
  // Two models built in the file: which one is given is not known here.
  assert.deepEqual(am(lint.lintText(text("export function createCritic() {\n  return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\n}\n"), 'model.js')), []);
  // A parameter not named for a model is not guessed at.
  assert.deepEqual(am(lint.lintText(text().replace('compileModel(model) {\n  model.compile', 'compileModel(m) {\n  m.compile'), 'model.js')), []);
});

test("a forward method of a two-output model gives each output its own model: the memo of forward passes is kept per output", () => {
  const text = `${HEADER}export class Agent {
  constructor() {
    const input = tf.input({ shape: [4] });
    const policy = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(input);
    const value = tf.layers.dense({ units: 1 }).apply(input);
    this.model = tf.model({ inputs: input, outputs: [policy, value] });
    this.optimizer = tf.train.adam(1e-3);
  }
  forward(x) {
    return this.model.apply(x);
  }
  train(x, actions, returns) {
    this.optimizer.minimize(() => {
      const [probs, values] = this.forward(x);
      const valueLoss = tf.losses.meanSquaredError(returns, values);
      return tf.losses.sigmoidCrossEntropy(actions, probs).add(valueLoss);
    });
  }
}
`;
  assert.deepEqual(am(lint.lintText(text, 'agent.js')), [17]);
});

test('a loss per output named for a model applied as a layer (tf.sequential({ name: "policyHead" })) is checked against that head', () => {
  const text = `${HEADER}export class Net {
  #model;
  constructor(params) {
    if (params.model) this.#model = params.model;
    else this.#model = build(4);
  }
  compile() {
    this.#model.compile({ optimizer: 'adam', loss: { policyHead: 'categoricalCrossentropy', valueHead: 'meanSquaredError' } });
  }
}
function build(n) {
  const input = tf.input({ shape: [n] });
  const policyHead = tf.sequential({ name: 'policyHead', layers: [tf.layers.dense({ units: 8, inputShape: [n] }), tf.layers.dense({ units: 3 })] });
  const valueHead = tf.sequential({ name: 'valueHead', layers: [tf.layers.dense({ units: 1, inputShape: [n], activation: 'tanh' })] });
  return tf.model({ inputs: input, outputs: [policyHead.apply(input), valueHead.apply(input)] });
}
`;
  // The policy head is linear: categorical cross-entropy on it is reported; the tanh value head with MSE is not.
  const found = am(lint.lintText(text, 'net.js'));
  assert.deepEqual(found, [9]);
});

test('layers held in the object a method returns (const f = this.heads(); f.p.apply(x)) are followed to their config', () => {
  const text = `${HEADER}export class MuZero {
  heads() {
    const fp = tf.layers.dense({ name: 'policy_output', units: 4, activation: 'softmax' });
    const fv = tf.layers.dense({ name: 'value_output', units: 1 });
    return { p: fp, v: fv };
  }
  build() {
    const input = tf.input({ shape: [8] });
    const f = this.heads();
    const model = tf.model({ inputs: input, outputs: [f.p.apply(input), f.v.apply(input)] });
    model.compile({ optimizer: 'sgd', loss: { policy_output: tf.losses.softmaxCrossEntropy, value_output: 'meanSquaredError' } });
    return model;
  }
}
`;
  assert.deepEqual(am(lint.lintText(text, 'muzero.js')), [12]);
});

test('a cosine of unit vectors clipped to [-1, 1] is kept in its own range, not a kink; a clip to [-1, 1] of anything else is', () => {
  const text = `${HEADER}export function tripletLoss(yTrue, yPred) {
  const anchor = yPred.slice([0, 0], [-1, 64]);
  const positive = yPred.slice([0, 64], [-1, 64]);
  const cosine = tf.sum(anchor.mul(positive), 1).div(tf.sqrt(tf.maximum(tf.sum(anchor.square(), 1).mul(tf.sum(positive.square(), 1)), 1e-6)));
  const clipped = tf.clipByValue(cosine, -1, 1);
  return tf.mean(tf.relu(tf.sub(0.2, clipped)));
}
export function boundedError(yTrue, yPred) {
  return tf.mean(tf.clipByValue(yPred.sub(yTrue), -1, 1).square());
}
`;
  const r = lint.lintText(text, 'triplet.js');
  const kinks = r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  const line = (needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  assert.ok(!kinks.includes(line('tf.clipByValue(cosine')), kinks.join(','));
  assert.ok(kinks.includes(line('tf.relu(')), kinks.join(','));
  assert.ok(kinks.includes(line('yPred.sub(yTrue), -1, 1')), kinks.join(','));
});

test('every regression loss on a sigmoid classifier trained on classes is said, the logarithmic and percentage ones too', () => {
  const text = (loss) => `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [30] }));
model.add(tf.layers.dense({ units: 5, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: '${loss}' });
export function train(features, sentences, intents) {
  const ys = sentences.map((item) => intents.map((intent) => (item.intent == intent ? 1 : 0)));
  return model.fit(tf.tensor2d(features), tf.tensor2d(ys), { epochs: 10 });
}
`;
  for (const loss of ['meanSquaredError', 'meanSquaredLogarithmicError', 'meanAbsolutePercentageError']) assert.deepEqual(am(lint.lintText(text(loss), 'bot.js')), [5], loss);
  // Continuous targets in [0, 1] keep it silent.
  const continuous = text('meanSquaredLogarithmicError').replace('(item.intent == intent ? 1 : 0)', 'item.scores[intent] / 100');
  assert.deepEqual(am(lint.lintText(continuous, 'bot.js')), []);
});

test('a model added whole to another (a base and a trained head combined for download) gives it its output layer', () => {
  const text = `${HEADER}export async function train(mobileNetBase, inputs, labels, classes) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1280], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: classes.length, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(tf.stack(inputs), tf.oneHot(tf.tensor1d(labels, 'int32'), classes.length));
  const combined = tf.sequential();
  combined.add(mobileNetBase);
  combined.add(model);
  combined.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return combined;
}
`;
  assert.deepEqual(am(lint.lintText(text, 'Face.jsx')), [11]);
  // Models added to each other in a circle end the search; the file is still read.
  const circle = `${HEADER}const a = tf.sequential();
const b = tf.sequential();
a.add(b);
b.add(a);
a.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
const c = tf.sequential();
c.add(tf.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] }));
c.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
`;
  const r = lint.lintText(circle, 'circle.js');
  assert.ok(!r.internalError && !r.incomplete, r.incompleteReason);
  assert.deepEqual(am(r), [9]);
});

test('a custom loss of the error alone (MSE plus MAE) is a regression loss: on a sigmoid classifier of 0/1 labels it is said', () => {
  const text = (body) => `${HEADER}function customLoss(yTrue, yPred) {
  return ${body};
}
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }),
  tf.layers.dense({ units: 1, activation: 'sigmoid' }),
] });
model.compile({ optimizer: 'adam', loss: customLoss, metrics: ['accuracy'] });
export async function train(xs) {
  await model.fit(xs, tf.tensor1d([0, 1, 1, 0]), { epochs: 3 });
}
`;
  const both = lint.lintText(text('tf.mean(tf.square(yTrue.sub(yPred)).add(tf.abs(yTrue.sub(yPred))))'), 'page.js');
  assert.deepEqual(am(both), [9]);
  assert.match(both.diagnostics.find((d) => d.code === 'activation-mismatch').message, /loss of y − ŷ on a sigmoid output/);
  // A loss that uses the prediction otherwise too (a log of it) is not a loss of the error alone.
  assert.deepEqual(am(lint.lintText(text('tf.mean(tf.square(yTrue.sub(yPred)).add(tf.log(yPred.add(1))))'), 'page.js')), []);
});

test('targets that hold a scaled value beside literal zeros, or a fraction a loop adjusts, are continuous', () => {
  const text = (labels) => `${HEADER}export class Advisor {
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [3] }));
    this.model.add(tf.layers.dense({ units: 4, activation: 'sigmoid' }));
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  }
  createLabels(log) {
    return ${labels};
  }
  async train(logs) {
    const ys = tf.tensor2d(logs.map((log) => this.createLabels(log)));
    const xs = tf.tensor2d(logs.map((log) => [log.a, log.b, log.c]));
    await this.model.fit(xs, ys, { epochs: 5 });
  }
}
`;
  assert.deepEqual(am(lint.lintText(text('[log.dps / 10000000, log.survivalRate / 100, 0, 0]'), 'advisor.js')), []);
  // Literal 0/1 rows are classes.
  assert.deepEqual(am(lint.lintText(text('[log.win ? 1 : 0, 0, 0, 1]'), 'advisor.js')), [7]);
  const loop = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [2] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
function generate(n) {
  const data = [];
  for (let i = 0; i < n; i++) {
    let p = 0.2;
    if (Math.random() > 0.5) p += 0.3;
    p = Math.max(0, Math.min(0.98, p));
    data.push({ features: [Math.random(), Math.random()], label: p });
  }
  return data;
}
export async function train() {
  const rows = generate(1000);
  const trainRows = rows.slice(0, 800);
  await model.fit(tf.tensor2d(trainRows.map((d) => d.features)), tf.tensor2d(trainRows.map((d) => [d.label])), { epochs: 5 });
}
`;
  assert.deepEqual(am(lint.lintText(loop, 'occupancy.js')), []);
});

test('a model compiled on a local and kept in this.model is the one its methods fit: their targets decide', () => {
  const text = (label) => `${HEADER}export class Occupancy {
  createModel() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [2] }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
    this.model = model;
  }
  async trainModel(rows) {
    if (!this.model) this.createModel();
    const ys = tf.tensor2d(rows.map((r) => [${label}]));
    await this.model.fit(tf.tensor2d(rows.map((r) => r.features)), ys, { epochs: 5 });
  }
}
`;
  // Occupancy fractions: continuous, whatever the accuracy metric says.
  assert.deepEqual(am(lint.lintText(text('r.busy / r.capacity'), 'occupancy.js')), []);
  // 0/1 labels: classes.
  assert.deepEqual(am(lint.lintText(text('r.busy > 0 ? 1 : 0'), 'occupancy.js')), [7]);
});

// A review of the seventh session's change (class-named losses, helpers read as training steps, model aliases, fields
// of objects, kinks written twice) on small inputs, against the build before it.
const lines = (text, name) => lint.lintText(text, name).diagnostics.map((d) => [d.line, d.code]);

test('review: a TF.js layer named for the loss it adds is no loss class; its exp of the log-variance is still found', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
class KLLossLayer extends tf.layers.Layer {
  call(inputs, kwargs) {
    return tf.tidy(() => {
      const [zMean, zLogVar] = inputs;
      const kl = tf.mean(zLogVar.add(1).sub(zMean.square()).sub(zLogVar.exp()).mul(-0.5));
      this.addLoss(() => kl);
      return zMean;
    });
  }
}
`;
  assert.deepEqual(lines(text, 'vae.js'), [[6, 'exp-overflow']]);
});

test('review: a loss class reduced by a method of a base class the file does not show is not read as the bare prediction', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
import { _Loss } from './base';
export class BCELoss extends _Loss {
  forward(input: tf.Tensor, target: tf.Tensor) {
    return this.reduce(target.mul(input.log()).add(target.neg().add(1).mul(input.neg().add(1).log())).neg());
  }
}
`;
  const r = lint.lintText(text, 'bce.ts');
  assert.ok(!r.sites.some((s) => s.kind === 'custom-function' && s.expression === s.wrt), JSON.stringify(r.sites.map((s) => s.expression)));
});

test("review: a loss whose parameters say their roles by order keeps them, whatever model it runs (a frozen teacher)", () => {
  const text = `import * as tf from '@tensorflow/tfjs';
const teacher = await tf.loadLayersModel('/models/teacher/model.json');
export function distillLoss(labels, student, inputs) {
  const t = teacher.predict(inputs);
  const ce = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(student)), -1)));
  const kl = tf.mean(tf.sum(tf.mul(t, tf.log(tf.div(t, student))), -1));
  return ce.add(kl);
}
export function step(m, opt, xs, ys) { opt.minimize(() => distillLoss(ys, m.predict(xs), xs)); }
`;
  const site = lint.lintText(text, 'distill.js').sites.find((s) => s.name === 'distillLoss');
  assert.match(site.expression, /log\(yPred\)/);
  assert.doesNotMatch(site.expression, /log\(yPred \/ student\)/);
});

test('review: a let alias given another model later adds its layers to that one', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export class Net { build() {
  let model = this.model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model = this.critic = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
}}
`;
  assert.deepEqual(lines(text, 'net.js'), []);
});

test("review: a field given two models is not one model: one's fit is no evidence for the other's compile", () => {
  const text = `const state = { model: null };
export function useClassifier() { state.model = tf.sequential(); state.model.add(tf.layers.dense({units:1,activation:'sigmoid',inputShape:[3]})); state.model.compile({optimizer:'adam',loss:'meanSquaredError'}); }
export function useRegressor()  { state.model = tf.sequential(); state.model.add(tf.layers.dense({units:1,activation:'sigmoid',inputShape:[3]})); state.model.compile({optimizer:'adam',loss:'meanSquaredError'}); }
export async function trainClassifier(xs) { useClassifier(); await state.model.fit(xs, tf.tensor1d([0,1,1,0])); }
export async function trainRegressor(xs, normalizedPrices) { useRegressor(); await state.model.fit(xs, normalizedPrices); }
`;
  assert.deepEqual(lines(text, 'state.js').filter(([l]) => l === 3), []);
});

test('review: an abs written again under a square is smooth there: one kink, at the plain abs', () => {
  const text = `export function mixedLoss(yTrue, yPred) {
  const d = tf.sub(yPred, yTrue);
  const l1 = tf.mean(tf.abs(d));
  const l2 = tf.mean(tf.square(tf.abs(d)));
  return l1.mul(0.5).add(l2.mul(0.5));
}
`;
  assert.deepEqual(lines(text, 'mixed.js'), [[3, 'non-differentiable']]);
});

test('a PPO over action heads: an if choosing each head by a set, head weights destructured from a map', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export class Policy {
  train(batch, states) {
    this.optimizer.minimize(() => {
      const trunk = this.trunk.predict(states);
      let total = tf.scalar(0);
      for (const [name, indices] of this.headGroups) {
        if (this.sigmoidHeads.has(name)) {
          const [w, b] = this.headWeights.get(name);
          const probs = tf.sigmoid(tf.add(tf.matMul(trunk, w), b));
          const logp = tf.sum(tf.log(tf.add(probs, 1e-8)), 1);
          const ratio = tf.exp(tf.sub(logp, batch.oldLogProbs));
          const clipped = tf.clipByValue(ratio, 1 - batch.clipEpsilon, 1 + batch.clipEpsilon);
          total = tf.add(total, tf.neg(tf.mean(tf.minimum(tf.mul(ratio, batch.adv), tf.mul(clipped, batch.adv)))));
        }
      }
      return total;
    });
  }
}
`;
  assert.deepEqual(lines(text, 'policy.js').filter(([, c]) => c === 'non-differentiable').map(([l]) => l), [13, 14]);
});

test("a step's outside data picked element by element by a name (indices.map((i) => batch.actions[i])) is that data", () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export class Policy {
  train(batch, states, indices) {
    this.optimizer.minimize(() => {
      const probs = tf.softmax(this.net.predict(states));
      const actions = indices.map((i) => batch.actionIndices[i]);
      const old = indices.map((i) => batch.oldLogProbs[i]);
      const picked = tf.sum(tf.mul(probs, tf.oneHot(actions, 4)), 1);
      const ratio = tf.exp(tf.sub(tf.log(tf.add(picked, 1e-8)), tf.tensor1d(old)));
      const clipped = tf.clipByValue(ratio, 0.8, 1.2);
      return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, batch.adv), tf.mul(clipped, batch.adv))));
    });
  }
}
`;
  assert.deepEqual(lines(text, 'policy.js').filter(([, c]) => c === 'non-differentiable').map(([l]) => l), [10, 11]);
});

test('non-differentiable: a kink only at an end of the output range (abs of a sigmoid output at 0) is not on the domain', () => {
  const text = (activation) => `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 4, activation: '${activation}' }));
function sparseLoss(yTrue, yPred) {
  return tf.mean(tf.square(tf.sub(yTrue, yPred))).add(tf.mean(tf.abs(yPred)).mul(0.01));
}
model.compile({ optimizer: 'adam', loss: sparseLoss });
`;
  const nd = (r) => r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  // p ≥ 0 on a sigmoid (and a relu) output: |p| = p there.
  assert.deepEqual(nd(lint.lintText(text('sigmoid'), 'ae.js')), []);
  assert.deepEqual(nd(lint.lintText(text('relu'), 'ae.js')), []);
  // A tanh output crosses 0: the kink is inside its range.
  assert.deepEqual(nd(lint.lintText(text('tanh'), 'ae.js')), [5]);
  // A kink that moves with the target is inside the range whatever the output.
  assert.deepEqual(nd(lint.lintText(text('sigmoid').replace('tf.abs(yPred)', 'tf.abs(tf.sub(yTrue, yPred))'), 'ae.js')), [5]);
});

test('fields of a loss\'s own object literals and of a helper\'s nested returned object are their values, not one symbol per field name', () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 4 }));
function parse(out) {
  const corners = { lo: out.sub(1), hi: out.add(1) };
  return { corners, size: { w: out.mul(2) } };
}
function boxLoss(yTrue, yPred) {
  const p = parse(yPred);
  const t = parse(yTrue);
  const inter = { lo: tf.maximum(p.corners.lo, t.corners.lo), hi: tf.minimum(p.corners.hi, t.corners.hi) };
  return tf.mean(inter.hi.sub(inter.lo).add(p.size.w));
}
model.compile({ optimizer: 'adam', loss: boxLoss });
`;
  const r = lint.lintText(text, 'box.js');
  const site = r.sites.find((s) => s.kind === 'custom-function');
  // inter.hi - inter.lo was read as hi - lo of two symbols (and a.x - b.x as x - x = 0 elsewhere).
  assert.equal(site.expression, 'min(yPred + 1, yTrue + 1) - max(yPred - 1, yTrue - 1) + yPred * 2');
  assert.ok(r.diagnostics.some((d) => d.code === 'non-differentiable' && d.line === 11));
  // A number in a local object stays a setting the preview can vary.
  const setting = lint.lintText(`${HEADER}export function focal(yTrue, yPred) {\n  const cfg = { gamma: 2 };\n  return tf.mean(tf.pow(tf.sub(1, yPred), cfg.gamma).mul(yTrue));\n}\n`, 'f.js');
  assert.match(setting.sites[0].expression, /\^gamma/);
});

test('a one-hot mask of an arg-max (the responsible box) is a 0/1 selection without gradient: the rest of the loss is read', () => {
  const text = (mask) => `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 4 }));
function detLoss(yTrue, yPred) {
  const overlap = tf.minimum(yPred, yTrue);
  const best = overlap.argMax(-1).flatten();
  const onMask = ${mask};
  return tf.mean(tf.sub(1, overlap).mul(onMask));
}
model.compile({ optimizer: 'adam', loss: detLoss });
`;
  for (const mask of ["tf.cast(tf.oneHot(best, 4), 'float32')", 'tf.oneHot(tf.argMax(overlap, -1), 4)']) {
    const r = lint.lintText(text(mask), 'det.js');
    assert.equal(r.sites[0].unreadable, undefined, mask);
    assert.ok(r.diagnostics.some((d) => d.code === 'non-differentiable' && d.line === 5), mask);
  }
});

test('channels gathered through a helper with different index tensors are different parts of the prediction, not one', () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 4 }));
const X = tf.tensor1d([0], 'int32');
const W = tf.tensor1d([1], 'int32');
function boxLoss(yTrue, yPred) {
  const select = (t, index) => t.gather(index, -1);
  const left = (t) => select(t, X).sub(select(t, W));
  return tf.mean(tf.maximum(left(yPred), left(yTrue)));
}
model.compile({ optimizer: 'adam', loss: boxLoss });
`;
  const r = lint.lintText(text, 'box.js');
  // x - w of the prediction was x - x = 0 when both gathers were one part.
  assert.equal(r.sites[0].expression, "max(yPred - yPred_2, yTrue - yTrue_2)");
  assert.ok(r.diagnostics.some((d) => d.code === 'non-differentiable' && d.line === 9));
});

test('second review: loss lists on builders that may make a two-output model, mutated objects, opts.loss before compile, DQN targets', () => {
  const codesOf = (text) => lint.lintText(text, 'r.js').diagnostics.map((d) => `${d.code}:${d.line}`);
  // A builder with a two-output tf.model way: its output count is unknown, so a two-entry list is no error.
  assert.deepEqual(codesOf(`${HEADER}function build(multi) {
  const inp = tf.input({ shape: [4] });
  if (multi) {
    const a = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(inp);
    const b = tf.layers.dense({ units: 1 }).apply(inp);
    return tf.model({ inputs: inp, outputs: [a, b] });
  }
  return tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
}
const net = build(true);
net.compile({ optimizer: 'adam', loss: ['categoricalCrossentropy', 'meanSquaredError'] });
`).filter((c) => c.startsWith('unknown-loss')), []);
  // An object whose field is replaced (Object.assign, brackets, a helper given it) is not read as its literal.
  for (const change of ["Object.assign(terms, { err: tf.square(yPred.sub(yTrue)) });", "terms['err'] = tf.square(yPred.sub(yTrue));", 'smooth(terms);']) {
    const text = `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
function smooth(o) { o.err = tf.square(o.err); }
export function loss(yTrue, yPred) {
  const terms = { err: tf.abs(yPred.sub(yTrue)) };
  ${change}
  return tf.mean(terms.err);
}
model.compile({ optimizer: 'adam', loss });
`;
    assert.deepEqual(codesOf(text).filter((c) => c.startsWith('non-differentiable')), [], change);
  }
  // opts.loss set before compile is the loss (an unknown name is reported there); set after, compile has none.
  const opts = (order) => `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
const opts = { optimizer: 'sgd' };
${order}
`;
  assert.deepEqual(codesOf(opts("opts.loss = 'mse';\nmodel.compile(opts);")), ['unknown-loss:4']);
  assert.deepEqual(codesOf(opts("model.compile(opts);\nopts.loss = 'meanSquaredError';")), ['unknown-loss:3']);
  // A DQN's target computed by the network is the regression's target: the max in it is not a kink of the loss trained.
  const dqn = `${HEADER}const brain = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] });
const opt = tf.train.adam();
export function replay(states, nextStates, actions, rewards, gamma) {
  opt.minimize(() => {
    const qs = brain.apply(states).mul(tf.oneHot(actions, 3)).sum(-1);
    const targetQs = rewards.add(brain.predict(nextStates).max(-1).mul(gamma));
    return tf.losses.meanSquaredError(targetQs, qs);
  });
}
`;
  assert.deepEqual(codesOf(dqn), []);
});

test('second review: a missing tf.losses function called with no tensors is fixed to the tf.metrics function itself', () => {
  const text = `${HEADER}var bce = tf.losses.binaryCrossentropy();
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
const opt = tf.train.adam();
export function step(xs, ys) { opt.minimize(() => bce(ys, model.predict(xs)).mean()); }
`;
  const r = lint.lintText(text, 'r.js');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['unknown-loss:2']);
  assert.equal(lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits).split('\n')[1], 'var bce = tf.metrics.binaryCrossentropy;');
  // Given to compile through a var, one finding at the var, fixed there.
  const compiled = `${HEADER}var lossFn = tf.losses.binaryCrossentropy();\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nmodel.compile({ optimizer: 'adam', loss: lossFn });\n`;
  assert.deepEqual(lint.lintText(compiled, 'r.js').diagnostics.map((d) => `${d.code}:${d.line}`), ['unknown-loss:2']);
});
