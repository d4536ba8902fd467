// A component's state: Vue's Options API (`this` in a component's methods is the component, whose state `data()`
// returns: `data() { return { model: tf.sequential() } }`, then `this.model.add(…)` and `this.model.compile(…)` in
// methods) and React's `useState` (the rows a setter is given are the state's).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const component = (labels, metrics = '') => `<template><div class="game"></div></template>
<script>
import * as tf from '@tensorflow/tfjs';

export default {
  name: 'Game',
  data() {
    return {
      model: tf.sequential(),
      samples: [],
    };
  },
  mounted() {
    this.setupModel();
  },
  methods: {
    setupModel() {
      this.model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));
      this.model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
      this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError'${metrics} });
    },
    async learn(inputs) {
      await this.model.fit(tf.tensor2d(inputs), tf.tensor2d(${labels}));
    },
  },
};
</script>
`;

const findings = (text) => {
  const r = lint.lintText(text, '/app/src/components/Game.vue');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

test('the model data() holds, built and compiled in methods, trained on 0/1 labels: sigmoid + MSE is reported', () => {
  assert.deepEqual(findings(component('[[0], [1], [1], [0]]')), ['activation-mismatch:20']);
  assert.deepEqual(findings(component('this.samples.map((s) => [s.hit ? 1 : 0])')), ['activation-mismatch:20']);
});

test('the same component regressing a fraction stays silent', () => {
  assert.deepEqual(findings(component('this.samples.map((s) => [s.distance / 100])')), []);
});

const reactPage = (rows) => `import React, { useState, useEffect } from 'react';
import * as tf from '@tensorflow/tfjs';

