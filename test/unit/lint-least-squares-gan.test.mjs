// A least-squares GAN loss on a sigmoid discriminator (GAN Lab's 'LeastSq loss' and its copies): a squared error on the
// class targets 1 and 0 through a sigmoid, whose gradient vanishes where the discriminator saturates.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const mismatches = (text, file = 'gan.ts') => lint.lintText(text, file).diagnostics.filter((d) => d.code === 'activation-mismatch');

/** GAN Lab's model class: variables by hand, a discriminator method, and both losses chosen by a setting. */
const ganLab = (last) => `import * as tf from '@tensorflow/tfjs-core';

export class GANLabModel {
  dVariables: tf.Variable[];
  lossType: string;

  discriminator(inputTensor: tf.Tensor2D): tf.Tensor1D {
    const network = inputTensor.matMul(this.dVariables[0] as tf.Tensor2D).add(this.dVariables[1]).relu();
    const predictionTensor: tf.Tensor1D = network.matMul(this.dVariables[2] as tf.Tensor2D)
      .add(this.dVariables[3])${last}
      .reshape([-1]);
    return predictionTensor;
  }

  dLoss(truePred: tf.Tensor1D, generatedPred: tf.Tensor1D) {
    if (this.lossType === 'LeastSq loss') {
      return tf.add(
        truePred.sub(tf.scalar(1)).square().mean(),
        generatedPred.square().mean()
      ) as tf.Scalar;
    } else {
      return tf.add(
        truePred.clipByValue(1e-7, 1).log().mean(),
        tf.sub(tf.scalar(1), generatedPred).clipByValue(1e-7, 1).log().mean()
      ).mul(tf.scalar(-1)) as tf.Scalar;
    }
  }

  gLoss(generatedPred: tf.Tensor1D) {
    if (this.lossType === 'LeastSq loss') {
      return generatedPred.sub(tf.scalar(1)).square().mean() as tf.Scalar;
    }
    return generatedPred.clipByValue(1e-7, 1).log().mean().mul(tf.scalar(-1)) as tf.Scalar;
  }
}
`;

test("a least-squares GAN loss on a hand-written sigmoid discriminator is a squared error on classes (GAN Lab's 'LeastSq loss')", () => {
  const found = mismatches(ganLab('\n      .sigmoid()'));
  // Once per loss, at its first squared term: D(x) − 1 in dLoss, D(G(z)) − 1 in gLoss; the log branches are the matching pair.
  assert.deepEqual(found.map((d) => [d.line, d.column]), [[19, 9], [32, 14]]);
  assert.match(found[0].message, /^dLoss is a least-squares GAN loss on a sigmoid discriminator/);
  assert.match(found[0].detail, /truePred\.sub\(tf\.scalar\(1\)\)\.square\(\) squares the distance of truePred, the discriminator's output, from the class target 1/);
  assert.match(found[0].detail, /LSGAN's discriminator ends in a linear layer/);
  // LSGAN as its paper writes it: the discriminator's output is linear, and least squares is the loss it is made for.
  assert.deepEqual(mismatches(ganLab('')), []);
  // A discriminator that ends in tanh is not a sigmoid: nothing said.
  assert.deepEqual(mismatches(ganLab('\n      .tanh()')), []);
  // One that returns its logits for the least-squares loss and their sigmoid otherwise is no sigmoid discriminator.
  const optional = ganLab('').replace('    return predictionTensor;', "    if (this.lossType === 'LeastSq loss') return predictionTensor;\n    return predictionTensor.sigmoid();");
  assert.deepEqual(mismatches(optional), []);
});

const layersGan = (activation, real = 'tf.losses.meanSquaredError(tf.onesLike(realOutput), realOutput)') => `import * as tf from '@tensorflow/tfjs';
export function createDiscriminator() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [2] }));
  model.add(tf.layers.dense({ units: 1${activation ? `, activation: '${activation}'` : ''} }));
  return model;
}
export function discriminatorLoss(realOutput, fakeOutput) {
  const real = ${real};
  const fake = tf.losses.meanSquaredError(tf.zerosLike(fakeOutput), fakeOutput);
  return real.add(fake);
}
export function generatorLoss(fakeOutput) {
  return tf.squaredDifference(fakeOutput, 1).mean();
}
export function reconstructionLoss(fake, target) {
  return tf.squaredDifference(fake, target).mean();
}
`;

test('least squares on a layers discriminator: reported when it ends in a sigmoid, whatever spells the squared error', () => {
  assert.deepEqual(mismatches(layersGan('sigmoid'), 'gan.js').map((d) => d.line), [9, 14]);
  assert.deepEqual(mismatches(layersGan(undefined), 'gan.js'), []);
  // Targets that are not the classes 0 and 1 (LSGAN's −1/1 coding): that dLoss has no (D − 1)² term, so it is not read
  // as one on classes; the generator's (D − 1)² still is.
  assert.deepEqual(mismatches(layersGan('sigmoid', 'tf.squaredDifference(realOutput, tf.scalar(-1)).mean()'), 'gan.js').map((d) => d.line), [14]);
  // A log-loss dLoss with a drift penalty on the real output (WGAN-GP's ε·D(x)²) is no least-squares loss.
  assert.deepEqual(mismatches(layersGan('sigmoid', 'tf.metrics.binaryCrossentropy(tf.onesLike(realOutput), realOutput).mean().add(realOutput.square().mean().mul(0.001))').replace('tf.losses.meanSquaredError(tf.zerosLike(fakeOutput), fakeOutput)', 'tf.metrics.binaryCrossentropy(tf.zerosLike(fakeOutput), fakeOutput).mean()'), 'gan.js').map((d) => d.line), [14]);
  // A loss not named as a GAN's (reconstruction) is not read here, even of a generated sample against a target.
  assert.ok(!mismatches(layersGan('sigmoid'), 'gan.js').some((d) => d.line === 17));
});

test('a least-squares loss in a file with no discriminator, or one whose parameters are not its outputs, is not a GAN loss', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' })] });
export function dLoss(realOutput, fakeOutput) {
  return realOutput.sub(1).square().mean().add(fakeOutput.square().mean());
}
`;
  assert.deepEqual(mismatches(text, 'plain.js'), []);
  const named = `${text}export function createDiscriminator() { return model; }\nexport function gLoss(sample) { return sample.sub(1).square().mean(); }\n`;
  // With the discriminator named, dLoss is read; gLoss's parameter says nothing of the discriminator.
  assert.deepEqual(mismatches(named, 'plain.js').map((d) => d.line), [4]);
});

test('a local named disc that holds a sigmoid of some tensor is no discriminator: only what a function so named returns is read as its output', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function train(x, w) {
  const disc = x.matMul(w).sigmoid();
  return disc;
}
export function generatorLoss(fakeOutput) {
  return tf.losses.sigmoidCrossEntropy(tf.onesLike(fakeOutput), fakeOutput);
}
`;
  assert.deepEqual(mismatches(text, 'gan.js'), []);
  // The same sigmoid returned by a function named as the discriminator is its output: the logits loss applies it twice.
  assert.deepEqual(mismatches(text.replace('export function train(x, w)', 'export function discriminator(x, w)'), 'gan.js').map((d) => d.line), [7]);
});
