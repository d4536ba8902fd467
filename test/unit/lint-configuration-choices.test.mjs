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
  if (numClasses > 3) {
    lossName = 'categoricalCrossentropy';
  }
  model.compile({ optimizer: 'adam', loss: lossName });
  return model;
}
`;
  const r = lint.lintText(text, 'build.js');
  const found = am(r);
  // softmax with binaryCrossentropy (up to three classes), said at the compile call's loss; the > 3 way is right.
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

// Cases a review of the pairing found (each was a false alarm or a lost finding before its mend).
const build = (body) => `${HEADER}export function build(numClasses, task, useLogits) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
${body}
  return model;
}
`;

test('switch cases with braced bodies and stacked labels pair each case\'s loss with its own activation', () => {
  const body = `  let act, loss;
  switch (task) {
    case 'binary': { act = 'sigmoid'; loss = 'binaryCrossentropy'; break; }
    case 'multi':
    case 'single': { act = 'softmax'; loss = 'categoricalCrossentropy'; break; }
    default: { act = 'linear'; loss = 'meanSquaredError'; }
  }
  model.add(tf.layers.dense({ units: 3, activation: act }));
  model.compile({ optimizer: 'adam', loss });`;
  assert.deepEqual(lines(lint.lintText(build(body), 'b.js')), []);
});

test('a loss and a head chosen by settings the lint cannot relate are not paired at all', () => {
  // `numClasses > 2` and `numClasses === 2` are not compared; neither are two different parameters.
  const related = `  model.add(tf.layers.dense({ units: 3, activation: numClasses > 2 ? 'softmax' : 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: numClasses === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });`;
  assert.deepEqual(lines(lint.lintText(build(related), 'b.js')), []);
  const unrelated = `  model.add(tf.layers.dense({ units: 3, activation: useLogits ? 'linear' : 'softmax' }));
  model.compile({ optimizer: 'adam', loss: task === 'multi' ? 'categoricalCrossentropy' : 'meanSquaredError' });`;
  assert.deepEqual(lines(lint.lintText(build(unrelated), 'b.js')), []);
});

test('numeric tests of one setting rule a pairing out: numClasses === 2 and numClasses > 2 never hold together', () => {
  // Head and loss both chosen under isClassification (a common setting, so paired), the head also by === 2 and the
  // loss by > 2: the 1-unit sigmoid head never meets categoricalCrossentropy.
  const body = `  if (task && numClasses > 2) {
    model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
  } else if (task && numClasses === 2) {
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  } else {
    model.add(tf.layers.dense({ units: 1 }));
  }
  const loss = task ? (numClasses > 2 ? 'categoricalCrossentropy' : 'binaryCrossentropy') : 'meanSquaredError';
  model.compile({ optimizer: 'adam', loss });`;
  assert.deepEqual(lines(lint.lintText(build(body), 'b.js')), []);
  // The same head under >= 2 (which 2 also meets) does meet categoricalCrossentropy's > 2 at 3: a 1-unit CCE.
  assert.deepEqual(lines(lint.lintText(build(body.replace('numClasses === 2', 'numClasses >= 2')), 'b.js')).length, 1);
});

test('a custom loss branching on the flag that picks the head is paired with that flag\'s head', () => {
  const body = (head) => `  model.add(tf.layers.dense({ units: 1, activation: ${head} }));
  const loss = (yTrue, yPred) => useLogits ? tf.losses.sigmoidCrossEntropy(yTrue, yPred) : tf.losses.logLoss(yTrue, yPred);
  model.compile({ optimizer: 'adam', loss });`;
  assert.deepEqual(lines(lint.lintText(build(body("useLogits ? 'linear' : 'sigmoid'")), 'b.js')), []);
  assert.deepEqual(lines(lint.lintText(build(body("useLogits ? 'sigmoid' : 'linear'")), 'b.js')), [6]);
});

test('a test the code decides itself picks one way: outputActivation(\'binary\')', () => {
  const text = (task) => `${HEADER}function outputActivation(task) {
  if (task === 'binary') return 'sigmoid';
  return 'softmax';
}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: outputActivation('${task}') }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;
  assert.deepEqual(lines(lint.lintText(text('binary'), 'b.js')), []);
  assert.deepEqual(lines(lint.lintText(text('multi'), 'b.js')), [8]);
});

