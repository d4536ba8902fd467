// Shapes of loss and training code met in real projects: lists filled by index, flags that pick what a loss returns,
// metrics computed beside the loss, a field a method builds its own model into, outputs checked to be a list.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);

test('a list made with new Array(n) and filled by index in a loop is stacked per element (a PPO given to computeGradients)', () => {
  const text = (fill) => `${HEADER}const actor = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
const optimizer = tf.train.adam(1e-3);
export function learn(states, actions, oldProbs, adv, batchSize) {
  const f = () => tf.tidy(() => {
    const dist = actor.predict(states);
    const buffer = new Array(batchSize);
    for (let m = 0; m < batchSize; ++m) {
      ${fill}
    }
    const ratio = tf.stack(buffer).add(1e-8).log().sub(oldProbs).exp();
    return tf.minimum(ratio.mul(adv), ratio.clipByValue(0.8, 1.2).mul(adv)).mean().mul(-1);
  });
  optimizer.applyGradients(optimizer.computeGradients(f).grads);
}
`;
  assert.deepEqual(codes(lint.lintText(text('buffer[m] = dist.gather(m).gather(actions.gather(m));'), 'ppo.js')), ['non-differentiable:12', 'non-differentiable:12']);
  // Filled at an index that is not the loop's: not read as one element per step (the step is left unread).
  const r = lint.lintText(text('buffer[0] = dist.gather(m).gather(actions.gather(m));'), 'ppo.js');
  assert.deepEqual(codes(r), []);
  assert.ok(r.sites.find((s) => s.kind === 'minimize').unreadable);
});

test('a flag parameter with a default (returnComponents = false) is configuration: the way that returns the loss is read when the other returns an object', () => {
  const text = `${HEADER}export function createLoss() {
  return (yTrue, yPred, returnComponents = false) => tf.tidy(() => {
    const err = tf.sub(yTrue, yPred);
    const total = tf.mean(tf.maximum(tf.mul(0.1, err), tf.mul(-0.9, err)));
    if (returnComponents) {
      return { total, err };
    }
    return total;
  });
}
`;
  const r = lint.lintText(text, 'quantile.ts');
  assert.equal(r.sites[0].unreadable, undefined);
  assert.deepEqual(codes(r), ['non-differentiable:5']);
});

test('a function whose value a training step only reads back (mae(preds, ys).dataSync()) is a metric beside the loss, not a loss', () => {
  const text = (use) => `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
const maeOf = (preds, ys) => tf.mean(tf.abs(tf.sub(preds, ys)));
export function step(xs, ys) {
  let batchMae = 0;
  return tf.variableGrads(() => {
    const preds = model.predict(xs);
    ${use}
    return tf.losses.meanSquaredError(ys, preds);
  });
}
`;
  assert.deepEqual(codes(lint.lintText(text('const m = maeOf(preds, ys);\n    batchMae = m.dataSync()[0];\n    m.dispose();'), 'train.ts')), []);
  assert.deepEqual(codes(lint.lintText(text('batchMae = maeOf(preds, ys).dataSync()[0];'), 'train.ts')), []);
  // Used in what the step returns, it is part of the loss.
  const used = text('const m = maeOf(preds, ys);').replace('return tf.losses.meanSquaredError(ys, preds);', 'return tf.losses.meanSquaredError(ys, preds).add(m);');
  assert.deepEqual(codes(lint.lintText(used, 'train.ts')), ['non-differentiable:3']);
});

