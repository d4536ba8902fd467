// Models written by hand in a training step: trainable weights kept in fields, in objects of parameters or made by
// helpers, and the layers on them (a linear layer, an embedding lookup) whose outputs are the step's model outputs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);
const minimizeSite = (r) => r.sites.find((s) => s.kind === 'minimize');
/** A recommender's constructor: user and item embedding tables as trainable weights. */
const EMBEDDINGS = `  constructor(users, items, dim) {
    this.userEmbed = tf.variable(tf.randomNormal([users, dim]));
    this.itemEmbed = tf.variable(tf.randomNormal([items, dim]));
  }
`;

test('weights in an object of parameters made by a helper (params = { W: makeVariable(…) }): a softmax layer on them is the model output', () => {
  const text = (make) => `${HEADER}let params = null;
function makeVariable(shape, name) {
  const variable = ${make};
  return variable;
}
function init() {
  params = { W: makeVariable([4, 3], 'W'), b: makeVariable([3], 'b') };
}
function layerOut(x) {
  return tf.softmax(tf.matMul(x, params.W).add(params.b));
}
function step(x, y, optimizer) {
  optimizer.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(layerOut(x))), 1))));
}
`;
  const r = lint.lintText(text('tf.variable(tf.randomNormal(shape), true, name)'), 'gnn.js');
  assert.equal(minimizeSite(r).unreadable, undefined);
  assert.deepEqual(codes(r), ['log-of-zero:14']);
  // Constants made the same way are no weights: the closure has no model output.
  const constant = lint.lintText(text('tf.randomNormal(shape)'), 'gnn.js');
  assert.match(minimizeSite(constant).unreadable, /cannot tell which value is the model output/);
});

test("an embedding lookup on a class's trainable table (tf.gather(this.userEmbed, ids)) is a model output: a two-tower step is read", () => {
  const text = `${HEADER}class TwoTower {
${EMBEDDINGS}  user(ids) { return tf.gather(this.userEmbed, ids); }
  item(ids) { return this.itemEmbed.gather(ids); }
  step(u, pos, neg, optimizer) {
    optimizer.minimize(() => {
      const s = tf.sum(tf.mul(this.user(u), tf.sub(this.item(pos), this.item(neg))), 1);
      return tf.mean(tf.neg(tf.log(tf.sigmoid(s))));
    });
  }
}
`;
  const r = lint.lintText(text, 'twoTower.js');
  assert.equal(minimizeSite(r).unreadable, undefined);
  assert.deepEqual(codes(r).filter((c) => c.startsWith('log-of-zero')), ['log-of-zero:12']);
  // A gather of data (labels by index) is no layer.
  const data = lint.lintText(text.replace(/this\.(user|item)Embed = tf\.variable\((.*)\);/g, 'this.$1Embed = $2;'), 'twoTower.js');
  assert.match(minimizeSite(data).unreadable, /cannot tell which value is the model output/);
});

test('a flag given a default (useBPR = false) is configuration read both ways, not the data a closure is fitted to', () => {
  const text = `${HEADER}class Recommender {
${EMBEDDINGS}  step(u, pos, neg, optimizer, useBPR = false) {
    optimizer.minimize(() => {
      const U = tf.gather(this.userEmbed, u);
      if (!useBPR) {
        const logits = tf.matMul(U, tf.gather(this.itemEmbed, pos), false, true);
        return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.range(0, u.length, 1, 'int32'), u.length), logits).mean();
      }
      const s = tf.sum(tf.mul(U, tf.sub(tf.gather(this.itemEmbed, pos), tf.gather(this.itemEmbed, neg))), 1);
      return tf.neg(tf.mean(tf.log(tf.sigmoid(s))));
    });
  }
}
`;
  const r = lint.lintText(text, 'recommender.js');
  const site = minimizeSite(r);
  assert.equal(site.unreadable, undefined);
  assert.doesNotMatch(site.expression, /not /);
  assert.deepEqual(codes(r), ['log-of-zero:15']);
});