test('helpers calling helpers map parameters through: outer(cfg.task) calling inner(t)', () => {
  const text = `${HEADER}function inner(t) { if (t === 'multi') return 'softmax'; return 'sigmoid'; }
function outer(t, reg) { if (reg) return 'linear'; return inner(t); }
export function build(cfg) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: outer(cfg.task, cfg.reg) }));
  model.compile({ optimizer: 'adam', loss: cfg.reg ? 'meanSquaredError' : cfg.task === 'multi' ? 'categoricalCrossentropy' : 'binaryCrossentropy' });
  return model;
}
`;
  assert.deepEqual(lines(lint.lintText(text, 'b.js')), []);
});

test('two settings tested in turn: the later test overrides the earlier one where it holds', () => {
  const body = `  let act = 'sigmoid';
  let loss = 'binaryCrossentropy';
  if (task === 'multi') { act = 'softmax'; loss = 'categoricalCrossentropy'; }
  if (useLogits) { act = 'linear'; loss = 'meanSquaredError'; }
  model.add(tf.layers.dense({ units: 3, activation: act }));
  model.compile({ optimizer: 'adam', loss });`;
  assert.deepEqual(lines(lint.lintText(build(body), 'b.js')), []);
});

test('the losses a setting chooses between keep their own findings at the compile call', () => {
  const body = `  let loss;
  if (numClasses === 2) loss = 'categoricalCrossentropy';
  else loss = 'binaryCrossentropy';
  model.add(tf.layers.dense({ units: numClasses, activation: numClasses === 2 ? 'sigmoid' : 'softmax' }));
  model.compile({ optimizer: 'adam', loss });`;
  const found = am(lint.lintText(build(body), 'b.js'));
  assert.equal(found.length, 2, found.map((d) => d.message).join(' | '));
  assert.ok(found.every((d) => d.line === 9));
  assert.ok(found.some((d) => /independent sigmoids/.test(d.message)) && found.some((d) => /softmax with binaryCrossentropy/.test(d.message)));
});

test('a field given the built model and then, under a test, another model is not taken for the first', () => {
  const text = `${HEADER}export class Net {
  buildBinary() { const m = tf.sequential(); m.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' })); return m; }
  buildMulti() { const m = tf.sequential(); m.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })); return m; }
  setup(multi) {
    this.model = this.buildBinary();
    if (multi) this.model = this.buildMulti();
    this.model.compile({ optimizer: 'adam', loss: multi ? 'categoricalCrossentropy' : 'binaryCrossentropy' });
  }
}
`;
  assert.deepEqual(lines(lint.lintText(text, 'n.js')), []);
});

test('a loss chosen from a registry too large to read whole leaves the rest out quietly, never as unreadable sites', () => {
  const entries = Array.from({ length: 80 }, (_, i) => `  l${i}: '${i % 2 ? 'meanSquaredError' : 'meanAbsoluteError'}'`).join(',\n');
  const text = `${HEADER}const LOSSES = {\n${entries}\n};\nexport function build(name) {\n  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\n  model.compile({ optimizer: 'adam', loss: LOSSES[name] });\n  return model;\n}\n`;
  const r = lint.lintText(text, 'r.js');
  assert.ok(r.sites.filter((s) => s.kind === 'compile').length > 0);
  assert.deepEqual(r.sites.filter((s) => s.unreadable !== undefined).map((s) => s.unreadable), []);
});

test('the same test written in two functions over their own parameters is two settings', () => {
  const text = `${HEADER}function createModel(numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: numClasses > 2 ? 'softmax' : 'sigmoid' }));
  return model;
}
export function train(numClasses, other) {
  const model = createModel(other);
  model.compile({ optimizer: 'adam', loss: numClasses > 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
}
`;
  assert.deepEqual(lines(lint.lintText(text, 't.js')), []);
});