test('a method that builds this.model itself and compiles it is checked against that model, not one another method builds', () => {
  const text = (activation) => `${HEADER}class Models {
  buildClassifier(units) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units, inputShape: [8], activation: '${activation}' }));
    this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  }
  buildSvm() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 1, inputShape: [8] }));
    this.model.compile({ optimizer: 'adam', loss: 'hinge' });
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text('softmax'), 'models.js')), []);
  // A linear classifier head really is a mismatch with a probability loss.
  assert.deepEqual(codes(lint.lintText(text('linear'), 'models.js')), ['activation-mismatch:6']);
});

test('outputs of a model call the code checks to be a list (Array.isArray(outputs)) are read by index', () => {
  const text = `${HEADER}const input = tf.input({ shape: [4] });
const model = tf.model({ inputs: input, outputs: [tf.layers.dense({ units: 3 }).apply(input), tf.layers.dense({ units: 1 }).apply(input)] });
const optimizer = tf.train.adam(1e-3);
function heads(x) {
  const outputs = model.apply(x);
  if (!Array.isArray(outputs) || outputs.length !== 2) throw new Error('two outputs');
  return [outputs[0], outputs[1]];
}
export function update(x, actions, oldLogProbs, adv) {
  optimizer.minimize(() => {
    const [logits, values] = heads(x);
    const ratio = tf.logSoftmax(logits).mul(tf.oneHot(actions, 3)).sum(1).sub(oldLogProbs).exp();
    return tf.minimum(ratio.mul(adv), ratio.clipByValue(0.8, 1.2).mul(adv)).mean().neg();
  });
}
`;
  const r = lint.lintText(text, 'ppo.ts');
  assert.equal(r.sites.find((s) => s.kind === 'minimize').unreadable, undefined);
  assert.deepEqual(codes(r), ['non-differentiable:14', 'non-differentiable:14']);
  // Without the check, read at two indices (outputs[0], outputs[1]) is a list too: a tensor has no elements in TF.js.
  const unchecked = lint.lintText(text.replace("  if (!Array.isArray(outputs) || outputs.length !== 2) throw new Error('two outputs');\n", ''), 'ppo.ts');
  assert.deepEqual(codes(unchecked), ['non-differentiable:13', 'non-differentiable:13']);
  // At one index only, unchecked: left unread (`p[0]` may be a row of plain numbers elsewhere).
  const once = lint.lintText(text.replace("  if (!Array.isArray(outputs) || outputs.length !== 2) throw new Error('two outputs');\n", '').replace('return [outputs[0], outputs[1]];', 'return [outputs[0], tf.zeros([1])];'), 'ppo.ts');
  assert.match(once.sites.find((s) => s.kind === 'minimize').unreadable, /outputs\[0\]/);
});

test('a loss kept in a field as a bound method (lossFn = this.focalLoss.bind(this), or set in the constructor) is the method', () => {
  const text = (field, ctor) => `${HEADER}class Trainer {
  ${field}
  constructor() {
    ${ctor}
  }
  focalLoss(yTrue, yPred) {
    return tf.losses.sigmoidCrossEntropy(yTrue, yPred).mean();
  }
  train() {
    this.model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [8], activation: 'sigmoid' })] });
    this.model.compile({ optimizer: 'adam', loss: this.lossFn });
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text('lossFn = this.focalLoss.bind(this);', ''), 'trainer.ts')), ['activation-mismatch:8']);
  assert.deepEqual(codes(lint.lintText(text('', 'this.lossFn = this.focalLoss.bind(this);'), 'trainer.js')), ['activation-mismatch:8']);
  assert.deepEqual(codes(lint.lintText(text('', 'this.lossFn = null;'), 'trainer.js')), []);
});

test("tf.tidy('name', fn) with the function declared beside it is read like tf.tidy(() => …)", () => {
  const text = `${HEADER}export function l1(yTrue, yPred) {
  function tidy() { return tf.mean(tf.abs(tf.sub(yPred, yTrue))); }
  return tf.tidy('losses.l1', tidy);
}
`;
  const r = lint.lintText(text, 'losses.js');
  assert.equal(r.sites[0].unreadable, undefined);
  assert.deepEqual(codes(r), ['non-differentiable:3']);
});

test("fields destructured from an RL policy's evaluate() of a class the file does not define are the policy's outputs", () => {
  const text = (call) => `${HEADER}import { Policy } from './policy';
export class PPO {
  policy = new Policy();
  optimizer = tf.train.adam(3e-4);
  step(obs, act, oldLogp, adv) {
    this.optimizer.minimize(() => {
      const { logProb, entropy } = ${call};
      const ratio = tf.exp(logProb.sub(oldLogp));
      return tf.minimum(ratio.mul(adv), ratio.clipByValue(0.8, 1.2).mul(adv)).mean().mul(-1).sub(entropy.mul(0.01));
    });
  }
}
`;
  const r = lint.lintText(text('this.policy.evaluate(obs, act)'), 'ppo.ts');
  assert.equal(r.sites[0].unreadable, undefined);
  assert.ok(codes(r).includes('non-differentiable:10'), codes(r).join());
  // Something else's evaluate (a data set's, a layers model's losses) is not read as outputs: data, so the step has no
  // model output to differentiate by.
  const other = lint.lintText(text('this.dataset.evaluate(obs, act)'), 'ppo.ts');
  assert.match(other.sites[0].unreadable ?? '', /cannot tell which value is the model output/);
  assert.deepEqual(codes(other), []);
});

