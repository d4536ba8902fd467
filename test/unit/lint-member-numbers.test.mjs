import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

function codesOf(code) {
  return lint.lintText(HEADER + code, 'agent.ts').diagnostics.map((d) => `${d.line - 1}:${d.code}`);
}

const model = `const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));
`;

test('a property the class sets to a number is read with that number, not a guess from its name', () => {
  const withEps = (assignments) => `${model}class Trainer {
  constructor() {
${assignments}
    model.compile({ optimizer: 'adam', loss: (a: tf.Tensor, b: tf.Tensor) => this.loss(a, b) });
  }
  loss(labels: tf.Tensor, probs: tf.Tensor) {
    return tf.neg(tf.mean(labels.mul(tf.log(probs.add(this.eps)))));
  }
}`;
  assert.ok(codesOf(withEps('    this.eps = 0;')).some((c) => c.endsWith('log-of-zero')), 'eps = 0 lets the log reach 0');
  assert.ok(!codesOf(withEps('    this.eps = 1e-3;')).some((c) => c.endsWith('log-of-zero')), 'eps = 1e-3 keeps it away');
  // Two different numbers: no one value, so the name's guess stands (a small positive epsilon).
  assert.ok(!codesOf(withEps('    this.eps = 0;\n    this.eps = 1e-3;')).some((c) => c.endsWith('log-of-zero')));
});

test("a learned log standard deviation starts at its initial value: a Gaussian PPO's clip and min kinks are found", () => {
  const ppo = (init) => `const actor = tf.sequential();
actor.add(tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' }));
class Agent {
  constructor(clip = 0.2) {
    this.clip = clip;
    this.logStd = ${init};
    this.opt = tf.train.adam(1e-3);
  }
  logProb(actions: tf.Tensor, mean: tf.Tensor) {
    const std = tf.exp(this.logStd);
    return tf.neg(tf.square(actions.sub(mean)).div(tf.square(std).mul(2))).sub(this.logStd).sub(0.5 * Math.log(2 * Math.PI));
  }
  update(states: tf.Tensor, actions: tf.Tensor, oldLogp: tf.Tensor, adv: tf.Tensor) {
    this.opt.minimize(() => {
      const ratio = tf.exp(this.logProb(actions, actor.predict(states) as tf.Tensor).sub(oldLogp));
      const clipped = tf.clipByValue(ratio, 1 - this.clip, 1 + this.clip);
      return tf.neg(tf.mean(tf.minimum(ratio.mul(adv), clipped.mul(adv))));
    });
  }
}`;
  const found = codesOf(ppo('tf.variable(tf.fill([1, 1], -0.5))')).filter((c) => c.endsWith('non-differentiable'));
  assert.deepEqual(found.map((c) => c.split(':')[0]), ['16', '17'], 'the clip and the min');
  assert.deepEqual(lint.lintText(HEADER + ppo('tf.variable(tf.scalar(-0.5))'), 'agent.ts').sites.find((s) => s.kind === 'minimize')?.parameters, { logStd: -0.5, clip_: 0.2 });
});

test("an op read on its own uses a property's one number too, but not a trainable weight's starting value", () => {
  const op = (init) => `export class Entropy {
  eps = ${init};
  of(probs: tf.Tensor) {
    return tf.neg(tf.sum(tf.mul(probs, tf.log(tf.add(tf.softmax(probs), this.eps))), -1));
  }
}`;
  const read = (init) => lint.lintText(HEADER + op(init), 'a.ts').sites.find((s) => s.kind === 'operation')?.expression;
  assert.match(read('0') ?? '', /\+ 0\)/);
  assert.match(read('tf.variable(tf.scalar(0))') ?? '', /\+ eps\)/);
});