test("PPO on Gaussian log-probabilities (ratio = exp(logp - oldLogProb), the old one data): the clip's kinks are found, the old log-probability tried negative as log-probabilities are", () => {
  const text = `${HEADER}export function update(actor, opt, states, actions, oldLogProbs, adv, clipEps, logStdVar) {
  opt.minimize(() => {
    const mu = actor.predict(states);
    const logStd = tf.clipByValue(logStdVar, -2, 2);
    const diff = tf.sub(actions, mu);
    const logp = tf.sub(tf.mul(-0.5, tf.square(tf.div(diff, tf.exp(logStd)))), tf.add(logStd, 0.9189));
    const ratio = tf.exp(tf.sub(logp, oldLogProbs));
    const surr2 = tf.mul(tf.clipByValue(ratio, 1 - clipEps, 1 + clipEps), adv);
    return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, adv), surr2)));
  });
}
`;
  const r = lint.lintText(text, 'ppo.js');
  // The min switches where the clip does (the ratio at 1 ± clipEps): one kink, found at the clip.
  assert.ok(codes(r).includes('non-differentiable:9'), codes(r).join());
});

test("PPO on a softmax policy's probabilities, old log-probabilities as the target: the advantage is signed, so the lower clip bound's kink (and the min's) is found", () => {
  const text = `${HEADER}export class Agent {
  trainActor(states, actionIndices, oldLogProbs, advantages, optimizer) {
    optimizer.minimize(() => {
      const probs = tf.gatherND(this.actor.predict(states), actionIndices);
      const ratio = tf.exp(tf.sub(tf.log(tf.add(probs, 1e-8)), oldLogProbs));
      const clipped = tf.clipByValue(ratio, 1 - this.config.clipEpsilon, 1 + this.config.clipEpsilon);
      return tf.neg(tf.mean(tf.minimum(tf.mul(ratio, advantages), tf.mul(clipped, advantages))));
    });
  }
}
`;
  const r = lint.lintText(text.replace('export class Agent {', "export class Agent {\n  constructor() { this.actor = tf.sequential(); this.actor.add(tf.layers.dense({ units: 4, inputShape: [8], activation: 'softmax' })); }"), 'agent.js');
  assert.equal(minimizeSite(r).unreadable, undefined);
  assert.ok(codes(r).includes('non-differentiable:8'), codes(r).join());
});

test('a forward pass written as a function that ends in a sigmoid is a sigmoid model for the activation rules', () => {
  const text = (targets, lossCall) => `${HEADER}const w = tf.variable(tf.scalar(Math.random()));
const b = tf.variable(tf.scalar(0));
const optimizer = tf.train.sgd(0.5);
function predict(x) {
  return tf.sigmoid(x.mul(w).add(b));
}
function loss(pred, labels) {
  return pred.sub(labels).square().mean();
}
const xs = tf.tensor1d([1, 2, 3, 4]);
const ys = tf.tensor1d(${targets});
optimizer.minimize(() => ${lossCall});
`;
  // A loss function of the file, paired with the model by the step's call: said at the function, where the loss is changed.
  assert.deepEqual(codes(lint.lintText(text('[0, 0, 1, 1]', 'loss(predict(xs), ys)'), 'lr.js')), ['activation-mismatch:8']);
  // The sigmoid written out: 1 / (1 + exp(-z)) with tensors of ones.
  const byHand = text('[0, 0, 1, 1]', 'loss(predict(xs), ys)').replace('return tf.sigmoid(x.mul(w).add(b));', 'return ones.div(ones.add(x.mul(w).add(b).neg().exp()));').replace('const optimizer', 'const ones = tf.ones([1, 1]);\nconst optimizer');
  assert.deepEqual(codes(lint.lintText(byHand, 'lr.js')), ['activation-mismatch:9']);
  assert.deepEqual(codes(lint.lintText(byHand.replace('ones.add(', 'ones.mul('), 'lr.js')), []);
  // Written in the step: the same.
  assert.deepEqual(codes(lint.lintText(text('[0, 0, 1, 1]', 'tf.losses.meanSquaredError(ys, predict(xs))'), 'lr.js')), ['activation-mismatch:13']);
  // Continuous targets in [0, 1]: MSE on a sigmoid is right.
  assert.deepEqual(codes(lint.lintText(text('[0.1, 0.4, 0.6, 0.9]', 'loss(predict(xs), ys)'), 'lr.js')), []);
  // The activation held in a const the forward pass returns, made in a tidy.
  const held = text('[0, 0, 1, 1]', 'loss(predict(xs), ys)').replace('return tf.sigmoid(x.mul(w).add(b));', 'const prediction = tf.tidy(() => tf.sigmoid(x.mul(w).add(b)));\n  return prediction;');
  assert.deepEqual(codes(lint.lintText(held, 'lr.js')), ['activation-mismatch:9']);
  // A forward pass that ends in no activation says nothing of the output.
  const linear = text('[0, 0, 1, 1]', 'loss(predict(xs), ys)').replace('tf.sigmoid(x.mul(w).add(b))', 'x.mul(w).add(b)');
  assert.deepEqual(codes(lint.lintText(linear, 'lr.js')), []);
});

