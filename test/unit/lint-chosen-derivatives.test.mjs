// Hand networks whose activation (and its derivative) is chosen by a name: a derivative helper that switches on an
// argument (`derivative(y, 'sigmoid')`), or on a setting the file fixes or a page keeps in React state, with the sigmoid
// computed by the file's own activation function (`const s = activate(x); return s * (1 - s)`). The output error times
// the sigmoid's derivative is the gradient of a squared error on a sigmoid output: with 0/1 targets, a mismatch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code, file = '/p/net.js') => lint.lintText(code, file).diagnostics.map((d) => `${d.code}:${d.line}`);

const XOR = 'const data = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]];';

/** A network trained on XOR whose output delta calls `derivative(output, name)`, the helper's cases given. */
const namedDerivative = (cases, outputName, hidden = '') => `function derivative(y, name) {
  switch (name) {
${cases}
    default: return 1;
  }
}
${XOR}
function train(net, target) {
  const output = net.out;
  const error = target - output;
  net.delta = error * derivative(output, '${outputName}');
${hidden}}
for (const d of data) train(net, d[2]);
`;

test('chosen derivatives: a helper switching on its own argument is the derivative the call names', () => {
  const cases = "    case 'sigmoid': return y * (1 - y);\n    case 'relu': return y > 0 ? 1 : 0;";
  const net = (outputName) => namedDerivative(cases, outputName, "  net.hiddenDelta = net.w * net.delta * derivative(net.hidden, 'relu');\n");
  assert.deepEqual(codes(net('sigmoid')), ['activation-mismatch:11']);
  // A relu (or linear) output's derivative is no sigmoid's: the squared error is the regression it looks like.
  assert.deepEqual(codes(net('relu')), []);
  assert.deepEqual(codes(net('linear')), []);
});

test('chosen derivatives: the file\'s activation function, decided by a setting it fixes, is the sigmoid', () => {
  const net = (activation) => `const ACTIVATION = '${activation}';
function activate(x) {
  switch (ACTIVATION) {
    case 'sigmoid': return 1 / (1 + Math.exp(-x));
    case 'tanh': return Math.tanh(x);
    default: return x;
  }
}
function activateDerivative(x) {
  switch (ACTIVATION) {
    case 'sigmoid': {
      const s = activate(x);
      return s * (1 - s);
    }
    case 'tanh': return 1 - Math.tanh(x) ** 2;
    default: return 1;
  }
}
${XOR}
function backward(net, target) {
  const output = net.out;
  const error = target - output;
  net.grad = error * activateDerivative(net.z);
}
for (const d of data) backward(net, d[2]);
`;
  assert.deepEqual(codes(net('sigmoid')), ['activation-mismatch:22']);
  assert.deepEqual(codes(net('tanh')), []);
});

/** A playground page keeping its activation in React state; `effect` is a line run after the state is made. */
const playground = (start, effect = '') => `import { useState, useEffect } from 'react';
export default function Playground() {
  const [config, setConfig] = useState({ activation: '${start}', learningRate: 0.1 });
${effect}  const [net, setNet] = useState({ out: 0, z: 0, grad: 0 });
  const rows = [
    { inputs: [0, 0], output: 0 },
    { inputs: [0, 1], output: 1 },
    { inputs: [1, 0], output: 1 },
    { inputs: [1, 1], output: 0 },
  ];
  const activate = (x) => {
    switch (config.activation) {
      case 'sigmoid': return 1 / (1 + Math.exp(-x));
      case 'relu': return Math.max(0, x);
      default: return x;
    }
  };
  const activateDerivative = (x) => {
    switch (config.activation) {
      case 'sigmoid':
        const s = activate(x);
        return s * (1 - s);
      case 'relu': return x > 0 ? 1 : 0;
      default: return 1;
    }
  };
  const backward = (target) => {
    const output = net.out;
    const error = target - output;
    setNet({ ...net, grad: error * activateDerivative(net.z) });
  };
  const step = () => rows.forEach((r) => backward(r.output));
  return (
    <div>
      <select onChange={(e) => setConfig({ ...config, activation: e.target.value })} />
      <button onClick={step}>Train</button>
    </div>
  );
}
`;

test('chosen derivatives: a setting kept in React state is what the state starts as', () => {
  assert.deepEqual(codes(playground('sigmoid'), '/p/Playground.jsx'), ['activation-mismatch:29']);
  assert.deepEqual(codes(playground('relu'), '/p/Playground.jsx'), []);
});

test('chosen derivatives: React state the page sets to another value is not its start', () => {
  const page = playground('sigmoid', "  useEffect(() => { setConfig({ activation: 'linear', learningRate: 0.1 }); }, []);\n");
  assert.deepEqual(codes(page, '/p/Playground.jsx'), []);
});

test('chosen derivatives: a case that falls through to the next one takes its return', () => {
  const cases = "    case 'sigmoid':\n    case 'logistic': {\n      return y * (1 - y);\n    }";
  assert.deepEqual(codes(namedDerivative(cases, 'sigmoid')), ['activation-mismatch:13']);
});
