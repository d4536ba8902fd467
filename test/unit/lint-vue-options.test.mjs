// Vue's Options API: `this` in a component's methods is the component, whose state `data()` returns
// (`data() { return { model: tf.sequential() } }`, then `this.model.add(…)` and `this.model.compile(…)` in methods).
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
