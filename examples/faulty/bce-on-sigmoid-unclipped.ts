import * as tf from '@tensorflow/tfjs';

/**
 * Click-through prediction: a small MLP over 24 engineered features, trained with a hand-written
 * binary cross-entropy. Works for a few epochs, then the loss turns into NaN once the sigmoid saturates.
 */
const NUM_FEATURES = 24;

export function binaryCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const positive = tf.mul(yTrue, tf.log(yPred));
    const negative = tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, yPred)));
    return tf.neg(tf.mean(tf.add(positive, negative)));
  });
}

export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [NUM_FEATURES], units: 64, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: binaryCrossEntropy, metrics: ['accuracy'] });
  return model;
}

export async function train(features: number[][], clicked: number[]): Promise<tf.History> {
  const model = buildModel();
  const xs = tf.tensor2d(features, [features.length, NUM_FEATURES]);
  const ys = tf.tensor2d(clicked, [clicked.length, 1]);
  try {
    return await model.fit(xs, ys, { epochs: 30, batchSize: 128, validationSplit: 0.1, shuffle: true });
  } finally {
    xs.dispose();
    ys.dispose();
  }
}
