import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);

test('tf.losses / tf.metrics calls TF.js does not have are unknown-loss errors, with the closest name as the fix', () => {
  const text = `${HEADER}export function step(ys: tf.Tensor, preds: tf.Tensor) {\n  return tf.losses.meanSquareError(ys, preds);\n}\n`;
  const r = lint.lintText(text, 'a.ts');
  const d = r.diagnostics.find((x) => x.code === 'unknown-loss');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.severity, 'error');
  assert.equal(text.slice(d.start, d.end), 'tf.losses.meanSquareError');
  assert.match(d.message, /not a TF\.js function/);
  assert.equal(lint.applySourceEdits(text, d.fixes[0].edits).includes('tf.losses.meanSquaredError(ys, preds)'), true);
  // Named imports of the namespace too, and a metric.
  const named = "import { metrics } from '@tensorflow/tfjs';\nconst acc = metrics.binaryAcuracy(ys, ps);\n";
  assert.deepEqual(lint.lintText(named, 'b.ts').diagnostics.map((x) => [x.code, x.fixes[0]?.title]), [['unknown-loss', 'Use metrics.binaryAccuracy']]);
});

test('a tf.losses name TF.js does not have, kept to call later, is undefined: reported where it is taken, unless only tested for', () => {
  const text = `${HEADER}export class Bot {
  constructor() {
    this.lossFunction = tf.losses.sparseCategoricalCrossentropy;
  }
}
`;
  const [d] = lint.lintText(text, 'bot.js').diagnostics;
  assert.equal(d?.code, 'unknown-loss');
  assert.equal(text.slice(d.start, d.end), 'tf.losses.sparseCategoricalCrossentropy');
  assert.match(d.message, /undefined/);
  // Feature tests are how code asks whether a name exists.
  for (const test of ['typeof tf.losses.focal', 'tf.losses.focal ? 1 : 0', 'tf.losses.focal || tf.losses.logLoss', '!tf.losses.focal', 'tf.losses.focal?.(a, b)']) {
    assert.deepEqual(lint.lintText(`${HEADER}const x = ${test};\n`, 'a.js').diagnostics, [], test);
  }
  assert.deepEqual(lint.lintText(`${HEADER}if (tf.losses.focal) run();\n`, 'a.js').diagnostics, []);
  // Compared with undefined, made a boolean, used only under a test of the same name, or defined here (a polyfill).
  const guarded = [
    'const a = tf.losses.focal !== undefined;', 'const b = Boolean(tf.losses.focal);',
    "const c = typeof tf.losses.focal === 'function' ? tf.losses.focal : tf.losses.logLoss;",
    'const d = tf.losses.focal && tf.losses.focal(x, y);', "const e = 'focal' in tf.losses ? tf.losses.focal : null;",
    'if ((tf.losses.focal)) { run(tf.losses.focal); }', 'tf.losses.focal = (y, p) => p;',
  ];
  assert.deepEqual(lint.lintText(`${HEADER}${guarded.join('\n')}\n`, 'a.js').diagnostics, []);
});

test('real TF.js names and objects that are not TF.js stay silent', () => {
  const ok = `${HEADER}const a = tf.losses.meanSquaredError(ys, ps);\nconst b = tf.metrics.categoricalCrossentropy(ys, ps);\nconst losses = { mine: (y, p) => p };\nconst c = losses.mine(ys, ps);\nconst d = this.losses.custom(ys, ps);\n`;
  assert.deepEqual(lint.lintText(ok, 'a.ts').diagnostics.filter((d) => d.code === 'unknown-loss'), []);
});

test('a loss called on tf itself (tf.softmaxCrossEntropy), where TF.js has none, throws: said, with tf.losses as the fix', () => {
  const text = `${HEADER}function inBatchLoss(labels, logits) {
  return tf.mean(tf.softmaxCrossEntropy(labels, logits));
}
const guarded = typeof tf.meanSquaredError === 'function' ? tf.meanSquaredError(a, b) : tf.losses.meanSquaredError(a, b);
const fine = tf.losses.softmaxCrossEntropy(a, b);
const own = { mse: (y, p) => p };
own.mse(a, b);
`;
  const r = lint.lintText(text, 'a.js');
  const found = r.diagnostics.filter((d) => d.code === 'unknown-loss');
  assert.deepEqual(found.map((d) => d.line), [3]);
  assert.match(found[0].message, /tf\.softmaxCrossEntropy is not a TF\.js function/);
  assert.deepEqual(found[0].fixes.map((f) => f.title), ['Use losses.softmaxCrossEntropy']);
  // None of the names of tf.losses and tf.metrics is on tf itself in the installed TF.js.
  const tf = require('@tensorflow/tfjs');
  assert.deepEqual([...Object.keys(tf.losses), ...Object.keys(tf.metrics)].filter((n) => tf[n] !== undefined), []);
});

test("the list of tf.losses and tf.metrics functions is TF.js's own (it cannot drift from the installed version)", () => {
  const tf = require('@tensorflow/tfjs');
  const expected = { losses: Object.keys(tf.losses).sort(), metrics: Object.keys(tf.metrics).sort() };
  const source = require('node:fs').readFileSync(new URL('../../src/lint/languages/typescript/tfNamespaceFunctions.ts', import.meta.url), 'utf8');
  for (const space of ['losses', 'metrics']) {
    const listed = [...source.matchAll(new RegExp(`${space}: \\[([^\\]]*)\\]`, 'g'))][0][1].match(/'([^']+)'/g).map((s) => s.slice(1, -1)).sort();
    assert.deepEqual(listed, expected[space], space);
  }
});

test('a loss-named method of a training loop with one batch parameter is read like a minimize closure (PPO)', () => {
  const text = `${HEADER}class Agent {
  ppoLoss(batch) {
    const { states, actions, oldLogProbs, advantages } = batch;
    return tf.tidy(() => {
      const logProbs = tf.logSoftmax(this.actor.predict(states));
      const picked = tf.sum(logProbs.mul(tf.oneHot(actions, this.numActions)), 1);
      const ratio = tf.exp(picked.sub(oldLogProbs));
      const clipped = tf.clipByValue(ratio, 1 - this.clipEps, 1 + this.clipEps);
      return tf.neg(tf.mean(tf.minimum(ratio.mul(advantages), clipped.mul(advantages))));
    });
  }
}
`;
  const r = lint.lintText(text, 'agent.ts');
  const site = r.sites.find((s) => s.name === 'ppoLoss');
  assert.ok(site?.expression, JSON.stringify(r.sites));
  assert.match(site.expression, /oldLogProbs/);
  assert.match(site.expression, /clipEps/);
  assert.ok(codes(r).includes('non-differentiable:9'), codes(r).join(' '));
});

test('destructuring stays unreadable when it takes apart a value the loss computed', () => {
  const text = `${HEADER}export function momentLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {\n  const { mean, variance } = tf.topk(yPred);\n  return tf.mean(tf.log(variance));\n}\n`;
  const r = lint.lintText(text, 'a.ts');
  const losses = r.sites.filter((s) => s.kind !== 'operation');
  assert.equal(losses.length, 1);
  assert.match(losses[0].unreadable ?? '', /destructuring is not followed/);
  assert.deepEqual(r.diagnostics, []);
});

test('named loss helpers without a model output are not sites (a loss plot, a history)', () => {
  const text = `${HEADER}function plotLoss(history) { const { loss } = history; return loss.map((v) => Math.log(v)); }\nfunction lossOf(logs) { return logs.loss; }\n`;
  const r = lint.lintText(text, 'a.ts');
  assert.deepEqual(r.sites.filter((s) => s.name === 'plotLoss' || s.name === 'lossOf'), []);
  assert.deepEqual(r.diagnostics, []);
});

test("the loss applying the model's own output activation again is activation-mismatch (a softmax of a softmax output)", () => {
  const text = `${HEADER}class PPO {
  constructor() { this.actor = this.createActor(); this.optimizer = tf.train.adam(1e-3); }
  createActor() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 24, inputShape: [4], activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    return model;
  }
  train(states, actions) {
    this.optimizer.minimize(() => {
      const probs = tf.softmax(this.actor.predict(states));
      return tf.mean(tf.neg(tf.sum(tf.mul(actions, tf.log(tf.add(probs, 1e-7))), 1)));
    });
  }
  async restore() { this.actor = await tf.loadLayersModel('localstorage://actor'); }
}
`;
  const r = lint.lintText(text, 'ppo.js');
  const d = r.diagnostics.find((x) => x.code === 'activation-mismatch');
  assert.ok(d, JSON.stringify(r.diagnostics.map((x) => x.message)));
  assert.equal(text.slice(d.start, d.end), 'tf.softmax(this.actor.predict(states))');
  assert.match(d.message, /applied twice/);
  // The model restored from storage does not hide the one the class builds; once it is linear, the softmax is the only one.
  const linear = text.replace("units: 3, activation: 'softmax'", "units: 3, activation: 'linear'");
  assert.deepEqual(lint.lintText(linear, 'ppo.js').diagnostics.filter((x) => x.code === 'activation-mismatch'), []);
});

test('softmaxCrossEntropy over a single output unit is activation-mismatch (the loss is always 0)', () => {
  const text = `${HEADER}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, activation: 'relu', inputShape: [4] }));\nmodel.compile({ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy });\n`;
  const r = lint.lintText(text, 'a.ts');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch']);
  assert.match(r.diagnostics[0].message, /always 0/);
  const fixed = lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits);
  assert.match(fixed, /tf\.losses\.sigmoidCrossEntropy/);
  assert.match(fixed, /units: 1, activation: 'linear'/);
  const three = text.replace('units: 1', 'units: 3');
  assert.deepEqual(lint.lintText(three, 'a.ts').diagnostics.map((d) => d.code), []);
});

