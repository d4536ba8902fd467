import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';

test('the catalog holds the 14 names model.compile accepts, exactly', () => {
  assert.deepEqual([...core.TFJS_LOSS_NAMES].sort(), [
    'binaryCrossentropy', 'categoricalCrossentropy', 'categoricalHinge', 'cosineProximity', 'hinge', 'kullbackLeiblerDivergence',
    'logcosh', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredError', 'meanSquaredLogarithmicError',
    'poisson', 'sparseCategoricalCrossentropy', 'squaredHinge',
  ]);
  for (const id of ['huber', 'focal', 'logcosh', 'quantile', 'hinge', 'squaredHinge', 'categoricalHinge', 'smoothHinge']) assert.ok(core.catalogLoss(id), id);
});

test('every catalog loss analyses, has a purpose and an expected activation, and recognises itself', () => {
  for (const loss of core.CATALOG) {
    const a = core.analyze(loss.expression, { set: loss.parameters });
    assert.ok(loss.purpose.length > 20 && loss.activations.length > 0, loss.id);
    assert.ok(a.match, `${loss.id} is recognised`);
    if (a.match.id !== loss.id) {
      const other = core.catalogLoss(a.match.id);
      const back = core.analyze(other.expression, { set: other.parameters }).match;
      assert.equal(back?.id, a.match.id, `${loss.id} recognised as ${a.match.id}, which must then be the same function`);
      assert.ok(core.analyze(loss.expression, { set: loss.parameters }).match.id === a.match.id);
    }
  }
});

test('hand-written losses are recognised up to algebraic form and parameter values', () => {
  const cases = [
    ['-(yTrue*log(yPred) + (1 - yTrue)*log(1 - yPred))', 'binaryCrossentropy', {}],
    ['-y_true*log(y_pred) - log(1 - y_pred) + y_true*log(1 - y_pred)', 'binaryCrossentropy', {}],
    ['abs(p - y) <= 2 ? 0.5*(p - y)^2 : 2*abs(p - y) - 2', 'huber', { delta: 2 }],
    ['abs(y - p) > 2 ? 2*(abs(y - p) - 1) : (y - p)^2 / 2', 'huber', { delta: 2 }],
    ['(yPred - yTrue) * (yPred - yTrue)', 'meanSquaredError', {}],
    ['max(0, 1 - label*score)', 'hinge', {}],
    ['max(logits, 0) - logits*labels + log1p(exp(-abs(logits)))', 'sigmoidCrossEntropy', {}],
    ['-0.25*y*(1 - p)^2*log(p) - 0.75*(1 - y)*p^2*log(1 - p)', 'focal', { alpha: 0.25, gamma: 2 }],
    ['max(0.9*(y - p), -0.1*(y - p))', 'quantile', { tau: 0.9 }],
  ];
  for (const [src, id, params] of cases) {
    const a = core.analyze(src);
    assert.equal(a.match?.id, id, `${src} → ${a.match?.id}`);
    for (const [k, v] of Object.entries(params)) assert.ok(Math.abs(a.match.parameters[k] - v) < 1e-12, `${src}: ${k} = ${a.match.parameters[k]}`);
  }
});

test('a form that agrees only on 0/1 targets is recognised as such; unrelated losses are not recognised', () => {
  const a = core.analyze('y == 1 ? -log(p) : -log(1 - p)');
  assert.equal(a.match?.id, 'binaryCrossentropy');
  assert.equal(a.match.agreement, 'binary');
  for (const src of ['(p - y)^4', '0.5*(p - y)^2', 'exp(p) * y', 'abs(p - y)^1.5']) assert.equal(core.analyze(src).match, null, src);
});

test('a loss constant in the prediction at the values tried is no catalog loss (a PPO surrogate whose advantage r - v is 0 at 1, 1)', () => {
  const ppo = core.analyze('-min(p * y / o * (r - v), clip(p * y / o, 1 - c, 1 + c) * (r - v))', { wrt: 'p', target: 'y' });
  assert.equal(ppo.match, null);
  // A scaled MSE is still recognised.
  assert.equal(core.analyze('w * (y - p)^2', { wrt: 'p', target: 'y' }).match?.id, 'meanSquaredError');
});
