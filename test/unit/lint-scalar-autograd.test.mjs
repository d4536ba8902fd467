// Scalar autograds written by hand, micrograd and its many ports: a `Value` class wraps one number, its methods
// (`add`, `mul`, `sub`, `relu`, `log`) compute as a tensor's would and record the step back for `backward()`. A loss
// written with them is read as the same expression on tensors: `new Value(1).sub(margin).relu()` is a hinge.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code, file = '/p/src/engine.ts') => lint.lintText(code, file).diagnostics.map((d) => `${d.code}:${d.line}`);

const VALUE_CLASS = `export class Value {
  data: number;
  grad = 0;
  private _backward: () => void = () => {};
  constructor(data: number, readonly parents: Value[] = [], readonly op = '') {
    this.data = data;
  }
  add(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other);
    const out = new Value(this.data + o.data, [this, o], '+');
    out._backward = () => { this.grad += out.grad; o.grad += out.grad; };
    return out;
  }
  mul(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other);
    const out = new Value(this.data * o.data, [this, o], '*');
    out._backward = () => { this.grad += o.data * out.grad; o.grad += this.data * out.grad; };
    return out;
  }
  sub(other: Value | number): Value {
    return this.add(other instanceof Value ? other.mul(-1) : -other);
  }
  pow(k: number): Value {
    const out = new Value(this.data ** k, [this], 'pow');
    out._backward = () => { this.grad += k * this.data ** (k - 1) * out.grad; };
    return out;
  }
  relu(): Value {
    const out = new Value(Math.max(0, this.data), [this], 'relu');
    out._backward = () => { this.grad += (out.data > 0 ? 1 : 0) * out.grad; };
    return out;
  }
  backward(): void {
    this.grad = 1;
  }
}
`;

const withLoss = (body) => `${VALUE_CLASS}
export function hingeLoss(predictions: Value[], targets: number[]): Value {
  let total = new Value(0, [], 'loss');
  for (let i = 0; i < predictions.length; i++) {
${body}
  }
  return total.mul(1 / predictions.length);
}
`;

test('scalar autograd: a hinge written with Value methods is a kink at the margin', () => {
  const src = withLoss(`    const margin = predictions[i].mul(targets[i]);
    total = total.add(new Value(1).sub(margin).relu());`);
  assert.deepEqual(codes(src), ['non-differentiable:42']);
  // The same, started from the constant: micrograd's own demo writes (1 + -y * score).relu().
  const demo = withLoss(`    total = total.add(new Value(1).add(predictions[i].mul(-targets[i])).relu());`);
  assert.deepEqual(codes(demo), ['non-differentiable:41']);
});

test('scalar autograd: the class\'s own ops and a smooth loss stay silent', () => {
  // relu() itself (Math.max(0, this.data)) is the op's definition, not a loss; a squared error has no kink.
  const mse = withLoss(`    const diff = predictions[i].sub(targets[i]);
    total = total.add(diff.pow(2));`);
  assert.deepEqual(codes(mse), []);
});

test('scalar autograd: only a node class with a backward pass is read as tensor ops, and only a wrapped number', () => {
  // A class without backward() and grad keeps its own methods: they are read as written.
  const plain = withLoss(`    const margin = predictions[i].mul(targets[i]);
    total = total.add(new Value(1).sub(margin).relu());`).replace('  backward(): void {\n    this.grad = 1;\n  }\n', '');
  assert.deepEqual(codes(plain), []);
  // `new Value(1, 2)` is not one number wrapped (sizes, ids): not read as a constant.
  const sized = withLoss(`    const margin = predictions[i].mul(targets[i]);
    total = total.add(new Value(1, 2).sub(margin).relu());`);
  assert.deepEqual(codes(sized), []);
});

test('scalar autograd: a number wrapper of the file without a backward pass keeps its own ops', () => {
  // Its "relu" is a smooth softplus: read as written, no kink.
  const wrapper = `class Value {
  constructor(readonly data: number) {}
  sub(o: number): Value { return new Value(this.data - o); }
  relu(): Value { return new Value(Math.log1p(Math.exp(this.data))); }
}
export function smoothHinge(prediction: number, target: number) {
  const margin = prediction * target;
  return new Value(1).sub(margin).relu();
}
`;
  assert.deepEqual(codes(wrapper), []);
});

test('scalar autograd: a method that is given its operand is the class\'s own, even on a node class', () => {
  // `helper.log(yPred)` takes the log of its argument, not of the helper: the log of a sigmoid output is still found
  // (where the helper writes it, as for any helper read in place).
  const src = `export class Ops {
  grad = 0;
  backward(): void { this.grad = 1; }
  log(x: number): number { return Math.log(x); }
}
const helper = new Ops();
export function bce(yTrue: number, yPred: number): number {
  const p = 1 / (1 + Math.exp(-yPred));
  return -(yTrue * helper.log(p) + (1 - yTrue) * helper.log(1 - p));
}
`;
  assert.ok(codes(src).includes('log-of-zero:4'), codes(src).join(' '));
});

test('scalar autograd: an imported Value class\'s static helpers compute on the values given', () => {
  // `Value.mean(diffs)` of `import { Value } from './Value'`: the mean of the diffs, so the MAE's kink is found.
  const lossesOf = (elementwise) => `import { Value } from './Value';
export class Losses {
  static mae(outputs: Value[], targets: Value[]): Value {
    if (!outputs.length) return new Value(0);
    const diffs = outputs.map((out, i) => ${elementwise});
    return Value.mean(diffs);
  }
}
`;
  assert.deepEqual(codes(lossesOf('out.sub(targets[i]).abs()'), '/p/src/Losses.ts'), ['non-differentiable:5']);
  assert.deepEqual(codes(lossesOf('out.sub(targets[i]).square()'), '/p/src/Losses.ts'), []);
  // A class imported under another name is not taken for an autograd's node: its helper is not read as an op.
  const other = lossesOf('out.sub(targets[i]).abs()').replaceAll('Value', 'Stats');
  assert.deepEqual(codes(other, '/p/src/Losses.ts'), []);
});

test('scalar autograd: plain JavaScript sets the node\'s fields in its constructor', () => {
  // `this.grad = 0; this._backward = () => {}` in the constructor, `backward()` a method: a node of an autograd.
  const src = `class Variable {
  constructor(value, name = '') {
    this.value = value;
    this.grad = 0;
    this._backward = () => {};
  }
  mul(other) {
    const o = other instanceof Variable ? other : new Variable(other);
    const out = new Variable(this.value * o.value);
    out._backward = () => { this.grad += o.value * out.grad; o.grad += this.value * out.grad; };
    return out;
  }
  log() {
    const out = new Variable(Math.log(this.value));
    out._backward = () => { this.grad += out.grad / this.value; };
    return out;
  }
  backward() { this.grad = 1; this._backward(); }
}
const v = (value, name = '') => new Variable(value, name);
class Loss {
  static crossEntropy(predictions, targets) {
    let loss = v(0);
    for (let i = 0; i < predictions.length; i++) {
      const logProb = predictions[i].log();
      loss = loss.add(targets[i].mul(logProb).neg());
    }
    return loss.div(predictions.length);
  }
}
`;
  assert.deepEqual(codes(src, '/p/autograd.js'), ['log-of-zero:25']);
  // Without its backward pass the class is a plain number wrapper: its log() is read as written (no loss read).
  assert.deepEqual(codes(src.replace("  backward() { this.grad = 1; this._backward(); }\n", ''), '/p/autograd.js'), []);
});
