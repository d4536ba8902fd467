// Functions of a module imported whole (`import * as K from './backend'`): `K.square(x)` is the module's function, read
// as the TF.js op of that name (a backend wrapping TF.js), never as a method of a tensor `K`; a step's helper method
// given the model's output (`this.model.computeLogProb(mean, a)`) is a function of that output.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

function run(text, file = '/p/losses.ts') {
  const r = lint.lintText(text, file);
  assert.equal(r.internalError, undefined);
  return r;
}
const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);

test('K.abs / K.maximum of a backend module are the TF.js ops: the kinks of MAE and hinge are found', () => {
  const r = run(`import * as K from './backend/tfjs_backend';
export function meanAbsoluteError(yTrue, yPred) {
  return K.mean(K.abs(K.subtract(yPred, yTrue)), -1);
}
export function hinge(yTrue, yPred) {
  return K.mean(K.maximum(K.getScalar(0), K.scalarPlusArray(K.getScalar(1), K.neg(K.multiply(yTrue, yPred)))), -1);
}
export function squaredHinge(yTrue, yPred) {
  return K.mean(K.square(K.maximum(0, K.sub(1, K.mul(yTrue, yPred)))), -1);
}
`);
  assert.deepEqual(codes(r).sort(), ['non-differentiable:3', 'non-differentiable:6']);
});

test('a required module works the same, and a function it has no TF.js name for is reported unread by name', () => {
  const r = run(`const ops = require('./ops');
function l1(yTrue, yPred) { return ops.mean(ops.abs(ops.sub(yPred, yTrue))); }
function odd(yTrue, yPred) { return ops.mean(ops.weird(ops.sub(yPred, yTrue))); }
module.exports = { l1, odd };
`, '/p/l.js');
  assert.deepEqual(codes(r), ['non-differentiable:2']);
  const unread = r.sites.find((s) => s.name === 'odd');
  assert.match(unread.unreadable, /ops\.weird\(\) of '\.\/ops' is not read/);
});

test('a module function named as a TF.js metric is that metric: a logits loss it is not', () => {
  const r = run(`import * as K from './backend';
export function bce(yTrue, yPred) { return K.binaryCrossentropy(yTrue, yPred); }
`);
  assert.deepEqual(codes(r), []);
  assert.equal(r.sites.find((s) => s.name === 'bce').unreadable, undefined);
});

test('clip(p, ε, Number.MAX_VALUE) before a log is a guard; an abs over a clipped divisor still has its kink', () => {
  const r = run(`import * as tf from '@tensorflow/tfjs';
export function msle(yTrue, yPred) {
  const first = tf.log(tf.add(1, tf.clipByValue(yPred, 1e-7, Number.MAX_VALUE)));
  const second = tf.log(tf.add(1, tf.clipByValue(yTrue, 1e-7, Number.MAX_VALUE)));
  return tf.mean(tf.square(tf.sub(first, second)), -1);
}
export function mape(yTrue, yPred) {
  const clippedTrue = tf.clipByValue(tf.abs(yTrue), 1e-7, Number.MAX_VALUE);
  return tf.mean(tf.abs(tf.div(tf.sub(yTrue, yPred), clippedTrue)), -1);
}
`);
  assert.deepEqual(codes(r), ['non-differentiable:9']);
});

test('a PPO step whose log-probabilities come from a method of another file still has the clip and min kinks', () => {
  const r = run(`import * as tf from '@tensorflow/tfjs';
export class Agent {
  update(states, actions, oldLogProbs, advantages) {
    this.optimizer.minimize(() => {
      const mean = this.model.actor.predict(states);
      const logProbs = this.model.computeLogProb(mean, actions);
      const ratio = tf.exp(tf.sub(logProbs, oldLogProbs));
      const clipped = tf.clipByValue(ratio, 0.8, 1.2);
      return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, advantages), tf.mul(clipped, advantages))));
    });
  }
}
`, '/p/agent.js');
  assert.deepEqual(codes(r).filter((c) => c.startsWith('non-differentiable')), ['non-differentiable:8', 'non-differentiable:9']);
});

test('a method TF.js does not have on the output (gathered.diagonal()) is a function of it: the PPO clip and min made from it are still read', () => {
  const r = run(`import * as tf from '@tensorflow/tfjs';
export class Agent {
  update(states, actions, advantages, oldProbs) {
    this.actorOptimizer.minimize(() => {
      const actionProbs = this.actorModel.predict(states);
      const newProbs = tf.gather(actionProbs.transpose(), actions.cast('int32')).diagonal();
      const ratio = tf.div(newProbs, tf.add(oldProbs, 1e-8));
      const surr2 = tf.mul(tf.clipByValue(ratio, 0.8, 1.2), advantages);
      return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, advantages), surr2)));
    });
  }
}
`, '/p/ppo-agent.ts');
  assert.deepEqual(codes(r), ['non-differentiable:8', 'non-differentiable:9']);
  assert.match(r.diagnostics[0].message, /newProbs/);
  // Said on the site (and by --report-unread), so the reading is not taken for a full one.
  assert.match(r.sites.find((s) => s.kind === 'minimize').partlyUnread, /\.diagonal\(\) is not read by Loss Lens \(or TF\.js has no such method\), so it is taken as an unknown function of the model's output/);
});

test('a helper method given no model output stays unread in a step (nothing of the prediction flows through it)', () => {
  const r = run(`import * as tf from '@tensorflow/tfjs';
export class Agent {
  update(states) {
    this.optimizer.minimize(() => {
      const out = this.model.predict(states);
      const ref = this.stats.reference(states);
      return tf.mean(tf.abs(tf.sub(ref, 0)));
    });
  }
}
`, '/p/agent2.js');
  assert.deepEqual(codes(r), []);
});

test('TF.js kept in a class field (this.tf, handed to the constructor) is TF.js: a GAN step written with this.tf is read, and its fix uses this.tf', () => {
  const text = `export class Trainer {
  constructor(tf, generator, discriminator) {
    this.tf = tf;
    this.generator = generator;
    this.discriminator = discriminator;
    this.optimizer = tf.train.adam(1e-3);
  }
  step(noise) {
    return this.optimizer.minimize(() =>
      this.tf.tidy(() => {
        const fake = this.discriminator.predict(this.generator.predict(noise));
        return this.tf.log(fake).mean().neg();
      }),
    );
  }
}
`;
  const r = lint.lintText(text, 'trainer.js');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site?.unreadable, undefined);
  const d = r.diagnostics.find((x) => x.code === 'log-of-zero');
  assert.ok(d, r.diagnostics.map((x) => x.message).join('\n'));
  const edits = (d.fixes ?? []).flatMap((f) => f.edits ?? []).map((e) => e.newText).join(' ');
  assert.ok(!/(?<![\w.])tf\./.test(edits), edits);
});

