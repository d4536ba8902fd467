// Issue 13's classes of wrong answers, one test each: the derivative on flat pieces, every root of a
// switching function, kinks decided without a scale-dependent threshold, hidden kinks, the value at a
// switch point where kinks cancel, and underflow. (The fuzzer, core-fuzz-oracle.test.mjs, covers them at large.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { core, close } from './support.mjs';

const gradientAt = (src, x, options = {}) => {
  const a = core.analyze(src, { wrt: 'p', ...options });
  const { variables, gradient } = core.evaluators(a);
  return gradient(variables.map((v) => (v === a.wrt ? x : options.set?.[v] ?? 0)));
};
const kinkValues = (src, options = {}) => core.analyze(src, { wrt: 'p', ...options }).kinks.map((k) => k.value);

test('1. a factor that is identically zero on a piece keeps the derivative exactly zero there (no 0 · ∞)', () => {
  for (const src of ['sqrt(relu(p))', 'relu(p)^0.5', 'sqrt(max(p, 0))', 'sqrt(clip(p, 0, 1))', 'log(1 + sqrt(relu(p)))']) {
    assert.equal(gradientAt(src, -0.7), 0, src);
    assert.ok(gradientAt(src, 0.5) > 0, src);
  }
});

test('2. every root of a switching function is a kink, not only the first', () => {
  assert.deepEqual(kinkValues('abs(p^2 - 1)'), [-1, 1]);
  assert.deepEqual(kinkValues('max(p^2, 1)'), [-1, 1]);
  assert.deepEqual(kinkValues('p^2 > 1 ? p : 0'), [-1, 1]);
  const periodic = core.analyze('abs(sin(p))', { domain: [-7, 7] }).kinks.map((k) => k.value);
  assert.equal(periodic.length, 5);
  for (const [i, k] of [-2, -1, 0, 1, 2].entries()) assert.ok(close(periodic[i], k * Math.PI, 1e-12, 1e-12), `${periodic[i]}`);
  const plot = core.plotData(core.analyze('abs(sin(p))'));
  const expected = Math.floor(plot.range.hi / Math.PI) - Math.ceil(plot.range.lo / Math.PI) + 1;
  assert.equal(plot.kinks.length, expected, 'every kink in the plotted range');
});

test('3. kinks do not depend on the loss\'s scale, and C¹ joins are not kinks', () => {
  for (const scale of ['1e-4', '2e-4', '1e-9', '1e6']) assert.deepEqual(kinkValues(`${scale} * relu(p)`), [0], scale);
  for (const src of ['abs(p)^1.5', 'relu(p)^1.5', 'abs(p)^1.8', 'abs(p)^1.01', 'max(p - 1, 0)^2']) assert.deepEqual(kinkValues(src), [], src);
  for (const src of ['abs(p)^0.5', 'abs(p)^0.99', 'abs(p)']) assert.deepEqual(kinkValues(src), [0], src);
});

test('4. hidden kinks: roots and fractional powers of a square or of relu, and a NaN gradient hides nothing', () => {
  assert.deepEqual(kinkValues('sqrt(p^2)'), [0]);
  assert.deepEqual(kinkValues('cbrt(p^2)'), [0]);
  assert.deepEqual(kinkValues('relu(p)^0.5'), [0]);
  assert.deepEqual(kinkValues('sqrt(1 - cos(p))', { domain: [-1, 1] }), [0]);
  assert.deepEqual(kinkValues('sqrt(p^4)'), []);
  assert.deepEqual(kinkValues('sqrt(abs(p)) + abs(p - 1)', { domain: [-2, 3] }), [0, 1]);
});

test('5. where kinks cancel, the derivative at the switch point is the derivative', () => {
  assert.equal(gradientAt('max(p, 0) + min(p, 0)', 0), 1);
  assert.equal(gradientAt('relu(p) - relu(-p)', 0), 1);
  assert.ok(close(gradientAt('relu(p) - p*y + log(1 + exp(-abs(p)))', 0, { set: { y: 0.7 } }), -0.2, 1e-12));
  const huber = '0.5*min(abs(p - y), delta)^2 + delta*max(abs(p - y) - delta, 0)';
  const set = { y: 0.3, delta: 0.8 };
  assert.ok(close(gradientAt(huber, 1.1, { set }), 0.8, 1e-12));
  assert.ok(close(gradientAt(huber, -0.5, { set }), -0.8, 1e-12));
  assert.equal(gradientAt('sqrt(p^4)', 0), 0);
  assert.equal(gradientAt('sign(p)*p - abs(p)', 0), 0);
  assert.equal(gradientAt('cosh(cbrt(p)^2)', 0), 0);
  for (const src of ['max(p, 0) + min(p, 0)', 'sign(p)*p - abs(p)', 'relu(p) - relu(-p)']) assert.deepEqual(kinkValues(src), [], src);
});

test('6. a correct formula is evaluated in a form that does not underflow to 0/0', () => {
  const exact = 1.5 * 9.5 ** 2 * Math.exp(-(9.5 ** 3) / 2);
  assert.ok(close(gradientAt('sqrt(exp(p^3))', -9.5), exact, 1e-9), `${gradientAt('sqrt(exp(p^3))', -9.5)} vs ${exact}`);
  assert.ok(close(gradientAt('log(sigmoid(p))', -800), 1, 1e-12));
  assert.ok(close(gradientAt('log(1 - sigmoid(p))', 40), -1, 1e-12));
  assert.ok(close(gradientAt('log(1 + exp(p))', 800), 1, 1e-12));
  assert.ok(gradientAt('sigmoid(p)', 40) > 0, 'sigmoid(40) is 1 in float64, its slope is not 0');
});

test('the derivative text shows plain comparisons where the side is decided once for the loss', () => {
  const d = (src) => core.analyze(src).derivative;
  assert.equal(d('abs(p - y)'), 'p - y >= 0 ? 1 : -1');
  assert.equal(d('max(1 - y * p, 0)'), '1 - y * p >= 0 ? -y : 0');
  assert.doesNotMatch(d('max(0, abs(p - y) - delta)'), /==/);
  assert.doesNotMatch(d('0.5*min(abs(p - y), delta)^2 + delta*max(abs(p - y) - delta, 0)'), /==/);
});