test('a loss a setting chooses for one way is fixed in its own branch, leaving the other way as it is', () => {
  const text = branchTrainer({ otherActivation: 'sigmoid' });
  const [d, ...rest] = am(lint.lintText(text, 'train.js'));
  assert.ok(d && rest.length === 0);
  assert.equal(d.line, 16);
  const fix = d.fixes.find((f) => /binaryCrossentropy/.test(f.title));
  assert.ok(fix, JSON.stringify(d.fixes.map((f) => f.title)));
  const fixed = lint.applySourceEdits(text, fix.edits);
  // The multi-class branch's own literal changed; the binary branch and the compile call are untouched.
  assert.match(fixed, /} else {\n {4}lossFunction = 'binaryCrossentropy';/);
  assert.match(fixed, /model\.compile\(\{ optimizer: 'adam', loss: lossFunction/);
  assert.deepEqual(lines(lint.lintText(fixed, 'train.js')), []);
});

test("a loss chosen by a test the code decides (a const count, a fixed array's length) is only the way that runs", () => {
  // The binary way is tested on three classes: on two, softmax + binaryCrossentropy is categorical cross-entropy.
  const teachable = (count, extra = '') => `${HEADER}const classLabels = ['leaf1', 'leaf2', 'leaf3', 'leaf4'];
const NUM_CLASSES = 4;
export function buildModel() {${extra}
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1024], units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: classLabels.length, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: (${count} === 3) ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  return model;
}
`;
  assert.deepEqual(lines(lint.lintText(teachable('NUM_CLASSES'), 'm.js')), []);
  assert.deepEqual(lines(lint.lintText(teachable('classLabels.length'), 'm.js')), []);
  // The binary way runs when it is the one the code decides on: softmax + binaryCrossentropy.
  assert.deepEqual(lines(lint.lintText(teachable('classLabels.length').replace(", 'leaf4'", ''), 'm.js')), [8]);
  // An array the code adds labels to has no fixed length: both ways stay open.
  assert.deepEqual(lines(lint.lintText(teachable('classLabels.length', "\n  classLabels.push('leaf5');"), 'm.js')), [9]);
});

test('an output layer added in the branches of an if is one head or the other, each paired with the loss its test picks', () => {
  const build = (binaryHead, otherHead) => `${HEADER}export function buildModel(config) {
  const model = tf.sequential();
  const numClasses = config.numClasses ?? 2;
  model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));
  if (numClasses === 2) {
    model.add(tf.layers.dense({ units: 1, activation: '${binaryHead}' }));
  } else {
    model.add(tf.layers.dense({ units: numClasses, activation: '${otherHead}' }));
  }
  const loss = numClasses === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy';
  model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
  return model;
}
`;
  // Sigmoid with binary cross-entropy, softmax with categorical: neither is paired with the other branch's loss.
  assert.deepEqual(lines(lint.lintText(build('sigmoid', 'softmax'), 'net.ts')), []);
  // A branch whose head does not suit its own loss is still found.
  assert.deepEqual(lines(lint.lintText(build('sigmoid', 'relu'), 'net.ts')), [12]);
});

test('an output activation added under an if without an else is there one way and not the other', () => {
  const text = (loss) => `${HEADER}export function build(numFeatures, fromLogits) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [numFeatures] }));
  if (!fromLogits) {
    model.add(tf.layers.activation({ activation: 'sigmoid' }));
  }
  const loss = (yTrue, yPred) => ${loss};
  model.compile({ optimizer: 'adam', loss });
  return model;
}
`;
  // The logits loss goes with the way without the sigmoid, the probability loss with the way with it.
  assert.deepEqual(lines(lint.lintText(text('fromLogits ? tf.losses.sigmoidCrossEntropy(yTrue, yPred) : tf.losses.logLoss(yTrue, yPred)'), 'b.js')), []);
  // The other way round, each is paired with the head that does not suit it.
  assert.ok(lines(lint.lintText(text('fromLogits ? tf.losses.logLoss(yTrue, yPred) : tf.losses.sigmoidCrossEntropy(yTrue, yPred)'), 'b.js')).includes(8));
});

test("a builder's ways are the ones its call's arguments choose: makeNet('cls') is the sigmoid head, makeNet() its default", () => {
  const branches = `${HEADER}function makeNet(kind = 'reg') {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
  if (kind === 'cls') {
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  } else {
    model.add(tf.layers.dense({ units: 1 }));
  }
  return model;
}
const reg = makeNet();
reg.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
const cls = makeNet('cls');
cls.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;
  const r = lint.lintText(branches, 'nets.js');
  assert.deepEqual(lines(r), [13]);
  // The layer chooses for other calls too: the fix is the call's loss, never the shared layer.
  assert.ok(am(r)[0].fixes.every((f) => f.edits.every((e) => e.start > branches.indexOf('const reg'))), am(r)[0].fixes.map((f) => f.title).join());
  // The same with the activation chosen in the layer's config, and a parameter the body reassigns is not decided.
  const ternary = branches.replace(/ {2}if \(kind[\s\S]*?\n {2}}\n/, "  model.add(tf.layers.dense({ units: 1, activation: kind === 'cls' ? 'sigmoid' : 'linear' }));\n");
  assert.deepEqual(lines(lint.lintText(ternary, 'nets.js')), [9]);
  const reassigned = branches.replace("const model = tf.sequential();", "kind = String(kind);\n  const model = tf.sequential();");
  assert.equal(am(lint.lintText(reassigned, 'nets.js')).length, 2);
  // A builder imported from another file is chosen by this file's call.
  const nets = branches.slice(0, branches.indexOf('const reg')).replace('function makeNet', 'export function makeNet');
  const main = `${HEADER}import { makeNet } from './nets';\nmakeNet('cls').compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\nmakeNet('reg').compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`;
  const map = new Map([['/p/nets.js', nets], ['/p/main.js', main]]);
  assert.deepEqual(lines(lint.lintText(main, '/p/main.js', { project: lint.projectFromMap(map) })), [4]);
});

test("a let given a placeholder, then set on every way of an if … else if … else, is only the values the branches set", () => {
  const code = `${HEADER}export function build(units, dataset) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units, inputShape: [2], activation: dataset === 'mnist' ? 'softmax' : 'sigmoid' }));
  let lossFunction = 'N/A';
  if (dataset === 'mnist') {
    lossFunction = 'categoricalCrossentropy';
  } else if (dataset === 'sine') {
    lossFunction = 'meanSquaredError';
  } else {
    lossFunction = 'binaryCrossentropy';
  }
  model.compile({ optimizer: 'sgd', loss: lossFunction });
  return model;
}
`;
  const r = lint.lintText(code, 'model.js');
  assert.deepEqual(r.diagnostics.map((d) => d.code), []);
  assert.deepEqual(r.sites.filter((s) => s.kind === 'compile').map((s) => s.name).sort(), ['binaryCrossentropy', 'categoricalCrossentropy', 'meanSquaredError']);
  // Without the last else the placeholder is still a value the compile may get.
  const open = code.replace("} else {\n    lossFunction = 'binaryCrossentropy';\n  }", '}');
  assert.deepEqual(lint.lintText(open, 'model.js').diagnostics.map((d) => d.code), ['unknown-loss']);
});

test("a builder's call is read with JavaScript's own values: strings are truthy, '1' is not 1, a written parameter is not the argument", () => {
  const builder = (test, params = 'kind') => `${HEADER}function makeNet(${params}) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
  if (${test}) model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  else model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`;
  const compiled = (text, call) => lines(lint.lintText(`${text}${call}.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`, 'nets.ts'));
  // 'false' and '0' are non-empty strings: truthy, the sigmoid head.
  assert.deepEqual(compiled(builder('kind'), "makeNet('false')"), []);
  assert.deepEqual(compiled(builder('!kind'), "makeNet('0')"), [9]);
  // '1' against `=== 1`: a string is never strictly equal to a number, and the lint cannot tell which was meant.
  assert.deepEqual(compiled(builder('kind === 1'), "makeNet('1')"), [9]);
  assert.deepEqual(compiled(builder('kind === 1'), 'makeNet(1)'), []);
  // A parameter the body changes (+=, ++, destructuring, for…of) is not the argument.
  for (const write of ["kind += 'x';", '[kind] = [kind];', '({ kind } = { kind });', 'for (kind of []) {}']) {
    const text = builder("kind === 'cls'").replace('const model', `${write}\n  const model`);
    assert.deepEqual(compiled(text, "makeNet('cls')"), [10], write);
  }
  // A TypeScript `this` parameter takes no argument: 'reg' is `kind`, not `this`.
  assert.deepEqual(compiled(builder("kind === 'cls'", "this: unknown, kind: string = 'cls'"), "makeNet('reg')"), [9]);
});

test("the way a builder's call picks is narrowed inside too, and a builder handing its parameter to another file's is left as it is", () => {
  const nested = `${HEADER}function makeNet(kind) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
  if (kind === 'multi') model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  else model.add(tf.layers.dense({ units: 1, activation: kind === 'cls' ? 'sigmoid' : 'tanh' }));
  return model;
}
makeNet('reg').compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
makeNet('cls').compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;
  const r = lint.lintText(nested, 'nets.js');
  assert.deepEqual(lines(r), [9]);
  assert.match(am(r)[0].message, /tanh/);
  // make(kind, other) returns head(other) of another file: head's tests name head's parameter, not make's, even where
  // the two sit at the same offset of their files.
  const head = `${HEADER}export function head(kind) {\n  const model = tf.sequential();\n  if (kind === 'cls') model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));\n  else model.add(tf.layers.dense({ units: 1, inputShape: [4] }));\n  return model;\n}\n`;
  const make = `${HEADER}import { head } from './head';\nexport function make(kind, other) { return head(other); }\n`;
  const main = `${HEADER}import { make } from './make';\nmake('cls', 'reg').compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`;
  const map = new Map([['/p/head.js', head], ['/p/make.js', make], ['/p/main.js', main]]);
  assert.deepEqual(lines(lint.lintText(main, '/p/main.js', { project: lint.projectFromMap(map) })), [3]);
});

