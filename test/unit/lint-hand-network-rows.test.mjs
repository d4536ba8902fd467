// Hand networks as front-end playgrounds write them: rows of a data set read field by field (`sample.target - output`,
// `const { x, y, target } = data` in a `for…of`), an output kept on the object (`this.a2 = this.sigmoid(this.z2)`), the
// network and its data kept in React state (`useState(() => makeRows())`, `setNetwork(new Net())`). A sigmoid output
// trained by a squared error's backpropagation on 0/1 rows is reported; the same code on continuous targets is not.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code, file = '/p/net.js') => lint.lintText(code, file).diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.code}:${d.line}`);

const rows = (t) => `const ROWS = [
  { x: 0, y: 0, target: ${t[0]} },
  { x: 0, y: 1, target: ${t[1]} },
  { x: 1, y: 0, target: ${t[2]} },
  { x: 1, y: 1, target: ${t[3]} },
];
function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }
function sigmoidDerivative(s) { return s * (1 - s); }
`;
const CLASSES = [0, 1, 1, 0];
const VALUES = [0.1, 0.35, 0.6, 0.85];

test('hand network rows: a target destructured from each row of a for…of loop', () => {
  const net = (t) => `${rows(t)}function trainStep(net) {
  for (const data of ROWS) {
    const { x, y, target } = data;
    const output = sigmoid(x * net.w1 + y * net.w2 + net.b);
    const error = target - output;
    const delta = error * sigmoidDerivative(output);
    net.b += 0.1 * delta;
  }
}
`;
  assert.deepEqual(codes(net(CLASSES)), ['activation-mismatch:13']);
  assert.deepEqual(codes(net(VALUES)), []);
});

test('hand network rows: a target read as a field of the row (sample.target - output)', () => {
  const net = (t) => `${rows(t)}function trainStep(net) {
  for (const sample of ROWS) {
    const output = sigmoid(sample.x * net.w1 + sample.y * net.w2 + net.b);
    const error = sample.target - output;
    net.b += 0.1 * error * sigmoidDerivative(output);
  }
}
`;
  assert.deepEqual(codes(net(CLASSES)), ['activation-mismatch:12']);
  assert.deepEqual(codes(net(VALUES)), []);
});

test('hand network rows: rows React state starts with, read in a forEach callback', () => {
  const page = (label) => `import { useState } from 'react';
export default function Sandbox() {
  const [net] = useState({ w: 0.1, b: 0 });
  const [dataset] = useState(() => {
    const pts = [];
    for (let i = 0; i < 80; i++) {
      const r = Math.random();
      const label = ${label};
      pts.push({ x1: r, x2: 1 - r, label });
    }
    return pts;
  });
  const trainStep = () => {
    dataset.forEach((pt) => {
      const prediction = 1 / (1 + Math.exp(-(net.w * pt.x1 + net.b)));
      const diff = prediction - pt.label;
      net.b -= 0.1 * diff * prediction * (1 - prediction);
    });
  };
  return <button onClick={trainStep}>Step</button>;
}
`;
  assert.deepEqual(codes(page('r < 0.6 ? 1 : 0'), '/p/Sandbox.jsx'), ['activation-mismatch:16']);
  assert.deepEqual(codes(page('r * 0.5'), '/p/Sandbox.jsx'), []);
});

test('hand network rows: an output the class keeps on itself, a network React state holds', () => {
  const page = (targets) => `import { useState } from 'react';
class Net {
  E = 2.71828;
  w = 0.5;
  z2 = 0;
  a2 = 0;
  sigmoid(z) { return 1 / (1 + Math.pow(this.E, -z)); }
  sigmoidDerivative(z) { const s = this.sigmoid(z); return s * (1 - s); }
  forward(x) { this.z2 = this.w * x; this.a2 = this.sigmoid(this.z2); return this.a2; }
  backward(x, target, lr) {
    const error = this.a2 - target;
    const d2 = error * this.sigmoidDerivative(this.z2);
    this.w -= lr * d2 * x;
    return error * error;
  }
}
export default function Lesson() {
  const INPUTS = [0, 1, 2, 3];
  const TARGETS = [${targets.join(', ')}];
  const [network, setNetwork] = useState(null);
  const reset = () => setNetwork(new Net());
  const step = () => {
    if (!network) return;
    for (let i = 0; i < 4; i++) {
      network.forward(INPUTS[i]);
      network.backward(INPUTS[i], TARGETS[i], 0.5);
    }
  };
  return <div><button onClick={reset}>Reset</button><button onClick={step}>Step</button></div>;
}
`;
  assert.deepEqual(codes(page(CLASSES), '/p/Lesson.jsx'), ['activation-mismatch:11']);
  assert.deepEqual(codes(page(VALUES), '/p/Lesson.jsx'), []);
});

