/** `log-of-zero`: a log whose argument can reach 0 or go negative on the prediction's domain. */
import { coreHazardRule } from './coreHazard';

export const logOfZero = coreHazardRule({
  code: 'log-of-zero',
  defaultSeverity: 'error',
  docs: {
    summary: "a `log` argument can reach 0 (or go negative) on the prediction's domain",
    explanation:
      'A log whose argument can reach 0 returns -Infinity, and its gradient 1/x becomes Infinity and then NaN in the weights. Sigmoid and softmax outputs do reach exactly 0 and 1 in float32 (`tf.sigmoid(17.4) === 1`), so `log(p)` and `log(1 - p)` are unsafe without a clip or the logits form.',
    fix: 'clip the prediction (`tf.clipByValue(yPred, 1e-7, 1 - 1e-7)`, `torch.clamp`, `np.clip`), or use the stable logits form (`log(sigmoid(z)) = -softplus(-z)`)',
  },
});
