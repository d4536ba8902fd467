// Hand-written backpropagation whose output is named for what it is (`sigmoidOutput`, `netOutput`) and whose targets
// are destructured from each row of the data it iterates (`trainingData.forEach((example) => { const { target } =
// example; … })`): the squared error on a sigmoid output with 0/1 targets (backpropDeltas.ts OUTPUT_NAME,
// objectValues.ts iteratedElements, targetEvidence.ts rows of a binding). holdout241's React XOR demo.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (r) => r.diagnostics.filter((d) => d.code === 'activation-mismatch');

const xor = (targets, output = 'sigmoidOutput') => `const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const trainingData = [
  { inputs: [0, 0], target: ${targets[0]} },
  { inputs: [0, 1], target: ${targets[1]} },
  { inputs: [1, 0], target: ${targets[2]} },
  { inputs: [1, 1], target: ${targets[3]} },
];
const w = { a: 0.1, b: 0.2, c: 0.3 };
export function trainBatch() {
  let totalError = 0;
  trainingData.forEach((example) => {
    const { inputs, target } = example;
    const ${output} = sigmoid(w.a * inputs[0] + w.b * inputs[1] + w.c);
    const outputError = target - ${output};
    totalError += Math.pow(outputError, 2);
    const outputGradient = outputError * ${output} * (1 - ${output});
    w.a += 0.5 * outputGradient * inputs[0];
    w.b += 0.5 * outputGradient * inputs[1];
    w.c += 0.5 * outputGradient;
  });
  return totalError;
}
`;

test('0/1 targets destructured from the rows iterated: the sigmoid output trained with squared error is reported', () => {
  for (const name of ['sigmoidOutput', 'netOutput']) {
    const found = am(lint.lintText(xor([0, 1, 1, 0], name), 'demo.jsx'));
    assert.equal(found.length, 1, name);
    assert.match(found[0].message, /backpropagated squared error on a sigmoid output with class targets/);
  }
});

test('fractional targets in the rows are values: silent', () => {
  assert.deepEqual(am(lint.lintText(xor([0.1, 0.8, 0.75, 0.3]), 'demo.jsx')), []);
});