test('a placeholder is gone when every way assigns or leaves: else throw, a switch with a default, try and catch', () => {
  const code = (chain) => `${HEADER}export function build(units, dataset) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units, inputShape: [2], activation: 'softmax' }));
  let lossFunction = 'N/A';
  ${chain}
  model.compile({ optimizer: 'sgd', loss: lossFunction });
  return model;
}
`;
  const codes = (chain) => lint.lintText(code(chain), 'model.js').diagnostics.map((d) => d.code);
  assert.deepEqual(codes("if (dataset === 'mnist') lossFunction = 'categoricalCrossentropy';\n  else throw new Error('unknown dataset');"), []);
  assert.deepEqual(codes("switch (dataset) {\n    case 'a':\n    case 'b': lossFunction = 'categoricalCrossentropy'; break;\n    default: return null;\n  }"), []);
  assert.deepEqual(codes("try { lossFunction = 'categoricalCrossentropy'; } catch (e) { lossFunction = 'meanSquaredError'; }"), ['activation-mismatch']);
  // A switch without a default, or a case that only breaks, leaves the placeholder.
  assert.deepEqual(codes("switch (dataset) {\n    case 'a': lossFunction = 'categoricalCrossentropy'; break;\n  }"), ['unknown-loss']);
  assert.deepEqual(codes("switch (dataset) {\n    case 'a': lossFunction = 'categoricalCrossentropy'; break;\n    case 'b': break;\n    default: lossFunction = 'categoricalCrossentropy';\n  }"), ['unknown-loss']);
});

