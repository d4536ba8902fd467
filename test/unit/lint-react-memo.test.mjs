// React components keep their tensors with hooks: `const y = useMemo(() => tf.tensor2d(labels), [points])`. What the
// memo's function returns is data of the component, the targets here, never a model's output: a loss given it with the
// prediction reads it as the targets, and its rows are the targets' evidence.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const page = (targets, loss) => `"use client";
import * as tf from '@tensorflow/tfjs';
import { useMemo, useRef } from 'react';
export default function LogisticPage({ points }) {
  const w = useRef(tf.variable(tf.randomNormal([2, 1])));
  const b = useRef(tf.variable(tf.scalar(0)));
  const optimizer = useRef(tf.train.adam(0.1));
  const X = useMemo(() => (points.length ? tf.tensor2d(points.map((p) => [p.x, p.y])) : tf.tensor2d([], [0, 2])), [points]);
  const y = useMemo(() => ${targets}, [points]);
  function predict(X) {
    return tf.sigmoid(tf.add(tf.matMul(X, w.current), b.current));
  }
  function step() {
    const lossFn = () => ${loss};
    return optimizer.current.minimize(lossFn, true);
  }
  return null;
}
`;

test('react memo: targets kept by useMemo are the targets of a probability loss, not a second model output', () => {
  const code = page('(points.length ? tf.tensor2d(points.map((p) => [p.label ?? 0])) : tf.tensor2d([], [0, 1]))', 'tf.mean(tf.metrics.binaryCrossentropy(y, predict(X)))');
  const r = lint.lintText(code, '/p/app/logistic/page.tsx');
  assert.deepEqual(r.diagnostics, []);
  const site = r.sites.find((s) => s.kind === 'minimize');
  assert.equal(site.target, 'yTrue');
  assert.match(site.expression, /^-\(yTrue \* log/);
});

test('react memo: 0/1 rows a memo makes are class targets, so a squared error on the sigmoid is reported', () => {
  const code = page('tf.tensor2d(points.map((p) => [p.label ? 1 : 0]))', 'tf.losses.meanSquaredError(y, predict(X))');
  const found = lint.lintText(code, '/p/app/logistic/page.tsx').diagnostics.map((d) => `${d.line}:${d.code}`);
  assert.deepEqual(found, ['14:activation-mismatch']);
});

test('react memo: a useMemo the file defines itself is its own function', () => {
  const code = page('tf.tensor2d(points.map((p) => [p.label ? 1 : 0]))', 'tf.losses.meanSquaredError(y, predict(X))').replace("import { useMemo, useRef } from 'react';", "import { useRef } from 'react';\nfunction useMemo(f) { return f; }");
  assert.deepEqual(lint.lintText(code, '/p/app/logistic/page.tsx').diagnostics.filter((d) => d.code === 'activation-mismatch'), []);
});
