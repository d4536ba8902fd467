// A hinge written in plain JavaScript where a loss is computed (`const hingeLoss = Math.max(0, 1 - yi * score)` in an
// SVM's SGD loop, `sum += Math.max(0, m)` in `_hingeLoss`, `const loss = Math.max(0, margin - posSim + maxNegSim)`):
// a kink where the margin is met (hingeProbes.ts), as tf.maximum(0, …) has in tensor code. holdout248's playground
// SVM, and the SVMs of holdout221 and 227 and the margin loss of holdout244.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const kinks = (r) => r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => `${d.line} ${d.message}`);

const svm = (line) => `export function* trainSvm(points, epochs) {
  const w = [0, 0];
  let b = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let totalLoss = 0;
    for (const p of points) {
      const yi = p.label === 1 ? 1 : -1;
      const score = w[0] * p.x + w[1] * p.y + b;
      ${line}
      if (1 - yi * score > 0) { w[0] += 0.01 * yi * p.x; w[1] += 0.01 * yi * p.y; b += 0.01 * yi; }
    }
    yield totalLoss;
  }
}
`;

test("an SVM's hinge loss in plain numbers has a kink where the margin is met", () => {
  const found = kinks(lint.lintText(svm('const hingeLoss = Math.max(0, 1 - yi * score); totalLoss += hingeLoss;'), 'svm.ts'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^9 max\(0, 1 - .* has a kink/);
});

test('a running maximum of similarities (let best = -Infinity, replaced in a loop) is a value, not its start', () => {
  const text = `function dot(a, b) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }
export function contrastiveLoss(projected, positive, negatives, margin) {
  const posSim = dot(projected, positive);
  let maxNegSim = -Infinity;
  for (const anchor of negatives) {
    const sim = dot(projected, anchor);
    if (sim > maxNegSim) maxNegSim = sim;
  }
  const loss = Math.max(0, margin - posSim + maxNegSim);
  return { loss };
}
`;
  const found = kinks(lint.lintText(text, 'trainer.ts'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^9 max\(0, margin - /);
});

test('a Math.max(0, …) that is no loss is left alone: a clamp, a count, a curve of one variable drawn for a chart', () => {
  assert.deepEqual(kinks(lint.lintText(svm('const steps = Math.max(0, epochs - epoch); totalLoss += steps;'), 'svm.ts')), []);
  const chart = `export function lossInfo(kind) {
  if (kind === 'hinge') return { name: 'Hinge loss', points: Array.from({ length: 100 }, (_, i) => { const x = (i - 50) / 10; return { x, y: Math.max(0, 1 - x) }; }) };
  return undefined;
}
`;
  assert.deepEqual(kinks(lint.lintText(chart, 'info.ts')), []);
  // A hinge only printed (a debug script checking an imported objective) minimises nothing.
  assert.deepEqual(kinks(lint.lintText(svm('const hingeLoss = Math.max(0, 1 - yi * score); console.log(`hinge=${hingeLoss.toFixed(3)}`);'), 'svm.ts')), []);
});

// A measure named after a cost is not a loss: `calculateCostEfficiency` floors an efficiency of the predicted costs at
// 0 to report it (holdout265's provider router); `calculateCostPenalty` is a loss term.
const router = (name) => `export class Router {
  ${name}(predictions) {
    const selectedCost = predictions.costEstimates[predictions.selectedProvider];
    const avgCost = predictions.costEstimates.reduce((a, b) => a + b) / predictions.costEstimates.length;
    return Math.max(0, (avgCost - selectedCost) / avgCost);
  }
}
`;

test('a function named for a measure of a cost (efficiency, ratio, estimate) is not a loss', () => {
  for (const name of ['calculateCostEfficiency', 'lossRatio', 'costEstimate']) assert.deepEqual(kinks(lint.lintText(router(name), 'router.ts')), [], name);
  assert.equal(kinks(lint.lintText(router('calculateCostPenalty'), 'router.ts')).length, 1);
});

test('an absolute error added into a plain loss (totalLoss += Math.abs(pred - target)) has the kink of an L1 loss; a Huber, a derivative, a reward and priorities do not', () => {
  const lossClass = (line, name = 'forward') => `export class MAELoss {
  ${name}(pred, target) {
    let totalLoss = 0;
    for (let i = 0; i < pred.length; i++) {
      const diff = pred.get(i, 0) - target.get(i, 0);
      ${line}
    }
    return { loss: totalLoss / pred.length };
  }
}
`;
  const found = kinks(lint.lintText(lossClass('totalLoss += Math.abs(diff);'), 'loss.ts'));
  assert.equal(found.length, 1, found.join('\n'));
  // An element read from a matrix class is named after it (`pred.get(i, 0)` is `pred_i0`).
  assert.match(found[0], /^6 abs\(pred_i0 - target_i0\) has a kink at pred_i0 = target_i0/);
  // The whole value added is read: a Huber's join is C1, so no kink.
  assert.deepEqual(kinks(lint.lintText(lossClass('totalLoss += Math.abs(diff) <= 1 ? 0.5 * diff * diff : Math.abs(diff) - 0.5;'), 'loss.ts')), []);
  // Not a loss's value: a derivative's, a reward's, a list of priorities, a plain absolute value of one variable.
  assert.deepEqual(kinks(lint.lintText(lossClass('totalLoss += Math.abs(diff);', 'dLoss_dOutput'), 'loss.ts')), []);
  assert.deepEqual(kinks(lint.lintText(lossClass('const riskPenalty = Math.abs(diff) * 0.1; totalLoss -= riskPenalty;', 'riskAdjustedReward'), 'loss.ts')), []);
  assert.deepEqual(kinks(lint.lintText(lossClass('tdErrors.push(Math.abs(diff));'), 'loss.ts')), []);
  assert.deepEqual(kinks(lint.lintText(lossClass('totalLoss += Math.abs(i);'), 'loss.ts')), []);
});

test('a Huber written as statements (if (Math.abs(err) <= delta) … else loss += delta * (Math.abs(err) - delta / 2)) has no kink at 0', () => {
  const text = (test) => `export function replayLoss(batch, delta) {
  let lossSum = 0;
  for (const tr of batch) {
    const err = tr.pred - tr.target;
    if (${test}) {
      lossSum += 0.5 * err * err;
    } else {
      lossSum += delta * (Math.abs(err) - 0.5 * delta);
    }
  }
  return lossSum / batch.length;
}
`;
  assert.deepEqual(kinks(lint.lintText(text('Math.abs(err) <= delta'), 'dqn.js')), []);
  // A branch on something else leaves the absolute error's kink in its branch.
  assert.equal(kinks(lint.lintText(text('Math.random() < 0.5'), 'dqn.js')).length, 1);
});

test('the loss field a function returns with its gradient (computeLossAndGradient) is a loss: a hand MAE has its kink, the Huber beside it does not', () => {
  const text = `export class Trainer {
  constructor(private config: { lossFunction: string }) {}
  private computeLossAndGradient(pred: number, target: number): { loss: number; dLoss: number } {
    switch (this.config.lossFunction) {
      case 'mae': {
        const diff = pred - target;
        return { loss: Math.abs(diff), dLoss: diff > 0 ? 1 : -1 };
      }
      case 'huber': {
        const diff = pred - target;
        if (Math.abs(diff) <= 1) return { loss: 0.5 * diff * diff, dLoss: diff };
        return { loss: Math.abs(diff) - 0.5, dLoss: diff > 0 ? 1 : -1 };
      }
      default:
        return { loss: 0.5 * (pred - target) ** 2, dLoss: pred - target };
    }
  }
}
`;
  const found = lint.lintText(text, 'Trainer.ts').diagnostics.map((d) => `${d.line}: ${d.code} ${d.message}`);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^7: non-differentiable abs\(pred - target\) has a kink at pred = target/);
});

test("a change of the reported loss between epochs (lossDelta driving an animation) is no loss; an absolute error named for one is", () => {
  const hook = (name) => `import * as tf from '@tensorflow/tfjs';
export async function trainLoop(model, xs, ys, trainingData, setPulse) {
  for (let epoch = 0; epoch < 50; epoch++) {
    const history = await model.fit(xs, ys, { epochs: 1 });
    const loss = history.history.loss[0];
    const ${name} = epoch > 0 ? Math.abs(loss - (trainingData[trainingData.length - 1]?.loss || loss)) : 0;
    setPulse(Math.min(${name} * 100, 1));
    trainingData.push({ epoch: epoch + 1, loss });
  }
}
`;
  for (const name of ['lossDelta', 'lossChange', 'lossImprovement', 'costDiff']) assert.deepEqual(kinks(lint.lintText(hook(name), '/p/useTraining.js')), [], name);
  const mae = `export function trainStep(preds, targets) {\n  let lossTotal = 0;\n  for (let i = 0; i < preds.length; i++) lossTotal += Math.abs(preds[i] - targets[i]);\n  return lossTotal / preds.length;\n}\n`;
  assert.equal(kinks(lint.lintText(mae, '/p/mae.js')).length, 1);
});

test('a penalty that decays with the clock (Math.max(0, 1 - (Date.now() - t) / day)) is a schedule, not a margin', () => {
  const code = `export class Replay {
  computePriority(state, reward) {
    const rewardPriority = Math.abs(reward);
    const agePenalty = Math.max(0, 1 - (Date.now() - Date.now()) / 86400000);
    return rewardPriority * agePenalty + 0.1;
  }
  score(p) {
    const policyLoss = -Math.log(p + 1e-8);
    return policyLoss;
  }
}
`;
  assert.deepEqual(kinks(lint.lintText(code, 'replay.ts')), []);
  // An SVM's hinge beside a timer is still one.
  assert.equal(kinks(lint.lintText(svm('const hingeLoss = Math.max(0, 1 - yi * score); totalLoss += hingeLoss; const took = Date.now() - p.t;'), 'svm.ts')).length, 1);
});
