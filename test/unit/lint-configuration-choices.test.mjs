// An output activation and a loss chosen by the same setting go together: each branch's loss is checked against that
// branch's activation, never against the other branch's (configurationChoices.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');
const lines = (r) => am(r).map((d) => d.line);

/** A trainer that sets the loss and the head's activation in the branches of one test, then evaluates with `evalLoss`. */
function branchTrainer({ binaryLoss = 'binaryCrossentropy', binaryActivation = 'sigmoid', otherLoss = 'categoricalCrossentropy', otherActivation = 'softmax', evaluation = '' } = {}) {
  return `${HEADER}export async function train(xs, ys, numClasses) {
  let lossFunction, activationFunction, outputNodes;
  if (numClasses === 2) {
    lossFunction = '${binaryLoss}';
    activationFunction = '${binaryActivation}';
    outputNodes = 1;
  } else {
    lossFunction = '${otherLoss}';
    activationFunction = '${otherActivation}';
    outputNodes = numClasses;
  }
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
  model.add(tf.layers.dense({ units: outputNodes, activation: activationFunction }));
  model.compile({ optimizer: 'adam', loss: lossFunction, metrics: ['accuracy'] });
  await model.fit(xs, ys, { epochs: 5 });
  const preds = model.predict(xs);
${evaluation}
}
`;
}

test('a loss and an activation set in the same branches are paired branch by branch: matching pairs stay silent', () => {
  const r = lint.lintText(branchTrainer(), 'train.js');
  assert.deepEqual(lines(r), []);
  // Both branches' losses are read (none is left unreadable).
  const compiles = r.sites.filter((s) => s.kind === 'compile');
  assert.deepEqual(compiles.map((s) => s.name).sort(), ['binaryCrossentropy', 'categoricalCrossentropy']);
  assert.ok(compiles.every((s) => !s.unreadable));
});

test('a branch whose own loss does not suit its own activation is reported at the compile call, naming the way', () => {
  const r = lint.lintText(branchTrainer({ binaryActivation: 'softmax' }), 'train.js');
  const found = am(r);
  assert.deepEqual(found.map((d) => d.line), [16]);
  assert.match(found[0].message, /softmax/);
});

test('the other branch is not paired with this branch: sigmoid is never checked against categorical cross-entropy', () => {
  // Were the two read independently, sigmoid + categoricalCrossentropy and softmax + binaryCrossentropy would be reported.
  const r = lint.lintText(branchTrainer(), 'train.js');
  assert.ok(!am(r).some((d) => /sigmoid|binaryCrossentropy/.test(d.message) && /categorical|softmax/.test(d.message)));
});

test('an evaluation logits loss under the same test sees that branch activation', () => {
  const evaluation = `  let logLoss;
  if (numClasses === 2) {
    logLoss = tf.losses.sigmoidCrossEntropy(ys, preds);
  } else {
    logLoss = tf.losses.softmaxCrossEntropy(ys, preds);
  }
  return logLoss;`;
  const r = lint.lintText(branchTrainer({ evaluation }), 'train.js');
  assert.deepEqual(lines(r), [21, 23]);
  assert.match(am(r)[0].message, /sigmoid/);
  assert.match(am(r)[1].message, /softmax/);
});

test('an evaluation logits loss under the other test value is checked against that way only', () => {
  // Linear head for the multi-class way: softmaxCrossEntropy on it is right; only the binary way's sigmoid is doubled.
  const evaluation = `  if (numClasses !== 2) return tf.losses.softmaxCrossEntropy(ys, preds);
  return tf.losses.sigmoidCrossEntropy(ys, preds);`;
  const r = lint.lintText(branchTrainer({ otherActivation: 'linear', otherLoss: 'meanSquaredError', evaluation }), 'train.js');
  assert.deepEqual(lines(r), [20]);
});

test('a logits loss with no test around it is not reported when the ways disagree', () => {
  const evaluation = '  return tf.losses.sigmoidCrossEntropy(ys, preds);';
  const r = lint.lintText(branchTrainer({ otherActivation: 'linear', otherLoss: 'meanSquaredError', evaluation }), 'train.js');
  assert.deepEqual(lines(r), []);
});

test('a builder switching on config.task in a helper pairs with a head chosen by the same setting', () => {
  const text = `${HEADER}function getLoss(config) {
  if (config.loss) return config.loss;
  switch (config.task) {
    case 'binary': return 'binaryCrossentropy';
    case 'multiclass': return 'categoricalCrossentropy';
    default: return 'meanSquaredError';
  }
}
export function build(config, inputDim, outputDim) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputDim], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: outputDim, activation: config.task === 'binary' ? 'sigmoid' : 'linear' }));
  const loss = getLoss(config);
  model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
  return model;
}
`;
  const r = lint.lintText(text, 'builder.ts');
  const found = am(r);
  // Only the multiclass way is wrong: categorical cross-entropy on the linear head. Binary pairs sigmoid with BCE,
  // the default pairs linear with MSE; sigmoid is never paired with MSE or categorical cross-entropy.
  assert.deepEqual(found.map((d) => d.line), [15]);
  assert.match(found[0].message, /categoricalCrossentropy/);
  assert.match(found[0].message, /linear/);
});

test('a let set to one value and changed under a test keeps the first value where the test fails', () => {
  const text = `${HEADER}export function build(numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: numClasses, inputShape: [8], activation: 'softmax' }));
  let lossName = 'binaryCrossentropy';
  if (numClasses > 2) {
    lossName = 'categoricalCrossentropy';
  }
  model.compile({ optimizer: 'adam', loss: lossName });
  return model;
}
`;
  const r = lint.lintText(text, 'build.js');
  const found = am(r);
  // softmax with binaryCrossentropy (two classes), said at the compile call's loss; the > 2 way is right.
  assert.deepEqual(found.map((d) => d.line), [9]);
  assert.match(found[0].message, /binaryCrossentropy/);
});

test('a head chosen by a ternary on the loss setting is checked against the loss that setting names', () => {
  const text = `${HEADER}export class Net {
  constructor(opts) { this.opts = { loss: 'categoricalCrossentropy', ...opts }; }
  build(classes) {
    const outputType = this.opts.loss === 'categoricalCrossentropy' ? 'sigmoid' : this.opts.loss === 'meanSquaredError' ? 'linear' : 'softmax';
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: classes, inputShape: [4], activation: outputType }));
    model.compile({ optimizer: 'adam', loss: this.opts.loss });
    return model;
  }
}
`;
  const r = lint.lintText(text, 'net.js');
  const found = am(r);
  // Only the sigmoid way goes with 'categoricalCrossentropy': several sigmoids under categorical cross-entropy.
  assert.equal(found.length, 1);
  assert.match(found[0].message + found[0].detail, /sigmoid/);
});

test('a choice made in a loop is not followed', () => {
  const text = `${HEADER}export function build(kinds) {
  let act;
  for (const k of kinds) { if (k === 'bin') act = 'sigmoid'; else act = 'softmax'; }
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: act }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
`;
  assert.deepEqual(lines(lint.lintText(text, 'loop.js')), []);
});