test('a target network named by its role alone (target.predict(next)) is a frozen copy: the max of its Q-values is data', () => {
  const text = (name) => `${HEADER}function createDeepQNetwork(n) {
  return tf.sequential({ layers: [tf.layers.dense({ units: n, inputShape: [8] })] });
}
const online = createDeepQNetwork(4);
const ${name} = createDeepQNetwork(4);
const optimizer = tf.train.adam(1e-3);
export function train(states, actions, rewards, next, gamma) {
  optimizer.minimize(() => {
    const qs = online.apply(states, { training: true }).mul(tf.oneHot(actions, 4)).sum(-1);
    const targetQs = rewards.add(${name}.predict(next).max(-1).mul(gamma));
    return tf.losses.meanSquaredError(targetQs, qs);
  });
}
`;
  assert.deepEqual(codes(lint.lintText(text('target'), 'dqn.js')), []);
  assert.deepEqual(codes(lint.lintText(text('targetNet'), 'dqn.js')), []);
  // Another model's max in the labels is the regression's target too; on the prediction's side it is a kink.
  assert.deepEqual(codes(lint.lintText(text('critic'), 'dqn.js')), []);
  const predicted = text('critic').replace('tf.losses.meanSquaredError(targetQs, qs)', 'tf.losses.meanSquaredError(rewards, qs.sub(critic.predict(next).max(-1).mul(gamma)))');
  assert.ok(codes(lint.lintText(predicted, 'dqn.js')).some((c) => c.startsWith('non-differentiable')));
});

test("a model kept in an object literal's property (GAN = { discriminator, train() { this.discriminator … } }) or a class field is that model", () => {
  const text = `${HEADER}const discriminator = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid' })] });
const optimizer = tf.train.adam(2e-4);
function trainGAN(disc, real) {
  optimizer.minimize(() => {
    const pred = disc.predict(real);
    return tf.losses.sigmoidCrossEntropy(tf.onesLike(pred), pred);
  });
}
const GAN = {
  discriminator: discriminator,
  train(real) { trainGAN(this.discriminator, real); },
};
class Gan {
  disc = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid' })] });
  step(real) {
    optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(tf.onesLike(real), this.disc.predict(real)));
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'gan.js')), ['activation-mismatch:7', 'activation-mismatch:17']);
});

test('a logits loss outside any loss the lint reads (an evaluation, a hand-written RNN) on a sigmoid output is still applied twice', () => {
  const text = `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' })] });
const predictions = [];
export function featureImportance(xs, ys) {
  const baselinePred = model.predict(xs);
  return tf.mean(tf.losses.sigmoidCrossEntropy(ys, baselinePred)).dataSync()[0];
}
export function step(w, h, ys, t) {
  predictions[t] = tf.matMul(w, h).sigmoid();
  const ok = tf.losses.sigmoidCrossEntropy(ys, tf.matMul(w, h));
  return tf.losses.sigmoidCrossEntropy(ys, predictions[t]).add(ok);
}
`;
  const r = lint.lintText(text, 'eval.js');
  assert.deepEqual(codes(r), ['activation-mismatch:6', 'activation-mismatch:11']);
  assert.match(r.diagnostics[0].message, /the output of a model that ends in a sigmoid/);
  assert.equal(r.diagnostics[1].fixes[0].title, 'Use tf.losses.logLoss, which takes probabilities');
  // On a linear model's output, logits, it is right.
  assert.deepEqual(codes(lint.lintText(text.replace("activation: 'sigmoid'", "activation: 'linear'").replace('predictions[t] = tf.matMul(w, h).sigmoid();', 'predictions[t] = tf.matMul(w, h);'), 'eval.js')), []);
});

test('review mends: an element or a let set to more than one value, a clip scaled inside its exp, targets paired with the call that gave the model, models built in branches', () => {
  // outs[0] holds logits even though outs[1] holds a sigmoid: only the same index, set once, is read.
  const elements = `${HEADER}export function g(w, h, ys) {
  const outs = [];
  outs[0] = tf.matMul(w, h);
  outs[1] = tf.matMul(w, h).sigmoid();
  return tf.losses.sigmoidCrossEntropy(ys, outs[0]);
}
`;
  assert.deepEqual(codes(lint.lintText(elements, 'a.js')), []);
  // exp(0.1 * clip(e, -10, 10)) reaches only e^±1: the clip is a kink, not an overflow guard.
  const scaled = `${HEADER}export function myLoss(yTrue, yPred) {
  return tf.mean(tf.exp(tf.clipByValue(yPred.sub(yTrue), -10, 10).mul(0.1)));
}
`;
  assert.deepEqual(codes(lint.lintText(scaled, 'a.js')), ['non-differentiable:3']);
  // A baseline call on class labels does not make the model's call, on shares, one with class targets.
  const paired = `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], activation: 'sigmoid' })] });
