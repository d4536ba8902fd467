// Loss code of from-scratch JavaScript/TypeScript network libraries: a probability clamp written as conditionals is the
// log guard a clip is; a matrix class's row count is a count; the functions of a metrics module are metrics.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text, name = 'losses.ts') => lint.lintText(text, name).diagnostics.map((d) => `${d.code}:${d.line}`);

const LOSSES = `const EPSILON = 1e-7;
function clampProbability(p: number): number {
  return p < EPSILON ? EPSILON : p > 1 - EPSILON ? 1 - EPSILON : p;
}
class BinaryCrossentropy {
  compute(prediction: Matrix, target: Matrix): number {
    const P = prediction.data, Y = target.data;
    let sum = 0;
    for (let i = 0; i < P.length; i++) {
      const p = clampProbability(P[i]);
      sum -= Y[i] * Math.log(p) + (1 - Y[i]) * Math.log(1 - p);
    }
    return sum / prediction.rows;
  }
}
class MeanAbsoluteError {
  compute(prediction: Matrix, target: Matrix): number {
    let sum = 0;
    for (let i = 0; i < prediction.data.length; i++) sum += Math.abs(prediction.data[i] - target.data[i]);
    return sum / prediction.rows;
  }
}
`;

test('a clamp to [ε, 1 − ε] written as conditionals guards the log like a clip: no kink, no log(0); the L1 kink is said', () => {
  assert.deepEqual(findings(LOSSES), ['non-differentiable:19']);
});

test('a clamp written as conditionals with a bound that is no guard (0.5) is a kink', () => {
  const text = LOSSES.replace('const EPSILON = 1e-7;', 'const EPSILON = 0.2;');
  assert.ok(findings(text).some((f) => f === 'non-differentiable:3'), findings(text).join());
});

test("dividing by a matrix's rows or cols is dividing by a count, not by the prediction", () => {
  const text = `export function bceLoss(prediction: { data: number[]; rows: number }, target: { data: number[] }): number {
  let sum = 0;
  for (let i = 0; i < prediction.data.length; i++) sum -= target.data[i] * Math.log(Math.max(prediction.data[i], 1e-7));
  return sum / prediction.rows;
}
`;
  assert.deepEqual(findings(text), []);
});

test('the functions of a metrics module are metrics unless named for a loss', () => {
  const text = `export function mae(yTrue: number[], yPred: number[]): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}
export function pinballLoss(yTrue: number[], yPred: number[], q: number): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) { const d = yTrue[i] - yPred[i]; s += Math.max(q * d, (q - 1) * d); }
  return s / yTrue.length;
}
`;
  assert.deepEqual(findings(text, 'src/metrics.ts'), ['non-differentiable:8']);
  assert.deepEqual(findings(text, 'src/losses.ts'), ['non-differentiable:3', 'non-differentiable:8']);
});

test('a pinball (quantile) loss of a target and a predicted quantile q is read: q is the prediction', () => {
  const text = `export function pinballLoss(y: number, q: number, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new Error('alpha in (0, 1) required');
  const e = y - q;
  return e >= 0 ? alpha * e : (alpha - 1) * e;
}
export function distance(y: number, q: number): number { return Math.abs(y - q); }
`;
  assert.deepEqual(findings(text, 'src/pinball.ts'), ['non-differentiable:4']);
});

test('a mean taken with a counter (sum += term; count++ over nested loops, then sum / count) is read: the counter counts', () => {
  const text = `type Matrix = number[][];
export function meanAbsoluteError(predictions: Matrix, targets: Matrix): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < predictions.length; i++) {
    for (let j = 0; j < predictions[i].length; j++) {
      sum += Math.abs(predictions[i][j] - targets[i][j]);
      count++;
    }
  }
  return sum / count;
}
`;
  assert.deepEqual(findings(text), ['non-differentiable:7']);
  // A counter that does not start at 0 is not the number of passes: the loss is not read, so nothing is said.
  assert.deepEqual(findings(text.replace('let count = 0;', 'let count = start;')), []);
});

test("a loss's hand-written derivative beside it (huberLossDerivative next to huberLoss, MAE.d hung on MAE) is not checked for kinks", () => {
  const text = `export function huberLoss(pred: number[], target: number[], delta = 1.0): number {
  let sum = 0;
  for (let i = 0; i < pred.length; i++) {
    const diff = Math.abs(pred[i] - target[i]);
    sum += diff <= delta ? 0.5 * diff * diff : delta * (diff - 0.5 * delta);
  }
  return sum / pred.length;
}
export function huberLossDerivative(pred: number[], target: number[], delta = 1.0): number[] {
  return pred.map((p, i) => {
    const diff = p - target[i];
    return Math.abs(diff) <= delta ? diff : delta * Math.sign(diff);
  });
}
`;
  assert.deepEqual(findings(text), []);
  // Alone, a function named for a loss's derivative is no loss either (its kinks are not the loss's: Huber is C1),
  // while the same body named for the loss is read.
  const alone = text.replace(/export function huberLoss\([\s\S]*?\n}\n/, '');
  assert.deepEqual(findings(alone), []);
  assert.ok(findings(alone.replace('huberLossDerivative', 'huberLoss')).length > 0);
  const table = `var Neuron = {};
Neuron.error = {};
Neuron.error.MAE = function (output, target) { return Math.abs(output - target); };
Neuron.error.MAE.d = function (output, target) { return Math.sign(output - target); };
`;
  assert.deepEqual(findings(table, 'neuron.js'), ['non-differentiable:3']);
});

test("Math's functions called bare with no declaration in the file (p5.js's globals, a build's `const { abs, log } = Math`) are Math's", () => {
  const text = `function mae(predictions, target) {
  let sum = 0;
  for (let i = 0; i < target.length; i++) sum += abs(target[i] - predictions[i]);
  return sum / target.length;
}
function bce(predictions, target) {
  let sum = 0;
  for (let i = 0; i < target.length; i++) sum += target[i] * log(predictions[i] + 1e-7) + (1 - target[i]) * log(1 - predictions[i] + 1e-7);
  return -sum / target.length;
}
`;
  assert.deepEqual(findings(text, 'lossfuncs.js'), ['non-differentiable:3']);
  // A function of that name the file declares is that function, not Math's.
  assert.deepEqual(findings(`function abs(x) { return x * x; }\n${text}`, 'lossfuncs.js'), []);
});

test('a clamp to [eps, 1 − eps] whose eps the file does not show (a config field) is a guard, by its name; a bound of another name is a kink', () => {
  const text = (name) => `export function getLoss(config: { eps: number; alpha: number }) {
  const ${name} = config.${name === 'alpha' ? 'alpha' : 'eps'};
  return (yTrue: number, yPred: number) => {
    const p = Math.min(Math.max(yPred, ${name}), 1 - ${name});
    return -(yTrue * Math.log(p) + (1 - yTrue) * Math.log(1 - p));
  };
}
`;
  for (const name of ['eps', 'epsilon', 'EPS', 'LOG_EPS', 'clipEps']) assert.deepEqual(findings(text(name)).filter((f) => f.startsWith('non-')), [], name);
  assert.ok(findings(text('alpha')).includes('non-differentiable:4'), findings(text('alpha')).join());
});
