// Pieces of one prediction and of its target (slices, tf.split) are values of the same output and the same data:
// their typical values lie inside the output's domain and the target's range, so a kink in one piece is not hidden by
// another piece sitting where a log is infinite or a box is empty. And what a training step's targets are, when the
// step also tests a counter (`if (step === 0)` logging the loss) or its targets are comparisons.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const codes = (r) => r.diagnostics.map((d) => `${d.line}:${d.code}`).sort();

const sigmoidModel = (units, loss) => `const model = tf.sequential();
model.add(tf.layers.dense({ units: ${units}, inputShape: [64], activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: ${loss} });
`;

test('a box loss beside a confidence BCE in one sigmoid output: the L1 kink of the box slice is found', () => {
  const text = `${HEADER}function boxLoss(yTrue, yPred) {
  const conf = yPred.slice([0, 0], [-1, 1]);
  const box = yPred.slice([0, 1], [-1, 4]);
  const tConf = yTrue.slice([0, 0], [-1, 1]);
  const tBox = yTrue.slice([0, 1], [-1, 4]);
  const l1 = tf.abs(box.sub(tBox)).sum(1, true).mul(tConf);
  const bce = tConf.mul(tf.log(conf)).add(tf.sub(1, tConf).mul(tf.log(tf.sub(1, conf))));
  return l1.sub(bce).mean();
}
${sigmoidModel(5, 'boxLoss')}`;
  const found = codes(lint.lintText(text, 'box.js'));
  assert.ok(found.includes('7:non-differentiable'), found.join(' '));
  assert.deepEqual(found.filter((c) => c.endsWith('log-of-zero')), ['8:log-of-zero', '8:log-of-zero']);
  // Clipped, the confidence's logs are safe and the L1 kink is still there.
  const clipped = text.replace("const conf = yPred.slice([0, 0], [-1, 1]);", "const conf = yPred.slice([0, 0], [-1, 1]).clipByValue(1e-7, 1 - 1e-7);");
  assert.deepEqual(codes(lint.lintText(clipped, 'box.js')), ['7:non-differentiable']);
});

test('an IoU loss of boxes split into corners: the kinks of the overlap\'s max, min and relu are found, named as the code names them', () => {
  const text = `${HEADER}function iouLoss(yTrue, yPred) {
  const [tx1, ty1, tx2, ty2] = tf.split(yTrue, 4, 1);
  const [px1, py1, px2, py2] = tf.split(yPred, 4, 1);
  const ix1 = tf.maximum(tx1, px1);
  const iy1 = tf.maximum(ty1, py1);
  const ix2 = tf.minimum(tx2, px2);
  const iy2 = tf.minimum(ty2, py2);
  const inter = tf.relu(ix2.sub(ix1)).mul(tf.relu(iy2.sub(iy1)));
  const union = tx2.sub(tx1).mul(ty2.sub(ty1)).add(px2.sub(px1).mul(py2.sub(py1))).sub(inter);
  return tf.sub(1, inter.div(union.add(1e-6))).mean();
}
${sigmoidModel(4, 'iouLoss')}`;
  const r = lint.lintText(text, 'iou.js');
  const kinks = r.diagnostics.filter((d) => d.code === 'non-differentiable');
  assert.deepEqual([...new Set(kinks.map((d) => d.line))], [5, 6, 7, 8, 9]);
  assert.ok(kinks.some((d) => /max\(tx1, px1\)/.test(d.message)), kinks.map((d) => d.message).join('\n'));
  // A smooth overlap (a product of the pieces, no max or min) has no kink.
  const smooth = text.replace(/const ix1[\s\S]*?const union/, 'const inter = px1.mul(tx1).add(py1.mul(ty1));\n  const union').replace('.sub(inter);', '.add(1);');
  assert.deepEqual(codes(lint.lintText(smooth, 'iou.js')).filter((c) => c.endsWith('non-differentiable')), []);
});

const step = (guard) => `${HEADER}function generateBatch(n) {
  const bounds = tf.util.range(n).map(() => Math.random());
  const xVals = bounds.map(() => [Math.random(), Math.random()]);
  const yVals = xVals.map((x, i) => bounds[i] < x[1]);
  return { xTensor: tf.tensor2d(xVals, [n, 2]), yTensor: tf.tensor2d(yVals, [n, 1]) };
}
const w1 = tf.variable(tf.randomNormal([2, 1]));
const b1 = tf.variable(tf.zeros([1]));
const model = (x) => x.matMul(w1).add(b1).sigmoid();
export function train(steps) {
  for (let step = 0; step < steps; step++) {
    tf.train.sgd(0.01).minimize(() => {
      const { xTensor, yTensor } = generateBatch(300);
      const loss = tf.losses.meanSquaredError(yTensor, model(xTensor));
      ${guard}
      return loss;
    });
  }
}
`;