const optimizer = tf.train.sgd(0.1);
const classes = tf.tensor1d([0, 1, 0, 1]);
function loss(pred, labels) { return pred.sub(labels).square().mean(); }
const xs = tf.tensor1d([1, 2, 3, 4]);
const shares = tf.tensor1d([0.1, 0.4, 0.6, 0.9]);
console.log(loss(tf.fill([4], 0.5), classes));
optimizer.minimize(() => loss(model.predict(xs), shares));
`;
  assert.deepEqual(codes(lint.lintText(paired, 'a.js')), []);
  // A model built one way or the other in the method that compiles it is not taken to be either.
  const branched = `${HEADER}class M {
  build(binary) {
    if (binary) this.model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' })] });
    else this.model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [3], activation: 'softmax' })] });
    this.model.compile({ optimizer: 'adam', loss: binary ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  }
}
`;
  assert.deepEqual(codes(lint.lintText(branched, 'a.js')), []);
  // Layers a helper adds to a top-level model still count.
  const helper = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }));
function addHead() { model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' })); }
addHead();
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;
  assert.deepEqual(codes(lint.lintText(helper, 'a.js')), []);
  // Class weights written out above a step are constants, not its targets.
  const weights = `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
const optimizer = tf.train.sgd(0.1);
const classWeights = tf.tensor1d([1, 5, 2]);
export function step(xs, ys) {
  optimizer.minimize(() => classWeights.mul(model.predict(xs).sub(ys).abs()).mean());
}
`;
  assert.equal(lint.lintText(weights, 'a.js').sites.find((s) => s.kind === 'minimize').expression, 'classWeights * abs(yPred - yTrue)');
});

test('the probability-loss fix keeps the reduction and is offered only for the two-argument call', () => {
  const text = (call) => `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
export function evaluate(xs, ys) {
  const p = model.predict(xs);
  return ${call};
}
`;
  const two = lint.lintText(text('tf.losses.softmaxCrossEntropy(ys, p)'), 'eval.js').diagnostics[0];
  assert.deepEqual(two.fixes[0].edits.map((e) => e.text), ['tf.metrics.categoricalCrossentropy', '.mean()']);
  const smoothed = lint.lintText(text('tf.losses.sigmoidCrossEntropy(ys, p, undefined, 0.1)'), 'eval.js').diagnostics[0];
  assert.equal(smoothed.code, 'activation-mismatch');
  assert.deepEqual(smoothed.fixes, []);
});

test('a setting tested twice in one loss goes the same way both times: logits or probabilities chosen by one flag', () => {
  const text = (pick) => `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
