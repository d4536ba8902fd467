// The object a helper returns (`const rep = embed(x)` with `return { h0, h }`), handed on to other helpers that read
// its fields (`nll(rep, y)` reading `rep.h`, and handing `rep` on again): each field is read where it is used, so a
// training step written in small functions, as a graph network's agent writes it (holdout221), is read whole.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const step = (nll, call = 'nll(rep, target)') => `import * as tf from '@tensorflow/tfjs';
const params = { W: tf.variable(tf.randomNormal([4, 8])), V: tf.variable(tf.randomNormal([8, 1])) };
const optimizer = tf.train.adam(0.01);
function embed(x) {
  const h0 = tf.relu(tf.matMul(x, params.W));
  const h = tf.relu(h0.add(1));
  return { h0, h };
}
function logStdOf(rep) { return tf.matMul(rep.h, params.V).clipByValue(-7.5, -0.15); }
function nll(rep, target) {
${nll}
}
export function train(x, target) {
  optimizer.minimize(() => {
    const rep = embed(x);
    return ${call};
  }, true, [params.W, params.V]);
}
`;
const read = (text) => {
  const r = lint.lintText(text, 'agent.js');
  const site = r.sites.find((s) => s.kind === 'minimize');
  return { unreadable: site.unreadable, partly: site.partlyUnread, expression: site.expression, findings: r.diagnostics.map((d) => `${d.line}:${d.code}`) };
};

test("a helper's returned object handed to another helper is read field by field there", () => {
  const r = read(step('  const logStd = tf.matMul(rep.h, params.V).clipByValue(-7.5, -0.15);\n  return tf.sub(target, 0.5).div(tf.exp(logStd)).square().mul(0.5).add(logStd).mean();'));
  assert.equal(r.unreadable, undefined);
  assert.deepEqual(r.findings, ['11:non-differentiable'], 'the clip of the predicted log-std');
});

test('handed on again (nll gives rep to logStdOf), and read in place of the call (nll(embed(x), y))', () => {
  const body = '  const logStd = logStdOf(rep);\n  return tf.sub(target, 0.5).div(tf.exp(logStd)).square().mul(0.5).add(logStd).mean();';
  for (const call of ['nll(rep, target)', 'nll(embed(x), target)']) {
    const r = read(step(body, call));
    assert.equal(r.unreadable, undefined, call);
    assert.equal(r.partly, undefined, call);
    assert.match(r.expression, /exp\(clip\(yPred\w*, -7\.5, -0\.15\)\)/, call);
  }
});

test('the object itself used as a value is said to be unreadable, not guessed', () => {
  const r = read(step('  return tf.sub(target, rep).square().mean();'));
  assert.match(r.unreadable ?? r.partly ?? '', /rep is the object a helper returns|\{ h0, h \}/);
  assert.deepEqual(r.findings, []);
});
