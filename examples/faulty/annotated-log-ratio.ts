import * as tf from '@tensorflow/tfjs';

/**
 * A low-level training loop with optimizer.minimize() and a loss whose formula the author wrote down in
 * an annotation. The ratio divides by the prediction, which a ReLU output can make exactly 0.
 */
const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }),
    tf.layers.dense({ units: 1, activation: 'relu' }),
  ],
});
const optimizer = tf.train.adam(0.01);

/**
 * Squared log-ratio between the predicted and the true demand.
 * @loss (log(y_true / y_pred))^2
 * @activation relu
 */
function logRatioLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.log(tf.div(yTrue, yPred))));
}

export function trainStep(inputs: tf.Tensor2D, demand: tf.Tensor2D): number {
  const cost = optimizer.minimize(() => logRatioLoss(demand, model.predict(inputs) as tf.Tensor), true);
  const value = cost ? cost.dataSync()[0] : NaN;
  cost?.dispose();
  return value;
}
