import { ExpressionError } from './expressionError';
import { ownEntry } from '../ownEntry';

/** What each symbol of a loss is: the prediction it is differentiated by, the target, or a parameter. */
export type Role = 'prediction' | 'target' | 'parameter';

export interface Roles {
  prediction: string;
  target?: string;
  parameters: string[];
}

const PREDICTION_NAMES = [
  'p', 'y_pred', 'yPred', 'ypred', 'y_hat', 'yhat', 'yHat', 'ŷ', 'pred', 'preds', 'prediction', 'predictions',
  'logits', 'logit', 'z', 'output', 'outputs', 'out', 'x', 'q_pred', 'score', 'scores', 'prob', 'probs',
  'predicted', 'y_predicted', 'estimate', 'f',
];
const TARGET_NAMES = [
  'y', 'y_true', 'yTrue', 'ytrue', 'target', 'targets', 'label', 'labels', 't', 'truth', 'gt', 'y_target',
  'actual', 'y_actual', 'observed', 'expected',
];

function rank(list: readonly string[], name: string): number {
  const i = list.indexOf(name);
  if (i >= 0) return i;
  const lower = name.toLowerCase();
  const j = list.findIndex((n) => n.toLowerCase() === lower);
  return j >= 0 ? list.length + j : -1;
}

export function isPredictionName(name: string): boolean {
  return rank(PREDICTION_NAMES, name) >= 0;
}

export function isTargetName(name: string): boolean {
  return rank(TARGET_NAMES, name) >= 0;
}

/**
 * Infers roles from names. `wrt` overrides the prediction. Throws ExpressionError when no symbol can be
 * the prediction.
 */
export function inferRoles(symbols: Iterable<string>, wrt?: string): Roles {
  const names = [...symbols];
  let prediction = wrt;
  if (prediction === undefined) {
    const candidates = names.filter(isPredictionName).sort((a, b) => rank(PREDICTION_NAMES, a) - rank(PREDICTION_NAMES, b));
    prediction = candidates[0];
    if (prediction === undefined) {
      const listed = names.length > 0 ? `the expression's symbols are ${names.join(', ')}` : 'the expression has no variables';
      throw new ExpressionError(
        `cannot tell which variable is the prediction (${listed}); name it p, y_pred, yPred, yhat, logits or z, or pass --wrt NAME`,
        1,
      );
    }
  }
  const targets = names
    .filter((n) => n !== prediction && isTargetName(n))
    .sort((a, b) => rank(TARGET_NAMES, a) - rank(TARGET_NAMES, b));
  const target = targets[0];
  const parameters = names.filter((n) => n !== prediction && n !== target).sort();
  return { prediction, target, parameters };
}

/** Typical values assumed for parameters nobody set, so the hazard and kink checks have numbers to use. */
const PARAMETER_DEFAULTS: Record<string, number> = {
  eps: 1e-7, epsilon: 1e-7, delta: 1, gamma: 2, alpha: 0.25, beta: 1, tau: 0.5, q: 0.5, quantile: 0.5,
  margin: 1, m: 1, lambda: 1, lam: 1, temperature: 1, T: 1, smoothing: 0.1, label_smoothing: 0.1, c: 1, k: 1,
  kappa: 1, sigma: 1, mu: 0, weight: 1, w: 1, a: 1, b: 1, s: 1, scale: 1, rho: 1,
};

/** Kinds of parameter told by their names, with a value of that kind: a log-probability is negative, a PPO clip range small. */
/** `typical: false`: a stand-in for the analysis's trials, not a value the setting usually has (shown as unknown). */
const PARAMETER_KINDS: readonly { pattern: RegExp; value: number; typical?: false }[] = [
  { pattern: /log_?(p|prob|probs|probabilit(y|ies)|pi|pis|likelihoods?|policy)$|^(old_?|prev_?|new_?|behaviou?r_?|ref_?)?log_?p/i, value: Math.log(0.5) },
  { pattern: /^clip_?(ratio|param|range|eps|epsilon|coef|value)?$|^(ppo_?)?clip|_clip$|clip_?eps/i, value: 0.2 },
  // A log standard deviation or log-variance (`logStd`, `log_std`, `logSigma`, `logVar`): 0, a unit Gaussian, where a
  // policy starts; at 1 (σ = e) a Gaussian log-likelihood barely moves over a tanh mean's [-1, 1] and never reaches a
  // PPO clip.
  { pattern: /^log_?(?:std|sigma|var(?:iance)?|scale)(?![a-z])/i, value: 0, typical: false },
];

/** Whether a name says a typical value of its own (`epsilon`, `delta`, `gamma`, `margin` …), not the generic stand-in 1. */
export function hasTypicalValue(name: string): boolean {
  return ownEntry(PARAMETER_DEFAULTS, name) !== undefined || ownEntry(PARAMETER_DEFAULTS, name.toLowerCase()) !== undefined || PARAMETER_KINDS.some((k) => k.typical !== false && k.pattern.test(name));
}

export function defaultParameterValue(name: string): number {
  return ownEntry(PARAMETER_DEFAULTS, name) ?? ownEntry(PARAMETER_DEFAULTS, name.toLowerCase()) ?? PARAMETER_KINDS.find((k) => k.pattern.test(name))?.value ?? 1;
}
