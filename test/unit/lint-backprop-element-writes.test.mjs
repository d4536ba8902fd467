// Hand-written backpropagation in the shape of from-scratch "simple neural network" classes: the output error written
// element by element into an array (`outputError[i] = target[i] - output[i]`) and read back in the delta
// (`outputError[i] * this.sigmoidDerivative(output[i])`); targets destructured in a `for…of` over the rows
// (`for (const { input, output: target } of data)`); and targets written as softened one-hot rows
// (`Array(k).fill(0.01)` with `row[label] = 0.99`). Each is the squared error on a sigmoid output with class targets.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text) => {
  const r = lint.lintText(text, '/web/net.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

const net = ({ loop = 'for (const row of data) { const input = row.input; const target = row.output;', write = 'outputError[i] = error;', rows }) => `class Net {
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  sigmoidDerivative(x) { return x * (1 - x); }
  forward(input) { return { output: [this.sigmoid(this.w * input[0])] }; }
  train(data) {
    ${loop}
      const { output } = this.forward(input);
      const outputError = [];
      for (let i = 0; i < 1; i++) {
        const error = target[i] - output[i];
        ${write}
      }
      const gradients = [];
      for (let i = 0; i < 1; i++) {
        gradients[i] = outputError[i] * this.sigmoidDerivative(output[i]);
      }
      this.w += 0.1 * gradients[0];
    }
  }
}
const net = new Net();
net.train(${rows});
`;

const XOR = '[{ input: [0, 0], output: [0] }, { input: [0, 1], output: [1] }, { input: [1, 0], output: [1] }, { input: [1, 1], output: [0] }]';
const FRACTIONS = XOR.replace('output: [1] }, { input: [1, 0]', 'output: [0.75] }, { input: [1, 0]').replaceAll('output: [1]', 'output: [0.25]');

test('an error written element by element into an array and read back in the delta is the backpropagated squared error', () => {
  assert.deepEqual(findings(net({ rows: XOR })), ['activation-mismatch:10']);
  // The element written straight from the subtraction reads the same.
  assert.deepEqual(findings(net({ rows: XOR, write: 'outputError[i] = target[i] - output[i];' })), ['activation-mismatch:11']);
  // A delta taken at the hidden layer is every loss's backpropagation: silent.
  assert.deepEqual(findings(net({ rows: XOR }).replace('this.sigmoidDerivative(output[i])', 'this.sigmoidDerivative(hidden[i])')), []);
});

test('targets destructured from the rows a for…of runs over: their numbers decide', () => {
  const loop = 'for (const { input, output: target } of data) {';
  assert.deepEqual(findings(net({ loop, rows: XOR })), ['activation-mismatch:10']);
  // Fractions are a regression's targets, and rows the file does not write say nothing.
  assert.deepEqual(findings(net({ loop, rows: FRACTIONS })), []);
  assert.deepEqual(findings(net({ loop, rows: 'loadRows()' })), []);
  // The same rows through a callback's destructured parameter.
  const callback = net({ loop: 'data.forEach(({ input, output: target }) => {', rows: XOR }).replace('this.w += 0.1 * gradients[0];\n    }', 'this.w += 0.1 * gradients[0];\n    });');
  assert.deepEqual(findings(callback), ['activation-mismatch:10']);
});

test('softened one-hot targets (fill(0.01), then 0.99 at the class) are classes; a row of values is not', () => {
  const text = (off, on) => `class Net {
  sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
  dsigmoid(y) { return y * (1 - y); }
  train(input, targets) {
    const outputs = input.map((v) => this.sigmoid(v));
    this.w = outputs.map((o, i) => this.dsigmoid(o) * (targets[i] - o));
  }
}
const toTarget = (digits) => {
  const target = Array(50).fill(${off});
  digits.split('').forEach((d, k) => { target[k * 10 + Number(d)] = ${on}; });
  return target;
};
const net = new Net();
const t = toTarget('12345');
net.train([1, 2], t);
`;
  assert.deepEqual(findings(text('0.01', '0.99')), ['activation-mismatch:6']);
  assert.deepEqual(findings(text('0.1', '0.9')), ['activation-mismatch:6']);
  assert.deepEqual(findings(text('0', '1')), ['activation-mismatch:6']);
  // Zeros with 0.99 at the class (only the top end kept off the asymptote), as Rashid's digit networks write it.
  assert.deepEqual(findings(text('0', '0.99')), ['activation-mismatch:6']);
  assert.deepEqual(findings(text('0', '0.5')), []);
  // A filled row with a value that is not a class's end is no one-hot row.
  assert.deepEqual(findings(text('0.01', '0.5')), []);
  assert.deepEqual(findings(text('0.3', '0.7')), []);
});

test("an error made by a helper (Nielsen's cost_derivative(output_activations, y)) times sigmoid_prime is the backpropagated squared error", () => {
  const text = (evaluate, costBody = 'return output_activations.sub(y);') => `import * as tf from '@tensorflow/tfjs';
export class Network {
  backprop(x, y) {
    const zs = [];
    let activation = x;
    this.weights.forEach((w, i) => {
      const z = w.dot(activation).add(this.biases[i]);
      zs.push(z);
      activation = z.sigmoid();
    });
    const delta = this.cost_derivative(activation, y).mul(this.sigmoid_prime(zs[zs.length - 1]));
    return delta;
  }
  ${evaluate}
  cost_derivative(output_activations, y) {
    ${costBody}
  }
  sigmoid_prime(z) {
    return z.sigmoid().mul(tf.sub(1, z.sigmoid()));
  }
  feedforward(a) {
    this.weights.forEach((w, i) => { a = w.dot(a).add(this.biases[i]).sigmoid(); });
    return a;
  }
}
`;
  const argMax = `evaluate(testData) {
    let sum = 0;
    testData.forEach((data) => {
      const x = tf.tidy(() => this.feedforward(data[0]).argMax());
      if (x.dataSync()[0] === data[1].argMax().dataSync()[0]) sum++;
    });
    return sum;
  }`;
  assert.deepEqual(findings(text(argMax)), ['activation-mismatch:11']);
  // Nothing says the targets are classes: silent; and a helper that returns something else is no error.
  assert.deepEqual(findings(text('')), []);
  assert.deepEqual(findings(text(argMax, 'return output_activations.sub(y).square();')), []);
});
