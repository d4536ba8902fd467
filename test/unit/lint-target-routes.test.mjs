// Targets reached the way apps write them (a blind set's two misses): a Vue component that records 0/1 labels from
// `mounted()`'s timers through a method, a deep copy (`JSON.parse(JSON.stringify(v))`), a data helper returning
// `tf.tidy(() => ({ labels }))`, one-hot rows kept in a sloppy script's undeclared global, and the codelab's min-max
// scaling run on one-hot label rows (0/1 rows stay 0/1). Continuous targets through the same routes stay silent.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const mismatches = (text, file) => {
  const r = lint.lintText(text, file);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);
};

const vue = (first, second, copy) => `<template><div /></template>
<script>
import * as tf from '@tensorflow/tfjs';
export default {
  data() {
    return { model: undefined, training: undefined, maximumTime: 3 };
  },
  mounted() {
    this.handleReset();
    setInterval(() => {
      this.handleCrash(${first}, this.maximumTime);
      this.handleTrain();
    }, 3000);
    setInterval(() => {
      this.handleCrash(${second}, 1);
    }, 5000);
  },
  methods: {
    handleReset() {
      this.model = tf.sequential();
      this.model.add(tf.layers.dense({ inputShape: [1], activation: 'sigmoid', units: 1 }));
      this.model.compile({ loss: 'meanSquaredError', optimizer: tf.train.adam(0.1) });
      this.training = { inputs: [], labels: [] };
    },
    handleCrash(train, time) {
      const trainS = ${copy ? 'JSON.parse(JSON.stringify(train))' : 'train'};
      this.training.inputs.push([time / this.maximumTime]);
      this.training.labels.push([trainS]);
    },
    handleTrain() {
      this.model.fit(tf.tensor2d(this.training.inputs), tf.tensor2d(this.training.labels));
    },
  },
};
</script>
`;

test("a Vue method called from mounted()'s timers gives its parameter those calls' arguments, through a deep copy too", () => {
  assert.deepEqual(mismatches(vue(0, 1, false), '/app/App.vue'), [22]);
  assert.deepEqual(mismatches(vue(0, 1, true), '/app/App.vue'), [22]);
  // Fractions recorded the same way are a regression's targets.
  assert.deepEqual(mismatches(vue(0.25, 0.75, true), '/app/App.vue'), []);
});

const shops = (declare, scale) => `function convertToTensor(data, numShops) {
  return tf.tidy(() => {
    const labels = data.map((d) => {
      ${declare}temparray = new Array(numShops).fill(0);
      temparray[d[numShops]] = 1;
      return temparray;
    });
    const labelTensor = tf.tensor2d(labels, [labels.length, numShops]);
    const labelMax = labelTensor.max();
    const labelMin = labelTensor.min();
    const normalizedLabels = ${scale};
    return { labels: normalizedLabels };
  });
}
async function run(data, xs) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 4, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: tf.losses.meanSquaredError });
  const tensorData = convertToTensor(data, 4);
  const { labels } = tensorData;
  await model.fit(xs, labels);
}
`;
const MIN_MAX = 'labelTensor.sub(labelMin).div(labelMax.sub(labelMin))';

test("targets a helper returns from tf.tidy, one-hot rows in an undeclared global, and their min-max scaling by their own bounds", () => {
  assert.deepEqual(mismatches(shops('const ', 'labelTensor'), '/web/script.js'), [18]);
  assert.deepEqual(mismatches(shops('', 'labelTensor'), '/web/script.js'), [18]);
  assert.deepEqual(mismatches(shops('', MIN_MAX), '/web/script.js'), [18]);
  // Any other scaling (by a constant, by another tensor's bounds) still says continuous.
  assert.deepEqual(mismatches(shops('', 'labelTensor.div(2)'), '/web/script.js'), []);
  assert.deepEqual(mismatches(shops('', 'labelTensor.sub(labelMin).div(tf.scalar(4).sub(labelMin))'), '/web/script.js'), []);
});
