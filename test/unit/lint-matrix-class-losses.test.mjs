// Losses written with a matrix class of the project's own: element-wise maps given a function by name
// (`predictions.applyFunction(Math.log)`, `errors.map(square)`) and the class's own names of element-wise ops
// (`elementWiseMultiplication`, `addMatrices`, `multiply(-1)`, `substract`). Before, such a loss was seen but not read,
// so nothing in it was checked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const lintOf = (text) => {
  const r = lint.lintText(text, '/src/lib/functions.ts');
  assert.equal(r.internalError, undefined);
  return r;
};
const findings = (text) => lintOf(text).diagnostics.map((d) => `${d.code}:${d.line}`);
/** The reasons the lint gives for losses it found but could not read. */
const unread = (text) => lintOf(text).sites.filter((s) => s.kind !== 'operation' && s.unreadable !== undefined).map((s) => s.unreadable);

const logLoss = (guard = '') => `import { Matrix } from './matrix';
export const logLoss = (labels: Matrix, predictions: Matrix) => {
  const p = predictions${guard};
  const firstTerm = labels.elementWiseMultiplication(p.applyFunction(Math.log));
  const secondTerm = p
    .applyFunction((x) => 1 - x)
    .applyFunction(Math.log)
    .elementWiseMultiplication(labels.applyFunction((x) => 1 - x));
  return firstTerm.addMatrices(secondTerm).multiply(-1).mean();
};
`;

test('a log mapped by name over a matrix class, joined by its own op names, is read', () => {
  assert.deepEqual(findings(logLoss()), ['log-of-zero:4', 'log-of-zero:7']);
  // Clipped first, by a function of the file mapped by name: read through it, so safe.
  const clipped = logLoss('.applyFunction(clip)').replace('export const logLoss', 'const clip = (x: number) => Math.min(Math.max(x, 1e-7), 1 - 1e-7);\nexport const logLoss');
  assert.deepEqual(findings(clipped), []);
  assert.deepEqual(unread(clipped), []);
});

test('an absolute error mapped by name is a kink; Math functions of two numbers are not maps', () => {
  const mae = (mapped) => `export function meanAbsoluteError(targets: Matrix, outputs: Matrix) {
  return targets.substract(outputs).applyFunction(${mapped}).mean();
}
`;
  assert.deepEqual(findings(mae('Math.abs')), ['non-differentiable:2']);
  assert.deepEqual(findings(mae('Math.max')), []);
});

const logitsBce = (join) => `import { vectorTs, Vector2D } from '../../vectorTs';
export class BinaryCrossEntropy {
  public objective(actual: Vector2D, predicted: Vector2D): number {
    const softplus = vectorTs.log(vectorTs.add(1, vectorTs.exp(vectorTs.negative(vectorTs.abs(predicted)))));
    return vectorTs.mean(vectorTs.${join}(vectorTs.sub(vectorTs.maximum(predicted, 0), vectorTs.multiply(predicted, actual)), softplus));
  }
}
`;

test("an object of ops a module exports by name (vectorTs.log of import { vectorTs }) is read as the module's ops", () => {
  // The logits form max(z, 0) − z·y + log(1 + e^−|z|) is smooth: its kinks cancel.
  assert.deepEqual(findings(logitsBce('add')), []);
  assert.deepEqual(unread(logitsBce('add')), []);
  // With the log term subtracted they do not: a kink at z = 0.
  assert.deepEqual(findings(logitsBce('sub')), ['non-differentiable:5']);
});

test("an imported logger's log (beside its add) is no op, nor an ops object's max a reduction", () => {
  const logged = `import { logger } from '../../utils';
logger.add(consoleTransport);
export function squaredError(actual: number, predicted: number): number {
  return logger.log((predicted - actual) * (predicted - actual));
}
`;
  assert.deepEqual(findings(logged), []);
  // max/min of a numpy-style helper is element-wise there, a reduction in TF.js: not read, so no false log(0).
  const clipped = logitsBce('add').replace('vectorTs.log(vectorTs.add(1, vectorTs.exp(vectorTs.negative(vectorTs.abs(predicted)))))', 'vectorTs.log(vectorTs.min(vectorTs.max(predicted, 1e-7), 1 - 1e-7))');
  assert.deepEqual(findings(clipped).filter((f) => f.startsWith('log-of-zero')), []);
});

test('a loss of a matrix class in a file that never names TF.js gets no fix written in TF.js', () => {
  const r = lintOf(logLoss());
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['log-of-zero:4', 'log-of-zero:7']);
  for (const d of r.diagnostics) assert.deepEqual(d.fixes, [], d.message);
});