test("a class's forward method that runs its model (this.forward(u, g) returning this.model.apply(x).squeeze() in a tidy) gives that model's output", () => {
  const text = (head, ret = 'this.model.apply(x).squeeze()') => `import * as tf from '@tensorflow/tfjs';
export class Recommender {
  constructor() {
    this.model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [16]${head ? `, activation: '${head}'` : ''} })] });
    this.optimizer = tf.train.adam(0.001);
  }
  forward(features) {
    return tf.tidy(() => {
      const x = tf.tensor2d(features);
      return ${ret};
    });
  }
  trainStep(features, labels) {
    const f = () => {
      const predictions = this.forward(features);
      return tf.losses.sigmoidCrossEntropy(tf.tensor1d(labels), predictions);
    };
    this.optimizer.minimize(f);
  }
}
`;
  const am = (t) => lint.lintText(t, 'rec.js').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);
  assert.deepEqual(am(text('sigmoid')), [16]);
  assert.deepEqual(am(text(undefined)), []);
  assert.deepEqual(am(text(undefined, 'this.model.predict(x).sigmoid()')), [16]);
  // Methods that call each other by a model's verbs end, whatever they return.
  const loop = `import * as tf from '@tensorflow/tfjs';\nexport class A {\n  predict(x) { return this.apply(x); }\n  apply(x) { return this.predict(x); }\n  step(opt, ys) { opt.minimize(() => tf.losses.sigmoidCrossEntropy(ys, this.predict(1))); }\n}\n`;
  assert.deepEqual(am(loop), []);
});

test("a forward pass kept through a wrapper that hands the function back (predict = autoDispose((h) => …)) is the model's output", () => {
  const text = (wrap) => `${HEADER}import { autoDispose } from './utils';
export class LogisticRegression {
  W = tf.variable(tf.randomNormal([3, 8]));
  loss = ${wrap}((Y: tf.Tensor2D, H: tf.Tensor2D) => {
    const Y_hat = this.predict(H);
    return tf.losses.sigmoidCrossEntropy(Y, Y_hat);
  });
  predict = ${wrap}((H: tf.Tensor2D) => {
    return tf.sigmoid(tf.matMul(this.W, H));
  });
  train(Y: tf.Tensor2D, H: tf.Tensor2D) {
    tf.train.adam().minimize(() => this.loss(Y, H) as tf.Scalar, false, [this.W]);
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text('autoDispose'), 'lr.ts')), ['activation-mismatch:7']);
  // A call that gives back something else than the function (a timer's id) is no such wrapper.
  assert.deepEqual(codes(lint.lintText(text('setTimeout'), 'lr.ts')), []);
});

test("a method of an instance handed to the training function (train(net) with net = new SequenceModel(…), net.call(x)) runs that class's model", () => {
  const text = `${HEADER}class SequenceModel {
  constructor(vocab) {
    this.model = tf.sequential();
    this.model.add(tf.layers.embedding({ inputDim: vocab, outputDim: 8, inputLength: 10 }));
    this.model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: vocab, activation: 'softmax' }) }));
  }
  call(inputs) {
    return this.model.predict(inputs);
  }
}
function train(net, inputs, targets) {
  return tf.variableGrads(() => {
    const logits = net.call(inputs);
    return tf.losses.softmaxCrossEntropy(targets, logits);
  });
}
function run() {
  const model = new SequenceModel(100);
  train(model, tf.zeros([2, 10]), tf.zeros([2, 10, 100]));
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'seq.js')), ['activation-mismatch:15']);
  // Handed two different things, the parameter is no one class's instance.
  assert.deepEqual(codes(lint.lintText(text.replace('train(model, tf.zeros', 'train(model, tf.zeros([1]), tf.zeros([1]));\n  train(other, tf.zeros'), 'seq.js')), []);
});