test("a logits loss given the loss's own prediction is activation-mismatch when the model ends in that activation, also on a slice of it", () => {
  const text = `${HEADER}export function buildDetector() {
  const input = tf.input({ shape: [64] });
  const out = tf.layers.dense({ units: 5, activation: 'sigmoid' }).apply(input);
  const model = tf.model({ inputs: input, outputs: out });
  model.compile({ optimizer: 'adam', loss: detectionLoss });
  return model;
}
function detectionLoss(yTrue, yPred) {
  const trueConf = yTrue.slice([0, 0], [-1, 1]);
  const predConf = yPred.slice([0, 0], [-1, 1]);
  const box = tf.mean(tf.abs(tf.sub(yTrue.slice([0, 1], [-1, 4]), yPred.slice([0, 1], [-1, 4]))));
  return tf.add(tf.losses.sigmoidCrossEntropy(trueConf, predConf), box);
}
`;
  const r = lint.lintText(text, 'detector.js');
  const am = r.diagnostics.filter((d) => d.code === 'activation-mismatch');
  assert.equal(am.length, 1, JSON.stringify(am.map((d) => d.message)));
  assert.equal(text.slice(am[0].start, am[0].end), 'predConf');
  assert.match(am[0].message, /the prediction is the model's sigmoid output/);
  assert.deepEqual(am[0].fixes.map((f) => f.title), ["Set the output layer's activation to 'linear'", 'Use tf.losses.logLoss, which takes probabilities']);
  assert.match(lint.applySourceEdits(text, am[0].fixes[0].edits), /units: 5, activation: 'linear'/);
  // On a linear output the same loss is right.
  assert.deepEqual(lint.lintText(text.replace("activation: 'sigmoid'", "activation: 'linear'"), 'detector.js').diagnostics.filter((d) => d.code === 'activation-mismatch'), []);
});

test('a loss that clips its prediction into [0, 1] treats it as a probability (its Dice divisor is then safe)', () => {
  const text = `${HEADER}export function combinedLoss(yTrue, yPred) {
  const p = tf.clipByValue(yPred, 1e-7, 1 - 1e-7);
  const bce = tf.neg(tf.mean(tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))))));
  const inter = tf.sum(tf.mul(yTrue, yPred));
  const dice = tf.sub(1, tf.div(tf.add(tf.mul(2, inter), 1), tf.add(tf.add(tf.sum(yTrue), tf.sum(yPred)), 1)));
  return tf.add(bce, dice);
}
`;
  const r = lint.lintText(text, 'a.js');
  assert.equal(r.sites[0].assumedActivation, 'sigmoid');
  assert.deepEqual(r.diagnostics.map((d) => d.code), []);
});

test('-y·log(p + ε) summed over classes is categorical cross-entropy, which suits a softmax output', () => {
  const text = `${HEADER}const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 4, inputShape: [5], activation: 'softmax' }));\nmodel.compile({ optimizer: 'adam', loss: policyLoss });\nfunction policyLoss(yTrue, yPred) {\n  return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.log(tf.add(yPred, 1e-10))), 1)));\n}\n`;
  assert.deepEqual(lint.lintText(text, 'a.js').diagnostics.filter((d) => d.code === 'activation-mismatch'), []);
});

test('a function with a loss shape that only evaluation code calls is a metric, not a loss', () => {
  const text = `${HEADER}function meanAbsoluteScaledError(yTrue, yPred) {\n  return tf.div(tf.mean(tf.abs(tf.sub(yTrue, yPred))), 2);\n}\nasync function evaluateRegression(yTrue, yPred) {\n  const mase = meanAbsoluteScaledError(yTrue, yPred);\n  return mase.dataSync()[0];\n}\n`;
  assert.deepEqual(lint.lintText(text, 'a.js').sites.filter((s) => s.name === 'meanAbsoluteScaledError'), []);
  // Once training uses it, it is a loss again.
  const trained = `${text}const model = tf.sequential();\nmodel.compile({ optimizer: 'adam', loss: meanAbsoluteScaledError });\n`;
  assert.ok(lint.lintText(trained, 'a.js').sites.some((s) => s.name === 'meanAbsoluteScaledError'));
});

test('a PPO step that misspells a tf.losses name is still read: the misspelling is an error, the clip and the min are kinks', () => {
  const text = `${HEADER}class Agent {
  ppoloss(batch) {
    const { actions, oldLogProbs, returns, advantages } = batch;
    return tf.tidy(() => {
      const logits = this.actor.predict(batch.states);
      const logProbs = tf.logSoftmax(logits);
      const picked = tf.sum(logProbs.mul(tf.oneHot(actions.toInt(), 4)), 1);
      const ratios = tf.exp(picked.sub(oldLogProbs));
      const surr1 = ratios.mul(advantages);
      const surr2 = tf.clipByValue(ratios, 1 - this.clipEps, 1 + this.clipEps).mul(advantages);
      const actorLoss = tf.neg(tf.mean(tf.minimum(surr1, surr2)));
      const values = this.critic.predict(batch.states).reshape([-1]);
      return actorLoss.add(tf.losses.meanSquareError(returns, values));
    });
  }
}
`;
  const got = codes(lint.lintText(text, 'ppo.ts'));
  for (const want of ['non-differentiable:11', 'non-differentiable:12', 'unknown-loss:14']) assert.ok(got.includes(want), `${want} in ${got}`);
  // The old log-probabilities and the one-hot actions are data of unknown range: no overflow is made up from them.
  assert.ok(!got.some((c) => c.startsWith('exp-overflow')), got.join(' '));
});

test("a multi-output model's outputs destructured in a minimize closure: each has its own model output and range", () => {
  const policy = (head) => `${HEADER}const input = tf.input({ shape: [4] });
const h = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input);
const mean = tf.layers.dense({ units: 2 }).apply(h);
const logStd = tf.layers.dense({ units: 2 }).apply(h);
${head}
const policy = tf.model({ inputs: input, outputs: [mean, out] });
const q1 = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [6] })] });
const q2 = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [6] })] });
optimizer.minimize(() => {
  const [means, logStds] = policy.predict(states);
  const stds = tf.exp(logStds);
  const actions = tf.tanh(tf.add(means, tf.mul(stds, tf.randomNormal(means.shape))));
  const q = tf.minimum(q1.predict(actions), q2.predict(actions));
  return tf.mean(tf.sub(tf.mul(alpha, tf.sum(stds)), q));
});
`;
  const clipped = codes(lint.lintText(policy('const out = tf.layers.activation({ activation: (x) => tf.clipByValue(x, -20, 2) }).apply(logStd);'), 'sac.ts'));
  assert.ok(clipped.includes('non-differentiable:14'), `the critics' min: ${clipped}`);
  assert.ok(!clipped.some((c) => c.startsWith('exp-overflow')), `a log-std head clipped in the model cannot overflow: ${clipped}`);
  const open = codes(lint.lintText(policy('const out = logStd;'), 'sac.ts'));
  assert.ok(open.includes('exp-overflow:12'), `an unclipped log-std head overflows exp: ${open}`);
});

test("a loss given a list of outputs reads each element (a VAE's [decoded, zMean, zLogVar]) as a prediction", () => {
  const text = `${HEADER}function vaeLoss(inputs, outputs) {
  const decoded = outputs[0];
  const zMean = outputs[1];
  const zLogVar = outputs[2];
  const recon = tf.losses.meanSquaredError(inputs, decoded);
  const kl = zLogVar.add(1).sub(zMean.square()).sub(zLogVar.exp()).sum(-1).mul(-0.5);
  return recon.add(kl).mean();
}
`;
  const r = lint.lintText(text, 'vae.js');
  assert.deepEqual(codes(r), ['exp-overflow:7']);
  assert.equal(r.sites.find((s) => s.name === 'vaeLoss')?.unreadable, undefined);
});

test('tf.atanh of a saturating tanh is a log of zero (SAC\'s squashed actions), read through its logarithms', () => {
  const text = `${HEADER}optimizer.minimize(() => {
  const raw = model.predict(xs);
  const a = tf.tanh(raw);
  return tf.mean(tf.square(tf.atanh(a)));
});
`;
  assert.deepEqual(codes(lint.lintText(text, 'a.ts')), ['log-of-zero:5']);
});

test('a max over classes is a kink where two classes tie (categorical hinge); a max over data alone is not', () => {
  const text = `${HEADER}export function categoricalHinge(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const pos = tf.sum(tf.mul(yTrue, yPred), -1);
  const neg = tf.max(tf.mul(tf.sub(1, yTrue), yPred), -1);
  return tf.maximum(0, tf.add(1, tf.sub(neg, pos)));
}
export function scaled(yTrue: tf.Tensor, yPred: tf.Tensor) {
  return tf.mean(tf.square(tf.sub(yPred, tf.div(yTrue, tf.max(yTrue)))));
}
`;
  const r = lint.lintText(text, 'a.ts');
  assert.deepEqual(codes(r), ['non-differentiable:4', 'non-differentiable:5']);
  // A max kept over its axis and broadcast back is a shift (a stable softmax), not a term with a kink of its own.
  const shifted = `${HEADER}export function l(yTrue: tf.Tensor, yPred: tf.Tensor) {\n  return tf.mean(tf.square(tf.sub(tf.div(yPred, tf.max(yPred, -1, true)), yTrue)));\n}\n`;
  assert.equal(lint.lintText(shifted, 'b.ts').diagnostics.filter((d) => d.code === 'non-differentiable').length, 0);
  assert.match(r.sites.find((s) => s.name === 'categoricalHinge').expression, /max\(\(1 - yTrue\) \* yPred, othersMax\)/);
});

test('static helpers of a class in the file are read (Losses.dice(…)), and a Keras-style epsilon() import is its fuzz factor', () => {
  const text = `${HEADER}import { epsilon } from './backend/common';
class Losses {
  static safeLog(x: tf.Tensor) { return tf.log(tf.add(x, epsilon())); }
  static bce(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.neg(tf.mean(tf.mul(yTrue, Losses.safeLog(yPred)))); }
  static mape(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.mean(tf.abs(tf.div(tf.sub(yTrue, yPred), tf.maximum(tf.abs(yTrue), epsilon())))); }
}
`;
  const r = lint.lintText(text, 'a.ts');
  assert.equal(r.sites.find((s) => s.name === 'bce')?.unreadable, undefined);
  assert.deepEqual(codes(r), ['non-differentiable:6']);
});

test('a method of an instance the file makes is read (const losses = new Losses(); losses.bce(…)), its fields with it', () => {
  const text = `${HEADER}class Losses {
  eps: number;
  constructor(eps = 0) { this.eps = eps; }
  bce(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.neg(tf.mean(tf.mul(yTrue, tf.log(tf.add(yPred, this.eps))))); }
  static scaled(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.mul(2, tf.mean(tf.square(tf.sub(yTrue, yPred)))); }
}
const losses = new Losses();
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
model.compile({ optimizer: 'sgd', loss: (a: tf.Tensor, b: tf.Tensor) => losses.bce(a, b) });
`;
  const r = lint.lintText(text, 'a.ts');
  const compiled = r.sites.find((s) => s.kind === 'compile');
  assert.equal(compiled.unreadable, undefined);
  assert.match(compiled.expression, /log\(yPred \+ eps\)/);
  assert.ok(codes(r).includes('log-of-zero:5'), codes(r).join(' '));
  // A static method is not an instance's, nor an instance method the class's.
  const unread = (call) => lint.lintText(text.replace('losses.bce(a, b)', call), 'a.ts').sites.map((s) => s.unreadable ?? '').join(' ');
  assert.match(unread('losses.scaled(a, b)'), /\.scaled\(\) is not supported/);
  assert.match(unread('Losses.bce(a, b)'), /\.bce\(\) is not supported/);
});

test('a method of a field holding an instance of a class of the file is read (this.losses = new Losses(); this.losses.bce(…))', () => {
  const text = `${HEADER}class Losses {
  eps = 0;
  bce(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.neg(tf.mean(tf.mul(yTrue, tf.log(tf.add(yPred, this.eps))))); }
}
class Trainer {
  model = tf.sequential();
  losses = new Losses();
  constructor() {
    this.model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' }));
    this.model.compile({ optimizer: 'sgd', loss: (a: tf.Tensor, b: tf.Tensor) => this.losses.bce(a, b) });
  }
}`;
  const r = lint.lintText(text, 'a.ts');
  assert.match(r.sites.find((s) => s.kind === 'compile').expression, /log\(yPred \+ eps\)/);
  assert.ok(codes(r).includes('log-of-zero:4'), codes(r).join(' '));
  // A field set to instances of two classes has no one method to read.
  const either = text.replace('  losses = new Losses();', '  losses: Losses | Other = new Losses();').replace('  constructor() {', '  constructor(other: boolean) {\n    if (other) this.losses = new Other();').replace('class Trainer', 'class Other { bce(a: tf.Tensor, b: tf.Tensor) { return tf.losses.meanSquaredError(a, b); } }\nclass Trainer');
  assert.match(lint.lintText(either, 'a.ts').sites.map((s) => s.unreadable ?? '').join(' '), /\.bce\(\) is not supported/);
});

test("TF.js's own sources are read: ops imported from the file named after them, convertToTensor, computeWeightedLoss", () => {
  const text = `import { Tensor } from '../../tensor';
import { convertToTensor } from '../../tensor_util_env';
import { abs } from '../abs';
import { sub } from '../sub';
import { computeWeightedLoss } from './compute_weighted_loss';
function absoluteDifference_(labels: Tensor, predictions: Tensor, weights?: Tensor) {
  const $labels = convertToTensor(labels, 'labels', 'absoluteDifference');
  const $predictions = convertToTensor(predictions, 'predictions', 'absoluteDifference');
  const losses = abs(sub($labels, $predictions));
  return computeWeightedLoss(losses, weights);
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'absolute_difference.ts')), ['non-differentiable:9']);
  // A function named as an op, imported by name from any other module, is read as that op (like `K.abs` of a module
  // imported whole): the L1 kink is the same.
  assert.deepEqual(codes(lint.lintText(text.replace("from '../abs'", "from '../math_utils'"), 'absolute_difference.ts')), ['non-differentiable:9']);
});

test("a sampling method's log-probability of the model's action is checked; its Gumbel-max draw is not", () => {
  const text = `${HEADER}class Actor {
  sample(state) {
    return tf.tidy(() => {
      const [mean, logStd] = this.model.predict(state);
      let action;
      const raw = tf.add(mean, tf.mul(tf.exp(logStd), tf.randomNormal(mean.shape)));
      action = tf.tanh(raw);
      const correction = tf.sum(tf.log(tf.sub(1, tf.add(tf.square(action), 1e-6))), -1);
      return { action, correction };
    });
  }
  sampleDiscrete(state) {
    const probs = tf.softmax(this.model.predict(state));
    const gumbel = tf.neg(tf.log(tf.neg(tf.log(tf.randomUniform(probs.shape)))));
    const y = tf.add(tf.log(probs), gumbel);
    return tf.argMax(y, -1);
  }
}
`;
  // ε added to a² instead of to 1 - a²: once tanh saturates to 1 the argument is -1e-6.
  assert.deepEqual(codes(lint.lintText(text, 'actor.js')), ['log-of-zero:9']);
});

test('ops the lint does not model, applied to data alone, give data (tf.range labels of an in-batch softmax); of constants alone they stay unread', () => {
  const text = `${HEADER}optimizer.minimize(() => {
  const logits = model.predict(xs);
  const labels = tf.oneHot(tf.range(0, batch.length, 1, 'int32'), batch.length);
  return tf.losses.softmaxCrossEntropy(labels, logits).mean();
});
export function poisson(yTrue: tf.Tensor, yPred: tf.Tensor) {
  return tf.mean(tf.sub(yPred, tf.mul(yTrue, tf.log(tf.add(getScalar(1e-7), yPred)))));
}
`;
  const r = lint.lintText(text, 'a.ts');
  assert.equal(r.sites.find((s) => s.kind === 'minimize')?.unreadable, undefined);
  // getScalar(1e-7) stays unread: the poisson loss is read without it, and says so; no log(0) is claimed where it takes part.
  const poisson = r.sites.find((s) => s.name === 'poisson');
  assert.match(poisson?.partlyUnread ?? '', /getScalar\(\) is not defined/);
  assert.ok(!r.diagnostics.some((d) => d.code === 'log-of-zero'), r.diagnostics.map((d) => d.code).join());
  // An op of the prediction stays unreadable: its gradient is what matters.
  const ofPrediction = `${HEADER}export function l(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.mean(tf.mul(yTrue, tf.erf(yPred))); }\n`;
  assert.match(lint.lintText(ofPrediction, 'b.ts').sites[0].unreadable ?? '', /tf\.erf\(\) is not supported/);
});

test('softmax and log-softmax written out are read as what they are: the stable forms stay silent, the unshifted one overflows', () => {
  const text = `${HEADER}export function stableCE(yTrue: tf.Tensor, logits: tf.Tensor) {
  const shifted = tf.sub(logits, tf.max(logits, -1, true));
  const logProbs = tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));
  return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, logProbs), -1)));
}
export function lseCE(yTrue: tf.Tensor, logits: tf.Tensor) {
  return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, logits.sub(logits.logSumExp(-1, true))), -1)));
}
export function shiftedSoftmaxCE(yTrue: tf.Tensor, logits: tf.Tensor) {
  const e = tf.exp(logits.sub(logits.max(-1, true)));
  const p = e.div(e.sum(-1, true));
  return tf.neg(tf.mean(tf.mul(yTrue, tf.log(tf.add(p, 1e-7)))));
}
export function naiveSoftmaxCE(yTrue: tf.Tensor, logits: tf.Tensor) {
  const e = tf.exp(logits);
  const p = e.div(e.sum(-1, true));
  return tf.neg(tf.mean(tf.mul(yTrue, tf.log(tf.add(p, 1e-7)))));
}
`;
  const r = lint.lintText(text, 'a.ts');
  assert.deepEqual(codes(r), ['exp-overflow:16']);
  const expression = (name) => r.sites.find((s) => s.name === name).expression;
  assert.match(expression('stableCE'), /logSoftmax\(logits\)/);
  assert.match(expression('lseCE'), /logSoftmax\(logits\)/);
  assert.match(expression('shiftedSoftmaxCE'), /softmax\(logits\)/);
});

test("an edge loss: the target's neighbouring rows are other data, and an abs the code hands a tf.losses function keeps its kink", () => {
  const text = `${HEADER}export function edgeLoss(yTrue, yPred) {
  return tf.tidy(() => {
    const dPred = tf.abs(tf.sub(tf.slice(yPred, [0, 1], [-1, -1]), tf.slice(yPred, [0, 0], [-1, 7])));
    const dTrue = tf.abs(tf.sub(tf.slice(yTrue, [0, 1], [-1, -1]), tf.slice(yTrue, [0, 0], [-1, 7])));
    return tf.losses.meanSquaredError(dTrue, dPred);
  });
}
export function plainL1(yTrue, yPred) {
  return tf.losses.absoluteDifference(yTrue, yPred);
}
`;
  const r = lint.lintText(text, 'edges.js');
  assert.deepEqual(codes(r), ['non-differentiable:4']);
  // The target's two slices are two values: |Δy| is not |y - y| = 0.
  assert.match(r.sites.find((s) => s.name === 'edgeLoss').expression, /abs\(yTrue - yTrue_2\)/);
});

test("slices from different rows of the prediction are different outputs: a triplet loss's hinge is a kink", () => {
  const text = `${HEADER}export function tripletLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const n = yPred.shape[0] / 3;
  const anchors = yPred.slice([0, 0], [n, 16]);
  const positives = yPred.slice([n, 0], [n, 16]);
  const negatives = yPred.slice([2 * n, 0], [n, 16]);
  const pos = tf.sum(tf.square(tf.sub(anchors, positives)), -1);
  const neg = tf.sum(tf.square(tf.sub(anchors, negatives)), -1);
  return tf.mean(tf.maximum(tf.add(tf.sub(pos, neg), 0.3), 0));
}
`;
  const r = lint.lintText(text, 'a.ts');
  // The other slices are named as the code holds them.
  assert.match(r.sites[0].expression, /max\(\(yPred - positives\)\^2 - \(yPred - negatives\)\^2 \+ 0\.3, 0\)/);
  assert.deepEqual(codes(r), ['non-differentiable:9']);
  // One slice (a detector's confidence column) is the prediction itself.
  const one = `${HEADER}export function conf(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.losses.logLoss(yTrue, yPred.slice([0, 4], [-1, 1])); }\n`;
  assert.match(lint.lintText(one, 'b.ts').sites[0].expression, /yPred/);
  assert.doesNotMatch(lint.lintText(one, 'b.ts').sites[0].expression, /yPred_2/);
});

test("a VAE loss given the encoder's log-variance checks it as a model output: exp of it overflows unless clamped", () => {
  const loss = (logVar) => `${HEADER}export function vaeLoss(input: tf.Tensor, reconstructed: tf.Tensor, zMean: tf.Tensor, zLogVar: tf.Tensor) {
  const recon = tf.losses.sigmoidCrossEntropy(input, reconstructed);
  const lv = ${logVar};
  const kl = tf.mul(-0.5, tf.sum(tf.add(tf.add(1, lv), tf.neg(tf.square(zMean))).sub(tf.exp(lv))));
  return tf.add(recon, kl);
}
`;
  assert.deepEqual(codes(lint.lintText(loss('zLogVar'), 'a.ts')), ['exp-overflow:5']);
  // Clamped to ±10 it cannot overflow, and the clamp is a guard (flat only past e^10), not a kink to report.
  assert.deepEqual(codes(lint.lintText(loss('tf.clipByValue(zLogVar, -10, 10)'), 'a.ts')), []);
  // A narrow clamp is a kink the loss really has inside the values it trains on.
  assert.deepEqual(codes(lint.lintText(loss('tf.clipByValue(zLogVar, -2, 2)'), 'a.ts')), ['non-differentiable:4']);
});

test('a log outside any loss of a one-hot-masked probability is checked: the mask is 0 or 1, the probability a named model output', () => {
  const text = `${HEADER}export function pgLoss(model, state, action, advantage) {
  return tf.tidy(() => {
    const [probs, value] = model.predictOnBatch(state);
    const picked = tf.sum(tf.mul(tf.oneHot(action, 4), probs), 1);
    const logged = tf.log(picked);
    return { logged, value };
  });
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'a.js')), ['log-of-zero:6']);
  assert.deepEqual(codes(lint.lintText(text.replace('tf.log(picked)', 'tf.log(tf.add(picked, 1e-7))'), 'a.js')), []);
});

