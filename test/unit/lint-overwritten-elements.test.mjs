// Targets a helper makes by overwriting every element of the array it is given, in place, before returning it:
// `function top(a) { for (let i = 0; i < a.length; i++) a[i] = a[i] ? 1 : 0; return a; }` gives 0/1 rows whatever the
// caller passed in, and `a[i] = a[i] / max` gives scaled values (targetEvidence.ts, plainValues.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'train.js').diagnostics.map((d) => `${d.line}: ${d.code}: ${d.message}`);

const program = (body) => `const tf = require('@tensorflow/tfjs');
function top(array) {
${body}
  return array;
}
function create() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [400], units: 100, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
async function run(model, input, output) {
  return model.fit(input, output, { epochs: 10 });
}
async function train(rows) {
  const samples = { input: [], output: [] };
  for (const row of rows) {
    samples.input.push(row.slice(0, 400));
    samples.output.push(top(row.slice(400)));
  }
  await run(create(), tf.tensor(samples.input), tf.tensor(samples.output));
}
`;

test('every element of the given array overwritten with a 0/1 flag makes class targets', () => {
  const codes = found(program(`  for (let i = 0; i < array.length; i++) {
    array[i] = array[i] ? 1 : 0;
  }`));
  assert.equal(codes.length, 1, codes.join('\n'));
  assert.match(codes[0], /^11: activation-mismatch: meanSquaredError on a sigmoid output with class targets/);
});

test('every element overwritten with a scaled value makes continuous targets: silent', () => {
  assert.deepEqual(found(program(`  const max = Math.max(...array);
  for (let i = 0; i < array.length; i++) array[i] = array[i] / max;`)), []);
});

test('elements overwritten only under a condition say nothing about the others', () => {
  assert.deepEqual(found(program(`  for (let i = 0; i < array.length; i++) {
    if (array[i] > 0.5) array[i] = 1;
  }`)), []);
});

test('a loop over only part of the array says nothing about the rest', () => {
  assert.deepEqual(found(program(`  for (let i = 0; i < 10; i++) array[i] = array[i] ? 1 : 0;`)), []);
});