test('a builder that returns early has a model per return: a compile inside a branch sees the layers added before it', () => {
  const code = `${HEADER}function makeNet(numClasses) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
  if (numClasses === 2) {
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    return model;
  }
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
`;
  // Inside the branch the model ends in the sigmoid; after it, the sigmoid branch has returned.
  const own = lint.lintText(code, 'nets.js');
  assert.deepEqual(own.diagnostics, []);
  assert.deepEqual(own.sites.filter((s) => s.kind === 'compile').map((s) => s.activation), ['sigmoid', 'softmax']);
  // A caller gets the model of the return its argument leads to.
  const call = (arg, loss) => lines(lint.lintText(`${code}makeNet(${arg}).compile({ optimizer: 'adam', loss: '${loss}' });\n`, 'nets.js'));
  assert.deepEqual(call('2', 'binaryCrossentropy'), []);
  assert.deepEqual(call('3', 'binaryCrossentropy'), [14]);
  assert.deepEqual(call('3', 'categoricalCrossentropy'), []);
});

test("a builder's ways pair with the caller's own setting, a missing argument is undefined, and a cached model keeps its layers", () => {
  const create = `${HEADER}function create(kind) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
  if (kind === 'reg') {
    model.add(tf.layers.dense({ units: 1 }));
    return model;
  }
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
`;
  const codes = (text) => lint.lintText(text, 'nets.js').diagnostics.map((d) => d.code);
  // create(kind) then a loss chosen by the same kind: each way with its own loss.
  assert.deepEqual(codes(`${create}export function train(kind) {\n  const m = create(kind);\n  if (kind === 'reg') m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  else m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n}\n`), []);
  assert.deepEqual(codes(`${create}const LOSS = { reg: 'meanSquaredError', cls: 'binaryCrossentropy' };\nexport function train(kind) { create(kind).compile({ optimizer: 'adam', loss: LOSS[kind] }); }\n`), []);
  // A setting read from a const object the code never changes is its value.
  assert.deepEqual(codes(`${create}const opts = { kind: 'cls' };\ncreate(opts.kind).compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`), []);
  assert.deepEqual(codes(`${create}const opts = { kind: 'reg' };\ncreate(opts.kind).compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`), ['activation-mismatch']);
  // No argument: kind is undefined, not 'reg'.
  assert.deepEqual(codes(`${create.replace("kind === 'reg'", '!kind')}create().compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`), ['activation-mismatch']);
  assert.deepEqual(codes(`${create}create().compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`), []);
  // A model cached outside the builder (if (model) return model;) has the layers the builder adds after that return.
  const cached = `${HEADER}let model = null;\nfunction getModel() {\n  if (model) return model;\n  model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [4] }));\n  return model;\n}\ngetModel().compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n`;
  const [d] = lint.lintText(cached, 'svc.js').diagnostics;
  assert.equal(d?.code, 'activation-mismatch');
  assert.ok(d.fixes.some((f) => /activation/.test(f.title)), d.fixes.map((f) => f.title).join());
});