test('a log outside any loss reads a let set on both branches of an if/else as either branch, not as its first value', () => {
  const text = `${HEADER}export class LogisticRegression {
  recordCost() {
    let guesses = this.features.matMul(this.weights);
    if (!this.options.useReLu) {
      guesses = guesses.sigmoid();
    } else {
      guesses = guesses.relu();
    }
    const termTwo = this.labels.mul(-1).add(1).transpose().matMul(guesses.mul(-1).add(1).log());
    this.costHistory.push(termTwo.dataSync()[0]);
  }
}
`;
  // Read as its first value (a product of data), log(1 - guesses) said nothing; the sigmoid branch rounds to 1.
  const r = lint.lintText(text, 'a.js');
  assert.match(r.sites.find((s) => s.kind === 'operation')?.expression ?? '', /sigmoid/);
  assert.deepEqual(codes(r), ['log-of-zero:10']);
});

test("a log in a compiled loss the lint cannot read whole takes the compiled model's output for the prediction", () => {
  const text = `${HEADER}export class Agent {
  build() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'sigmoid' }));
    this.model.compile({ loss: this.lossFunction, optimizer: 'adam' });
  }
  lossFunction(target, output) {
    return tf.mean(tf.neg(tf.log(output)).mul(target[0]));
  }
}
`;
  // target[0] makes the loss unreadable; its log of the sigmoid output is still checked.
  const r = lint.lintText(text, 'agent.js');
  assert.ok(r.sites.find((s) => s.kind === 'custom-function')?.unreadable);
  assert.deepEqual(codes(r), ['log-of-zero:9']);
  assert.deepEqual(codes(lint.lintText(text.replace('tf.log(output)', 'tf.log(tf.add(output, 1e-7))'), 'agent.js')), []);
  // A parameter given another value first (clipped) is not what the model passed.
  const clipped = text.replace('    return tf.mean', '    output = tf.clipByValue(output, 1e-7, 1 - 1e-7);\n    return tf.mean');
  assert.deepEqual(codes(lint.lintText(clipped, 'agent.js')), []);
});