export function loss(yTrue, logits, fromLogits = true) {
  const p = ${pick};
  return fromLogits ? tf.losses.sigmoidCrossEntropy(yTrue, p) : tf.losses.logLoss(yTrue, p);
}
model.compile({ optimizer: 'adam', loss: (a, b) => loss(a, b) });
`;
  // Logits to the logits loss, a sigmoid to the probability loss: both ways are right.
  assert.deepEqual(codes(lint.lintText(text('fromLogits ? logits : tf.sigmoid(logits)'), 'a.js')), []);
  assert.deepEqual(codes(lint.lintText(text('(!fromLogits) ? tf.sigmoid(logits) : logits'), 'a.js')), []);
  // The sigmoid taken on the way that gives the logits loss: applied twice there, and the linear output given to the
  // probability loss on the other way, whichever way the test is written.
  for (const pick of ['fromLogits ? tf.sigmoid(logits) : logits', '!fromLogits ? logits : tf.sigmoid(logits)']) {
    const found = lint.lintText(text(pick), 'a.js').diagnostics.filter((d) => d.code === 'activation-mismatch');
    assert.deepEqual(found.map((d) => d.line), [5, 5], pick);
    assert.ok(found.some((d) => /applied twice/.test(d.message)) && found.some((d) => /logLoss wants probabilities, but the model's output is linear/.test(d.message)), pick);
  }
});

test('the returns or advantages that weigh a policy-gradient step are never its targets: a REINFORCE Bernoulli log-likelihood is not categorical cross-entropy', () => {
  const text = (weights) => `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1, activation: 'sigmoid' })] });
const optimizer = tf.train.adam(0.01);
export function train(episode, ${weights}) {
  const states = tf.tensor2d(episode.states);
  const actions = tf.tensor1d(episode.actions, 'float32');
  const weights = tf.tensor1d(${weights});
  optimizer.minimize(() => tf.tidy(() => {
    const p = tf.clipByValue(model.predict(states).squeeze(), 1e-7, 1 - 1e-7);
    const logProbs = tf.add(tf.mul(actions, tf.log(p)), tf.mul(tf.sub(1, actions), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(tf.mul(logProbs, weights)));
  }));
}
`;
  for (const weights of ['returns', 'advantages', 'discountedRewards']) assert.deepEqual(codes(lint.lintText(text(weights), 'reinforce.js')), [], weights);
});

test("a GAN loss exported to another file's loop is checked against the file's discriminator: its real/fake parameters are that model's outputs", () => {
  const text = (activation, extra = '') => `${HEADER}export const createDiscriminator = () => {
  const input = tf.input({ shape: [28, 28, 1] });
  const hidden = tf.layers.flatten().apply(input);
  const output = tf.layers.dense({ units: 1${activation ? `, activation: '${activation}'` : ''} }).apply(hidden);
  return tf.model({ inputs: input, outputs: output });
};
export const discriminatorLoss = (realOutput, fakeOutput) => {
  const realLoss = tf.losses.sigmoidCrossEntropy(tf.onesLike(realOutput), realOutput);
  const fakeLoss = tf.losses.sigmoidCrossEntropy(tf.zerosLike(fakeOutput), fakeOutput);
  return realLoss.add(fakeLoss);
};
export function generatorLoss(fakeOutput) {
  return tf.losses.sigmoidCrossEntropy(tf.onesLike(fakeOutput), fakeOutput);
}
${extra}`;
  const am = (t) => lint.lintText(t, 'gan.js').diagnostics.filter((d) => d.code === 'activation-mismatch');
  const found = am(text('sigmoid'));
  assert.deepEqual(found.map((d) => d.line), [9, 10, 14]);
  assert.match(found[0].message, /realOutput is the output of the file's discriminator, which ends in a sigmoid/);
  assert.equal(found[0].fixes[0].title, 'Use tf.losses.logLoss, which takes probabilities');
  // A discriminator that outputs logits (the tutorials' own) is the matching pair.
  assert.deepEqual(am(text(undefined)), []);
  // Two discriminators that end differently: no one model to name.
  assert.deepEqual(am(text('sigmoid', "export const discriminator = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\n")), []);
  // A loss the file itself calls or compiles is read through that call, not by its names.
  assert.deepEqual(am(text(undefined, 'const d = createDiscriminator();\nconst l = discriminatorLoss(d.predict(x), d.predict(g));\n')), []);
});

test('a loss per output (an array by position, an object by output name) is checked against that output alone', () => {
  const text = (loss) => `${HEADER}const input = tf.input({ shape: [8] });
const trunk = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input);
const numbers = tf.layers.dense({ units: 25, activation: 'sigmoid', name: 'number_output' }).apply(trunk);
const group = tf.layers.dense({ units: 5, activation: 'softmax', name: 'group_output' }).apply(trunk);
const model = tf.model({ inputs: input, outputs: [numbers, group] });
const kl = (yTrue, yPred) => tf.sum(tf.mul(tf.maximum(yTrue, 1e-7), tf.log(tf.div(tf.maximum(yTrue, 1e-7), tf.maximum(yPred, 1e-7)))), -1);
model.compile({ optimizer: 'adam', loss: ${loss} });
`;
  // The KL divergence on the softmax output: both sides floored, no log(0) on [0, 1].
  assert.deepEqual(codes(lint.lintText(text("{ number_output: 'binaryCrossentropy', group_output: kl }"), 'm.js')), []);
  assert.deepEqual(codes(lint.lintText(text("['binaryCrossentropy', kl]"), 'm.js')), []);
  // Each output's own mismatch: MSE on the sigmoid output is not a probability loss, a logits loss on the softmax is.
  const am = (r) => codes(r).filter((c) => c.startsWith('activation'));
  assert.deepEqual(am(lint.lintText(text("{ number_output: 'binaryCrossentropy', group_output: tf.losses.softmaxCrossEntropy }"), 'm.js')), ['activation-mismatch:8']);
  assert.deepEqual(am(lint.lintText(text("{ number_output: 'meanSquaredError', group_output: kl }"), 'm.js')), []);
  // A key no output is named: the model as a whole, as before.
  assert.deepEqual(lint.lintText(text("{ numbers: 'binaryCrossentropy', groups: kl }"), 'm.js').sites.filter((s) => s.kind === 'compile').map((s) => s.activation), [null, null]);
});

test("a GAN loss of the discriminator's output alone (gLoss(generatedPred)) is read: -log D(G(z)) unguarded is log(0) where the sigmoid saturates", () => {
  const gan = (body) => `import * as tf from '@tensorflow/tfjs';
