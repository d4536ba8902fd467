// A from-scratch network whose output error is kept in an array (`let errorSignal = [2 * (output - expected)]`) and
// multiplied by a derivative chosen per layer (`isOutputLayer ? y * (1 - y) : reluDerivative(y)`): the sigmoid's at the
// output, so a squared error's gradient on a sigmoid output. Its labels read from a CSV say nothing by their values,
// but the file tests them against 0 and 1 (`g.expected === 1`, `=== 0`): class targets. A commented-out function
// that reads like a loss does not change which function trains.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const network = ({ outputDerivative = 'nextLayer[j] * (1 - nextLayer[j])', hiddenDerivative = 'reluDerivative(nextLayer[j])', balance = true, test = 'isOutputLayer' } = {}) => `export function makeTrainer(network) {
  function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  function reluDerivative(x) { return x > 0 ? 1 : 0; }

  // function binaryCrossEntropy(output, expected) {
  //   return -(expected * Math.log(output) + (1 - expected) * Math.log(1 - output))
  // }

  function getDeltas(output, expected) {
    let errorSignal = [2 * (output - expected)];
    const deltas = [];
    for (let l = network.weights.length - 1; l >= 0; l--) {
      const nextLayer = network.layers[l + 1];
      const isOutputLayer = l === network.weights.length - 1;
      for (let j = 0; j < nextLayer.length; j++) {
        const actDeriv = ${test} ? ${outputDerivative} : ${hiddenDerivative};
        deltas.push(errorSignal[j] * actDeriv);
      }
    }
    return deltas;
  }

  function loadCSV(text) {
    return text.split('\\n').map((line) => {
      const cols = line.split(',');
      return { inputs: cols.slice(1).map(Number), expected: parseFloat(cols[0]) };
    });
  }

  function train(text) {
    const data = loadCSV(text);
    ${balance ? 'const wins = data.filter((g) => g.expected === 1);\n    const losses = data.filter((g) => g.expected === 0);' : 'const wins = data.filter((g) => g.expected > 0.5);'}
    for (const game of data) getDeltas(network.predict(game.inputs), game.expected);
  }
  return train;
}
`;

const mismatches = (code) => lint.lintText(code, '/p/trainer.js').diagnostics.filter((d) => d.code === 'activation-mismatch');

test('backprop signals: an error kept in an array times the output layer\'s sigmoid derivative, on labels tested against 0 and 1', () => {
  const found = mismatches(network());
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 10);
  assert.match(found[0].message, /backpropagated squared error on a sigmoid output with class targets/);
  // The function that trains, not the one around it that a commented-out signature led to.
  assert.match(found[0].detail, /the backpropagation in getDeltas\(\)/);
  assert.match(found[0].detail, /the targets are compared with 0 and 1 \(lines 32, 33\)/);
});

test('backprop signals: the test that picks the derivative is read for the output layer, in its usual forms', () => {
  const S = 'nextLayer[j] * (1 - nextLayer[j])';
  const R = 'reluDerivative(nextLayer[j])';
  const found = (test, whenTrue, whenFalse) => mismatches(network({ test, outputDerivative: whenTrue, hiddenDerivative: whenFalse })).length;
  // The sigmoid's derivative at the output layer: reported.
  for (const [test, a, b] of [['l === network.weights.length - 1', S, R], ['l !== network.weights.length - 1', R, S], ['l >= network.weights.length - 1', S, R], ['!isOutputLayer', R, S], ['isOutputLayer === false', R, S], ['isHidden', R, S]]) {
    assert.equal(found(test, a, b), 1, test);
  }
  // Only in the hidden layers, or a test that does not say which layer is the output (\`l === 0\`): silent.
  for (const [test, a, b] of [['l < network.weights.length - 1', S, R], ['l !== network.weights.length - 1', S, R], ['!isOutputLayer', S, R], ['isHidden', S, R], ['l === 0', R, S]]) {
    assert.equal(found(test, a, b), 0, test);
  }
});

test('backprop signals: a sigmoid derivative of the hidden layers only, or targets tested against one value, say nothing', () => {
  // The output layer's way is linear (its derivative 1): a squared error on a linear output is a regression.
  assert.deepEqual(mismatches(network({ outputDerivative: '1', hiddenDerivative: 'nextLayer[j] * (1 - nextLayer[j])' })), []);
  // Compared with a threshold, not with 0 and 1: the values may be anything.
  assert.deepEqual(mismatches(network({ balance: false })), []);
});

test('labels tested against 0 and 1 are class targets for a compiled model too; a bare counter is not a label', () => {
  const code = (tests) => `import * as tf from '@tensorflow/tfjs';
export async function train(rows) {
  const data = rows.map((r) => ({ x: [Number(r.a), Number(r.b)], label: parseFloat(r.outcome) }));
  ${tests}
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await model.fit(tf.tensor2d(data.map((d) => d.x)), tf.tensor2d(data.map((d) => [d.label])));
}
`;
  const found = mismatches(code("console.log(data.filter((d) => d.label === 1).length, data.filter((d) => 0 === d.label).length);"));
  assert.equal(found.length, 1);
  assert.match(found[0].detail, /compared with 0 and 1 \(lines 4, 4\)/);
  assert.deepEqual(mismatches(code("let i = 0; if (i === 0) i = 1; if (i === 1) console.log(data.length);")), []);
  // Not in a comment or a string, not a test that keeps the other values, not a field of some other object.
  for (const tests of [
    '// d.label === 0 means no outcome; d.label === 1 the best',
    "console.log('keep d.label === 0 or d.label === 1');",
    'const mid = data.filter((d) => d.label !== 0 && d.label !== 1);',
    'if (ui.label === 0) reset(); else if (ui.label === 1) win();',
  ]) {
    assert.deepEqual(mismatches(code(tests)), [], tests);
  }
});