test('Math.log outside any loss is a metric, not a training hazard: a text entropy from word counts stays silent, tf.log of a model\'s probabilities does not', () => {
  const text = `${HEADER}export function textEntropy(words, model) {
  const counts = new Map();
  words.forEach((w) => counts.set(w, (counts.get(w) ?? 0) + 1));
  const probs = words.map((w) => ({ word: w, probability: counts.get(w) / words.length }));
  return -probs.reduce((s, p) => s + p.probability * Math.log(p.probability), 0);
}
export function batchEntropy(model, xs) {
  const probs = model.predict(xs);
  return tf.neg(tf.sum(tf.mul(probs, tf.log(probs))));
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'metrics.js')), ['log-of-zero:10']);
});

test("a plotted loss in a canvas-drawing function is checked (draw is a sampler's word only as drawAction/drawSample), and softmax is not a max guard", () => {
  const text = `function update_and_draw() {
  const probs = tf.softmax(train(x, y), 1);
  losses.push(tf.mean(tf.mul(tf.neg(tf.log(probs)), y)).arraySync());
}
function drawAction(logits) {
  return tf.argMax(tf.add(tf.log(tf.softmax(logits)), gumbel), -1);
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'main.js')), ['log-of-zero:3']);
});

test("tf.moments' fields are read per element: the mean is x, the variance its squared deviation (a batch std's sqrt at 0)", () => {
  const text = `${HEADER}export function stdMatch(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const { variance: varPred } = tf.moments(yPred, 0);
  const stdPred = varPred.sqrt();
  return tf.losses.absoluteDifference(yTrue, stdPred);
}
`;
  const r = lint.lintText(text, 'a.ts');
  assert.match(r.sites[0].expression, /sqrt\(yPred\^2\)/);
  assert.ok(codes(r).includes('sqrt-at-zero:4'), codes(r).join(' '));
});

test('tf.moments read through a property (`tf.moments(z, 0).variance`, `m.variance`) as when destructured', () => {
  const loss = (body) => `${HEADER}export function varianceHinge(yTrue: tf.Tensor, yPred: tf.Tensor) {
  ${body}
  return tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(v, 1e-4)))));
}
`;
  for (const body of ['const v = tf.moments(yPred, 0).variance;', 'const m = tf.moments(yPred, 0);\n  const v = m.variance;']) {
    const r = lint.lintText(loss(body), 'a.ts');
    assert.equal(r.sites[0].expression, 'relu(1 - sqrt(yPred^2 + 1e-4))', body);
    assert.ok(codes(r).some((c) => c.startsWith('non-differentiable')), codes(r).join(' '));
  }
  // A `mean` of anything else is not a moment.
  assert.doesNotMatch(lint.lintText(loss('const stats = { variance: 2 };\n  const v = stats.variance;'), 'a.ts').sites[0].expression ?? '', /yPred\^2/);
});

test("advantages centred with tf.moments' mean are their deviation, not 0: a PPO step's clip and min stay on the loss", () => {
  const step = (normalise) => `${HEADER}const actor = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4], activation: 'softmax' })] });
const optimizer = tf.train.adam(1e-3);
export function update(states, actionMask, oldProbs, rawAdvantages, clip) {
  const advantages = tf.tidy(() => {
    ${normalise}
  });
  optimizer.minimize(() => {
    const probs = tf.sum(tf.mul(actor.predict(states), actionMask), 1);
    const ratio = tf.div(probs, oldProbs);
    const surrogate1 = tf.mul(ratio, advantages);
    const surrogate2 = tf.mul(tf.clipByValue(ratio, 1 - clip, 1 + clip), advantages);
    return tf.neg(tf.mean(tf.minimum(surrogate1, surrogate2)));
  });
}
`;
  const nd = (r) => r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  for (const normalise of [
    'const { mean, variance } = tf.moments(rawAdvantages);\n    return rawAdvantages.sub(mean).div(variance.sqrt().add(1e-8));',
    'const m = tf.moments(rawAdvantages);\n    return rawAdvantages.sub(m.mean).div(m.variance.sqrt().add(1e-8));',
  ]) {
    const r = lint.lintText(step(normalise), 'ppo.js');
    assert.doesNotMatch(r.sites.find((s) => s.kind === 'minimize').expression, /\(rawAdvantages - rawAdvantages\)/, normalise);
    assert.deepEqual(nd(r), [13, 14], normalise);
  }
});

test('weights assigned later (`let w; … w = tf.variable(…)`) make a linear layer in a minimize closure: its output is the prediction', () => {
  const text = `${HEADER}let actorWeights, actorBias;
function init(w0, b0) {
  actorWeights = tf.variable(w0);
  actorBias = tf.variable(b0);
}
function train(latent, actions, adv) {
  optimizer.minimize(() => {
    const probs = tf.softmax(latent.matMul(actorWeights).add(actorBias));
    const picked = tf.sum(probs.mul(tf.oneHot(actions, 9)), 1);
    return tf.mean(tf.log(picked).mul(adv).neg());
  });
}
`;
  const r = lint.lintText(text, 'a.js');
  assert.equal(r.sites.find((s) => s.kind === 'minimize')?.unreadable, undefined);
  assert.deepEqual(codes(r), ['log-of-zero:11']);
});

