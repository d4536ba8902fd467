// A model kept in a field of another object: `agent.actor.compile(…)` on `const agent = new Net(3)`,
// `this.net.actor.compile(…)` on a field given `new Net(4)`, `new Net(2).actor.compile(…)`: the field of the class.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const NET = `const tf = require('@tensorflow/tfjs');
class Net {
  constructor(n) {
    this.actor = this.buildActor(n);
  }
  buildActor(n) {
    const input = tf.input({ shape: [4] });
    const out = tf.layers.dense({ units: n, activation: 'softmax' }).apply(input);
    return tf.model({ inputs: input, outputs: out });
  }
}
class Critic {
  constructor() {
    this.actor = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] });
  }
}
`;
const LOGITS_LOSS = "{ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy }";

test('a field of an instance is the model its class keeps there, however the instance is held', () => {
  const uses = [
    `const agent = new Net(3);\nagent.actor.compile(${LOGITS_LOSS});\n`,
    `class Controller {\n  constructor() {\n    this.net = new Net(4);\n    this.net.actor.compile(${LOGITS_LOSS});\n  }\n}\n`,
    `new Net(2).actor.compile(${LOGITS_LOSS});\n`,
    `let agent;\nagent = new Net(3);\nagent.actor.compile(${LOGITS_LOSS});\n`,
  ];
  for (const use of uses) {
    const r = lint.lintText(`${NET}${use}`, '/p/agent.js');
    assert.equal(r.sites.find((s) => s.kind === 'compile')?.activation, 'softmax', use);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch'], use);
  }
});

test('an object given instances of two classes, or of a class the file does not define, says nothing', () => {
  const two = `let agent = new Net(3);\nif (Math.random() > 0.5) agent = new Critic();\nagent.actor.compile(${LOGITS_LOSS});\n`;
  const r = lint.lintText(`${NET}${two}`, '/p/agent.js');
  assert.equal(r.sites.find((s) => s.kind === 'compile')?.activation, null);
  assert.deepEqual(r.diagnostics, []);
  const foreign = `const { Agent } = require('rl-lib');\nconst agent = new Agent();\nagent.actor.compile(${LOGITS_LOSS});\n`;
  assert.deepEqual(lint.lintText(`${NET}${foreign}`, '/p/agent.js').diagnostics, []);
  // The linear head of Critic with a logits loss is right.
  const critic = `const c = new Critic();\nc.actor.compile(${LOGITS_LOSS});\n`;
  const rc = lint.lintText(`${NET}${critic}`, '/p/agent.js');
  assert.equal(rc.sites.find((s) => s.kind === 'compile')?.activation, 'linear');
  assert.deepEqual(rc.diagnostics, []);
});

test("a model a static factory builds, a field of a builder's returned object, a field of an object literal", () => {
  const text = `const tf = require('@tensorflow/tfjs');
class Factory {
  static create() {
    const m = tf.sequential();
    m.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
    return m;
  }
}
function makeNet() {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
  return { model, optimizer: tf.train.adam() };
}
const made = Factory.create();
made.compile(${LOGITS_LOSS});
const net = makeNet();
net.model.compile(${LOGITS_LOSS});
const models = { policy: Factory.create() };
models.policy.compile(${LOGITS_LOSS});
`;
  const r = lint.lintText(text, '/p/factory.js');
  assert.deepEqual(r.sites.filter((s) => s.kind === 'compile').map((s) => s.activation), ['softmax', 'softmax', 'softmax']);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch', 'activation-mismatch', 'activation-mismatch']);
  // An instance method of the same name is not what the class's static call runs.
  const instance = text.replace('static create()', 'create()');
  assert.equal(lint.lintText(instance, '/p/factory.js').sites.filter((s) => s.kind === 'compile')[0].activation, null);
});

test('a model a class keeps in a registry (registerModel(KEY, () => …) in one method, assertModel(KEY) in another) is the one registered under that key', () => {
  const text = (fetchKey) => `import * as tf from '@tensorflow/tfjs';
const MODEL = 'model';
export class SupervisedAutoencoder extends Algorithm {
  async build() {
    this.registerModel(MODEL, () => {
      const inputs = tf.layers.input({ shape: [8] });
      const outY = tf.layers.dense({ units: 3, activation: 'sigmoid' }).apply(inputs);
      const outX = tf.layers.dense({ units: 8, activation: 'linear' }).apply(inputs);
      return tf.model({ inputs: [inputs], outputs: [outY, outX] });
    });
  }
  loss(X, Y) {
    const model = this.assertModel(${fetchKey});
    const [Y_hat, X_hat] = model.predict(X);
    return tf.losses.sigmoidCrossEntropy(Y, Y_hat).add(tf.losses.meanSquaredError(X, X_hat));
  }
}
`;
  const codes = (t) => lint.lintText(t, 'autoencoder.ts').diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(codes(text('MODEL')), ['activation-mismatch:15']);
  // Another key: not the registered model.
  assert.deepEqual(codes(text("'other'")), []);
});