test('a training step that logs its loss on the first step (if (step === 0)) still trains on its targets: comparisons are 0/1 classes', () => {
  for (const guard of ['', "if (step === 0) console.log('loss', loss.dataSync()[0]);", "if (step % 10 === 0) { loss.data().then((l) => console.log(l[0])); }"]) {
    assert.deepEqual(codes(lint.lintText(step(guard), 'explorable.js')), ['15:activation-mismatch'], guard);
  }
  // Targets that are fractions of the same inputs are a regression's: silent.
  const fractions = step("if (step === 0) console.log('loss');").replace('bounds[i] < x[1]', 'bounds[i] * x[1]');
  assert.deepEqual(codes(lint.lintText(fractions, 'explorable.js')), []);
});

const rowsScript = (output, { split = true } = {}) => `${HEADER}function normalize(rows) {
  return rows.map((d) => ({ input: [d.a / 10, d.b / 100], output: ${output} }));
}
function split(data, ratio = 0.8) {
  const shuffled = [...data].sort(() => 0.5 - Math.random());
  const n = Math.floor(data.length * ratio);
  return { train: shuffled.slice(0, n), test: shuffled.slice(n) };
}
export async function run(raw) {
  const ${split ? '{ train } = split(normalize(raw))' : 'train = normalize(raw)'};
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [2], activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  await model.fit(tf.tensor2d(train.map((d) => d.input)), tf.tensor2d(train.map((d) => d.output)), { epochs: 10 });
}
`;

test('target rows made by map, through a train/test split of a shuffled copy: what the mapper writes decides, not the accuracy metric', () => {
  for (const split of [true, false]) {
    // Scaled values are a regression's targets: sigmoid + MSE is the accepted pairing.
    assert.deepEqual(codes(lint.lintText(rowsScript('[d.count / 3]', { split }), 'train.js')), [], `split ${split}`);
    // Labels mapped to 0/1 are classes.
    assert.deepEqual(codes(lint.lintText(rowsScript("[d.label === 'spam' ? 1 : 0]", { split }), 'train.js')), ['13:activation-mismatch'], `split ${split}`);
  }
  // A mapper that writes the rows two ways that disagree says nothing: the metric decides, as before.
  const twoWays = rowsScript('[d.count / 3]').replace('return rows.map((d) => ({ input: [d.a / 10, d.b / 100], output: [d.count / 3] }));',
    "return rows.map((d) => (d.kind === 'a' ? { input: [d.a, d.b], output: [d.count / 3] } : { input: [d.a, d.b], output: [d.won ? 1 : 0] }));");
  assert.deepEqual(codes(lint.lintText(twoWays, 'train.js')), ['13:activation-mismatch']);
});

test('fields destructured from a loop element of outside data (const { action, value } = entry of history.entries()) are data: the PPO minimum after them is read', () => {
  const text = `${HEADER}export class Trainer {
  constructor(model) { this.model = model; }
  computeLoss(history) {
    let policyGain = tf.scalar(0);
    for (const [step, entry] of history.entries()) {
      const { observation, logProbs, action, value, reward } = entry;
      const { logProbs: live } = this.model.forward(observation);
      const mask = tf.oneHot(action, 4);
      const ratio = live.mul(mask).sum(-1).exp().div(logProbs.mul(mask).sum(-1).exp().add(1e-8));
      const advantage = tf.tensor(reward).sub(tf.tensor(value));
      policyGain = policyGain.add(tf.minimum(ratio.mul(advantage), ratio.clipByValue(0.8, 1.2).mul(advantage)).mean());
    }
    return policyGain.neg();
  }
}
`;
  const kinks = lint.lintText(text, 'trainer.js').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
  assert.deepEqual([...new Set(kinks)].sort(), [12]);
});

test('a logits loss logged outside the step on an output destructured from a two-headed predict is checked against that head', () => {
  const text = (head) => `${HEADER}const input = tf.input({ shape: [8] });
const h = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input);
const policy = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(h);
const value = tf.layers.dense({ units: 1, activation: 'tanh' }).apply(h);
const model = tf.model({ inputs: input, outputs: [policy, value] });
export function monitor(states, targetPolicies, targetValues) {
  return tf.tidy(() => {
    const [pred, val] = model.predict(states);
    return tf.add(tf.losses.softmaxCrossEntropy(targetPolicies, ${head}), tf.losses.meanSquaredError(targetValues, val));
  });
}
`;
  assert.deepEqual(codes(lint.lintText(text('pred'), 'az.js')), ['10:activation-mismatch']);
  // The value head is a tanh: not a softmax applied twice.
  assert.deepEqual(codes(lint.lintText(text('val'), 'az.js')), []);
});