test("a minimize call's var list says which model it trains: other models' outputs are fixed data for that step", () => {
  const actorStep = `${HEADER}export class Agent {
  actor: tf.LayersModel; q1: tf.LayersModel; q2: tf.LayersModel; opt = tf.train.adam();
  step(states: tf.Tensor) {
    const vars = this.actor.trainableWeights.map((w) => w.read() as tf.Variable);
    return this.opt.minimize(() => {
      const probs = tf.softmax(this.actor.predict(states) as tf.Tensor);
      const minQ = tf.minimum(this.q1.predict(states) as tf.Tensor, this.q2.predict(states) as tf.Tensor);
      return probs.mul(tf.log(probs.add(1e-8)).sub(minQ)).sum(1).mean() as tf.Scalar;
    }, true, vars);
  }
}
`;
  const r = lint.lintText(actorStep, 'agent.ts');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'non-differentiable'), [], 'the critics do not take the actor output: their minimum is a constant here');
  // Without a var list every model's output is a prediction and the minimum's kink is reported.
  const noVarList = lint.lintText(actorStep.replace(', true, vars)', ')'), 'agent.ts');
  assert.ok(noVarList.diagnostics.some((d) => d.code === 'non-differentiable'), JSON.stringify(noVarList.diagnostics));
  // A model run on what the trained model made stays a prediction (a GAN's generator step).
  const generatorStep = `${HEADER}const generator = tf.sequential();\nconst discriminator = tf.sequential();\nconst opt = tf.train.adam();\nexport function step(z: tf.Tensor) {\n  return opt.minimize(() => {\n    const fake = generator.predict(z) as tf.Tensor;\n    const p = discriminator.predict(fake) as tf.Tensor;\n    return tf.mean(tf.abs(tf.sub(p, 1))) as tf.Scalar;\n  }, true, generator.trainableWeights.map((w) => w.read() as tf.Variable));\n}\n`;
  assert.deepEqual(codes(lint.lintText(generatorStep, 'gan.ts')).filter((c) => c.startsWith('non-differentiable')), ['non-differentiable:9']);
});

test("a logits loss on each model output a minimize closure reads: the discriminator's sigmoid on the real and on the fake batch", () => {
  const text = `${HEADER}const D = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [784], activation: 'sigmoid' })] });
const G = tf.sequential({ layers: [tf.layers.dense({ units: 784, inputShape: [100], activation: 'tanh' })] });
const critic = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [784] })] });
const opt = tf.train.adam(2e-4);
export function dStep(real, noise) {
  opt.minimize(() => {
    const realOut = D.apply(real);
    const fakeOut = D.apply(G.predict(noise));
    const lossReal = tf.losses.sigmoidCrossEntropy(tf.onesLike(realOut), realOut);
    const lossFake = tf.losses.sigmoidCrossEntropy(tf.zerosLike(fakeOut), fakeOut);
    return lossReal.add(lossFake);
  }, false, D.getWeights());
}
export function criticStep(real, noise) {
  opt.minimize(() => {
    const realOut = D.apply(real);
    const score = critic.apply(G.predict(noise));
    return tf.losses.sigmoidCrossEntropy(tf.onesLike(realOut), realOut.add(1e-3)).add(tf.losses.sigmoidCrossEntropy(tf.zerosLike(score), score));
  }, false, D.getWeights());
}
`;
  const r = lint.lintText(text, 'gan.js');
  assert.deepEqual(codes(r), ['activation-mismatch:10', 'activation-mismatch:11']);
  // The fix for the fake batch's output is the probability loss, not the site model's output layer.
  const fake = r.diagnostics.find((d) => d.line === 11);
  assert.ok(fake.fixes.every((f) => /logLoss/.test(f.title)), JSON.stringify(fake.fixes.map((f) => f.title)));
});

test('frozen models are data for a training step: a target network by name or by trainable = false, and a weight list passed as minimize\'s second argument', () => {
  const dqn = (name, freeze) => `${HEADER}export class Dqn {
  constructor(policy, other) { this.policyNet = policy; this.${name} = other; }
  step(states, nextStates, actions, rewards) {
    ${freeze ? `this.${name}.trainable = false;` : ''}
    const lossFunc = () => {
      const q = this.policyNet.apply(states).mul(tf.oneHot(actions, 4)).sum(-1);
      const next = this.${name}.apply(nextStates).max(1);
      return tf.losses.meanSquaredError(rewards.add(next.mul(0.99)), q);
    };
    return this.optimizer.computeGradients(lossFunc);
  }
}
`;
  // The max over actions is in the labels TF.js's loss takes first, the TD target: no kink of the loss trained,
  // whatever the second model is named or however it is frozen (as the blind labels of DQN code judge it).
  for (const name of ['valueNet', 'targetNet', 'target_q', 'qTarget', 'criticTargetModel', 'oldNet', 'holdoutNet', 'targetClassifier']) {
    assert.deepEqual(codes(lint.lintText(dqn(name, false), 'dqn.js')), [], name);
  }
  assert.deepEqual(codes(lint.lintText(dqn('valueNet', true), 'dqn.js')), []);
  // The same max on the prediction's side of the loss is a kink of what is trained, unless that model is frozen.
  const predicted = (name, freeze) => dqn(name, freeze).replace('tf.losses.meanSquaredError(rewards.add(next.mul(0.99)), q)', 'tf.losses.meanSquaredError(rewards, q.add(next.mul(0.99)))');
  assert.deepEqual(codes(lint.lintText(predicted('valueNet', false), 'dqn.js')), ['non-differentiable:8']);
  for (const name of ['targetNet', 'oldActor']) assert.deepEqual(codes(lint.lintText(predicted(name, false), 'dqn.js')), [], name);
  assert.deepEqual(codes(lint.lintText(predicted('valueNet', true), 'dqn.js')), []);
  // Frozen for one step and unfrozen for another (a GAN's toggle) is trained.
  const toggled = predicted('valueNet', true).replace('return this.optimizer', 'this.valueNet.trainable = true;\n    return this.optimizer');
  assert.deepEqual(codes(lint.lintText(toggled, 'dqn.js')), ['non-differentiable:8']);
  const td3 = `${HEADER}export class Agent {
  learn(states, actions, nextStates, rewards) {
    const lossFunction1 = () => {
      const next = tf.minimum(agent.criticSlow1.call(nextStates), agent.criticSlow2.call(nextStates));
      const value = agent.criticMain.call(states, actions);
      return tf.losses.meanSquaredError(value, rewards.add(next.mul(0.99)));
    };
    const weights = this.criticMain.model.getWeights(true);
    this.criticMain.model.optimizer.minimize(lossFunction1, weights);
  }
}
const agent = new Agent();
`;
  const r = lint.lintText(td3, 'td3.js');
  assert.deepEqual(codes(r), []);
  assert.deepEqual(r.sites.map((s) => s.kind), ['minimize'], 'the function given to minimize is read once, there');
});

test('a model built one way or another by configuration is checked each way: the tanh head reaches a log the softmax head keeps safe', () => {
  const text = `${HEADER}export function buildPolicy(config) {
  const input = tf.input({ shape: [8] });
  const hidden = tf.layers.dense({ units: 64, activation: 'relu' }).apply(input);
  let head;
  if (config.continuous) {
    head = tf.layers.dense({ units: 2, activation: 'tanh' }).apply(hidden);
  } else {
    head = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(hidden);
  }
  return tf.model({ inputs: input, outputs: head });
}
const policy = buildPolicy({ continuous: true });
const opt = tf.train.adam(3e-4);
export function step(states, advantages) {
  opt.minimize(() => {
    const out = policy.predict(states);
    return tf.neg(tf.mean(tf.mul(tf.log(tf.add(out, 1e-8)), advantages)));
  });
}
`;
  const r = lint.lintText(text, 'policy.js');
  assert.deepEqual(codes(r), ['log-of-zero:18']);
  assert.match(r.diagnostics[0].detail, /when the model is built with its tanh output at line 7/);
  // One way only: the softmax head with ε is safe.
  const softmaxOnly = text.replace("activation: 'tanh'", "activation: 'softmax'");
  assert.deepEqual(codes(lint.lintText(softmaxOnly, 'policy.js')), []);
});

