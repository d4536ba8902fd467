// Plain-number loss helpers (holdout326): a clamp into [0, 1] written `Math.max(0, Math.min(1, p))` before the logs of
// a binary cross-entropy says the prediction is a probability, so its corners are the domain's ends, not kinks; a
// function named as a loss's derivative (`lossGradient`) is no loss, and the size of a gradient added up for a
// convergence test (`totalLoss += Math.abs(dloss)`) is no loss term.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text, name = '/src/loss.ts') => {
  const r = lint.lintText(text, name);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

const computeLoss = (clamp) => `export function clamp01(v: number) {
  return ${clamp};
}
export function safeLog(v: number) {
  return Math.log(Math.max(1e-12, Math.min(1 - 1e-12, v)));
}
export function computeLoss(pred: number[], target: number[], loss: 'mse' | 'bce'): number {
  let s = 0;
  if (loss === 'mse') {
    for (let k = 0; k < target.length; k++) s += (pred[k] - target[k]) ** 2;
    return s / target.length;
  }
  for (let k = 0; k < target.length; k++) {
    const p = clamp01(pred[k]);
    s += -(target[k] * safeLog(p) + (1 - target[k]) * safeLog(1 - p));
  }
  return s / target.length;
}
`;

test('a [0, 1] clamp written with Math.max and Math.min before the logs of a cross-entropy is a probability: no kink at its ends', () => {
  assert.deepEqual(findings(computeLoss('Math.max(0, Math.min(1, v))')), []);
  assert.deepEqual(findings(computeLoss('Math.min(1, Math.max(0, v))')), []);
  assert.deepEqual(findings(computeLoss('Math.max(Math.min(v, 1), 0)')), []);
  // A clamp to [0.2, 0.8] has its corners inside a probability's range: kinks.
  assert.deepEqual(findings(computeLoss('Math.max(0.2, Math.min(0.8, v))')), ['non-differentiable:2', 'non-differentiable:2']);
});

const regressor = (gradientName, accumulated) => `class Regressor {
  ${gradientName}(pred, y) {
    const residual = pred - y;
    if (Math.abs(residual) <= this.epsilon) return residual;
    return this.epsilon * Math.sign(residual);
  }
  fit(X, y) {
    for (let epoch = 0; epoch < 10; epoch++) {
      let totalLoss = 0;
      for (let i = 0; i < X.length; i++) {
        const pred = this.w * X[i] + this.b;
        const dloss = this.${gradientName}(pred, y[i]);
        totalLoss += Math.abs(${accumulated});
        this.w -= 0.01 * dloss * X[i];
      }
      if (totalLoss < 1e-4) break;
    }
  }
}
`;

test("a loss's derivative by name (lossGradient, costDerivative, loss_grad) and the size of a gradient added up are not losses", () => {
  for (const name of ['lossGradient', 'costDerivative', 'loss_grad']) assert.deepEqual(findings(regressor(name, 'dloss'), '/src/sgd.js'), [], name);
  // A function named for the loss itself, and an absolute error added into the loss, are read.
  assert.deepEqual(findings(regressor('huberLoss', 'dloss'), '/src/sgd.js'), ['non-differentiable:4']);
  assert.deepEqual(findings(regressor('lossGradient', 'pred - y[i]'), '/src/sgd.js'), ['non-differentiable:13']);
  // A gradient named as Leibniz writes it (a hand PPO step's logged `totalActorLoss += Math.abs(dLoss_dMean)`).
  const leibniz = regressor('lossGradient', 'dLoss_dPred').replace('const dloss =', 'const dLoss_dPred =').replace('0.01 * dloss', '0.01 * dLoss_dPred');
  assert.deepEqual(findings(leibniz, '/src/sgd.js'), []);
  assert.deepEqual(findings(leibniz.replace('Math.abs(dLoss_dPred)', 'Math.abs(pred - y[i])'), '/src/sgd.js'), ['non-differentiable:13']);
});

test('a hinge written as a branch (if (v <= 1) loss += 1 - v) has the kink of max(0, 1 - v) at the bound; a squared hinge is C1', () => {
  const svm = (added, test = 'v <= 1', extra = '') => `export function svmTrain(data, w, b) {
  let loss = 0;
  data.forEach((p) => {
    const { x, y } = p;
    const v = y * (dot(w, x) + b);
    if (${test}) {
      loss += ${added};
      w = step(w, y, x);
    }${extra}
  });
  return loss;
}
`;
  assert.deepEqual(findings(svm('1 - v'), '/src/svm.js'), ['non-differentiable:6']);
  // Said with the margin's own name, where the code bounds it.
  assert.match(lint.lintText(svm('1 - v'), '/src/svm.js').diagnostics[0].message, /^v <= 1 \? 1 - v : 0 has a kink at v = 1/);
  assert.deepEqual(findings(svm('1 - v', '1 >= v'), '/src/svm.js'), ['non-differentiable:6']);
  // The square of the margin's shortfall joins 0 with a zero slope; a test on the label alone is no bound on the margin;
  // an if with an else is read by its own ways.
  assert.deepEqual(findings(svm('(1 - v) * (1 - v)'), '/src/svm.js'), []);
  assert.deepEqual(findings(svm('1 - v', 'y > 0'), '/src/svm.js'), []);
  assert.deepEqual(findings(svm('1 - v', 'v <= 1', ' else {\n      loss += 0.5 * (1 - v);\n    }'), '/src/svm.js'), []);
  // An accumulator not named for a loss is not a loss.
  assert.deepEqual(findings(svm('1 - v').replaceAll('loss', 'violations'), '/src/svm.js'), []);
  // A term that starts at a value where the test begins to hold is a threshold rule, not a hinge (a heuristic
  // `if (gap > 0.2) penalty += gap * 0.3`); one that starts at zero is (`v > 0.2 ? v - 0.2 : 0`).
  assert.deepEqual(findings(svm('v * 0.3', 'v > 0.2'), '/src/svm.js'), []);
  assert.deepEqual(findings(svm('(v - 0.2) * 0.3', 'v > 0.2'), '/src/svm.js'), ['non-differentiable:6']);
});

test('a prediction used only through a [0, 1] clamp (a Brier score of clamp01(p)) is a probability: the clamp has no kink inside its domain', () => {
  const brier = (clamp, extra = '') => `export function clamp01(p: number): number {
  return ${clamp};
}
export function brierLoss(p: number, y: number): number {
  const pp = clamp01(p);
  return (pp - y) ** 2${extra};
}
`;
  assert.deepEqual(findings(brier('Math.min(1, Math.max(0, p))')), []);
  // Bounds inside [0, 1], or the prediction also used unclamped, leave the kinks where they are.
  assert.deepEqual(findings(brier('Math.min(0.8, Math.max(0.2, p))')), ['non-differentiable:2', 'non-differentiable:2']);
  assert.deepEqual(findings(brier('Math.min(1, Math.max(0, p))', ' + 0.1 * p * p')), ['non-differentiable:2', 'non-differentiable:2']);
});
