// A network written in plain JavaScript (arrays, Math.exp, a sigmoid function of the file) has an output activation
// too: the loss functions the file calls on its output are checked against it (plainActivations.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (r) => r.diagnostics.map((d) => `${d.line}:${d.code}`);
const siteOf = (r, name) => r.sites.find((s) => s.name === name);

const network = (output, call) => `function sigmoid(x) {
  return 1.0 / (1 + Math.exp(-x));
}
function dot(a, b) {
  return a.reduce((s, v, i) => s + v * b[i], 0);
}
function forward(input, weights) {
  const hidden = weights.hidden.map((row) => sigmoid(dot(row, input)));
  const output = ${output};
  return { hidden, output };
}
function categoricalCrossEntropy(yTrue, yPred) {
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum -= yTrue[i] * Math.log(yPred[i]);
  return sum;
}
function train(data, weights) {
  for (const { input, target } of data) {
    ${call}
  }
}
`;

test('an output mapped through a sigmoid of the file and destructured from the forward pass is a sigmoid output', () => {
  const text = network('weights.out.map((row) => sigmoid(dot(row, hidden)))', 'const { output } = forward(input, weights);\n    const loss = categoricalCrossEntropy(target, output);');
  const r = lint.lintText(text, 'net.js');
  assert.equal(siteOf(r, 'categoricalCrossEntropy').activation, 'sigmoid');
  // Categorical cross-entropy over independent sigmoids: nothing pushes the other outputs down.
  assert.ok(codes(r).includes('12:activation-mismatch'), codes(r).join());
});

test('the sigmoid is followed through `.map(sigmoid)` and a function returning the mapped array', () => {
  const text = network('weights.out.map((row) => dot(row, hidden)).map(sigmoid)', 'const loss = categoricalCrossEntropy(target, forward(input, weights).output);');
  const r = lint.lintText(text.replace('return { hidden, output };', 'return output;').replace('forward(input, weights).output', 'forward(input, weights)'), 'net.js');
  assert.equal(siteOf(r, 'categoricalCrossEntropy').activation, 'sigmoid');
});

test('a softmax of the file is a softmax output; a function that only looks like a sigmoid is not one', () => {
  const softmax = `function softmax(z) {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
`;
  const text = softmax + network('softmax(weights.out.map((row) => dot(row, hidden)))', 'const { output } = forward(input, weights);\n    const loss = categoricalCrossEntropy(target, output);');
  const r = lint.lintText(text, 'net.js');
  assert.equal(siteOf(r, 'categoricalCrossEntropy').activation, 'softmax');
  assert.ok(!codes(r).some((c) => c.endsWith('activation-mismatch')), codes(r).join());
  // 2 / (1 + exp(-x)) is not the logistic function: the output is not known.
  const scaled = network('weights.out.map((row) => sigmoid(dot(row, hidden)))', 'const { output } = forward(input, weights);\n    const loss = categoricalCrossEntropy(target, output);').replace('1.0 / (1 + Math.exp(-x))', '2 / (1 + Math.exp(-x))');
  assert.notEqual(siteOf(lint.lintText(scaled, 'net.js'), 'categoricalCrossEntropy').activation, 'sigmoid');
});

test("a plain-JavaScript arg-max of the same forward pass (output.indexOf(Math.max(...output))) says the targets are classes", () => {
  const text = (classify) => `function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
class Net {
  predict(input) {
    return this.weights.map((row) => sigmoid(row.reduce((s, w, i) => s + w * input[i], 0)));
  }
  calculateError(targetArray, outputArray) {
    let sum = 0;
    for (let i = 0; i < targetArray.length; i++) sum += Math.pow(targetArray[i] - outputArray[i], 2);
    return sum / (2 * targetArray.length);
  }
  train(data) {
    for (const d of data) this.calculateError(d.output, this.predict(d.input));
  }
  classify(input) {
    const output = this.predict(input);
    return ${classify};
  }
}
`;
  assert.deepEqual(codes(lint.lintText(text('output.indexOf(Math.max(...output))'), 'net.js')), ['6:activation-mismatch']);
  // The largest output's value (a score, not a class) says nothing of the targets.
  assert.deepEqual(codes(lint.lintText(text('Math.max(...output)'), 'net.js')), []);
});