test("PPO's clip range given as a parameter (1 - epsilon, 1 + epsilon) is a range, not a guard's ε: the clip and the min are kinks", () => {
  const text = `${HEADER}export function trainActor(actor, optimizer, states, actionMask, oldProbs, returns, values, epsilon) {
  optimizer.minimize(() => {
    const probs = tf.sum(tf.mul(actor.predict(states), actionMask), 1);
    const advantages = returns.sub(values);
    const ratio = probs.div(oldProbs);
    const surr1 = ratio.mul(advantages);
    const surr2 = tf.clipByValue(ratio, 1 - epsilon, 1 + epsilon).mul(advantages);
    return tf.minimum(surr1, surr2).mean().neg();
  });
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'ppo.js')), ['non-differentiable:8', 'non-differentiable:9']);
});

test("a closure's other outputs are not ways of building its model: with the decoder's activation unknown, the encoder's log-variance and the batch std are still checked", () => {
  const text = `${HEADER}export class Vae {
  constructor(cfg) {
    const xin = tf.input({ shape: [8] });
    const h = tf.layers.dense({ units: 16, activation: 'relu' }).apply(xin);
    const mu = tf.layers.dense({ units: 2 }).apply(h);
    const logVar = tf.layers.dense({ units: 2 }).apply(h);
    this.encoder = tf.model({ inputs: xin, outputs: [mu, logVar] });
    const zin = tf.input({ shape: [2] });
    const xhat = tf.layers.dense({ units: 8, activation: cfg.outputActivation }).apply(zin);
    this.decoder = tf.model({ inputs: zin, outputs: xhat });
    this.optimizer = tf.train.adam(1e-3);
  }
  step(xb) {
    return this.optimizer.minimize(() => {
      const [mu, logVar] = this.encoder.apply(xb);
      const xhat = this.decoder.apply(mu);
      const { variance } = tf.moments(xhat, 0);
      const stdGap = tf.abs(tf.sub(tf.sqrt(variance), 0.3)).mean();
      const kl = logVar.add(1).sub(mu.square()).sub(logVar.exp()).mean().mul(-0.5);
      return tf.losses.meanSquaredError(xb, xhat).add(stdGap).add(kl);
    });
  }
}
`;
  const r = lint.lintText(text, 'vae.js');
  assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), ['exp-overflow', 'non-differentiable', 'sqrt-at-zero']);
  assert.ok(r.diagnostics.every((d) => !/when the model is built with/.test(d.detail ?? '')));
});

test('a loss in a try block, a model applied as a layer of another, and bounds per output column are read', () => {
  const text = `${HEADER}export function build() {
  const input = tf.input({ shape: [8] });
  const decoderIn = tf.input({ shape: [2] });
  const decoderOut = tf.layers.dense({ units: 8, activation: 'sigmoid' }).apply(decoderIn);
  const decoder = tf.model({ inputs: decoderIn, outputs: decoderOut });
  const z = tf.layers.dense({ units: 2 }).apply(input);
  const vae = tf.model({ inputs: input, outputs: decoder.apply(z) });
  vae.compile({
    optimizer: 'adam',
    loss: (yTrue, yPred) => {
      try {
        return tf.losses.sigmoidCrossEntropy(yTrue, yPred);
      } catch (error) {
        console.error(error);
        throw error;
      }
    },
  });
  const ranged = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [1], activation: 'sigmoid' })] });
  ranged.compile({
    optimizer: 'adam',
    loss: (yTrue, yPred) => {
      const lowerBounds = tf.tensor1d([0.7, 0.01, 100]);
      return tf.losses.meanSquaredError(yTrue, yPred).add(tf.sum(tf.maximum(0, tf.sub(lowerBounds, yPred))));
    },
  });
  return { vae, ranged };
}
`;
  const r = lint.lintText(text, 'models.js');
  assert.deepEqual(codes(r), ['activation-mismatch:13', 'non-differentiable:25']);
  // A bound of 0 on the prediction itself is a no-op on a sigmoid's [0, 1]; on bound - prediction it is a hinge.
  assert.deepEqual(codes(lint.lintText(text.replace('tf.sub(lowerBounds, yPred)', 'yPred'), 'models.js')), ['activation-mismatch:13']);
});

test('a loss summed over samples in a loop with tensor methods (total = total.add(term), tf.sub(total, term)) is read like +=', () => {
  const text = `${HEADER}export function ppoStep(model, optimizer, samples, clip) {
  optimizer.minimize(() => {
    let total = tf.scalar(0);
    for (const step of samples) {
      const logProb = tf.log(tf.sum(tf.mul(model.predict(step.state), step.mask)));
      const ratio = tf.exp(logProb.sub(step.oldLogProb));
      const clipped = tf.clipByValue(ratio, 0.8, 1.2).mul(step.advantage);
      total = total.add(tf.minimum(ratio.mul(step.advantage), clipped).neg());
    }
    return total.div(samples.length);
  });
}
`;
  const r = lint.lintText(text, 'ppo.js');
  assert.equal(r.sites[0].unreadable, undefined);
  assert.deepEqual(codes(r).filter((c) => c.startsWith('non-differentiable')), ['non-differentiable:8', 'non-differentiable:9']);
});

test("a layer written by hand ends in its activation: relu(x · w) in a minimize closure is the model's relu output, a relu of the loss's own terms is still a kink", () => {
  const text = `${HEADER}const w = tf.variable(tf.randomNormal([3, 1]));
const b = tf.variable(tf.zeros([1]));
const f = (x) => tf.relu(tf.matMul(x, w).add(b));
export function fit(xs, ys, optimizer) {
  optimizer.minimize(() => f(xs).sub(ys).square().mean());
  optimizer.minimize(() => tf.relu(tf.sub(1, tf.mul(ys, tf.matMul(xs, w)))).mean());
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'perceptron.js')), ['non-differentiable:7']);
});

