// Classes written the ES5 way, as older tutorials and p5-era sketches do: a constructor function whose prototype
// methods build, compile and train the model (`Net.prototype.train = function () { this.model.compile(…) }`),
// methods set in the constructor (`this.train = function () { … }`), and `var self = this` kept for callbacks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (r) => r.diagnostics.map((d) => `${d.code}:${d.line}`);

test('ES5 class: a prototype method compiles the model another prototype method built', () => {
  const text = `function NeuralNetwork(a, b) {
  this.inputNodes = a;
  this.model = this.createModel();
}
NeuralNetwork.prototype.createModel = function () {
  var model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, inputShape: [this.inputNodes], activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  return model;
};
NeuralNetwork.prototype.train = function (xs, ys) {
  this.model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  return this.model.fit(tf.tensor2d(xs), tf.oneHot(tf.tensor1d(ys, 'int32'), 2));
};
`;
  const r = lint.lintText(text, 'nn.js');
  assert.equal(r.sites[0].activation, 'softmax');
  assert.deepEqual(codes(r), ['activation-mismatch:12']);
  // The same with the prototype spelled as one object, and with a var-held constructor.
  const literal = text
    .replace('NeuralNetwork.prototype.createModel = function () {', 'NeuralNetwork.prototype = {\n  createModel: function () {')
    .replace('};\nNeuralNetwork.prototype.train = function (xs, ys) {', '},\n  train: function (xs, ys) {')
    .replace(/};\n$/, '},\n};\n');
  assert.deepEqual(codes(lint.lintText(literal, 'nn.js')).map((c) => c.split(':')[0]), ['activation-mismatch']);
  const held = text.replace('function NeuralNetwork(a, b) {', 'var NeuralNetwork = function (a, b) {').replace('this.model = this.createModel();\n}', 'this.model = this.createModel();\n};');
  assert.deepEqual(codes(lint.lintText(held, 'nn.js')), ['activation-mismatch:12']);
});

test('ES5 class: a prototype of a name the file does not declare as a function stays unknown', () => {
  const text = `const Net = require('./net');
Net.prototype.train = function () {
  this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
};
`;
  const r = lint.lintText(text, 'net-train.js');
  assert.ok(r.sites.every((s) => s.activation === null));
  assert.deepEqual(codes(r), []);
});

test('self = this: a method set in the constructor compiles the model through the alias', () => {
  const text = `var Brain = function () {
  var self = this;
  this.model = tf.sequential();
  this.model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'sigmoid' }));
  this.train = function (xs, ys) {
    self.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    return self.model.fit(xs, ys);
  };
};
`;
  const r = lint.lintText(text, 'brain.js');
  assert.equal(r.sites[0].activation, 'sigmoid');
  assert.deepEqual(codes(r), ['activation-mismatch:6']);
  // Layers added through the alias count too.
  const viaAlias = text.replace("this.model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'sigmoid' }));", "self.model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' }));");
  const v = lint.lintText(viaAlias, 'brain.js');
  assert.equal(v.sites[0].activation, 'softmax');
  assert.deepEqual(codes(v), []);
  // An alias given another value is not `this` any more.
  const moved = text.replace('var self = this;', 'var self = this;\n  self = other;');
  assert.equal(lint.lintText(moved, 'brain.js').sites[0].activation, null);
});

test('this kept by TypeScript\'s ES5 output (__awaiter, __generator), by .bind(this) and by a forEach thisArg', () => {
  const body = (wrap) => `function Trainer() {
  this.model = tf.sequential();
  this.model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'sigmoid' }));
}
Trainer.prototype.train = function (xs, ys) {
  ${wrap}
};
`;
  const compile = "this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });";
  for (const wrap of [
    `return __awaiter(this, void 0, void 0, function () { return __generator(this, function (_a) { ${compile} return [2]; }); });`,
    `setTimeout(function () { ${compile} }.bind(this), 0);`,
    `[1].forEach(function () { ${compile} }, this);`,
  ]) {
    assert.deepEqual(codes(lint.lintText(body(wrap), 'trainer.js')).map((c) => c.split(':')[0]), ['activation-mismatch'], wrap);
  }
  // A plain callback has its own this.
  assert.deepEqual(codes(lint.lintText(body(`[1].forEach(function () { ${compile} });`), 'trainer.js')), []);
});