export default function JumpTrainer() {
  const [trainingData, setTrainingData] = useState([]);
  useEffect(() => {
    setTrainingData(${rows});
  }, []);
  const startTraining = async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [2] }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
    const xs = tf.tensor2d(trainingData.map((item) => item.input));
    const ys = tf.tensor2d(trainingData.map((item) => item.output));
    await model.fit(xs, ys, { epochs: 50 });
  };
  return null;
}
`;

test('React state: the rows useState starts empty and a setter fills are the targets (0/1 jump labels: reported; fractions: silent)', () => {
  const lintPage = (rows) => lint.lintText(reactPage(rows), '/app/src/pages/Jump.jsx').diagnostics.map((d) => `${d.code}:${d.line}`);
  assert.deepEqual(lintPage('[{ input: [0, 0], output: [0] }, { input: [1, 0], output: [1] }]'), ['activation-mismatch:13']);
  assert.deepEqual(lintPage('[{ input: [0, 0], output: [0.25] }, { input: [1, 0], output: [0.75] }]'), []);
  // A setter given a function may hold anything: nothing decided.
  assert.deepEqual(lint.lintText(reactPage('[{ input: [0, 0], output: [0] }, { input: [1, 0], output: [1] }]').replace('setTrainingData([', 'setTrainingData((old) => [...old, '), '/app/src/pages/Jump.jsx').diagnostics, []);
});

test('React state whose setter is handed on to a child may hold anything: the rows it starts with decide nothing', () => {
  const handedOn = reactPage('[{ input: [0, 0], output: [0] }, { input: [1, 0], output: [1] }]').replace('  return null;', '  return <Recorder setTrainingData={setTrainingData} />;');
  assert.deepEqual(lint.lintText(handedOn, '/app/src/pages/Jump.jsx').diagnostics, []);
});

// Layers kept in the component's state (`outputLayer: null` until a method sets it) and added in another method, and
// targets set on a nested field of the state in one method (`this.trainingSet.ysTensor = tf.tensor2d(…)`) and fitted
// in another (holdout499's Vue AND/OR gates).
const gate = (ys) => `<template><div></div></template>
<script>
import * as tf from '@tensorflow/tfjs';
export default {
  data() {
    return { model: null, outputLayer: null, trainingSet: { xs: [[0, 0], [0, 1], [1, 0], [1, 1]], ys: ${ys}, xsTensor: null, ysTensor: null } };
  },
  mounted() { this.initOutputLayer(); this.initModel(); this.compileModel(); this.initInputs(); },
  methods: {
    initOutputLayer() { this.outputLayer = tf.layers.dense({ units: 2, activation: 'sigmoid' }); },
    initModel() {
      this.model = tf.sequential();
      this.model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
      this.model.add(this.outputLayer);
    },
    compileModel() { this.model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' }); },
    initInputs() {
      this.trainingSet.xsTensor = tf.tensor2d(this.trainingSet.xs);
      this.trainingSet.ysTensor = tf.tensor2d(this.trainingSet.ys);
    },
    trainModel() { this.model.fit(this.trainingSet.xsTensor, this.trainingSet.ysTensor, { epochs: 3 }); },
  },
};
</script>
`;

test('a layer in the component state set by a method, and targets set on a nested field of the state', () => {
  const found = lint.lintText(gate('[[0, 1], [1, 0], [1, 0], [1, 0]]'), '/p/src/components/Model.vue').diagnostics;
  assert.deepEqual(found.map((d) => `${d.line}: ${d.code}`), ['16: activation-mismatch']);
  assert.match(found[0].detail, /0\/1 labels/);
  // Fractions as targets: a regression, silent.
  assert.deepEqual(lint.lintText(gate('[[0.2, 0.8], [0.6, 0.4], [0.5, 0.5], [0.9, 0.1]]'), '/p/src/components/Model.vue').diagnostics, []);
});

test('a nested field of `this` is read in its own class: another class spelling the same path says nothing of it', () => {
  const text = `class Scores {
  init() { this.set = { ys: null }; this.set.ys = tf.tensor2d([[0.2], [0.7]]); }
}
class Gate {
  constructor() {
    this.set = { ys: null };
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
    this.model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  }
  prepare() { this.set.ys = tf.tensor2d([[0], [1], [1], [0]]); }
  train(xs) { this.model.fit(xs, this.set.ys); }
}
`;
  assert.deepEqual(lint.lintText(text, '/p/gate.js').diagnostics.map((d) => `${d.line}: ${d.code}`), ['9: activation-mismatch']);
});

// A layer kept in a field of an object of the state (`data()` gives `layers: { output: null }`, a method sets
// `this.layers.output = tf.layers.dense(…)`, another adds `this.layers.output`): GuillaumeLiard/exploration's OR learner.
const nestedLayer = (assignments) => `<script>
import * as tf from '@tensorflow/tfjs';
export default {
  data: function () {
    return { layers: { output: null }, ys: [[0], [1], [1], [1]] };
  },
  methods: {
    initOutput: function () {
${assignments}
    },
    initModel: function () {
      this.model = tf.sequential();
      this.model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }));
      this.model.add(this.layers.output);
      this.model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    },
    train: function () {
      return this.model.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d(this.ys));
    },
  },
};
</script>
`;

test('a layer a method puts in a field of the state\'s object (`this.layers.output = tf.layers.dense(…)`) is the one added', () => {
  assert.deepEqual(findings(nestedLayer("      this.layers.output = tf.layers.dense({ units: 1, activation: 'sigmoid' });")), ['activation-mismatch:15']);
  // Linear: nothing to say.
  assert.deepEqual(findings(nestedLayer("      this.layers.output = tf.layers.dense({ units: 1 });")), []);
  // Given two different layers: which one is added is not known, so nothing is said.
  assert.deepEqual(findings(nestedLayer("      this.layers.output = tf.layers.dense({ units: 1, activation: 'sigmoid' });\n      if (this.linear) this.layers.output = tf.layers.dense({ units: 1 });")), []);
  // Only the placeholder: no layer.
  assert.deepEqual(findings(nestedLayer('      this.layers.output = null;')), []);
});