test('a row\'s entry picked by a mask of its own arg-max (p.mul(tf.oneHot(p.argMax(1), k)).sum(1)) is the row\'s maximum: a kink where two tie, and its log is no log(0)', () => {
  const text = (pick) => `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [8], activation: 'softmax' }));
const optimizer = tf.train.adam(0.01);
export function update(states, rewards, actions) {
  optimizer.minimize(() => {
    const probs = model.predict(states);
    const best = ${pick};
    return tf.neg(tf.mean(tf.mul(tf.log(best), rewards)));
  });
}
`;
  for (const pick of ['probs.mul(tf.oneHot(probs.argMax(1), 4)).sum(1)', 'tf.sum(tf.mul(tf.oneHot(tf.argMax(probs, 1), 4), probs), 1)', 'tf.max(probs, 1)']) {
    assert.deepEqual(codes(lint.lintText(text(pick), 'pg.js')), ['8:non-differentiable'], pick);
  }
  // The action taken (not the arg-max of the prediction): a selection, whose log can reach log(0).
  assert.deepEqual(codes(lint.lintText(text('probs.mul(tf.oneHot(actions, 4)).sum(1)'), 'pg.js')), ['9:log-of-zero']);
});

test('the fixes of a confidence slice\'s logs are written with tf ops, and applied they clear both logs', () => {
  const text = `${HEADER}function boxLoss(yTrue, yPred) {
  const conf = yPred.slice([0, 0], [-1, 1]);
  const box = yPred.slice([0, 1], [-1, 4]);
  const tConf = yTrue.slice([0, 0], [-1, 1]);
  const l1 = tf.abs(box.sub(yTrue.slice([0, 1], [-1, 4]))).sum(1, true).mul(tConf);
  const bce = tConf.mul(tf.log(conf)).add(tf.sub(1, tConf).mul(tf.log(tf.sub(1, conf))));
  return l1.sub(bce).mean();
}
${sigmoidModel(5, 'boxLoss')}`;
  let fixed = text;
  for (let round = 0; round < 3; round++) {
    const d = lint.lintText(fixed, 'box.js').diagnostics.find((x) => x.code === 'log-of-zero');
    if (!d) break;
    const [edit] = d.fixes[0].edits;
    assert.doesNotMatch(edit.text, /Math\./, edit.text);
    fixed = fixed.slice(0, edit.start) + edit.text + fixed.slice(edit.end);
  }
  assert.deepEqual(codes(lint.lintText(fixed, 'box.js')), ['6:non-differentiable']);
});

test('a GIoU loss: the enclosing box\'s max and min over the same corners as the overlap\'s are kinks said where they are written', () => {
  const text = `${HEADER}export function giouLoss(yTrue, yPred) {
  const [tx1, ty1, tx2, ty2] = tf.split(yTrue, 4, -1);
  const [px1, py1, px2, py2] = tf.split(yPred, 4, -1);
  const interW = tf.relu(tf.minimum(tx2, px2).sub(tf.maximum(tx1, px1)));
  const interH = tf.relu(tf.minimum(ty2, py2).sub(tf.maximum(ty1, py1)));
  const inter = interW.mul(interH);
  const union = tx2.sub(tx1).mul(ty2.sub(ty1)).add(px2.sub(px1).mul(py2.sub(py1))).sub(inter);
  const encW = tf.maximum(tx2, px2).sub(tf.minimum(tx1, px1));
  const encH = tf.maximum(ty2, py2).sub(tf.minimum(ty1, py1));
  const enc = encW.mul(encH).add(1e-7);
  return tf.sub(1, inter.div(union.add(1e-7)).sub(enc.sub(union).div(enc))).mean();
}
${sigmoidModel(4, 'giouLoss')}`;
  const r = lint.lintText(text, 'giou.js');
  const at = (line) => r.diagnostics.filter((d) => d.code === 'non-differentiable' && d.line === line).map((d) => d.message.split(' has')[0]).sort();
  assert.deepEqual(at(9), ['max(yTrue, px2)', 'min(tx1, px1)']);
  assert.deepEqual(at(10), ['max(ty2, py2)', 'min(ty1, py1)']);
  // An enclosing box with a margin kinks at a point of its own, which the core reports; each op is said once.
  const shifted = text.replace('tf.maximum(tx2, px2)', 'tf.maximum(tx2.add(0.1), px2)');
  assert.deepEqual(lint.lintText(shifted, 'giou.js').diagnostics.filter((d) => d.code === 'non-differentiable' && d.line === 9).map((d) => d.message.split(' has')[0]).sort(), ['max(yTrue + 0.1, px2)', 'min(tx1, px1)']);
});