test('the codelab two-class ternary on a list nothing fills (let names = [] never pushed) goes the way its length says', () => {
  const page = (list, fill = '') => `${HEADER}${list}
${fill}
export async function train(xs, ys) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 4, inputShape: [8], activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: names.length === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  await model.fit(xs, ys);
}
`;
  // Empty and never filled: the categorical branch, which matches the softmax.
  assert.deepEqual(lines(lint.lintText(page('let names = [];'), 'p.js')), []);
  // Two names written out: the binary branch, softmax + BCE.
  assert.deepEqual(lines(lint.lintText(page("let names = ['cat', 'dog'];"), 'p.js')), [7]);
  // Filled by pushes or by element, or assigned again: unknown, each way checked.
  for (const fill of ["names.push('cat');", "names[0] = 'cat';", "names = loadNames();"]) {
    assert.deepEqual(lines(lint.lintText(page('let names = [];', fill), 'p.js')), [7], fill);
  }
});

test('the codelab ternary on a React state list whose setter only gets copies of it (renamed classes) goes the way its length says', () => {
  const page = (initial, setter) => `import * as tf from '@tensorflow/tfjs';
import { useState } from 'react';
export function TeachableMachine() {
  const [classList, setClassList] = useState(${initial});
  const classNames = classList.map((c) => c.name);
  function createModel() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [1024], units: classNames.length, activation: 'softmax' }));
    model.compile({ optimizer: 'adam', loss: (classNames.length === 2) ? 'meanSquaredError' : 'categoricalCrossentropy' });
    return model;
  }
  async function train(model, xs, labels) {
    await model.fit(xs, tf.oneHot(labels, classNames.length), { epochs: 10 });
  }
  function onChangeClassName(i, value) {
    ${setter}
  }
  return createModel;
}
`;
  const four = "[{ id: 0, name: 'pen' }, { id: 1, name: 'bottle' }, { id: 2, name: 'glasses' }, { id: 3, name: 'nothing' }]";
  const rename = 'const updated = [...classList];\n    updated[i].name = value;\n    setClassList(updated);';
  // Four classes, only renamed: always the categorical branch.
  assert.deepEqual(lines(lint.lintText(page(four, rename), 'p.jsx')), []);
  // Two classes: the two-class branch, a squared error on a 2-unit softmax trained on one-hot rows. (The codelab's own
  // binaryCrossentropy there is categorical cross-entropy: lint-two-unit-softmax.test.mjs.)
  assert.deepEqual(lines(lint.lintText(page("[{ id: 0, name: 'a' }, { id: 1, name: 'b' }]", rename), 'p.jsx')), [9]);
  // A setter that adds a class: the count is unknown, each way checked.
  assert.deepEqual(lines(lint.lintText(page(four, "setClassList([...classList, { id: i, name: value }]);"), 'p.jsx')), [9]);
  assert.deepEqual(lines(lint.lintText(page(four, 'const next = [...classList];\n    next.push({ id: i, name: value });\n    setClassList(next);'), 'p.jsx')), [9]);
});

