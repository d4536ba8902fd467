import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

// Edges of this session's readers, each once a wrong result: what each must not do.
const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (text) => lint.lintText(HEADER + text, 'a.ts').diagnostics.map((d) => `${d.code}:${d.line - 1}`);

test("a tensor's size read off a tidy helper's result is a count, not the helper's value", () => {
  const text = `function sqErr(a: tf.Tensor, b: tf.Tensor) {
  return tf.tidy(() => tf.square(tf.sub(a, b)));
}
export function meanSqErr(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const e = sqErr(yTrue, yPred);
  return tf.div(tf.sum(e), e.size);
}`;
  assert.deepEqual(codes(text), []);
  assert.equal(lint.lintText(HEADER + text, 'a.ts').sites.find((s) => s.name === 'meanSqErr').expression, '(yTrue - yPred)^2 / n');
});

test('a loss helper that logging code also calls is still the loss: its kinks are reported', () => {
  const text = `declare const policy: tf.LayersModel;
function surrogate(states: tf.Tensor, actions: tf.Tensor, oldLogp: tf.Tensor, adv: tf.Tensor) {
  const logp = tf.sum(tf.mul(tf.logSoftmax(policy.predict(states) as tf.Tensor), actions), -1);
  const ratio = tf.exp(tf.sub(logp, oldLogp));
  return tf.mean(tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 0.8, 1.2), adv)));
}
export function train(opt: tf.Optimizer, states: tf.Tensor, actions: tf.Tensor, oldLogp: tf.Tensor, adv: tf.Tensor) {
  opt.minimize(() => tf.neg(surrogate(states, actions, oldLogp, adv)) as tf.Scalar);
  console.log('surrogate', surrogate(states, actions, oldLogp, adv).dataSync()[0]);
}`;
  assert.deepEqual(codes(text).filter((c) => c.startsWith('non-differentiable')).length, 2);
});

test('a test of settings that mentions isFinite is a setting, grouped as written: each way is read', () => {
  const factory = (test, args) => `export function makeLoss(maxRatio: number, strict: boolean, useMse: boolean) {
  return (yTrue: tf.Tensor, yPred: tf.Tensor) => {
    if (${test}) {
      return tf.mean(tf.square(tf.sub(yTrue, yPred)));
    }
    return tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred))));
  };
}
export const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] }));
model.compile({ optimizer: 'adam', loss: makeLoss(${args}) });`;
  for (const test of ['(Number.isFinite(maxRatio) || strict) && useMse', 'Number.isFinite(maxRatio)']) {
    assert.ok(codes(factory(test, 'Infinity, false, false')).includes('log-of-zero:6'), test);
  }
});

test('a field given a constructor parameter holds what the file passes (new SafeBCE(1e-4)), and a field changed in place has no one value', () => {
  const bce = (made) => `export class SafeBCE {
  eps: number;
  constructor(eps = 0) { this.eps = eps; }
  call(yTrue: tf.Tensor, yPred: tf.Tensor) {
    return tf.neg(tf.mean(tf.mul(yTrue, tf.log(tf.add(yPred, this.eps)))));
  }
}
const bce = ${made};
export const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] }));
model.compile({ optimizer: 'adam', loss: (a: tf.Tensor, b: tf.Tensor) => bce.call(a, b) });`;
  const epsOf = (made) => lint.lintText(HEADER + bce(made), 'a.ts').sites.find((s) => s.name === 'call').parameters?.eps;
  assert.equal(epsOf('new SafeBCE(1e-4)'), 1e-4);
  assert.equal(epsOf('new SafeBCE()'), 0);
  assert.equal(epsOf('new SafeBCE(1e-4); const other = new SafeBCE(1e-2)'), undefined, 'two values: none');
  const annealed = bce('new SafeBCE()').replace('  call(', '  anneal() { this.eps += 1e-3; }\n  call(');
  const site = lint.lintText(HEADER + annealed, 'a.ts').sites.find((s) => s.name === 'call');
  assert.equal(Object.hasOwn(site.parameters ?? {}, 'eps'), false, JSON.stringify(site.parameters));
});

test("a method named apply… or execute… on an agent is not a model's forward pass unless it says so (applyWith…)", () => {
  const step = (method) => `declare const agent: any;
export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, states: tf.Tensor, actions: tf.Tensor, rewards: tf.Tensor) {
  optimizer.minimize(() => {
    const weights = agent.${method}(rewards);
    const logp = tf.sum(tf.mul(tf.logSoftmax(model.predict(states) as tf.Tensor), actions), -1);
    return tf.neg(tf.mean(tf.mul(logp, tf.log(weights))));
  });
}`;
  assert.deepEqual(codes(step('applyClipping')), []);
  assert.deepEqual(codes(step('applyDiscount')), []);
});
