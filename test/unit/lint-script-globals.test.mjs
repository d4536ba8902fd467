// Scripts as tutorials and sketches write them: TF.js functions destructured from their namespace
// (`const { dense } = tf.layers`) and sloppy-mode globals assigned without a declaration (`model = tf.sequential()`).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text, name = 'sketch.js') => lint.lintText(text, name).diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);

test('layers, losses and optimizers destructured from their TF.js namespace are those functions', () => {
  const text = `const tf = require('@tensorflow/tfjs-node');
const { dense } = tf.layers;
const { meanSquaredError } = tf.losses;
const { sgd } = tf.train;
const xs = tf.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor([[0], [1], [1], [0]]);
const model = tf.sequential({ layers: [dense({ inputShape: [2], units: 16, activation: 'relu' }), dense({ units: 1, activation: 'sigmoid' })] });
model.compile({ loss: meanSquaredError, optimizer: sgd(0.5) });
model.fit(xs, ys, { epochs: 100 });
`;
  assert.deepEqual(am(text, 'xor.js'), [8]);
  const r = lint.lintText(text, 'xor.js');
  assert.equal(r.sites.find((s) => s.kind === 'compile').name, 'tf.losses.meanSquaredError');
  // An alias of the namespace itself: `const losses = tf.losses`.
  assert.deepEqual(am(text.replace('const { meanSquaredError } = tf.losses;', 'const losses = tf.losses;').replace('loss: meanSquaredError', 'loss: losses.meanSquaredError'), 'xor.js'), [8]);
});

test('a p5 sketch: the model, its layers and the targets assigned as globals without a declaration are followed', () => {
  const text = `let model;
function setup() {
  createCanvas(400, 400);
  model = tf.sequential();
  hiddenLayer = tf.layers.dense({ units: 16, activation: 'sigmoid', inputShape: [2] });
  outputLayer = tf.layers.dense({ units: 1, activation: 'sigmoid' });
  model.add(hiddenLayer);
  model.add(outputLayer);
  model.compile({ optimizer: tf.train.adam(0.15), loss: tf.losses.meanSquaredError });
  train_xs = tf.tensor2d([[0, 0], [1, 0], [0, 1], [1, 1]]);
  train_ys = tf.tensor2d([[0], [1], [1], [0]]);
  setTimeout(train, 10);
}
function train() {
  model.fit(train_xs, train_ys, { shuffle: true, epochs: 1 }).then(() => setTimeout(train, 10));
}
`;
  assert.deepEqual(am(text), [9]);
  // Continuous targets in [0, 1] stay silent; a layer assigned two different ways is not guessed.
  assert.deepEqual(am(text.replace('[[0], [1], [1], [0]]', '[[0.2], [0.7], [0.4], [0.9]]')), []);
  const twice = text.replace("  model.add(hiddenLayer);", "  if (window.deep) outputLayer = tf.layers.dense({ units: 1 });\n  model.add(hiddenLayer);");
  assert.deepEqual(am(twice), []);
});

test("a global the file never assigns (another script's model) is left unknown, without an error", () => {
  const text = `function train() {
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  model.fit(xs, ys);
}
`;
  const r = lint.lintText(text, 'train.js');
  assert.equal(r.internalError, undefined);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.sites.find((s) => s.kind === 'compile')?.activation ?? null, null);
});

test('a sketch that builds its model in setup() and again in reset(): each compile reads the layers its own function assigned', () => {
  const build = (out) => `  model = tf.sequential();
  hidden = tf.layers.dense({ inputShape: [2], units: 4, activation: 'sigmoid' });
  output = tf.layers.dense({ units: 1, activation: '${out}' });
  model.add(hidden);
  model.add(output);
  model.compile({ optimizer: tf.train.adam(0.1), loss: tf.losses.meanSquaredError });
  xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
  ys = tf.tensor2d([[0], [1], [1], [0]]);`;
  const text = (a, b) => `let model, hidden, output, xs, ys;
function setup() {
${build(a)}
}
function reset() {
  tf.disposeVariables();
${build(b)}
}
function draw() {
  train(xs, ys);
}
function train(x, y) {
  model.fit(x, y, { epochs: 10 });
}
`;
  assert.deepEqual(am(text('sigmoid', 'sigmoid')), [8, 19]);
  // Each function's own output layer: a linear output in reset() is not a sigmoid there.
  assert.deepEqual(am(text('sigmoid', 'linear')), [8]);
  assert.deepEqual(am(text('linear', 'sigmoid')), [19]);
});

test('a layer variable assigned in two branches and added after them is read way by way', () => {
  const text = (a, b) => `const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 4, activation: 'relu' }));
let head;
if (wide) head = tf.layers.dense({ units: 1, activation: '${a}' });
else head = tf.layers.dense({ units: 1, activation: '${b}' });
model.add(head);
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.fit(tf.tensor2d([[0, 0], [1, 1]]), tf.tensor2d([[0], [1]]));
`;
  assert.deepEqual(am(text('sigmoid', 'sigmoid')), [7]);
  // The way that adds a sigmoid trains it with MSE on 0/1 targets, as `activation: wide ? 'sigmoid' : 'linear'` would.
  assert.deepEqual(am(text('sigmoid', 'linear')), [7]);
  assert.deepEqual(am(text('linear', 'relu')), []);
});

