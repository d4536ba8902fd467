// Backpropagation written in tensors of one number, as deeplearn.js ports of textbook networks write it:
// `this.output.mul(dl.scalar(1).sub(this.output)).mul(dl.scalar(label).sub(this.output))` is o·(1 − o)·(label − o),
// the squared error's gradient through a sigmoid output, like its plain-number form. On 0/1 labels it is the mismatch;
// on targets the file never shows as classes it stays silent, and a scalar of another number is no `1 − o`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const network = ({ delta, labels = [0, 1, 1, 0], ns = 'dl', module = 'deeplearn' }) => `import * as ${ns} from '${module}';

class OutputNode {
  output = ${ns}.scalar(0);
  delta = ${ns}.scalar(0);
  upstream = [];
  calcOutput() {
    let sum = ${ns}.scalar(0);
    for (const conn of this.upstream) sum = conn.node.output.mul(conn.weight).add(sum);
    this.output = ${ns}.sigmoid(sum);
  }
  calcOutputLayerDelta(label) {
    this.delta = ${delta};
  }
}

const data = [${labels.map((l, i) => `[[${i >> 1}, ${i & 1}], ${l}]`).join(', ')}];
const node = new OutputNode();
for (const [x, label] of data) {
  node.calcOutput();
  node.calcOutputLayerDelta(label);
}
`;

const mismatches = (code, file = '/p/bp.ts') => lint.lintText(code, file).diagnostics.filter((d) => d.code === 'activation-mismatch');

test('backprop in scalars: o·(1 − o)·(label − o) written with dl.scalar on 0/1 labels is a squared error on a sigmoid output', () => {
  const found = mismatches(network({ delta: 'this.output.mul(dl.scalar(1).sub(this.output)).mul(dl.scalar(label).sub(this.output))' }));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /backpropagated squared error on a sigmoid output/);
});

test('backprop in scalars: tf.scalar on either factor, in TF.js, is read the same way', () => {
  const tf = { ns: 'tf', module: '@tensorflow/tfjs' };
  assert.equal(mismatches(network({ ...tf, delta: 'tf.mul(this.output, tf.sub(1, this.output)).mul(tf.scalar(label).sub(this.output))' })).length, 1);
  assert.equal(mismatches(network({ ...tf, delta: 'this.output.mul(tf.scalar(1).sub(this.output)).mul(tf.sub(label, this.output))' })).length, 1);
  assert.equal(mismatches(network({ ...tf, delta: "this.output.mul(tf.scalar(1, 'float32').sub(this.output)).mul(tf.scalar(label).sub(this.output))" })).length, 1);
});

test('backprop in scalars: targets that are not classes, or a scalar of another number, stay silent', () => {
  assert.equal(mismatches(network({ delta: 'this.output.mul(dl.scalar(1).sub(this.output)).mul(dl.scalar(label).sub(this.output))', labels: [0.25, 0.5, 0.75, 0.3] })).length, 0);
  assert.equal(mismatches(network({ delta: 'this.output.mul(dl.scalar(2).sub(this.output)).mul(dl.scalar(label).sub(this.output))' })).length, 0);
  // The cross-entropy's delta, (label − o) alone, is no mismatch.
  assert.equal(mismatches(network({ delta: 'dl.scalar(label).sub(this.output)' })).length, 0);
});
