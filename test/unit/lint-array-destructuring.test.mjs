import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

const siteAt = (r, kind) => r.sites.find((s) => s.kind === kind);

test('elements destructured from a helper that returns an array (through tf.tidy, or another helper) are read', () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4] }));
const optimizer = tf.train.adam();
class Policy {
  logitsAndActions(inputs: tf.Tensor) {
    return tf.tidy(() => {
      const logits = model.predict(inputs) as tf.Tensor;
      const actions = tf.multinomial(tf.concat([tf.sigmoid(logits), tf.sub(1, tf.sigmoid(logits))], 1), 1);
      return [logits, actions];
    });
  }
  step(inputs: tf.Tensor, labels: tf.Tensor) {
    return tf.variableGrads(() => {
      const [logits, actions] = this.logitsAndActions(inputs);
      return tf.losses.sigmoidCrossEntropy(labels, logits).asScalar();
    });
  }
}`;
  const r = lint.lintText(text, 'policy.ts');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.unreadable, undefined);
  assert.match(site.expression, /log\(1 \+ exp\(-abs\(yPred\)\)\)/);
  // An array that is not written out in the helper stays unread, and says why.
  const opaque = lint.lintText(text.replace('return [logits, actions];', 'const out = [logits, actions];\n      return out;'), 'policy.ts');
  assert.match(opaque.sites.find((s) => s.kind === 'minimize').unreadable, /logits: destructuring is not followed/);
});

test("a helper that returns another helper's array gives that helper's element; the loss is read on the output it mentions", () => {
  const text = `${HEADER}const w = tf.variable(tf.randomNormal([4, 1]));
const g = tf.variable(tf.randomNormal([2, 4]));
const dOpt = tf.train.sgd(0.1);
const gOpt = tf.train.sgd(0.1);
function discriminate(xs: tf.Tensor) {
  const logits = xs.matMul(w);
  return [logits, tf.sigmoid(logits)];
}
function discriminateFake(zs: tf.Tensor) {
  return discriminate(tf.tanh(zs.matMul(g)));
}
function train(real: tf.Tensor, zs: tf.Tensor) {
  dOpt.minimize(() => {
    const [logitsReal] = discriminate(real);
    return tf.losses.sigmoidCrossEntropy(tf.onesLike(logitsReal), logitsReal);
  }, true, [w]);
  gOpt.minimize(() => {
    const [logitsFake, probsFake] = discriminateFake(zs);
    return tf.neg(tf.mean(tf.log(probsFake)));
  }, true, [g]);
}`;
  const r = lint.lintText(text, 'gan.ts');
  const steps = r.sites.filter((s) => s.kind === 'minimize');
  assert.equal(steps.length, 2);
  for (const s of steps) assert.equal(s.unreadable, undefined, s.unreadable);
  assert.match(steps[1].expression, /^-log\(sigmoid\(yPred_\d\)\)$/);
});

test("a multi-output loss destructures its prediction and target: each output, and an output's own outputs, is a part", () => {
  const text = `${HEADER}export function vaeLoss(yTrue: tf.Tensor[], yPred: any) {
  const [onTrue, velTrue] = yTrue;
  const [zMean, zLogVar, decoded] = yPred;
  const [on, vel] = decoded;
  const recon = tf.metrics.binaryCrossentropy(onTrue, on).add(tf.losses.meanSquaredError(velTrue, vel));
  const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, zLogVar), tf.square(zMean)), tf.exp(zLogVar)), -1));
  return tf.mean(recon.add(kl));
}`;
  const r = lint.lintText(text, 'vae.ts');
  const site = r.sites.find((s) => s.name === 'vaeLoss');
  assert.equal(site.unreadable, undefined);
  assert.equal(site.wrt, 'yPred_2_0');
  for (const part of ['yPred_2_1', 'yPred_1', 'yPred_0', 'yTrue_2']) assert.match(site.expression, new RegExp(`\\b${part}\\b`), part);
  assert.ok(r.diagnostics.some((d) => d.code === 'exp-overflow' && d.line === 7), 'exp of the log-variance');
});

test("a DQN's replay rows are data, one per field (batch.map((e) => e[2])), and an array of one value is that value", () => {
  const text = `${HEADER}const online = tf.sequential();
