// Output layers a model builder gets from elsewhere in its file: a layer a method returns (`model.add(this.heads())`,
// `const head = buildHead(); model.add(head)`), a model a method builds placed in a `layers:` list, and layers added
// in a loop over a configuration that each call of the builder hands in (`createModel(config)` called with a
// regression's and a classifier's configuration): one way of building the model per configuration.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (code) => lint.lintText(code, '/p/model.js').diagnostics.filter((d) => d.code === 'activation-mismatch');

test('builder layers: a layer a function or method of the file returns is the layer added', () => {
  for (const [define, add] of [
    ['function head() { return tf.layers.dense({ units: 10, activation: "relu" }); }', 'const h = head(); model.add(h);'],
    ['function head() { return tf.layers.dense({ units: 10, activation: "relu" }); }', 'model.add(head());'],
    ['const head = () => tf.layers.dense({ units: 10, activation: "relu" });', 'model.add(head());'],
  ]) {
    const code = `import * as tf from '@tensorflow/tfjs';
${define}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
${add}
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;
    const found = findings(code);
    assert.equal(found.length, 1, code);
    assert.match(found[0].message, /categoricalCrossentropy wants probabilities, but the relu output is unbounded/);
    assert.equal(found[0].line, 6);
  }
  // The same builders returning a softmax head are a matched pair.
  assert.deepEqual(findings(`import * as tf from '@tensorflow/tfjs';
function head() { return tf.layers.dense({ units: 10, activation: 'softmax' }); }
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
model.add(head());
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`), []);
});

test('builder layers: a model a method builds, placed in a layers list, ends the model in its output layer', () => {
  const code = (activation) => `import * as tf from '@tensorflow/tfjs';
class Net {
  build() {
    this.head = this.buildHead();
    this.model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4] }), this.head] });
    this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  }
  buildHead() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 16, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 10, activation: '${activation}' }));
    return model;
  }
}
`;
  assert.deepEqual(findings(code('relu')).map((d) => d.line), [6]);
  assert.deepEqual(findings(code('softmax')), []);
});

/** A service that builds each of its models from a description, as `createModel(config)` with a loop over its layers. */
const service = (last) => `import * as tf from '@tensorflow/tfjs';
class Service {
  async init() {
    this.sales = await this.loadOrCreate('sales', {
      layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 7, activation: 'linear' }],
    });
    this.behaviour = await this.loadOrCreate('behaviour', {
      layers: [{ type: 'dense', units: 32, activation: 'relu' }, { type: 'dropout', rate: 0.2 }, ${last}],
    });
  }
  async loadOrCreate(name, config) {
    try {
      return await tf.loadLayersModel(\`file://./models/\${name}/model.json\`);
    } catch (e) {
      return this.createModel(config);
    }
  }
  createModel(config) {
    const model = tf.sequential();
    config.layers.forEach((layer, index) => {
      const options = { units: layer.units, activation: layer.activation };
      if (index === 0) options.inputShape = [20];
      if (layer.type === 'dense') model.add(tf.layers.dense(options));
      else if (layer.type === 'dropout') model.add(tf.layers.dropout({ rate: layer.rate }));
    });
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    return model;
  }
}
`;

test('builder layers: each configuration the callers hand a builder is a way of building its model', () => {
  const found = findings(service("{ type: 'dense', units: 5, activation: 'softmax' }"));
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 26);
  assert.match(found[0].message, /meanSquaredError on a softmax output/);
  // The detail names the configuration whose output it is: the line its activation is written on.
  assert.match(found[0].detail, /when the model is built with its softmax output at line 8\)/);
  // No fix changes the loss every configuration shares.
  assert.deepEqual(found[0].fixes.filter((f) => /loss|crossentropy/i.test(f.title)), []);
});

test('builder layers: configurations whose outputs all suit the loss stay silent', () => {
  assert.deepEqual(findings(service("{ type: 'dense', units: 1, activation: 'relu' }")), []);
  assert.deepEqual(findings(service("{ type: 'dense', units: 3, activation: 'linear' }")), []);
});

test('builder layers: a configuration the file does not write out does not hide those it does', () => {
  // One more caller passes a configuration read from elsewhere: the softmax one is still a way the model is built.
  const code = service("{ type: 'dense', units: 5, activation: 'softmax' }").replace("    this.behaviour = await this.loadOrCreate('behaviour', {", "    this.other = await this.loadOrCreate('other', await fetchConfig());\n    this.behaviour = await this.loadOrCreate('behaviour', {");
  assert.deepEqual(findings(code).map((d) => d.line), [27]);
});

test('builder layers: one configuration is the model, as before', () => {
  const code = service("{ type: 'dense', units: 5, activation: 'softmax' }").replace(/    this\.sales = [\s\S]*?\n    \}\);\n/, '');
  assert.deepEqual(findings(code).map((d) => d.line), [23]);
});