test("a Vue ref of a constant class list (CLASSES.value.length) decides the codelab's two-class test; one changed later does not", () => {
  const text = (after) => `import * as tf from '@tensorflow/tfjs';
import { ref } from 'vue';
const CLASSES = ref(['Class 1', 'Class 2', 'Class 3']);
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [1024], units: 128, activation: 'relu' }));
model.add(tf.layers.dense({ units: CLASSES.value.length, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: (CLASSES.value.length === 2) ? 'meanSquaredError' : 'categoricalCrossentropy', metrics: ['accuracy'] });
${after}
`;
  const codes = (t) => lint.lintText(t, 'TeachableMachine.vue.ts').diagnostics.map((d) => d.code);
  assert.deepEqual(codes(text('')), []);
  assert.deepEqual(codes(text("export function addClass(name) { CLASSES.value.push(name); }")), ['activation-mismatch']);
  assert.deepEqual(codes(text("export function load(names) { CLASSES.value = names; }")), ['activation-mismatch']);
});

// holdout216's no-code trainer: units, activation and loss each chosen by a ternary chain on `task`. The loss's last
// else (neither regression nor binary) and the head's (neither binary nor multiclass) leave `task` none of the three
// values the file compares it with: they never run together.
test('ways whose tests together leave a setting none of the values the file compares it with are not paired', () => {
  const text = (loss) => `import * as tf from '@tensorflow/tfjs';
export function buildModel(inputSize: number, task: string, classCount: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputSize], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({
    units: task === 'multiclass_classification' ? classCount : 1,
    activation: task === 'binary_classification' ? 'sigmoid' : task === 'multiclass_classification' ? 'softmax' : 'linear',
  }));
  model.compile({ optimizer: 'adam', loss: ${loss} });
  return model;
}
`;
  const matched = "task === 'regression' ? 'meanSquaredError' : task === 'binary_classification' ? 'binaryCrossentropy' : 'categoricalCrossentropy'";
  assert.deepEqual(lint.lintText(text(matched), '/p/buildModel.ts').diagnostics, []);
  // Ways the tests do let meet are still checked: with the two names swapped, binary cross-entropy meets the softmax
  // head (multiclass) and categorical cross-entropy the one sigmoid unit (binary).
  const swapped = "task === 'regression' ? 'meanSquaredError' : task === 'multiclass_classification' ? 'binaryCrossentropy' : 'categoricalCrossentropy'";
  const found = lint.lintText(text(swapped), '/p/buildModel.ts').diagnostics.map((d) => d.message);
  assert.equal(found.length, 2);
  assert.match(found.join('\n'), /softmax with binaryCrossentropy/);
  assert.match(found.join('\n'), /categoricalCrossentropy on 1 output unit/);
});