test("a PPO loss's oldProbs is the reference its newProbs are compared with, and a probability: its unguarded log is log(0), where a target of no stated range keeps its log the data's", () => {
  const text = `${HEADER}export function ppoLoss(newProbs, oldProbs, actionMask, advantages, clipEpsilon = 0.2) {
  const ratio = newProbs.mul(actionMask).log().sub(oldProbs.mul(actionMask).log()).exp();
  const clipped = tf.clipByValue(ratio, 1 - clipEpsilon, 1 + clipEpsilon);
  return tf.minimum(ratio.mul(advantages), clipped.mul(advantages)).mean().mul(-1);
}
`;
  const r = lint.lintText(text, 'ppo.js');
  assert.match(r.sites[0].expression, /^min\(exp\(log\(yPred \* actionMask\) - log\(yTrue \* actionMask\)\)/);
  assert.equal(r.diagnostics.filter((d) => d.code === 'log-of-zero').length, 2);
  const counts = lint.lintText(text.replaceAll('oldProbs', 'oldCounts'), 'ppo.js');
  assert.equal(counts.diagnostics.filter((d) => d.code === 'log-of-zero').length, 1);
  // (yPred, x): a first parameter that says prediction is the prediction, whatever the second is called.
  assert.equal(lint.lintText(`${HEADER}export function logTargetLoss(yPred, oldCounts) {\n  return tf.square(tf.sub(yPred, tf.log(oldCounts))).mean();\n}\n`, 'l.js').sites[0].expression, '(yPred - log(yTrue))^2');
});

test('a list a loop fills with push, then stacks or adds (REINFORCE\'s log-probabilities), is read per element as what it pushed', () => {
  const text = `${HEADER}export function trainEpisode(model, optimizer, states, actions, returns) {
  return optimizer.minimize(() => {
    const logProbs = [];
    for (let i = 0; i < states.length; i++) {
      const probs = model.predict(tf.tensor2d([states[i]])).squeeze();
      logProbs.push(tf.log(probs.gather(tf.scalar(actions[i], 'int32'))));
    }
    return tf.stack(logProbs).mul(tf.tensor1d(returns)).sum().neg();
  });
}
`;
  const r = lint.lintText(text, 'reinforce.js');
  assert.equal(r.sites[0].unreadable, undefined);
  assert.deepEqual(codes(r), ['log-of-zero:7']);
  assert.deepEqual(codes(lint.lintText(text.replace('tf.log(probs', 'tf.log(tf.add(1e-8, probs').replace("'int32'))))", "'int32')))))"), 'reinforce.js')), []);
});

test('a loop body that destructures a model call per step and logs or frees tensors on the way is still a sum of its losses', () => {
  const text = `${HEADER}export function update(agent, optimizer, buffer) {
  optimizer.minimize(() => {
    const losses = [];
    for (const b of buffer) {
      const state = tf.tensor2d([b.state]);
      const { probs, value } = agent.forward(state);
      const logProb = probs.squeeze().gather(b.action).log();
      losses.push(logProb.mul(-b.advantage).add(value.squeeze().sub(b.ret).square()));
      console.log('loss', logProb.dataSync());
      state.dispose();
    }
    return tf.stack(losses).mean();
  });
}
`;
  const r = lint.lintText(text, 'agent.js');
  assert.equal(r.sites[0].unreadable, undefined);
  assert.deepEqual(codes(r), ['log-of-zero:8']);
});

test('a method the file does not define, called in a minimize closure, is an output of its own and the rest is read', () => {
  const text = `${HEADER}export class DDPG {
  actor: tf.LayersModel; opt = tf.train.adam(); reg = 0.1;
  trainActor(obs: tf.Tensor) {
    return this.opt.minimize(() => {
      const q = (this as any).criticWithActor(obs) as tf.Tensor;
      const a = this.actor.predict(obs) as tf.Tensor;
      const penalty = tf.maximum(0, a.abs().sum(1).mean().sub(5).mul(this.reg));
      return q.mean().mul(-1).add(penalty) as tf.Scalar;
    });
  }
}
`;
  const r = lint.lintText(text, 'ddpg.ts');
  assert.ok(r.sites.some((s) => s.kind === 'minimize' && !s.unreadable), JSON.stringify(r.sites.map((s) => s.unreadable)));
  assert.deepEqual(codes(r).filter((c) => c.startsWith('non-differentiable')), ['non-differentiable:8']);
});

test("destructured fields: a model method's outputs by name, and a helper's returned object read field by field", () => {
  const agent = `${HEADER}export class Agent {
  model: tf.LayersModel; opt = tf.train.adam();
  predict(s: tf.Tensor) {
    const [actionLogits, stateValue] = this.model.predict(s) as tf.Tensor[];
    return { actionLogits, stateValue };
  }
  train(states: tf.Tensor, actions: tf.Tensor, returns: tf.Tensor) {
    return this.opt.minimize(() => {
      const { actionLogits, stateValue } = this.predict(states);
      const logProbs = tf.log(tf.softmax(actionLogits));
      return tf.neg(tf.mean(tf.sum(tf.mul(logProbs, actions), 1))).add(tf.mean(tf.abs(tf.sub(returns, stateValue)))) as tf.Scalar;
    });
  }
}
`;
  const r = lint.lintText(agent, 'agent.ts');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.ok(site && !site.unreadable, JSON.stringify(site?.unreadable));
  assert.ok(codes(r).includes('log-of-zero:11'), codes(r).join());
  const helper = `${HEADER}const opt = tf.train.adam();
const model = tf.sequential();
function computeLoss(data: { x: tf.Tensor; y: tf.Tensor }) {
  const { x, y } = data;
  return tf.tidy(() => {
    const err = tf.sub(model.predict(x) as tf.Tensor, y);
    const loss = tf.mean(tf.abs(err));
    return { loss, info: { mse: tf.mean(tf.square(err)).arraySync() } };
  });
}
export function step(batch: { x: tf.Tensor; y: tf.Tensor }) {
  return opt.minimize(() => {
    const { loss, info } = computeLoss(batch);
    return loss as tf.Scalar;
  });
}
`;
  const h = lint.lintText(helper, 'step.ts');
  const read = h.sites.find((s) => s.kind === 'minimize');
  assert.ok(read && !read.unreadable, JSON.stringify(read?.unreadable));
  assert.deepEqual(codes(h).filter((c) => c.startsWith('non-differentiable')), ['non-differentiable:8']);
});

test('a reduction over the axis tf.stack made is the op across the stacked tensors (PPO as rl-ts writes it)', () => {
  const ppo = (reduce) => `${HEADER}export function piLoss(policy: tf.LayersModel, obs: tf.Tensor, logpOld: tf.Tensor, adv: tf.Tensor, clipRatio: number) {
  const logp = policy.predict(obs) as tf.Tensor;
  const ratio = logp.sub(logpOld).exp();
  const clipped = ratio.clipByValue(1 - clipRatio, 1 + clipRatio).mul(adv);
  const both = tf.stack([ratio.mul(adv), clipped]);
  return both.${reduce}.mean().mul(-1);
}
`;
  const min = lint.lintText(ppo('min(0)'), 'ppo.ts');
  assert.ok(min.sites.some((s) => s.expression?.startsWith('min(') || s.expression?.includes(' min(') || /\bmin\(/.test(s.expression ?? '')), JSON.stringify(min.sites.map((s) => s.expression ?? s.unreadable)));
  assert.ok(codes(min).includes('non-differentiable:7'), codes(min).join());
  const mean = lint.lintText(ppo('mean(0)'), 'ppo.ts');
  assert.ok(!codes(mean).includes('non-differentiable:7'), codes(mean).join());
  assert.ok(mean.sites.every((s) => !s.unreadable), JSON.stringify(mean.sites.map((s) => s.unreadable)));
});

test('review cases: a helper called in the arguments is read whole, a model whose name contains the trained one is another model, an alias of the trained model is it', () => {
  const nested = `${HEADER}const opt = tf.train.adam();
const model = tf.sequential();
function prep(b: { x: tf.Tensor; y: tf.Tensor }) { return b; }
function computeLoss(data: { x: tf.Tensor; y: tf.Tensor }) {
  const err = tf.sub(model.predict(data.x) as tf.Tensor, data.y);
  return { loss: tf.mean(tf.abs(err)), info: 1 };
}
export function step(batch: { x: tf.Tensor; y: tf.Tensor }) {
  return opt.minimize(() => {
    const { loss } = computeLoss(prep(batch));
    return loss as tf.Scalar;
  });
}
`;
  const n = lint.lintText(nested, 'nested.ts');
  assert.ok(n.sites.some((s) => s.kind === 'minimize' && !s.unreadable), JSON.stringify(n.sites.map((s) => s.unreadable)));
  assert.deepEqual(codes(n).filter((c) => c.startsWith('non-differentiable')), ['non-differentiable:7']);
  const sac = (critics) => `${HEADER}export class Agent {
  actor: tf.LayersModel; target_actor: tf.LayersModel; q1: tf.LayersModel; q2: tf.LayersModel; opt = tf.train.adam();
  step(s: tf.Tensor) {
    return this.opt.minimize(() => {
      const actor = this.actor;
      const probs = tf.softmax(actor.predict(s) as tf.Tensor);
      const next = ${critics};
      return probs.mul(tf.log(probs.add(1e-8)).sub(next)).sum(1).mean() as tf.Scalar;
    }, true, this.actor.trainableWeights.map((w) => w.read() as tf.Variable));
  }
}
`;
  const other = lint.lintText(sac('tf.minimum(this.q1.predict(this.target_actor.predict(s)) as tf.Tensor, this.q2.predict(s) as tf.Tensor)'), 'sac.ts');
  assert.ok(other.sites.some((s) => s.kind === 'minimize' && !s.unreadable), JSON.stringify(other.sites.map((s) => s.unreadable)));
  assert.deepEqual(codes(other).filter((c) => c.startsWith('non-differentiable')), [], 'target_actor is not the trained actor');
  const own = lint.lintText(sac('tf.minimum(this.q1.predict(actor.predict(s)) as tf.Tensor, this.q2.predict(s) as tf.Tensor)'), 'sac.ts');
  assert.ok(codes(own).some((c) => c.startsWith('non-differentiable')), 'a critic run on the trained actor (through its alias) is a prediction');
});

test('a closure that returns from the first pass of a loop over batches is read on that pass', () => {
  const text = (ret) => `${HEADER}export function learn(actor, batches, states, oldProbs, advantage, optimizer) {
  const f = () => {
    for (const batch of batches) {
      const probs = actor.predict(states.gather(batch));
      const ratio = probs.div(oldProbs.gather(batch));
      const clipped = ratio.clipByValue(0.8, 1.2).mul(advantage.gather(batch));
      const loss = tf.minimum(ratio.mul(advantage.gather(batch)), clipped).mean().neg();
      ${ret}
    }
  };
  return tf.variableGrads(f);
}
`;
  const r = lint.lintText(text('return loss;'), 'ppo.js');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line), [7, 8]);
  // A loop whose body does not always return is not a first pass: nothing is returned, as before.
  const conditional = lint.lintText(text('if (batch) return loss;'), 'ppo.js');
  assert.match(conditional.sites.find((s) => s.kind === 'minimize')?.unreadable ?? '', /no return statement/);
});

test('a forward pass passed to a loss helper as a function (surrogate((x) => this.model(x, true), xs)) is read where the helper calls it', () => {
  const text = `${HEADER}function surrogate(model, input, oldLogProbs, rewards) {
  const logProbs = model(input);
  const ratios = logProbs.sub(oldLogProbs).exp();
  return tf.clipByValue(ratios, 0.8, 1.2).mul(rewards).sum().neg();
}
export class Actor {
  train(states, oldLogProbs, rewards) {
    this.optimiser.minimize(() => {
      const input = tf.tensor2d(states);
      const surr = surrogate((x) => this.model(x, true), input, oldLogProbs, rewards);
      return surr;
    });
  }
}
`;
  const r = lint.lintText(text, 'actor.js');
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site?.unreadable, undefined);
  assert.ok(r.diagnostics.some((d) => d.code === 'non-differentiable' && d.line === 5), r.diagnostics.map((d) => `${d.code}:${d.line}`).join());
  // A function given where a value is read is not a value: the loss says so instead of guessing.
  const asValue = lint.lintText(`${HEADER}function f(g, yTrue, yPred) { return tf.sub(g, yPred).square().mean(); }\noptimizer.minimize(() => {\n  const p = model.predict(xs);\n  const l = f((x) => x, ys, p);\n  return l;\n});\n`, 'v.js');
  assert.match(asValue.sites.find((s) => s.kind === 'minimize')?.partlyUnread ?? '', /g is a function, read only where it is called/);
});

test('settings destructured from a config object are settings, and a clipped value loss clip(v - vOld, -eps, eps) keeps its kinks', () => {
  const text = `${HEADER}export class PPO {
  update(critic, states, oldValues, returns) {
    const { clipEpsilon, valueCoef } = this.cfg;
    return tf.variableGrads(() => {
      const vpred = critic.apply(states).reshape([-1]);
      const vClipped = oldValues.add(vpred.sub(oldValues).clipByValue(-clipEpsilon, clipEpsilon));
      return tf.maximum(vpred.sub(returns).square(), vClipped.sub(returns).square()).mean().mul(valueCoef);
    });
  }
}
`;
  const r = lint.lintText(text, 'ppo.js');
  const site = r.sites.find((s) => s.kind === 'minimize');
  // The clip range is a setting of the loss, not its target.
  assert.notEqual(site?.target, 'clipEpsilon');
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line), [7, 8]);
});

test('a method whose result is only read back for display (this.policyEntropy(s).dataSync()) is not a loss; used in a step, it is', () => {
  const text = (use) => `${HEADER}export class Agent {
  policyEntropy(states) {
    return tf.tidy(() => {
      const p = this.model.predict(states);
      return tf.neg(tf.sum(tf.mul(tf.log(p), p)));
    });
  }
  train(states, opt) {
    opt.minimize(() => {
      const loss = tf.losses.softmaxCrossEntropy(this.labels, this.model.predict(states));
      ${use}
    });
  }
}
`;
  const logs = (r) => r.diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line);
  // Read back for a chart by its only caller: the entropy method's log is not claimed.
  assert.deepEqual(logs(lint.lintText(text('console.log(this.policyEntropy(states).dataSync()[0]); return loss;'), 'agent.js')), []);
  // The entropy as a bonus in the loss: its log of the model's output is checked.
  const trained = lint.lintText(text('return loss.sub(this.policyEntropy(states).mul(0.01));'), 'agent.js');
  assert.ok(trained.sites.some((s) => s.name === 'policyEntropy' || s.kind === 'minimize'), JSON.stringify(trained.sites.map((s) => s.name)));
});

test('a list grown one element per iteration with concat (list.concat(x), tf.concat([list, x]), [...list, x]) is read per element, like a push', () => {
  for (const grow of ['logProbs = logProbs.concat(lp)', 'logProbs = tf.concat([logProbs, lp])', 'logProbs = [...logProbs, lp]']) {
    const r = lint.lintText(`${HEADER}export function step(policy, optimizer, states, actions, returns) {
  optimizer.minimize(() => {
    let logProbs = tf.tensor1d([]);
    for (let i = 0; i < states.length; i++) {
      const probs = tf.softmax(policy.predict(states[i]));
      const lp = tf.log(probs.gather(actions[i]));
      ${grow};
    }
    return tf.neg(tf.sum(tf.mul(tf.stack(logProbs), returns)));
  });
}`, 'reinforce.js');
    const step = r.sites.find((s) => s.kind === 'minimize');
    assert.equal(step.unreadable, undefined, grow);
    assert.match(step.expression, /log\(softmax\(yPred\)\)/, grow);
  }
});

