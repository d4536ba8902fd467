import * as tf from '@tensorflow/tfjs';

/**
 * Forecasts the 90th percentile of server load (capacity planning). The pinball loss is meant to have
 * a kink at the target: Loss Lens reports it as information, not as a problem.
 */
const QUANTILE = 0.9;

// @loss max(0.9 * (y_true - y_pred), (0.9 - 1) * (y_true - y_pred))
export function pinballLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const error = tf.sub(yTrue, yPred);
  return tf.mean(tf.maximum(tf.mul(QUANTILE, error), tf.mul(QUANTILE - 1, error)));
}

export function buildLoadForecaster(numFeatures: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [numFeatures], units: 48, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.002), loss: pinballLoss });
  return model;
}
