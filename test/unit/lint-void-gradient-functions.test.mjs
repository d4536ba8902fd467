// A function given to a gradient call that returns no tensor: a block body without `return`, or an async function.
// Real TF.js (CPU backend) runs every case: the lint reports no-gradient exactly where TF.js throws "The result y
// returned by f() must be a tensor.", and the quick fix (return the loss computed last) makes the step train.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';
import { fixAll, lint } from './lint-support.mjs';

const SETUP = `const w = tf.variable(tf.scalar(0.5));
const xs = tf.tensor1d([1, 2, 3]);
const ys = tf.tensor1d([2, 4, 6]);
const loss = (pred, y) => pred.sub(y).square().mean();
const optimizer = tf.train.sgd(0.01);
`;

const CASES = [
  { name: 'minimize of a block that computes the loss and drops it', throws: true, fixable: true, code: `optimizer.minimize(() => { loss(xs.mul(w), ys); });` },
  { name: 'minimize with a var list, no semicolon', throws: true, fixable: true, code: `optimizer.minimize(() => { loss(xs.mul(w), ys) }, false, [w]);` },
  { name: 'minimize of a block that keeps the loss in a const', throws: true, code: `optimizer.minimize(() => {
  const l = loss(xs.mul(w), ys);
});` },
  { name: 'minimize of an async function', throws: true, code: `optimizer.minimize(async () => loss(xs.mul(w), ys));` },
  { name: 'computeGradients of a block without return', throws: true, fixable: true, code: `const { grads } = optimizer.computeGradients(() => { loss(xs.mul(w), ys); });
optimizer.applyGradients(grads);` },
  { name: 'tf.variableGrads of a block without return', throws: true, fixable: true, code: `const { grads } = tf.variableGrads(() => { loss(xs.mul(w), ys); });` },
  { name: 'tf.grad of a block without return', throws: true, fixable: true, code: `const g = tf.grad((x) => { x.square().sum(); })(xs);` },
  { name: 'a named step function without return', throws: true, fixable: true, code: `function step() {
  loss(xs.mul(w), ys);
}
optimizer.minimize(step);` },
  { name: 'only a function inside returns', throws: true, fixable: true, code: `optimizer.minimize(() => {
  const inner = () => loss(xs.mul(w), ys);
  inner();
});` },
  { name: 'the fix: a block that returns the loss', throws: false, code: `optimizer.minimize(() => {
  const l = loss(xs.mul(w), ys);
  return l;
});` },
  { name: 'an expression body', throws: false, code: `optimizer.minimize(() => loss(xs.mul(w), ys));` },
  { name: 'a named loss function that returns', throws: false, code: `function lossOf() {
  return loss(xs.mul(w), ys);
}
optimizer.minimize(lossOf);` },
  { name: 'a return in one branch only (TF.js takes the branch that returns)', throws: false, code: `optimizer.minimize(() => {
  if (xs.size > 0) return loss(xs.mul(w), ys);
});` },
];

for (const c of CASES) {
  test(`void gradient functions: ${c.name}`, async () => {
    const code = `const tf = require('@tensorflow/tfjs');\n${SETUP}${c.code}\n`;
    const r = lint.lintText(code, '/p/step.js');
    assert.equal(r.internalError, undefined);
    const found = r.diagnostics.filter((d) => d.code === 'no-gradient');
    assert.equal(found.length, c.throws ? 1 : 0, JSON.stringify(r.diagnostics.map((d) => d.message)));
    const tf = await loadTf();
    const run = (body) => {
      try {
        tf.tidy(() => new Function('tf', `${SETUP}${body}`)(tf));
        return null;
      } catch (err) {
        return err.message;
      }
    };
    const thrown = run(c.code);
    if (!c.throws) return assert.equal(thrown, null);
    assert.equal(thrown, 'The result y returned by f() must be a tensor.');
    assert.ok(found[0].message.endsWith(`"${thrown}"`), found[0].message);
    assert.equal(found[0].fixes.length > 0, !!c.fixable);
    if (c.fixable) {
      const fixed = fixAll(code, '/p/step.js', ['no-gradient']);
      assert.deepEqual(lint.lintText(fixed, '/p/step.js').diagnostics.filter((d) => d.code === 'no-gradient'), []);
      assert.equal(run(fixed.replace(/^const tf = .*\n/, '').replace(SETUP, '')), null, 'the fixed step trains');
    }
  });
}

test('void gradient functions: an optimizer of another library in a file without TF.js is not read', () => {
  const code = `const opt = new Optimizer();\nopt.minimize(() => { step(); });\n`;
  assert.deepEqual(lint.lintText(code, '/p/other.js').diagnostics, []);
});

test('void gradient functions: the message names the call and says why', () => {
  const code = `const tf = require('@tensorflow/tfjs');\n${SETUP}optimizer.minimize(async () => loss(xs.mul(w), ys));\n`;
  const [d] = lint.lintText(code, '/p/step.js').diagnostics;
  assert.match(d.message, /^The function given to optimizer\.minimize is async, so it returns a Promise: TF\.js throws/);
  assert.equal(d.line, 7);
  // The squiggle is the function's head, `async () =>`.
  assert.equal(code.split('\n')[6].slice(d.column - 1, d.endColumn - 1), 'async () =>');
});

test('void gradient functions: a function that throws (a test of the forward pass\'s error) is not one that returns nothing', () => {
  const code = `const tf = require('@tensorflow/tfjs');\nconst grad = tf.grad((x) => {\n  throw new Error('failed forward pass');\n});\n`;
  assert.deepEqual(lint.lintText(code, '/p/grad.test.js').diagnostics, []);
});
