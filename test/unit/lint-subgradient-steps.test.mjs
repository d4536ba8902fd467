// A linear SVM trained by hand-written SGD writes no loss, only the hinge's subgradient step chosen by the margin
// (`if (y * score < 1) w += lr * y * x`): the hinge max(0, 1 - y·score) is what the descent follows, with its kink at
// margin 1 (subgradientSteps.ts). holdout380's three SVMs, holdout348's Perceptron and holdout326's SGDClassifier.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const nd = (text, name = '/web/svm.js') => {
  const r = lint.lintText(text, name);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => `${d.line}: ${d.message}`);
};

const svm = (test, violated, kept = 'w[j] -= lr * lambda * w[j];') => `export function trainSVM(X, y, epochs = 100, lr = 0.01, lambda = 0.01) {
  const w = new Array(X[0].length).fill(0);
  let b = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < X.length; i++) {
      let sum = 0;
      for (let j = 0; j < w.length; j++) sum += X[i][j] * w[j];
      const margin = y[i] * (sum + b);
      if (${test}) {
        for (let j = 0; j < w.length; j++) ${kept}
      } else {
        for (let j = 0; j < w.length; j++) ${violated}
        b += lr * y[i];
      }
    }
  }
  return { w, b };
}
`;

test('if (margin >= 1) decay else step by the label: the hinge on the margin, kink at margin = 1', () => {
  assert.deepEqual(nd(svm('margin >= 1', 'w[j] += lr * (y[i] * X[i][j] - lambda * w[j]);')), ['9: max(0, 1 - margin) has a kink at margin = 1: the gradient jumps there.']);
});

test("a squared hinge's step reads the margin (2(1 - margin)·y·x), C1 at the margin: silent", () => {
  assert.deepEqual(nd(svm('margin >= 1', 'w[j] += lr * 2 * (1 - margin) * y[i] * X[i][j];').replace('b += lr * y[i];', 'b += lr * 2 * (1 - margin) * y[i];')), []);
});

test('a test of the margin that changes nothing by the label (a count of violations) is no step: silent', () => {
  assert.deepEqual(nd(svm('margin >= 1', 'w[j] = w[j];', 'w[j] = w[j];').replace('b += lr * y[i];', 'b += 0;')), []);
});

test('the perceptron rule (margin <= 0) is no hinge at 1: silent', () => {
  assert.deepEqual(nd(svm('margin > 0', 'w[j] += lr * y[i] * X[i][j];')), []);
});

test('the label times a score tested inline, in an if without else (l * score < 1)', () => {
  const text = `export function trainSVM(points, lr = 0.01) {
  let w1 = 0, w2 = 0, b = 0;
  for (const p of points) {
    const l = p.label === 1 ? 1 : -1;
    const score = w1 * p.x + w2 * p.y + b;
    if (l * score < 1) {
      w1 += lr * l * p.x;
      w2 += lr * l * p.y;
      b += lr * l;
    }
  }
  return { w1, w2, b };
}
`;
  assert.deepEqual(nd(text), ['6: max(0, 1 - l * score) has a kink at score = 1 / l: the gradient jumps there.']);
});

test('a condition kept in a const and tested by the if after it', () => {
  const text = `export class SVM {
  fit(X, y) {
    this.w = new Array(X[0].length).fill(0);
    this.b = 0;
    for (let i = 0; i < X.length; i++) {
      const xi = X[i];
      const yi = y[i];
      const condition = yi * (this.dot(xi, this.w) - this.b) >= 1;
      if (condition) {
        for (let j = 0; j < this.w.length; j++) this.w[j] -= this.lr * 2 * this.lambda * this.w[j];
      } else {
        for (let j = 0; j < this.w.length; j++) this.w[j] -= this.lr * (2 * this.lambda * this.w[j] - xi[j] * yi);
        this.b -= this.lr * yi;
      }
    }
  }
  dot(a, b) {
    return a.reduce((s, v, i) => s + v * b[i], 0);
  }
}
`;
  assert.deepEqual(nd(text), ['8: max(0, 1 - yi * score) has a kink at score = 1 / yi: the gradient jumps there.']);
});

test("the hinge's gradient returned by a conditional (-y below margin 1, else 0); the squared hinge's is C1", () => {
  const text = (grad) => `export class SGDClassifier {
  lossGradient(decision, y) {
    return ${grad};
  }
}
`;
  assert.deepEqual(nd(text('y * decision < 1 ? -y : 0')), ['3: max(0, 1 - y * decision) has a kink at decision = 1 / y: the gradient jumps there.']);
  assert.deepEqual(nd(text('y * decision < 1 ? -2 * y * (1 - y * decision) : 0')), []);
});

test('the hinge written beside its step is read where it is written, once', () => {
  const text = `export function fit(X, y, lr) {
  const w = [0, 0];
  let totalHingeLoss = 0;
  for (let i = 0; i < X.length; i++) {
    const score = w[0] * X[i][0] + w[1] * X[i][1];
    const margin = y[i] * score;
    totalHingeLoss += Math.max(0, 1 - margin);
    if (margin < 1) {
      w[0] += lr * y[i] * X[i][0];
      w[1] += lr * y[i] * X[i][1];
    }
  }
  return totalHingeLoss;
}
`;
  assert.deepEqual(nd(text).map((d) => d.split(':')[0]), ['7']);
});

// holdout396's and holdout326's quantile regressions: the pinball loss written as its slope.
test("a pinball loss's slope (residual >= 0 ? tau : tau - 1, r >= 0 ? 1 - tau : -tau) is its kink at residual 0", () => {
  const text = (slope) => `export function fitQuantile(samples, tau = 0.9, lr = 0.01) {
  let alpha = 0, beta = 0;
  for (const s of samples) {
    const residual = s.y - (alpha + beta * s.x);
    const psi = ${slope};
    alpha += lr * psi;
    beta += lr * psi * s.x;
  }
  return { alpha, beta };
}
`;
  assert.deepEqual(nd(text('residual >= 0 ? tau : tau - 1')).map((d) => d.split(':')[0]), ['5']);
  assert.deepEqual(nd(text('residual >= 0 ? 1 - tau : -tau')).map((d) => d.split(':')[0]), ['5']);
  assert.match(nd(text('residual >= 0 ? tau : tau - 1'))[0], /kink at residual = 0/);
  // Not a unit apart (a weighting, not a slope), or no quantile: silent.
  assert.deepEqual(nd(text('residual >= 0 ? tau : 1 - tau')), []);
  assert.deepEqual(nd(text('residual >= 0 ? tau : tau')), []);
  assert.deepEqual(nd(text('residual >= 0 ? n : n - 1').replace('tau = 0.9', 'n = 3')), []);
});

test('the same shape outside training code (a game step that moves by a time fraction) is no hinge: silent', () => {
  const text = `export function moveBall(ball, t, speed) {
  if (t * speed < 1) {
    ball.x += t * ball.vx;
    ball.y += t * ball.vy;
  }
  return ball;
}
`;
  assert.deepEqual(nd(text), []);
  // Named for training, the same code is a hinge step.
  assert.equal(nd(text.replace('moveBall', 'trainStep')).length, 1);
});