test('TF.js kept in a field of another name (tensorflow = require(…) in a class, this.lib = tf) is TF.js too', () => {
  const required = `export default class Network {
  tensorflow = require('@tensorflow/tfjs');
  compile() {
    this.model = this.tensorflow.sequential();
    this.model.add(this.tensorflow.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
    this.model.compile({ optimizer: 'adam', loss: this.tensorflow.losses.meanSquareError });
  }
}
`;
  assert.deepEqual(run(required, '/p/network.ts').diagnostics.map((d) => `${d.code}:${d.line}`), ['unknown-loss:6']);
  const given = `import * as tf from '@tensorflow/tfjs';
export class Net {
  constructor() {
    this.lib = tf;
  }
  loss(labels, logits) {
    return this.lib.losses.softmaxCrossEntropy(labels, this.lib.softmax(logits));
  }
}
`;
  assert.deepEqual(run(given, '/p/net.js').diagnostics.map((d) => d.code), ['activation-mismatch']);
  // A field given something else (a library of the project) is no TF.js, nor one given TF.js and something else too.
  assert.deepEqual(run(given.replace('this.lib = tf;', "this.lib = require('./ops');"), '/p/net.js').diagnostics, []);
  assert.deepEqual(run(given.replace('this.lib = tf;', 'this.lib = tf;\n  }\n  swap(ops) {\n    this.lib = ops;'), '/p/net.js').diagnostics, []);
  // A chain broken over lines (\`this.model = tf\n  .sequential()\`) gives the field the chain's value, not TF.js; a local of
  // the field's name is no field.
  const chained = "const tf = require('@tensorflow/tfjs')\nclass Net {\n  constructor() {\n    this.model = tf\n      .sequential()\n  }\n  bce(ys, p) {\n    return this.model.losses.binaryCrossentropy(ys, p)\n  }\n}\nmodule.exports = { Net }\n";
  assert.deepEqual(run(chained, '/p/net.js').diagnostics, []);
  const local = "import * as tf from '@tensorflow/tfjs';\nexport class Net {\n  constructor() { this.helper = new Helper(); }\n  loss(a, b) {\n    const helper = tf;\n    return this.helper.losses.weirdLoss(a, b);\n  }\n}\n";
  assert.deepEqual(run(local, '/p/net.js').diagnostics, []);
});

test('a SAC actor step: critics run on the action the policy just produced, joined to the state in a method, are functions of it, so their minimum is a kink', () => {
  const text = (join) => `import * as tf from '@tensorflow/tfjs';
export class SAC {
  predictQ1(observation, action) {
    return tf.squeeze(this.q1.apply(${join}), [-1]);
  }
  predictQ2(observation, action) {
    return tf.squeeze(this.q2.apply(${join}), [-1]);
  }
  update(batch) {
    const lossPolicy = () => {
      const [pi, logpPi] = this.policy.apply(batch.observation);
      const minPiQ = tf.minimum(this.predictQ1(batch.observation, pi), this.predictQ2(batch.observation, pi));
      return tf.mean(logpPi.mul(0.2).sub(minPiQ));
    };
    const { grads } = tf.variableGrads(lossPolicy, this.policy.getWeights());
    this.policyOptimizer.applyGradients(grads);
  }
}
`;
  const kinks = (join) => run(text(join), '/p/sac.ts').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  assert.deepEqual(kinks('tf.concat([observation, action], 1)'), [12]);
  // Critics given only the state: their outputs are data to this step, and their minimum no kink of it.
  assert.deepEqual(kinks('observation'), []);
});

test('TF.js loaded inside a function (a route handler\'s require, a lazy page\'s await import) names TF.js there', () => {
  const text = (load) => `exports.run = async (rows) => {
  const engine = ${load};
  const model = engine.sequential();
  model.add(engine.layers.dense({ inputShape: [4], units: 3, activation: 'sigmoid' }));
  model.compile({ loss: 'meanSquaredError', optimizer: engine.train.adam(0.01) });
  const ys = engine.tensor2d(rows.map((r) => [r.s === 'a' ? 1 : 0, r.s === 'b' ? 1 : 0, r.s === 'c' ? 1 : 0]));
  await model.fit(engine.tensor2d(rows.map((r) => [r.x, r.y, r.z, r.w])), ys);
};
`;
  for (const load of ["require('@tensorflow/tfjs')", "await import('@tensorflow/tfjs')"]) {
    assert.deepEqual(lint.lintText(text(load), 'controller.js').diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:5'], load);
  }
  // Another module loaded the same way names nothing.
  assert.deepEqual(lint.lintText(text("require('./engine')"), 'controller.js').diagnostics, []);
});
