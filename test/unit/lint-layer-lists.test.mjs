// Layers the code writes out in a list and adds in a loop (layers.ts, layerLoops.ts): `for (const l of layers)
// model.add(l)`, `layers.forEach((l) => model.add(l))`, `for (let i = 0; i < layers.length; i++) model.add(layers[i])`,
// also in a helper the list is handed to (`addLayers(model, [ … ])`). The output layer is the list's last one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'model.js').diagnostics.map((d) => `${d.line}: ${d.code}`);

const inline = (loop, last = "tf.layers.dense({ units: 1, activation: 'sigmoid' })") => `const tf = require('@tensorflow/tfjs');
function defineModel() {
  const model = tf.sequential();
  const layers = [
    tf.layers.dense({ inputShape: [8], units: 3, activation: 'relu' }),
    ${last},
  ];
  ${loop}
  model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam' });
  return model;
}
module.exports = defineModel;
`;

for (const loop of ['for (const l of layers) model.add(l);', 'layers.forEach((l) => model.add(l));', 'for (let i = 0; i < layers.length; i++) model.add(layers[i]);']) {
  test(`a list of layers added by \`${loop}\`: its last layer is the output`, () => {
    assert.deepEqual(found(inline(loop)), ['9: activation-mismatch']);
    assert.deepEqual(found(inline(loop, "tf.layers.dense({ units: 4, activation: 'softmax' })")), []);
  });
}

test('a counter loop that stops short of the last layer does not make it the output', () => {
  assert.deepEqual(found(inline('for (let i = 0; i < layers.length - 1; i++) model.add(layers[i]);')), []);
});

test('a helper given the model and the list adds them: the list the call writes out is read', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const addLayers = (model, layers) => {
  for (let i = 0; i < layers.length; i++) {
    model.add(layers[i]);
  }
};
function defineModel() {
  const model = tf.sequential();
  addLayers(model, [
    tf.layers.inputLayer({ inputShape: [8, 1] }),
    tf.layers.lstm({ units: 32 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ]);
  return model;
}
class Net {
  constructor() {
    this.settings = { optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] };
    this.model = defineModel();
  }
  train(xs, ys) {
    this.model.compile(this.settings);
    return this.model.fit(xs, ys);
  }
}
module.exports = Net;
`;
  assert.deepEqual(found(text), ['18: activation-mismatch']);
});

// Layers made by name from a list of specs (`model.add(tf.layers[spec.type](spec.config))`), as services that keep
// their architecture as data write them: the last spec's kind and configuration make the output layer.
const specService = (last, loop = 'for (const layer of this.architecture.layers) {\n      model.add(tf.layers[layer.type](layer.config));\n    }') => `import * as tf from '@tensorflow/tfjs';
export class DeepLearningService {
  private architecture: any;
  constructor() {
    this.architecture = {
      layers: [
        { type: 'dense', config: { units: 128, activation: 'relu', inputShape: [20] } },
        { type: 'dropout', config: { rate: 0.3 } },
        ${last},
      ],
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
    };
  }
  buildModel(): tf.LayersModel {
    const model = tf.sequential();
    ${loop}
    model.compile({ optimizer: 'adam', loss: this.architecture.loss, metrics: this.architecture.metrics });
    return model;
  }
}
`;
const specFound = (text) => lint.lintText(text, 'service.ts').diagnostics.map((d) => `${d.line}: ${d.code}`);

test('layers made by name from a list of specs: the last spec is the output layer', () => {
  assert.deepEqual(specFound(specService("{ type: 'dense', config: { units: 1, activation: 'sigmoid' } }")), ['20: activation-mismatch']);
  assert.deepEqual(specFound(specService("{ type: 'dense', config: { units: 64, activation: 'relu' } }")), ['20: activation-mismatch']);
  assert.deepEqual(specFound(specService("{ type: 'dense', config: { units: 5, activation: 'softmax' } }")), []);
  const forEach = 'this.architecture.layers.forEach((spec) => model.add(tf.layers[spec.type](spec.config)));';
  assert.deepEqual(specFound(specService("{ type: 'dense', config: { units: 1, activation: 'sigmoid' } }", forEach)), ['18: activation-mismatch']);
  assert.deepEqual(specFound(specService("{ type: 'dense', config: { units: 5, activation: 'softmax' } }", forEach)), []);
});

test('a spec that is its own configuration (`tf.layers[spec.type](spec)`) is read the same way', () => {
  const text = `const tf = require('@tensorflow/tfjs');
const SPECS = [
  { type: 'dense', units: 16, activation: 'relu', inputShape: [4] },
  { type: 'dense', units: 3, activation: 'sigmoid' },
];
function build() {
  const model = tf.sequential();
  SPECS.forEach((spec) => model.add(tf.layers[spec.type](spec)));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
module.exports = build;
`;
  assert.deepEqual(found(text), ['9: activation-mismatch']);
  assert.deepEqual(found(text.replace("units: 3, activation: 'sigmoid'", "units: 3, activation: 'softmax'")), []);
});

test('a layer kind the code does not write out (`tf.layers[kind]` of a parameter) says nothing', () => {
  const text = `const tf = require('@tensorflow/tfjs');
function build(kind, config) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
  model.add(tf.layers[kind](config));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
module.exports = build;
`;
  assert.deepEqual(found(text), []);
});

// A class that keeps its layers in fields and adds them in another method (a port of a PyTorch module's
// `self.output = nn.Linear(…)`): the field's one layer is the output, even with a dropout added after it.
const fields = (activation, tail = 'this.model.add(this.dropout);') => `class SpeechModel {
  constructor(config) {
    this.config = config;
    this.hidden = tf.layers.dense({ units: 32, activation: 'relu', inputShape: [40] });
    this.output = tf.layers.dense({ units: this.config.labels, activation: '${activation}' });
    this.dropout = tf.layers.dropout({ rate: 0.5 });
  }
  compile() {
    this.model = tf.sequential();
    this.model.add(this.hidden);
    this.model.add(this.output);
    ${tail}
    this.model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  }
}
`;

test('a layer kept in a field of the class and added from it is the output layer', () => {
  assert.deepEqual(found(fields('linear')), ['13: activation-mismatch']);
  assert.deepEqual(found(fields('linear', '')), ['13: activation-mismatch']);
  assert.deepEqual(found(fields('softmax')), []);
});

test('a field given two different layers says nothing of the output', () => {
  const text = fields('linear').replace("this.model = tf.sequential();", "this.model = tf.sequential();\n    if (this.config.probabilities) this.output = tf.layers.dense({ units: this.config.labels, activation: 'softmax' });");
  assert.deepEqual(found(text), []);
});
