// A logistic regression written with a constructor function and its prototype: `Model.prototype.cost = function (X, Y,
// theta)` takes `Math.log(1 - this.h(x, theta))` of its own sigmoid `Model.prototype.h`. The cost was not read as a loss
// (its function has no name of its own, only the property it is assigned to), and `this.h(…)` outside a class was not
// followed to the prototype's method (operationProbes.ts inLossValue, classMethods.ts classMethod). holdout261's
// ml-modules logreg.js is this code.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const logistic = (costName = 'cost') => `const LogisticRegression = function (dim) { this.dim = dim; };
LogisticRegression.prototype.h = function (x, theta) {
  let z = 0;
  for (let d = 0; d < this.dim; ++d) z += theta[d] * x[d];
  return 1 / (1 + Math.exp(-z));
};
LogisticRegression.prototype.${costName} = function (X, Y, theta) {
  let sum = 0;
  for (let i = 0; i < X.length; ++i) {
    sum -= (Y[i] * Math.log(this.h(X[i], theta)) + (1 - Y[i]) * Math.log(1 - this.h(X[i], theta))) / X.length;
  }
  return sum;
};
`;

const logs = (text) => lint.lintText(text, 'logreg.js').diagnostics.filter((d) => d.code === 'log-of-zero');

test('a prototype cost takes the log of the prototype sigmoid: log(1 − h) reaches log(0)', () => {
  const found = logs(logistic());
  assert.ok(found.some((d) => d.line === 10 && /log\(1 - /.test(d.message)), JSON.stringify(found.map((d) => d.message)));
});

test('the same logs in a prototype method named for something else are not a loss', () => {
  assert.deepEqual(logs(logistic('describe')), []);
});

test('a method of an object literal calls its sibling through this', () => {
  const text = `const model = {
  h(x, w) { return 1 / (1 + Math.exp(-(w * x))); },
  computeCost(xs, ys, w) {
    let cost = 0;
    for (let i = 0; i < xs.length; i++) cost -= ys[i] * Math.log(this.h(xs[i], w)) + (1 - ys[i]) * Math.log(1 - this.h(xs[i], w));
    return cost / xs.length;
  },
};
`;
  assert.ok(logs(text).some((d) => d.line === 5));
});
