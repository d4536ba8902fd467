import * as tf from '@tensorflow/tfjs';

/**
 * Delivery-time regression with outliers (traffic jams). Huber is quadratic near 0 and linear beyond
 * δ, so single late deliveries do not dominate the fit. TF.js's compile() has no 'huberLoss' name;
 * it is written out here with tf.where, whose condition tf.lessEqual has no gradient in TF.js: model.fit()
 * throws "Cannot compute gradient: gradient function not found for LessEqual".
 */
const DELTA = 1.5;

export function huberLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const error = tf.abs(tf.sub(yPred, yTrue));
    const quadratic = tf.mul(0.5, tf.square(error));
    const linear = tf.sub(tf.mul(DELTA, error), 0.5 * DELTA * DELTA);
    return tf.mean(tf.where(tf.lessEqual(error, DELTA), quadratic, linear));
  });
}

export function buildDeliveryModel(numFeatures: number): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [numFeatures], units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.003), loss: huberLoss, metrics: ['mae'] });
  return model;
}

export async function fitDeliveryTimes(orders: tf.Tensor2D, minutes: tf.Tensor2D): Promise<tf.History> {
  return buildDeliveryModel(orders.shape[1]).fit(orders, minutes, { epochs: 60, batchSize: 64, validationSplit: 0.2 });
}
