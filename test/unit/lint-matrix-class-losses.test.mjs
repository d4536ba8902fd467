// Losses written with a matrix class of the project's own: element-wise maps given a function by name
// (`predictions.applyFunction(Math.log)`, `errors.map(square)`) and the class's own names of element-wise ops
// (`elementWiseMultiplication`, `addMatrices`, `multiply(-1)`, `substract`). Before, such a loss was seen but not read,
// so nothing in it was checked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const lintOf = (text) => {
  const r = lint.lintText(text, '/src/lib/functions.ts', { reportUnread: true });
  assert.equal(r.internalError, undefined);
  return r;
};
const findings = (text) => lintOf(text).diagnostics.map((d) => `${d.code}:${d.line}`);

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
});

test('an absolute error mapped by name is a kink; Math functions of two numbers are not maps', () => {
  const mae = (mapped) => `export function meanAbsoluteError(targets: Matrix, outputs: Matrix) {
  return targets.substract(outputs).applyFunction(${mapped}).mean();
}
`;
  assert.deepEqual(findings(mae('Math.abs')), ['non-differentiable:2']);
  assert.deepEqual(findings(mae('Math.max')), []);
});
