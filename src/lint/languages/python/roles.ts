/**
 * Which parameters of a Python loss function are the prediction and the target. Names decide first (`y_pred`,
 * `logits`, `output` / `y_true`, `target`, `labels`); otherwise the library's convention: Keras passes
 * `(y_true, y_pred)`, PyTorch's losses take `(input, target)`.
 */
import { isPredictionName, isTargetName } from '../../../core';
import { wordsSayPrediction, wordsSayTarget } from '../../engine/roleNames';

export interface ParameterRoles {
  prediction: number;
  target: number;
  /** -1 when the loss has no target (a GAN generator's `-log(sigmoid(fake_logits))`). */
  /** Both were named as such (`y_true, y_pred`), not guessed from positions. */
  named: boolean;
}

const PREDICTION = /^(y_?)?(pred|preds|predicted|prediction|predictions|hat|prob|probs|logit|logits|scores?)$|^(inputs?|outputs?)$|_(logits?|preds?|probs?|predictions?|outputs?|scores?)$/i;

export function parameterRoles(names: readonly string[], kerasOrder: boolean): ParameterRoles | undefined {
  if (names.length === 1) return { prediction: 0, target: -1, named: false };
  if (names.length < 2) return undefined;
  const p = names.findIndex((n) => isPredictionName(n) || PREDICTION.test(n) || wordsSayPrediction(n));
  const t = names.findIndex((n, i) => i !== p && (isTargetName(n) || /^(y_?true|targets?|labels?|gts?|y|masks?|ground_?truth)$/i.test(n) || wordsSayTarget(n)));
  if (p >= 0 && t >= 0) return { prediction: p, target: t, named: true };
  if (p >= 0 && names.length > 2) return { prediction: p, target: p === 0 ? 1 : 0, named: false };
  if (t >= 0) return { prediction: t === 0 ? 1 : 0, target: t, named: false };
  if (p >= 0 && p <= 1) return { prediction: p, target: p === 0 ? 1 : 0, named: false };
  return kerasOrder ? { prediction: 1, target: 0, named: false } : { prediction: 0, target: 1, named: false };
}

/**
 * Whether the parameter taken as the target is a second model output (`discriminator_loss(real_logits,
 * fake_logits)`, `(pos_scores, neg_scores)`): named like a prediction, not like a target. Its hazards are then
 * the model's too, and each is checked as the prediction in turn.
 */
export function isSecondPrediction(names: readonly string[], roles: ParameterRoles): boolean {
  if (roles.named || roles.target < 0) return false;
  const n = names[roles.target];
  return (isPredictionName(n) || PREDICTION.test(n)) && !isTargetName(n);
}
