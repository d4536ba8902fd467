// Losses written with a tensor library's functions imported by name (`import { abs, sub } from './tensor'`, mathjs's
// `const { log } = require('mathjs')`) read like the same module imported whole; an options object after the pair
// (`{ reduction, delta = 1 } = {}`) is read name by name, and a library's `reduce(loss, reduction)` averages.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const read = (text, name = '/p/src/losses.ts') => {
  const r = lint.lintText(text, name);
  assert.equal(r.internalError, undefined);
  return { findings: r.diagnostics.map((d) => `${d.code}:${d.line}`), sites: r.sites };
};

const HEADER = `import { abs, log, maximum, mul, neg, square, sub } from './tensor';
import { reduce, type ReductionOptions } from './core';
`;

test('ops imported by name from a tensor module, an options object and reduce(): the L1 kink and the pinball kink are found', () => {
  const { findings, sites } = read(`${HEADER}
export const maeLoss = (predictions: Value, targets: Value, { reduction }: ReductionOptions = {}): Value =>
  reduce(abs(sub(predictions, targets)), reduction);

export function pinballLoss(predictions: Value, targets: Value, { reduction, quantile = 0.9 }: PinballOptions = {}): Value {
  const r = sub(targets, predictions);
  return reduce(maximum(mul(quantile, r), mul(quantile - 1, r)), reduction);
}

export const mseLoss = (predictions: Value, targets: Value, { reduction }: ReductionOptions = {}): Value =>
  reduce(square(sub(predictions, targets)), reduction);
`);
  assert.deepEqual(findings, ['non-differentiable:5', 'non-differentiable:9']);
  const mse = sites.find((s) => s.name === 'mseLoss');
  assert.equal(mse?.unreadable, undefined);
  assert.equal(mse?.reduction, 'mean');
  // The option's default is the pinball's parameter.
  assert.equal(sites.find((s) => s.name === 'pinballLoss')?.parameters?.quantile, 0.9);
});

test('an unguarded log of a probability imported from mathjs by require is a log(0) hazard; a guarded one is not', () => {
  const code = (guard) => `const { log, mean } = require('mathjs');
function bceLoss(yTrue, yPred) {
  return -mean(yTrue * log(yPred${guard}) + (1 - yTrue) * log(1 - yPred${guard}));
}
module.exports = { bceLoss };
`;
  assert.deepEqual(read(code(''), '/p/loss.js').findings.filter((f) => f.startsWith('log-of-zero')), ['log-of-zero:3', 'log-of-zero:3']);
  assert.deepEqual(read(code(' + 1e-7'), '/p/loss.js').findings.filter((f) => f.startsWith('log-of-zero')), []);
});

test('a function imported by name that is no op is still unread, and says so', () => {
  const { sites } = read(`import { score } from './metrics';
export const scoreLoss = (yPred, yTrue) => score(yPred, yTrue);
export const pairLoss = (yPred, yTrue, [w]) => w * (yPred - yTrue);
`);
  assert.match(sites.find((s) => s.name === 'scoreLoss')?.unreadable ?? '', /score\(\) is not defined in this file/);
  // An array pattern is no options object.
  assert.match(sites.find((s) => s.name === 'pairLoss')?.unreadable ?? '', /destructured parameters are not supported/);
});

// A helper of the project's own named as an op (`import { clip } from './MathUtils'`) computes on the numbers it is
// given: beside Math.log over arrays they are float64, where 1 − 1e-15 is below 1 (holdout264's metrics module). It
// was read as a tensor op, which made the loss float32, where that bound rounds to 1 and log(1 − p) reaches log(0).
const logLoss = (eps) => `import { clip } from './MathUtils';
export function logLoss(target, probs) {
  probs = clip(probs, ${eps}, 1 - ${eps});
  let res = 0;
  for (let i = 0; i < target.length; ++i) res += -target[i] * Math.log(probs[i]) - (1 - target[i]) * Math.log(1 - probs[i]);
  return res / target.length;
}
`;

test('a project helper named as an op keeps plain numbers float64: a 1e-15 clip guards the logs', () => {
  assert.deepEqual(read(logLoss('1e-15'), '/p/src/Metrics.js').findings.filter((f) => f.startsWith('log-of-zero')), []);
});

test('a bound that rounds to 1 in float64 still leaves log(1 − p) unguarded', () => {
  assert.deepEqual(read(logLoss('1e-17'), '/p/src/Metrics.js').findings.filter((f) => f.startsWith('log-of-zero')), ['log-of-zero:5']);
});