test("a builder method a subclass inherits (this.createSurrogateModel() defined in the superclass) builds the model", () => {
  const text = `${HEADER}class Attack {
  createSurrogateModel(shape) {
    const model = tf.sequential();
    model.add(tf.layers.flatten({ inputShape: shape }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    return model;
  }
}
class IterativeAttack extends Attack {
  perturb(image) {
    const model = this.createSurrogateModel(image.shape.slice(1));
    return tf.grad((input) => {
      const pred = model.predict(input);
      const target = tf.oneHot(tf.argMax(pred, 1), 10);
      return tf.losses.softmaxCrossEntropy(target, pred);
    })(image);
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'attack.js')), ['activation-mismatch:16']);
});

// holdout211's Angular XOR component: `let retmodel = hidden.matMul(w2).add(b2).sigmoid(); return retmodel;` in the
// forward method; the `let` is never assigned again, so it is the sigmoid output a const would be.
test('a forward method returning a let that keeps its value is read like a const: a sigmoid output under a hand-written squared cost', () => {
  const text = (decl) => `import * as tf from '@tensorflow/tfjs';
export class Xor {
  private xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]], [4, 2]);
  private ys = tf.tensor2d([[0], [1], [1], [0]], [4, 1]);
  private w1 = tf.variable(tf.randomNormal([2, 8]));
  private w2 = tf.variable(tf.randomNormal([8, 1]));
  private optimizer = tf.train.sgd(0.1);
  cost(y: tf.Tensor, output: tf.Tensor) {
    return tf.squaredDifference(y, output).sum();
  }
  train() {
    this.optimizer.minimize(() => this.cost(this.ys, this.model(this.xs)) as tf.Scalar);
  }
  model(xs: tf.Tensor2D) {
    const hidden = xs.matMul(this.w1).relu();
    ${decl} out = hidden.matMul(this.w2).sigmoid();
    return out;
  }
}
`;
  for (const decl of ['let', 'var', 'const']) {
    assert.deepEqual(lint.lintText(text(decl), '/p/xor.ts').diagnostics.map((d) => d.code), ['activation-mismatch'], decl);
  }
  // Given another value later, the let is not the sigmoid it starts as.
  const reassigned = text('let').replace('    return out;', '    out = out.mul(2);\n    return out;');
  assert.deepEqual(lint.lintText(reassigned, '/p/xor.ts').diagnostics.map((d) => d.code), []);
});

// holdout211's core-API classifier keeps its weights in one field: `this.variables = { w1: tf.variable(…), … }`.
test("weights kept in a field's object (this.variables.w1) are trainable weights: the step's hand-written loss is read", () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export class TinyNet {
  variables: { w1: tf.Variable; w2: tf.Variable };
  optimizer = tf.train.sgd(0.1);
  constructor() {
    this.variables = { w1: tf.variable(tf.randomNormal([4, 8])), w2: tf.variable(tf.randomNormal([8, 3])) };
  }
  train(input: number[], label: number) {
    const x = tf.tensor2d(input, [1, 4]);
    const target = tf.oneHot(tf.tensor1d([label], 'int32'), 3);
    this.optimizer.minimize(() => {
      const hidden = tf.relu(tf.matMul(x, this.variables.w1));
      const scores = tf.matMul(hidden, this.variables.w2);
      return tf.mean(tf.abs(tf.sub(target, tf.softmax(scores)))) as tf.Scalar;
    });
  }
}
`;
  const r = lint.lintText(text, '/p/net.ts');
  const step = r.sites.find((s) => s.kind === 'minimize');
  assert.ok(step && step.unreadable === undefined, JSON.stringify(step?.unreadable));
  // The MAE's kink, and MAE on a softmax over one-hot rows.
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`).sort(), ['14:activation-mismatch', '14:non-differentiable']);
});