online.add(tf.layers.dense({ units: 4, inputShape: [8] }));
const targetNet = tf.sequential();
targetNet.add(tf.layers.dense({ units: 4, inputShape: [8] }));
const optimizer = tf.train.adam(1e-3);
export function trainOnBatch(batch: any[], gamma: number) {
  optimizer.minimize(() => {
    const states = tf.tensor2d(batch.map((e) => e[0]));
    const actions = tf.tensor1d(batch.map((e) => e[1]), 'int32');
    const qs = (online.apply(states, { training: true }) as tf.Tensor).mul(tf.oneHot(actions, 4)).sum(-1);
    const rewards = tf.tensor1d(batch.map((e) => e[2]));
    const nextMax = (targetNet.predict(tf.tensor2d(batch.map((e) => e[4]))) as tf.Tensor).max(-1);
    const notDone = tf.scalar(1).sub(tf.tensor1d(batch.map((e) => e[3])));
    return tf.losses.meanSquaredError(rewards.add(nextMax.mul(notDone).mul(gamma)), qs);
  });
}
export function trainOne(state: tf.Tensor, action: number) {
  optimizer.minimize(() => tf.neg(tf.sum(tf.mul(online.predict(state) as tf.Tensor, tf.oneHot([action], 4)))));
}`;
  const steps = lint.lintText(text, 'dqn.ts').sites.filter((s) => s.kind === 'minimize');
  assert.equal(steps.length, 2);
  for (const s of steps) assert.equal(s.unreadable, undefined, s.unreadable);
  const [replay, one] = steps.map((s) => s.expression);
  // Rewards, actions and done flags are three fields of the rows (the rows are the step's first data, its target),
  // each data of its own; the target network's output is data too, so its max is no kink of the loss.
  for (const field of ['yTrue_1', 'yTrue_2', 'yTrue_3']) assert.match(replay, new RegExp(`\\b${field}\\b`), field);
  assert.doesNotMatch(replay, /max\(/);
  assert.deepEqual(lint.lintText(text, 'dqn.ts').diagnostics, []);
  assert.match(one, /yPred \* \w+/);
  // A row of the prediction itself is not data.
  const own = lint.lintText(`${HEADER}const m = tf.sequential();\nm.add(tf.layers.dense({ units: 2, inputShape: [2] }));\nconst o = tf.train.sgd(0.1);\no.minimize(() => { const p = m.predict(tf.zeros([1, 2])) as any; return tf.square(p[1]).sum(); });`, 'own.ts');
  assert.match(own.sites.find((s) => s.kind === 'minimize').unreadable ?? '', /p\[1\]/);
});

// `tf.split` and `unstack` cut a tensor into parts, as losses over several heads and boxes are written.
const splitSites = (text) => lint.lintText(text, 'split.js');
test('parts of the prediction split with tf.split are outputs named as the code names them; parts of the target are target data', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function vaeLoss(yTrue, yPred) {
  return tf.tidy(() => {
    const [mu, logVar] = tf.split(yPred, 2, -1);
    return tf.mean(tf.exp(logVar).add(mu.square()).sub(1).sub(logVar).mul(0.5));
  });
}
export function boxLoss(yTrue, yPred) {
  const [x1, w1] = tf.split(yTrue, 2, 1);
  const [x2, w2] = yPred.split(2, 1);
  return tf.abs(x1.sub(x2)).add(tf.log(w2.div(w1))).mean();
}
export function triplet(yTrue, yPred) {
  const [a, p, n] = tf.unstack(yPred, 1);
  return tf.relu(tf.sub(tf.sum(tf.square(a.sub(p)), -1), tf.sum(tf.square(a.sub(n)), -1)).add(0.2)).mean();
}
`;
  const r = splitSites(text);
  const byName = Object.fromEntries(r.sites.filter((s) => s.kind === 'custom-function').map((s) => [s.name, s]));
  for (const name of ['vaeLoss', 'boxLoss', 'triplet']) assert.equal(byName[name].unreadable, undefined, name);
  assert.match(byName.vaeLoss.expression, /exp\(logVar\)/);
  assert.match(byName.triplet.expression, /\(a - p\)\^2 - \(a - n\)\^2/);
  const codes = r.diagnostics.map((d) => `${d.line} ${d.code}`);
  const line = (needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  assert.ok(codes.includes(`${line('tf.exp(logVar)')} exp-overflow`), codes.join(', '));
  assert.ok(codes.includes(`${line('tf.abs(x1')} non-differentiable`) && codes.includes(`${line('tf.abs(x1')} log-of-zero`), codes.join(', '));
  assert.ok(codes.includes(`${line('tf.relu(')} non-differentiable`), codes.join(', '));
});

