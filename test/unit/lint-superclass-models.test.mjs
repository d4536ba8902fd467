// A model kept in a field that a superclass sets: `this.model.compile(…)` in a subclass of a class that builds it,
// in the same file or imported from another file of the project.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const BASE = `class BaseNet {
  constructor(inputs, classes) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 16, inputShape: [inputs], activation: 'relu' }));
    this.model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  }
}
`;
const SUB = `class Classifier extends BaseNet {
  constructor() {
    super(4, 3);
  }
  setup() {
    this.model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  }
}
`;

function lintProject(files, fileName) {
  const map = new Map(Object.entries(files));
  const result = lint.lintText(map.get(fileName), fileName, { project: lint.projectFromMap(map) });
  assert.equal(result.internalError, undefined);
  return result;
}

test("a subclass compiles the model its superclass builds in the same file: the superclass's output layer is checked", () => {
  const text = `${HEADER}${BASE}export ${SUB}`;
  const r = lint.lintText(text, '/p/net.js');
  const site = r.sites.find((s) => s.kind === 'compile');
  assert.equal(site.activation, 'softmax');
  const [d] = r.diagnostics;
  assert.equal(d?.code, 'activation-mismatch');
  assert.match(d.message, /softmax with binaryCrossentropy/);
  // Two levels up, and a grandchild that sets nothing itself.
  const deeper = `${HEADER}${BASE}class Middle extends BaseNet {}\n${SUB.replace('extends BaseNet', 'extends Middle')}`;
  assert.deepEqual(lint.lintText(deeper, '/p/net.js').diagnostics.map((x) => x.code), ['activation-mismatch']);
});

test('a subclass that builds its own model is checked against its own, not the superclass\'s', () => {
  const own = SUB.replace("super(4, 3);", "super(4, 3);\n    this.model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' })] });");
  const r = lint.lintText(`${HEADER}${BASE}${own}`, '/p/net.js');
  assert.equal(r.sites.find((s) => s.kind === 'compile').activation, 'sigmoid');
  assert.deepEqual(r.diagnostics, []);
});

test('the superclass imported from another file of the project is followed there, and the finding says where', () => {
  const files = {
    '/p/base.js': `${HEADER}export ${BASE}`,
    '/p/classifier.js': `${HEADER}import { BaseNet } from './base';\nexport ${SUB}`,
  };
  const r = lintProject(files, '/p/classifier.js');
  const [d] = r.diagnostics;
  assert.equal(d?.code, 'activation-mismatch');
  assert.match(d.detail ?? d.message, /base\.js:6/);
  // A superclass the project does not hold (a library's) says nothing.
  const lone = lintProject({ '/p/classifier.js': files['/p/classifier.js'] }, '/p/classifier.js');
  assert.deepEqual(lone.diagnostics, []);
});

test('an instance of a class extending tf.Sequential with layers added to it outside the class holds the class\'s layers, then those', () => {
  const text = (own) => `class CustomModel extends tf.Sequential {
  constructor() {
    super();
    ${own}
  }
  async predictWithActivations(x) { return this.layers.map((l) => l.apply(x)); }
}
function createModel(sizes) {
  const model = new CustomModel();
  sizes.forEach((size, index) => {
    if (index === sizes.length - 1) model.add(tf.layers.dense({ units: size, activation: 'softmax' }));
    else model.add(tf.layers.dense({ units: size, activation: 'relu6' }));
  });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['accuracy'] });
  return model;
}
`;
  // The script's tf is a global (a page that loads TF.js from a CDN).
  const codes = (t) => lint.lintText(t, 'model.js').diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(codes(text('')), ['activation-mismatch:14']);
  assert.deepEqual(codes(HEADER + text("this.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));")), ['activation-mismatch:15']);
});
