import * as tf from '@tensorflow/tfjs';

/**
 * Temperature forecasting with a root-mean-squared-error loss. The value is fine, but the gradient of
 * sqrt at 0 is infinite: a batch the model fits exactly produces NaN gradients.
 */
export function rootMeanSquaredError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.sqrt(tf.mean(tf.square(tf.sub(yPred, yTrue))));
}

export function buildForecaster(windowSize: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [windowSize, 1], units: 32 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: rootMeanSquaredError });
  return model;
}

export async function fitForecaster(windows: tf.Tensor3D, nextValues: tf.Tensor2D): Promise<tf.History> {
  const model = buildForecaster(windows.shape[1]);
  return model.fit(windows, nextValues, { epochs: 25, batchSize: 32, validationSplit: 0.1 });
}
