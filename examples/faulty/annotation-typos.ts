import * as tf from '@tensorflow/tfjs';

/**
 * Negative log-likelihood of the true class, read from a probability table the code builds on the CPU, so the
 * formula is written in an annotation. The activation's name has a typo: Loss Lens says so where it is, offers
 * the name it knows, and still checks the formula (its log reaches log(0) once the softmax saturates).
 * @loss -log(p)
 * @activation sotfmax
 */
export function tableNll(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  const probs = yPred.arraySync() as number[][];
  const labels = yTrue.arraySync() as number[][];
  let total = 0;
  for (let i = 0; i < probs.length; i++) total -= Math.log(probs[i][labels[i].indexOf(1)]);
  return tf.scalar(total / probs.length);
}

/**
 * Binary cross-entropy, written out for the docs with its closing bracket missing. The annotation that cannot
 * be read is an error at the column where it goes wrong, and the function's own code is checked instead.
 * @loss -(y*log(p) + (1-y)*log(1-p)
 */
export function documentedBce(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.neg(tf.mean(yTrue.mul(tf.log(yPred)).add(tf.sub(1, yTrue).mul(tf.log(tf.sub(1, yPred))))));
}

export function classifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [12], units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: documentedBce });
  return model;
}
