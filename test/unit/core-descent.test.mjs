// Gradient descent you can watch: the path and what it did, for the cases the preview is meant to show.
import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';

const { analyze, evaluators, descend, describeDescent, logitView, compile, plotData } = core;

function run(expression, { activation, set = {}, start, rate, steps, logit = false }) {
  const a = analyze(expression, { activation, set });
  let loss;
  let gradient;
  let domain;
  let values;
  if (logit) {
    const v = logitView(a);
    const variables = [v.variable, ...Object.keys(set)];
    loss = compile(v.ast, variables);
    gradient = compile(v.derivativeAst, variables);
    values = variables.map((n, i) => (i === 0 ? 0 : set[n]));
    domain = { lo: -Infinity, hi: Infinity };
  } else {
    const e = evaluators(a);
    loss = e.loss;
    gradient = e.gradient;
    values = e.variables.map((n, i) => (i === 0 ? 0 : set[n]));
    const [lo, hi] = a.domain;
    domain = { lo: lo ?? -Infinity, hi: hi ?? Infinity };
  }
  const reference = logit ? { minLoss: 0, lossSpread: 1, xSpan: 16 } : undefined;
  return descend(loss, gradient, { start, rate, steps, values, domain, reference });
}

test('MAE: the constant gradient oscillates around the minimum', () => {
  const path = run('abs(p - y)', { set: { y: 0.5 }, start: 2.03, rate: 0.2, steps: 40 });
  assert.equal(path.outcome, 'oscillating');
  assert.equal(path.x.length, 41);
  const tail = path.x.slice(-6);
  for (const x of tail) assert.ok(Math.abs(x - 0.5) <= 0.2 + 1e-9, `stays within one step of the minimum: ${x}`);
  assert.match(describeDescent(path, 'ŷ'), /Oscillating around the minimum/);
});

test('Huber settles: the steps shrink once inside δ', () => {
  const path = run('abs(p - y) <= delta ? 0.5*(p - y)^2 : delta*(abs(p - y) - 0.5*delta)', { set: { y: 0.5, delta: 1 }, start: 3, rate: 0.5, steps: 60 });
  assert.equal(path.outcome, 'converged');
  assert.ok(Math.abs(path.x.at(-1) - 0.5) < 1e-6);
});

test('a step too large diverges on MSE', () => {
  const path = run('(p - y)^2', { set: { y: 0 }, start: 1, rate: 1.2, steps: 30 });
  assert.equal(path.outcome, 'diverged');
  assert.ok(Math.abs(path.x.at(-1)) > 100);
  assert.match(describeDescent(path, 'ŷ'), /learning rate is too large/);
});

test('a saturated sigmoid under MSE stalls, while binary cross-entropy learns from the same logit', () => {
  const mse = run('(p - y)^2', { activation: 'sigmoid', set: { y: 0 }, start: 8, rate: 1, steps: 50, logit: true });
  assert.equal(mse.outcome, 'stalled');
  assert.ok(mse.loss.at(-1) > 0.99);
  const bce = run('-(y*log(p) + (1-y)*log(1-p))', { activation: 'sigmoid', set: { y: 0 }, start: 8, rate: 1, steps: 50, logit: true });
  assert.notEqual(bce.outcome, 'stalled');
  assert.ok(bce.x.at(-1) < 0, `BCE carries the logit across 0: ${bce.x.at(-1)}`);
});

test('descending the prediction of a sigmoid can leave its domain; log(0) stops it', () => {
  const left = run('(p - y)^2', { activation: 'sigmoid', set: { y: 1 }, start: 0.5, rate: 2, steps: 10 });
  assert.equal(left.outcome, 'left-domain');
  const log0 = run('-log(p)', { activation: 'sigmoid', start: 0, rate: 0.1, steps: 5 });
  assert.equal(log0.outcome, 'not-finite');
  assert.equal(log0.x.length, 1);
});

test('steps are bounded and the path always starts at the start', () => {
  const path = run('(p - y)^2', { set: { y: 0 }, start: 1, rate: 0.01, steps: 1e9 });
  assert.equal(path.x.length, core.MAX_DESCENT_STEPS + 1);
  assert.equal(path.x[0], 1);
  const none = run('(p - y)^2', { set: { y: 0 }, start: 1, rate: 0.1, steps: 0 });
  assert.deepEqual(none.x, [1]);
});

test('plotData and descent agree on the loss at the start', () => {
  const a = analyze('(p - y)^2', { set: { y: 0.2 } });
  const data = plotData(a, { values: { y: 0.2 } });
  const path = run('(p - y)^2', { set: { y: 0.2 }, start: data.series.x[10], rate: 0.1, steps: 1 });
  assert.equal(path.loss[0], data.series.loss[10]);
});