test('hand network rows: an output destructured from what the forward pass returns', () => {
  const net = (t) => `${rows(t)}class MLP {
  w = 0.5;
  b = 0;
  forward(x) {
    const z2 = this.w * x + this.b;
    const a2 = sigmoid(z2);
    return { z2, a2 };
  }
  trainStep(lr) {
    for (const { x, target } of ROWS) {
      const { z2, a2 } = this.forward(x);
      const error = a2 - target;
      const dz2 = 2 * error * sigmoidDerivative(a2);
      this.w -= lr * dz2 * x;
    }
  }
}
`;
  assert.deepEqual(codes(net(CLASSES)), ['activation-mismatch:20']);
  assert.deepEqual(codes(net(VALUES)), []);
});

test('hand network rows: the derivative written out on elements, a network kept in a var that starts empty', () => {
  const page = (encode) => `class NeuralNetwork {
  constructor(n) { this.w = new Array(n).fill(0.1); this.b = new Array(n).fill(0); }
  train(inputs, target) {
    const output = new Array(this.w.length);
    for (let i = 0; i < output.length; i++) output[i] = 1 / (1 + Math.exp(-(this.w[i] * inputs[0] + this.b[i])));
    const errors = new Array(output.length);
    for (let i = 0; i < output.length; i++) {
      errors[i] = target[i] - output[i];
      this.w[i] += 0.1 * errors[i] * output[i] * (1 - output[i]) * inputs[0];
    }
  }
}
var net = "";
function setup() { net = new NeuralNetwork(3); }
function encode(label) { ${encode} }
function train(rows) { for (const r of rows) net.train([r.x], encode(r.label)); }
`;
  const oneHot = "const table = { red: [1, 0, 0], green: [0, 1, 0], blue: [0, 0, 1] }; return table[label];";
  assert.deepEqual(codes(page(oneHot)), ['activation-mismatch:8']);
  assert.deepEqual(codes(page('return [label * 0.3, label * 0.2, 0.5];')), []);
});

test('hand network rows: rows a React ref holds (dataRef.current = generateData()), read back through a const', () => {
  const component = (label) => `import { useRef, useCallback } from 'react';
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const sigmoidDeriv = (out: number) => out * (1 - out);
function step(w: number[], input: number[], target: number, lr: number): number {
  const output = sigmoid(w[0] * input[0] + w[1] * input[1] + w[2]);
  const error = output - target;
  const delta = 2 * error * sigmoidDeriv(output);
  for (let i = 0; i < 2; i++) w[i] -= lr * delta * input[i];
  w[2] -= lr * delta;
  return error * error;
}
function generateData(n: number) {
  const data: { x: number; y: number; label: number }[] = [];
  for (let i = 0; i < n; i++) {
    const x = Math.random();
    const y = Math.random();
    data.push({ x, y, label: ${label} });
  }
  return data;
}
export function Trainer() {
  const dataRef = useRef<{ x: number; y: number; label: number }[]>([]);
  const init = useCallback(() => {
    const data = generateData(200);
    dataRef.current = data;
  }, []);
  const train = () => {
    const w = [0, 0, 0];
    const data = dataRef.current;
    for (let s = 0; s < 100; s++) {
      const pt = data[Math.floor(Math.random() * data.length)];
      step(w, [pt.x, pt.y], pt.label, 0.3);
    }
  };
  return null;
}
`;
  assert.deepEqual(codes(component('x * x + y * y < 0.5 ? 1 : 0'), '/p/Trainer.tsx'), ['activation-mismatch:6']);
  // The same rows with a continuous label: a regression, silent.
  assert.deepEqual(codes(component('x * 0.5 + y * 0.25'), '/p/Trainer.tsx'), []);
});