export class Gan {
  discriminator(x) {
    return x.matMul(this.dW).add(this.dB).sigmoid().reshape([-1]);
  }
  gLoss(generatedPred) {
    return ${body};
  }
}
`;
  const r = lint.lintText(gan('generatedPred.log().mean().mul(-1)'), 'gan.js');
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['log-of-zero', 7]]);
  assert.match(r.diagnostics[0].message, /sigmoid saturates/);
  // Guarded: silent. A logits loss on the output applies the discriminator's sigmoid twice (the hand-written
  // discriminator ends in `.sigmoid()`, read as the file's discriminator).
  assert.deepEqual(lint.lintText(gan('generatedPred.add(1e-7).log().mean().mul(-1)'), 'gan.js').diagnostics, []);
  const twice = lint.lintText(gan('tf.losses.sigmoidCrossEntropy(tf.onesLike(generatedPred), generatedPred)'), 'gan.js').diagnostics;
  assert.deepEqual(twice.map((d) => [d.code, d.line]), [['activation-mismatch', 7]]);
  assert.match(twice[0].message, /generatedPred is the output of the file's discriminator, which ends in a sigmoid: it is applied twice/);
  // A one-parameter function that is not named as a GAN loss of a discriminator output is not read this way.
  const other = gan('generatedPred.log().mean().mul(-1)').replace('gLoss(generatedPred)', 'entropyLoss(logits)').replaceAll('generatedPred.', 'logits.');
  assert.equal(lint.lintText(other, 'gan.js').sites.some((s) => s.kind === 'custom-function'), false);
});

test("a field a network's own forward computes without its layers (std = exp(clip(this.logStd))) is read from the forward; the layers' fields stay outputs", () => {
  const r = lint.lintText(`${HEADER}class ActorNet {
  constructor() {
    this.fc = tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' });
    this.head = tf.layers.dense({ units: 2 });
    this.logStd = tf.variable(tf.zeros([2]));
  }
  forward(state) {
    return tf.tidy(() => {
      const mean = this.head.apply(this.fc.apply(state));
      const logStd = tf.clipByValue(this.logStd, -20, 2);
      const std = tf.exp(logStd);
      return { mean, std };
    });
  }
}
export class Agent {
  constructor() {
    this.actor = new ActorNet();
    this.opt = tf.train.adam(3e-4);
  }
  update(states, actions, oldLogProbs, adv) {
    this.opt.minimize(() => {
      const { mean, std } = this.actor.forward(states);
      const logProb = tf.sum(tf.sub(tf.log(tf.div(1, tf.mul(std, Math.sqrt(2 * Math.PI)))), tf.div(tf.square(tf.sub(actions, mean)), tf.mul(2, tf.square(std)))), -1);
      const ratio = tf.exp(tf.sub(logProb, oldLogProbs));
      return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 0.8, 1.2), adv))));
    });
  }
}`, 'agent.js');
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(step.unreadable, undefined);
  assert.equal(step.wrt, 'mean', 'the mean, from the layers, is the prediction');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'log-of-zero' || d.code === 'division-by-zero'), [], 'std = exp(…) > 0');
  assert.deepEqual(codes(r), ['non-differentiable:27', 'non-differentiable:27']);
});

test("a forward's std shaped like its mean (this.logStd.broadcastTo(mean.shape)) is still read from the forward: a shape is not the layers' values", () => {
  const r = lint.lintText(`${HEADER}class ActorNet {
  constructor() {
    this.fc = tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' });
    this.head = tf.layers.dense({ units: 1, activation: 'tanh' });
    this.logStd = tf.variable(tf.zeros([1]));
  }
  forward(state) {
    return tf.tidy(() => {
      const mean = this.head.apply(this.fc.apply(state));
      const logStd = this.logStd.broadcastTo(mean.shape);
      const std = tf.exp(tf.clipByValue(logStd, -20, 2));
      return { mean, std };
    });
  }
}
export class Agent {
  constructor() {
    this.actor = new ActorNet();
    this.opt = tf.train.adam(3e-4);
  }
  update(states, actions, adv) {
    this.opt.minimize(() => {
      const { mean, std } = this.actor.forward(states);
      const z = actions.sub(mean).div(std);
      const logProb = tf.scalar(-0.5).mul(z.square()).sub(tf.log(std));
      return tf.neg(tf.mean(tf.mul(logProb, adv)));
    });
  }
}`, 'agent.js');
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(step.wrt, 'mean');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'log-of-zero' || d.code === 'division-by-zero'), [], 'std = exp(clip(…)) > 0');
});

test("a hand RNN's outputs kept in a field's elements by another method (this.predictions[t] = … .softmax()) are probabilities where a logits loss reports them", () => {
  const text = (head) => `class Rnn {
  constructor(xs) {
    this.predictions = [];
    this.predictions[-1] = xs[0];
  }
  feedForward(t) {
    this.predictions[t] = tf.matMul(this.weightsHo, this.hidden[t]).transpose()${head}.transpose();
  }
  learnState() {
    let total = 0;
    for (let t = 0; t < this.steps; t++) {
      total += tf.losses.sigmoidCrossEntropy(this.ys[t].transpose(), this.predictions[t].transpose()).dataSync()[0];
    }
    return total;
  }
}
`;
  const found = lint.lintText(text('.softmax()'), 'rnn.js').diagnostics;
  assert.deepEqual(found.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:12']);
  // Raw logits written there: the loss is right.
  assert.deepEqual(lint.lintText(text(''), 'rnn.js').diagnostics, []);
});

test('a probability loss a compiled wrapper gives the linear output is said once, where the wrapper gives it', () => {
  const code = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
model.compile({ optimizer: 'adam', loss: (yTrue, yPred) => tf.losses.logLoss(yTrue, yPred) });
`;
  const found = lint.lintText(code, '/p/wrapper.js').diagnostics.filter((d) => d.code === 'activation-mismatch');
  assert.deepEqual(found.map((d) => `${d.line}:${d.column} ${d.message}`), ["3:85 tf.losses.logLoss wants probabilities, but the model's output is linear (logits)."]);
});
