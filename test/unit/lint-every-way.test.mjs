// A loss chosen by one setting (`switch (lossType)`) for a model whose head another setting chooses (`if (numClasses
// === 2)` sigmoid, else softmax): no way of the head goes with the loss, so the loss meets whichever way the model is
// built. It is checked against every way and reported only for what every way gives; then no fix of the loss is
// offered, since each way would want its own.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const lintOf = (text) => {
  const r = lint.lintText(text, '/src/net.ts');
  assert.equal(r.internalError, undefined);
  return r;
};

const net = (cases) => `import * as tf from '@tensorflow/tfjs';
export class Net {
  buildModel(config: { lossFunction: string }, numClasses: number): tf.Sequential {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'relu' }));
    if (numClasses === 2) {
      model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    } else {
      model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
    }
    const loss = this.getLossFunction(config.lossFunction, numClasses);
    model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
    return model;
  }
  private getLossFunction(lossType: string, numClasses: number): string {
    switch (lossType) {
${cases}
      default:
        return numClasses === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy';
    }
  }
}
`;

test("a squared error another setting chooses: wrong for the sigmoid way and the softmax way, so reported once for both", () => {
  const r = lintOf(net(`      case 'mse':\n        return 'meanSquaredError';`));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:12']);
  const d = r.diagnostics[0];
  assert.match(d.detail, /softmax output/);
  assert.match(d.detail, /When the model is built with its sigmoid output: .*\(output layer at line 7\)/);
  // No way's own loss fits the other way: no fix is offered.
  assert.deepEqual(d.fixes, []);
});

test('a loss wrong for one way only, chosen by another setting: silent (that way may never meet it)', () => {
  // binaryCrossentropy suits the sigmoid way, not the softmax one.
  assert.deepEqual(lintOf(net(`      case 'bce':\n        return 'binaryCrossentropy';`)).diagnostics, []);
  // Every way the numClasses test pairs stays as it was: the default branch goes with each head.
  assert.deepEqual(lintOf(net('')).diagnostics, []);
});

test('every way: one diagnostic when two settings choose the same loss, each way in its own words, and a misspelt name keeps its fix', () => {
  const twice = lintOf(net(`      case 'mse':\n        return 'meanSquaredError';\n      case 'l2':\n        return 'meanSquaredError';`));
  assert.deepEqual(twice.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:12']);
  // The softmax way's reason, then the sigmoid way's own.
  assert.match(twice.diagnostics[0].detail, /softmax's Jacobian.*When the model is built with its sigmoid output.*σ'\(z\)/s);
  // A loss TF.js does not know is wrong whatever the head: reported once, with its fix.
  const typo = lintOf(net(`      case 'bce':\n        return 'binaryCrossEntropy';`));
  assert.deepEqual(typo.diagnostics.map((d) => `${d.code}:${d.line}`), ['unknown-loss:18']);
  assert.deepEqual(typo.diagnostics[0].fixes.map((f) => f.title), ["Use 'binaryCrossentropy'"]);
});

test('every way: no fix that edits one way\'s output layer (the regression way keeps its linear head)', () => {
  const text = net(`      case 'cce':\n        return 'categoricalCrossentropy';`)
    .replace("if (numClasses === 2) {", "if (numClasses > 0) {")
    .replace("{ units: 1, activation: 'sigmoid' }", "{ units: 3, activation: 'sigmoid' }")
    .replace("{ units: numClasses, activation: 'softmax' }", "{ units: 3, activation: 'linear' }");
  const r = lintOf(text);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:12']);
  assert.deepEqual(r.diagnostics[0].fixes, []);
});
