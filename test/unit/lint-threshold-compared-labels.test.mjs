// Rows whose label field is tested for equality with a prediction made 0 or 1 (an accuracy count,
// `const pred = predict(p) >= 0.5 ? 1 : 0; if (pred === p.label) ok++`) hold 0/1 classes, even when the rows come
// from callers outside the file: so a hand-written step whose delta is err · ŷ · (1 − ŷ) (a squared error through the
// sigmoid) on them is the mismatch. A label compared with a prediction that is not made 0 or 1, or a choice of other
// numbers, says nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const demo = ({ pred = 'predict(m, p.x, p.y) >= 0.5 ? 1 : 0', compare = 'pred === p.label' } = {}) => `function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }

export function predict(m, x, y) { return sigmoid(m.w0 * x + m.w1 * y + m.b); }

export function accuracy(m, pts) {
  let ok = 0;
  for (const p of pts) {
    const pred = ${pred};
    if (${compare}) ok++;
  }
  return ok / pts.length;
}

export function step(m, pts, lr) {
  for (const p of pts) {
    const yhat = predict(m, p.x, p.y);
    const err = yhat - p.label;
    const dz = err * yhat * (1 - yhat);
    m.w0 -= lr * dz * p.x;
    m.w1 -= lr * dz * p.y;
    m.b -= lr * dz;
  }
}
`;

const mismatches = (code) => lint.lintText(code, '/p/nn-shared.js').diagnostics.filter((d) => d.code === 'activation-mismatch');

test('labels counted correct against a prediction made 0 or 1 are classes: the squared-error delta through the sigmoid is reported', () => {
  const found = mismatches(demo());
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 17);
  assert.match(found[0].detail, /compared with a prediction made 0 or 1 \(line 9\)/);
  // Written in place, or the other way round.
  assert.equal(mismatches(demo({ compare: 'p.label === (predict(m, p.x, p.y) > 0.5 ? 1 : 0)' })).length, 1);
});

test('a label compared with an unthresholded prediction, or with a choice of other numbers, says nothing', () => {
  assert.equal(mismatches(demo({ pred: 'predict(m, p.x, p.y)' })).length, 0);
  assert.equal(mismatches(demo({ pred: 'predict(m, p.x, p.y) >= 0.5 ? 0.9 : 0.1' })).length, 0);
});
