import * as tf from '@tensorflow/tfjs';

/**
 * Fraud detection on transaction features. The last layer is linear (it outputs logits) and the loss
 * is tf.losses.sigmoidCrossEntropy, which computes max(z, 0) - z·y + log(1 + exp(-|z|)): finite for
 * every logit, with a gradient that never vanishes on confidently wrong examples.
 */
export function fraudLoss(isFraud: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.losses.sigmoidCrossEntropy(isFraud, logits);
}

export function buildFraudModel(numFeatures: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [numFeatures], units: 64, activation: 'relu' }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(5e-4), loss: fraudLoss });
  return model;
}

/** Probabilities come from applying the sigmoid at prediction time, outside the loss. */
export function fraudProbability(model: tf.LayersModel, transactions: tf.Tensor2D): tf.Tensor {
  return tf.tidy(() => tf.sigmoid(model.predict(transactions) as tf.Tensor));
}

export async function fitFraudModel(transactions: tf.Tensor2D, labels: tf.Tensor2D): Promise<tf.History> {
  const model = buildFraudModel(transactions.shape[1]);
  return model.fit(transactions, labels, { epochs: 20, batchSize: 512, classWeight: [{ 0: 1, 1: 25 }] });
}