test('builder layers: a model the builder hands back is each caller\'s own, compiled with its own loss', () => {
  const code = `import * as tf from '@tensorflow/tfjs';
function createModel(config) {
  const model = tf.sequential();
  config.layers.forEach((layer) => model.add(tf.layers.dense({ units: layer.units, activation: layer.activation })));
  return model;
}
const REG = { layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }] };
const CLS = { layers: [{ units: 8, activation: 'relu' }, { units: 5, activation: 'softmax' }] };
const reg = createModel(REG);
reg.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const cls = createModel(CLS);
cls.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;
  assert.deepEqual(findings(code), []);
});

test('builder layers: configurations are counted as written, however often they are handed in, and an unreadable one hides none', () => {
  const builder = (calls) => `import * as tf from '@tensorflow/tfjs';
function createModel(layers) {
  const model = tf.sequential();
  for (const layer of layers) model.add(tf.layers.dense({ units: layer.units, activation: layer.activation }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
const REG = [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }];
const CLS = [{ units: 8, activation: 'relu' }, { units: 5, activation: 'softmax' }];
${calls}
`;
  assert.deepEqual(findings(builder('createModel(CLS); createModel(REG); createModel(REG); createModel(REG); createModel(REG); createModel(REG);')).map((d) => d.line), [5]);
  assert.deepEqual(findings(builder('createModel(REG); createModel(loadLayers()); createModel(CLS);')).map((d) => d.line), [5]);
});

test('builder layers: a layers list that holds the model it builds is read once, and the rest of the file still is', () => {
  const code = `import * as tf from '@tensorflow/tfjs';
let model = tf.sequential();
model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [3] }));
model = tf.sequential({ layers: [tf.layers.dense({ units: 3, activation: 'relu' }), model] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
const other = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'relu' })] });
other.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;
  const r = lint.lintText(code, '/p/model.js');
  assert.equal(r.internalError, undefined);
  assert.ok(r.diagnostics.some((d) => d.code === 'activation-mismatch' && d.line === 7));
  // Models nested in lists, level after level, are read along the one path that decides the output.
  const levels = [`const m0 = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' })] });`];
  for (let i = 1; i <= 16; i++) levels.push(`const m${i} = tf.sequential({ layers: [m${i - 1}, m${i - 1}, m${i - 1}, m${i - 1}] });`);
  const deep = `import * as tf from '@tensorflow/tfjs';\n${levels.join('\n')}\nm16.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\n`;
  assert.deepEqual(findings(deep).map((d) => d.line), [19]);
});

test('builder layers: a model a function builds gets the layers added to it after the call, whatever it started as', () => {
  const code = (start, head) => `import * as tf from '@tensorflow/tfjs';
const base = () => tf.sequential({ layers: [tf.layers.dense({ units: 128, inputShape: [4], activation: 'relu' })] });
export function make(type, n) {
  ${start}
  if (model) {
    model.add(tf.layers.dense({ units: n, activation: '${head}' }));
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  }
  return model;
}
`;
  for (const start of ['const model = base();', 'let model = null;\n  model = base();', 'let model = null;\n  switch (type) { case "L1": model = base(); break; }']) {
    // The softmax added last is the output (holdout631's LSTM builder); the builder's relu is a hidden layer.
    assert.deepEqual(findings(code(start, 'softmax')), [], start);
    // A relu added last is the output, and it is reported.
    const compileLine = code(start, 'relu').split('\n').findIndex((l) => l.includes('model.compile')) + 1;
    assert.deepEqual(findings(code(start, 'relu')).map((d) => d.line), [compileLine], start);
  }
});

test('builder layers: a builder of another file whose own layer still decides (a dropout added here) keeps its file: no fix edits this one', () => {
  const base = `import * as tf from '@tensorflow/tfjs';
// a comment that moves the builder's offsets past the other file's length
export function base() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 3, activation: 'relu', inputShape: [4] }));
  return m;
}
`;
  const main = `import * as tf from '@tensorflow/tfjs';
import { base } from './base.js';
const model = base();
model.add(tf.layers.dropout({ rate: 0.5 }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam' });
`;
  const files = new Map([['/p/base.js', base], ['/p/main.js', main]]);
  const r = lint.lintText(main, '/p/main.js', { project: { readFile: (p) => files.get(p) } });
  const found = r.diagnostics.filter((d) => d.code === 'activation-mismatch');
  assert.equal(found.length, 1);
  assert.match(found[0].detail ?? found[0].message, /base\.js:5/);
  assert.deepEqual(found[0].fixes ?? [], [], 'the layer to change is in base.js');
  // A softmax added here decides instead: the output is this file's, and it matches the loss.
  const added = main.replace("tf.layers.dropout({ rate: 0.5 })", "tf.layers.dense({ units: 3, activation: 'softmax' })");
  assert.deepEqual(lint.lintText(added, '/p/main.js', { project: { readFile: (p) => files.get(p) } }).diagnostics.filter((d) => d.code === 'activation-mismatch'), []);
});