test('a var declared in a branch is the function\'s variable: the loss chosen there reaches the compile after the branch', () => {
  const text = `function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1], units: 5, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
async function trainModel(model, inputs, labels, lf) {
  if (lf == 'softmaxCrossEntropy') {
    var lossFunction = tf.losses.softmaxCrossEntropy;
  }
  model.compile({ optimizer: 'adam', loss: lossFunction });
  return model.fit(inputs, labels, { epochs: 5 });
}
trainModel(build(), xs, ys, document.getElementById('lf').value);
`;
  assert.deepEqual(am(text, 'page.js'), [11]);
  // Declared again in another branch: one variable, each branch's value a way the compile can go.
  const twice = text.replace("if (lf == 'softmaxCrossEntropy') {", "if (lf == 'mse') {\n    var lossFunction = tf.losses.meanSquaredError;\n  } else if (lf == 'softmaxCrossEntropy') {");
  assert.deepEqual(am(twice, 'page.js'), [13]);
  // Every branch's loss suits the linear output: nothing to say.
  assert.deepEqual(am(twice.replace('var lossFunction = tf.losses.softmaxCrossEntropy', 'var lossFunction = tf.losses.absoluteDifference'), 'page.js'), []);
  // A use inside a branch is that branch's declaration.
  const inside = twice.replace("var lossFunction = tf.losses.meanSquaredError;", "var lossFunction = tf.losses.meanSquaredError;\n    model.compile({ optimizer: 'sgd', loss: lossFunction });");
  assert.deepEqual(am(inside, 'page.js'), [14]);
});

test("a GAN script's objects: a model in an object literal's field with layers added to it later, and a loss assigned to an undeclared global", () => {
  const text = (targets) => `const discriminator = {
  "model": tf.sequential(),
  "calculateLoss": () => tf.tidy(() => loss(discriminator.model.predict(xs), ${targets})),
  "optimizer": tf.train.adam(0.001)
};
discriminator.model.add(tf.layers.dense({ units: 12, inputShape: [12] }));
for (var i = 0; i < 2; i++) discriminator.model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
loss = (input, output) => input.sub(output).square().mean();
discriminator.optimizer.minimize(discriminator.calculateLoss);
`;
  const r = lint.lintText(text('tf.tensor2d([[1], [0], [1], [0]])'), 'main.js');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.activation, 'sigmoid');
  assert.match(site.expression, /\^2/);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch']);
  // The object handed to a function that may swap its model: not read by its literal.
  const handed = lint.lintText(text('tf.tensor2d([[1], [0], [1], [0]])') + 'reset(discriminator);\n', 'main.js');
  assert.notEqual(handed.sites.find((s) => s.kind === 'minimize')?.activation, 'sigmoid');
});

test("TF.js's script-tag global read off the global object under another name (const TF = globalThis.tf) is the namespace", () => {
  const text = (read) => `const TF = ${read};
export class Agent {
  train(obs, actions, oldLogProbs, advantages) {
    this.optimizer.minimize(() => {
      const logits = this.model.apply(obs);
      const logProbs = TF.logSoftmax(logits).mul(TF.oneHot(actions, 4)).sum(-1);
      const ratio = logProbs.sub(oldLogProbs).exp();
      const clipped = TF.clipByValue(ratio, 0.8, 1.2).mul(advantages);
      return TF.minimum(ratio.mul(advantages), clipped).mean().neg();
    });
  }
}
`;
  const kinks = (read) => lint.lintText(text(read), 'agent.js').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  for (const read of ['globalThis.tf', 'window.tf', 'self.tf']) assert.deepEqual(kinks(read), [8, 9], read);
  // Some other global is not TF.js.
  assert.deepEqual(kinks('globalThis.math'), []);
});

test('the imported namespace under another name (const tfOps = tf as any) is the namespace: a PPO closure written with it is read', () => {
  const text = (alias) => `import * as tf from '@tensorflow/tfjs-node';
const tfOps = ${alias};
class Agent {
  actor: tf.LayersModel;
  optimizer = tf.train.adam(1e-3);
  update(states: tf.Tensor, actions: tf.Tensor, oldLogProbs: tf.Tensor, adv: tf.Tensor) {
    this.optimizer.minimize(() => {
      const probs = this.actor.predict(states) as tf.Tensor;
      const logProbs = tfOps.log(probs.gather(actions, 1).add(1e-8));
      const ratio = logProbs.sub(oldLogProbs).exp();
      const clipped = tfOps.clipByValue(ratio, 0.8, 1.2);
      return tfOps.minimum(ratio.mul(adv), clipped.mul(adv)).mean().neg();
    });
  }
}
`;
  const kinks = (t) => lint.lintText(t, '/p/agent.ts').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  assert.deepEqual(kinks(text('tf as any')), [11, 12]);
  assert.deepEqual(kinks(text('tf')), [11, 12]);
  // Another object under the name is not TF.js: its log and minimum are not read as tf's.
  assert.deepEqual(kinks(text('mathHelpers')), []);
});
