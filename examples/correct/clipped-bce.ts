import * as tf from '@tensorflow/tfjs';

/**
 * The same click-through model as faulty/bce-on-sigmoid-unclipped.ts, with the prediction clipped to
 * [ε, 1 − ε] before the logs, like TF.js's own binaryCrossentropy does. (The clip's gradient is 0
 * outside the range; stable-logits-loss.ts shows the form that keeps it.)
 */
const EPSILON = 1e-7;
const NUM_FEATURES = 24;

export function clippedBinaryCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    const positive = tf.mul(yTrue, tf.log(p));
    const negative = tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p)));
    return tf.neg(tf.mean(tf.add(positive, negative)));
  });
}

export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [NUM_FEATURES], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: clippedBinaryCrossEntropy, metrics: ['accuracy'] });
  return model;
}