test("outputs destructured from a network's forward defined in another file are model outputs: the PPO clip and min are found, hazards of their unseen range are not", () => {
  const text = `import * as tf from '@tensorflow/tfjs';
import ActorNetwork from './ActorNetwork';
export default class DualActorNetwork extends ActorNetwork {
  trainBatch(input, actions, advantage, epsilon) {
    const f = () => tf.tidy(() => {
      const [mean1, std1] = this.oldNet.exec(input);
      const [mean2, std2] = this.exec(input);
      const prob1 = tf.exp(tf.mul(-0.5, actions.sub(mean1).square().div(std1.square()))).div(std1);
      const prob2 = tf.exp(tf.mul(-0.5, actions.sub(mean2).square().div(std2.square()))).div(std2);
      const ratio = prob2.div(prob1);
      const clipped = tf.clipByValue(ratio, 1 - epsilon, 1 + epsilon).mul(advantage);
      const entropy = std2.square().mul(2 * Math.PI * Math.E).log().mul(0.5);
      return tf.neg(tf.minimum(ratio.mul(advantage), clipped)).sub(entropy.mul(0.01)).mean();
    });
    return this.optimizer.minimize(f, true);
  }
}
`;
  const r = lint.lintText(text, 'DualActorNetwork.js');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.unreadable, undefined);
  const line = (needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  assert.deepEqual(r.diagnostics.map((d) => `${d.line} ${d.code}`), [`${line('tf.clipByValue')} non-differentiable`, `${line('tf.minimum')} non-differentiable`]);
});

test('a transpose or a tile holds the same elements: a contrastive loss over logits.transpose() is read', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function clipLoss(labels, logits) {
  const a = tf.losses.softmaxCrossEntropy(labels, logits);
  const b = tf.losses.softmaxCrossEntropy(labels, logits.tile([1, 1]).transpose());
  return a.add(b).div(2);
}
`;
  const site = lint.lintText(text, 'clip.js').sites.find((s) => s.kind === 'custom-function');
  assert.equal(site.unreadable, undefined);
  assert.equal(site.partlyUnread, undefined);
});

test('a logits loss outside the training closure on one output of a list a model predicted (outputs[0]) is checked against that output', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [8] });
const policy = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(input);
const value = tf.layers.dense({ units: 1, activation: 'tanh' }).apply(input);
const model = tf.model({ inputs: input, outputs: [policy, value] });
export function report(states, targetPolicy) {
  const predictions = model.predict(states) as tf.Tensor[];
  const predPolicy = predictions[0] as tf.Tensor2D;
  const predValue = predictions[1] as tf.Tensor2D;
  return [tf.losses.softmaxCrossEntropy(targetPolicy, predPolicy), tf.losses.sigmoidCrossEntropy(targetPolicy, predValue)];
}
`;
  const found = lint.lintText(text, 'report.ts').diagnostics.filter((d) => d.code === 'activation-mismatch');
  // The softmax output is given to softmaxCrossEntropy; the tanh output is no probability.
  assert.deepEqual(found.map((d) => [d.line, /softmax output|ends in a softmax/.test(d.message)]), [[10, true]]);
});
