import * as tf from '@tensorflow/tfjs';

/**
 * The digit classifier from faulty/softmax-then-logits-loss.ts done the usual way: a softmax output
 * with the built-in categoricalCrossentropy, which clips the probabilities to [ε, 1 − ε] itself.
 */
export function buildDigitModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function trainDigits(images: tf.Tensor4D, oneHotLabels: tf.Tensor2D): Promise<tf.History> {
  return buildDigitModel().fit(images, oneHotLabels, { epochs: 5, batchSize: 256, validationSplit: 0.15 });
}