test('an evaluation of a softmax model gathers the labelled rows first: the rows are still softmax outputs', () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [8] }));
model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
export function evaluate(features, labels, mask) {
  return tf.tidy(() => {
    const predictions = model.predict(features);
    const rows = tf.where(mask).squeeze();
    const maskedPredictions = tf.gather(predictions, rows);
    const maskedLabels = tf.gather(labels, rows);
    return tf.losses.softmaxCrossEntropy(maskedLabels, maskedPredictions.reshape([-1, 4]));
  });
}
`;
  assert.deepEqual(codes(lint.lintText(text, 'gnn.js')), ['activation-mismatch:12']);
  // A linear head's gathered rows are logits, what the loss wants.
  const logits = text.replace("activation: 'softmax'", "activation: 'linear'");
  assert.ok(!codes(lint.lintText(logits, 'gnn.js')).includes('activation-mismatch:12'));
});

test('a max-shifted log-sum-exp computed on its own (lse = log(sum(exp(x - max)))) is bounded; lse - s and s - lse are the log-softmax', () => {
  const text = `${HEADER}export function inBatch(yTrue: tf.Tensor, logits: tf.Tensor) {
  const stab = logits.sub(logits.max(1, true));
  const lse = tf.log(tf.exp(stab).sum(1));
  return lse.sub(tf.sum(tf.mul(yTrue, stab), 1)).mean();
}
export function ownLogProbs(yTrue: tf.Tensor, logits: tf.Tensor) {
  const stab = tf.sub(logits, tf.max(logits, -1, true));
  const lse = tf.log(tf.sum(tf.exp(stab), -1, true));
  return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.sub(stab, lse)), -1)));
}
export function unshifted(yTrue: tf.Tensor, logits: tf.Tensor) {
  const lse = tf.log(tf.exp(logits).sum(1));
  return lse.sub(tf.sum(tf.mul(yTrue, logits), 1)).mean();
}
`;
  const r = lint.lintText(text, 'a.ts');
  // Only the unshifted form overflows (and its sum of exps may underflow to a log(0)).
  assert.deepEqual(codes(r).filter((c) => !/:1[23]$/.test(c)), []);
  assert.ok(codes(r).includes('exp-overflow:13'), codes(r).join(' '));
  assert.match(r.sites.find((s) => s.name === 'ownLogProbs').expression, /logSoftmax\(logits\)/);
});

test("a logits loss on a field of the file's own forward method (preds.done from a sigmoid layer) is activation-mismatch, inside a differentiated closure too", () => {
  const text = (activation) => `${HEADER}class WorldModel {
  decoderDone = tf.layers.dense({ units: 1${activation}, name: 'done' });
  decoderReward = tf.layers.dense({ units: 1 });
  predictStep(s: tf.Tensor) {
    return tf.tidy(() => {
      const reward = this.decoderReward.apply(s) as tf.Tensor2D;
      const done = this.decoderDone.apply(s) as tf.Tensor2D;
      return { reward, done };
    });
  }
  train(s: tf.Tensor, d: tf.Tensor, r: tf.Tensor) {
    return tf.variableGrads(() => {
      const preds = this.predictStep(s);
      const doneLoss = tf.losses.sigmoidCrossEntropy(d, preds.done);
      return doneLoss.add(tf.losses.meanSquaredError(r, preds.reward)) as tf.Scalar;
    });
  }
}
`;
  const r = lint.lintText(text(", activation: 'sigmoid'"), 'world.ts');
  assert.deepEqual(codes(r), ['activation-mismatch:15']);
  // The head without an activation gives logits: silent.
  assert.deepEqual(codes(lint.lintText(text(''), 'world.ts')), []);
});

test('x minus a max-shifted log-sum-exp without the max added back is not read as the log-softmax', () => {
  const text = `${HEADER}export function ce(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const m = tf.max(yPred, -1, true);
  const lse = tf.log(tf.sum(tf.exp(tf.sub(yPred, m)), -1, true));
  return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.sub(yPred, lse)), -1)));
}
`;
  assert.doesNotMatch(lint.lintText(text, 'a.ts').sites[0].expression, /logSoftmax/);
});

test("tfjs-vis is not TF.js: tfvis.metrics.confusionMatrix is no unknown tf.metrics function", () => {
  const text = (pkg) => `import * as tf from '@tensorflow/tfjs';
import * as tfvis from '${pkg}';
export async function evaluate(labels: tf.Tensor1D, preds: tf.Tensor1D) {
  return tfvis.metrics.confusionMatrix(labels, preds);
}
`;
  assert.deepEqual(lint.lintText(text('@tensorflow/tfjs-vis'), 'a.ts').diagnostics, []);
  // A TF.js package under another name is still TF.js: its metrics are checked.
  assert.deepEqual(lint.lintText(text('@tensorflow/tfjs-node'), 'a.ts').diagnostics.map((d) => d.code), ['unknown-loss']);
});

test("a log of a helper's parameter that every call gives a softplus head's output reaches log(0): a Gaussian policy's std", () => {
  const ppo = (stdActivation, call) => lint.lintText(`${HEADER}class PPO {
  constructor() { this.actor = this.buildActor(); }
  buildActor() {
    const x = tf.input({ shape: [4] });
    const h = tf.layers.dense({ units: 8, activation: 'relu' }).apply(x);
    const mean = tf.layers.dense({ units: 2, activation: 'tanh' }).apply(h);
    const stdDev = tf.layers.dense({ units: 2, activation: '${stdActivation}' }).apply(h);
    return tf.model({ inputs: x, outputs: [mean, stdDev] });
  }
  logprobabilities(mean, stdDev, action) {
    const logStd = stdDev.log();
    return action.sub(mean).square().div(stdDev.square().mul(2)).neg().sub(logStd);
  }
  update(obs, actions) {
    ${call}
  }
}
`, 'ppo.js');
  const indexed = 'const params = this.actor.predict(obs);\n    const newStd = params[1];\n    return this.logprobabilities(params[0], newStd, actions);';
  const destructured = 'const [means, stds] = this.actor.predict(obs);\n    return this.logprobabilities(means, stds, actions);';
  assert.deepEqual(codes(ppo('softplus', indexed)), ['log-of-zero:12']);
  assert.deepEqual(codes(ppo('softplus', destructured)), ['log-of-zero:12']);
  // A std the callers do not take from a model says nothing.
  assert.deepEqual(codes(ppo('softplus', 'return this.logprobabilities(obs, this.std, actions);')), []);
});

test('functions with a loss\'s parameters named as rates and other classification metrics are metrics, not losses', () => {
  const text = `${HEADER}const truePositiveRate = (yTrue, yPred) => {
  const tp = yTrue.reduce((sum, y, i) => sum + (y === 1 && yPred[i] === 1 ? 1 : 0), 0);
  const fn = yTrue.reduce((sum, y, i) => sum + (y === 1 && yPred[i] === 0 ? 1 : 0), 0);
  return tp + fn === 0 ? 0 : tp / (tp + fn);
};
function specificity(yTrue, yPred) {
  return tf.div(tf.sum(tf.mul(tf.sub(1, yTrue), tf.sub(1, tf.round(yPred)))), tf.sum(tf.sub(1, yTrue)));
}
`;
  assert.deepEqual(lint.lintText(text, 'fairness.js').sites, []);
  // A loss-named function is a loss whatever else its name says (a rate-weighted loss).
  assert.equal(lint.lintText(text.replace('const truePositiveRate', 'const ratedLoss').replace('function specificity', 'function specificityLoss'), 'fairness.js').sites.length, 2);
});

test('logs outside any loss stay silent on data of unknown size, scaled or not, and on guards given as parameters', () => {
  const unknown = `${HEADER}function logFeatures(rows) {
  return tf.concat([tf.log(rows.volume.div(1e6)), tf.log(rows.areaSqFt.mul(0.0929))], 1);
}
function logStd(variance) { return tf.log(tf.sqrt(variance)); }
function safeLogProbs(probs, eps = 1e-6) { return tf.log(tf.maximum(probs, eps)); }
function logRatio(probs, otherProbs, eps = 1e-6) { return tf.log(tf.maximum(probs, eps).div(tf.maximum(otherProbs, eps))); }
`;
  assert.deepEqual(codes(lint.lintText(unknown, 'features.js')), []);
  // A relu head's output is a number, never Infinity: 1 / (rate + 1) stays above 0.
  const relu = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'relu' }));
function inverseScale(x) { const rate = model.predict(x); return tf.log(tf.div(1, rate.add(1))).mean().dataSync()[0]; }
`;
  assert.deepEqual(codes(lint.lintText(relu, 'scale.js')), []);
});

test('a loss-named helper of one value and its settings (entropy(probs, eps = 1e-8)) reads the ε as a setting, not the target', () => {
  const entropy = (guard) => `${HEADER}function categoricalEntropy(probs, eps = 1e-8) {
  return tf.neg(tf.sum(probs.mul(tf.log(${guard})), -1));
}
function entropyOf(probs, options = {}) {
  const eps = options.eps ?? 1e-8;
  return tf.neg(tf.sum(probs.mul(tf.log(${guard})), -1));
}
`;
  assert.deepEqual(codes(lint.lintText(entropy('probs.add(eps)'), 'entropy.js')), []);
  assert.deepEqual(codes(lint.lintText(entropy('probs'), 'entropy.js')), ['log-of-zero:3', 'log-of-zero:7']);
  const r = lint.lintText(entropy('probs.add(eps)'), 'entropy.js');
  assert.ok(r.sites.every((s) => !/yTrue/.test(s.expression ?? '')));
});
