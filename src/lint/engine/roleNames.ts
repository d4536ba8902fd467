/**
 * Parameter names that say "target" and "prediction", as code in any language writes them (`yTrue`, `y_true`,
 * `labels`, `targets`, `actual`; `yPred`, `y_pred`, `ŷ`, `predictions`, `logits`, `output`, `probs`, and what a model
 * makes: `reconstructed`, `generated`, `rendered`, `estimate`, `forecast`, `fitted`), and as Portuguese, Spanish and
 * French courses name them (`esperado`, `objetivo`, `rotulo`, `cible`; `saida`, `salida`, `sortie`, `previsto`,
 * `yChapeu` for ŷ). A function whose first two parameters are such a pair has a loss's shape, whatever it is called.
 */
const TARGET = /^(y|ys|y_?true|y_?trues|y_?target|y_?actual|target|targets|tgt|label|labels|lbl|lbls|truth|ground_?truth|gt|actual|actuals|expected|real|one_?hot|y_?train|y_?batch|y_?real|true_?labels?|true_?values?|y_?t|(?:y_?)?esperad[oa]s?|alvos?|objetivos?|r[oó]tulos?|etiquetas?|cibles?|attendue?s?)$/i;
const PREDICTION = /^(p|ŷ|y\u0302|y_?pred|y_?preds|y_?hat|yhat|pred|preds|prediction|predictions|predicted|output|outputs|out|logit|logits|prob|probs|probas?|probabilities|score|scores|y_?predicted|y_?prob|y_?probs|y_?out|y_?logits?|pred_?probs?|x_?hat|recon|reconstruction|reconstructed|generated|rendered|estimated?|estimates|forecasts?|fitted|y_?p|sa[ií]das?|salidas?|sorties?|previst[oa]s?|predit[oa]s?|predich[oa]s?|predi[cç][aã]o|predicci[oó]n|pr[eé]diction|y_?chap[eé]u)$/i;

/**
 * A parameter marked unused in the target's place (`(_, yPred) => …`, `_yTrue`): a loss that ignores its target. It
 * makes a loss's shape only beside a prediction named as a loss names it (`(_, p)` and `(_, output)` are callbacks).
 */
const UNUSED = /^_+/;
const LOSS_PREDICTION = /^(y_?pred|y_?preds|y_?hat|yhat|ŷ|y\u0302|predictions?|predicted|preds?|logits|y_?logits?|y_?predicted)$/i;

export function isTargetParameter(name: string): boolean {
  return TARGET.test(name);
}

function isUnusedTarget(name: string): boolean {
  if (!UNUSED.test(name)) return false;
  const rest = name.replace(UNUSED, '');
  return rest === '' || TARGET.test(rest);
}

export function isPredictionParameter(name: string): boolean {
  return PREDICTION.test(name);
}

/** True when two parameter names read as (target, prediction) in either order. */
export function isLossParameterPair(a: string, b: string): boolean {
  return (isTargetParameter(a) && isPredictionParameter(b)) || (isPredictionParameter(a) && isTargetParameter(b)) || (isUnusedTarget(a) && LOSS_PREDICTION.test(b)) || isExpectedActualPair(a, b) || isCompoundPair(a, b);
}

/**
 * Compound names whose words say the roles (`(targetArray, outputArray)`, `(expectedOutputs, networkOutputs)`,
 * `(trueValues, predValues)`): one names a target or what was expected, the other a prediction or an output.
 */
function isCompoundPair(a: string, b: string): boolean {
  // `expectedOutputs` is a target: what the output was expected to be.
  const target = (n: string) => hasWord(n, PAIR_TARGET_WORD) && !hasWord(n, PREDICTION_WORD);
  const prediction = (n: string) => hasWord(n, PAIR_PREDICTION_WORD) && !hasWord(n, PAIR_TARGET_WORD);
  return (target(a) && prediction(b)) || (prediction(a) && target(b));
}
const PAIR_TARGET_WORD = /^(target|targets|true|label|labels|expected|desired)$/;
const PAIR_PREDICTION_WORD = /^(pred|preds|predicted|prediction|predictions|output|outputs)$/;

/**
 * `(expected, actual)`: what a network was expected to give and what it actually gave, the prediction (a node's cost
 * in a from-scratch library). Beside `expected`, `actual` is the output; beside `predicted`, it is the target. Only in
 * that order: `(actual, expected)` is an assertion's (`expectArraysClose(actual, expected)`, an error's message).
 */
export function isExpectedActualPair(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && EXPECTED.test(a) && ACTUAL.test(b);
}
const EXPECTED = /^expected(?:_?(?:values?|outputs?))?$/i;
const ACTUAL = /^actual(?:_?(?:values?|outputs?))?$/i;

/** A triplet loss's embeddings, `(anchor, positive, negative)`: three outputs of one network, a loss's shape. */
export function isEmbeddingTriple(names: readonly string[]): boolean {
  return names.length >= 3 && /^anchors?$/i.test(names[0]) && /^(positives?|pos)$/i.test(names[1]) && /^(negatives?|neg)$/i.test(names[2]);
}

/**
 * A loss written as a function of the residual or the margin (`regressionLoss(id, r)` returning `Math.abs(r)`,
 * `marginLoss(m)` returning `Math.max(0, 1 - m)`, `huber(error, delta)`): the index of that parameter, when no
 * parameter says target or prediction. The residual ŷ − y and the margin y·ŷ move with the prediction, so a kink in
 * them is a kink of the loss in the prediction.
 */
export function residualParameter(names: readonly string[], functionName: string | undefined, hasDefault: (index: number) => boolean = () => false): number | undefined {
  // A hand-written derivative of such a loss (`regressionLossGrad(id, r)`) is its gradient, not a loss.
  if (names.some((n) => isTargetParameter(n) || isPredictionParameter(n)) || /grad|deriv|prime/i.test(functionName ?? '')) return undefined;
  // The margin is the argument of a loss named for it (`marginLoss(m)`); elsewhere `margin` is a setting (a triplet's).
  const margin = /margin/i.test(functionName ?? '');
  const candidates = names.map((_, i) => i).filter((i) => !hasDefault(i) && (RESIDUAL.test(names[i]) || (margin && /^(m|margin)$/.test(names[i]))));
  return candidates.length === 1 ? candidates[0] : undefined;
}

const RESIDUAL = /^(r|res|residual|residuals|err|error|errors)$/i;

/**
 * What a function's parameters say of it as a loss: a (target, prediction) pair, or — for a function named as a loss
 * — a divergence's (p, q) or a triplet's embeddings; and, apart, a loss of the residual or margin, read when it can be
 * (a loss-named function taking an `err` that is not one, `reportLoss(err)`, is then left alone).
 */
export function lossParameterShape(names: readonly string[], functionName: string | undefined, byName: boolean, hasDefault: (index: number) => boolean): { distributions: boolean; lossParameters: boolean; residualLoss: boolean } {
  const distributions = isDistributionPair(names[0], names[1], functionName);
  const lossParameters = (names.some(isTargetParameter) && names.some(isPredictionParameter)) || isExpectedActualPair(names[0], names[1]) || (names.length >= 2 && isCompoundPair(names[0]!, names[1]!)) || (byName && (distributions || isEmbeddingTriple(names) || isQuantilePair(names, functionName)));
  return { distributions, lossParameters, residualLoss: byName && residualParameter(names, functionName, hasDefault) !== undefined };
}

/**
 * A quantile (pinball) loss's target and predicted quantile: `pinballLoss(y, q, alpha)`, `quantileLoss(target, qhat, tau)`,
 * in a function named so (q elsewhere is as often a Q-value or a distribution).
 */
function isQuantilePair(names: readonly string[], functionName: string | undefined): boolean {
  return /pinball|quantile/i.test(functionName ?? '') && names.some(isTargetParameter) && names.some((n) => QUANTILE_PREDICTION.test(n));
}
const QUANTILE_PREDICTION = /^(q|q_?hat|q_?pred|quantiles?|predicted_?quantiles?)$/i;

/** Names of a divergence or cross-entropy of two distributions: `klDivergence`, `KLD`, `kl_div`, `crossEntropy`. */
const DIVERGENCE_NAME = /divergence|^kld?(?![a-z])|^kl_|entropy/i;

/**
 * `(p, q)` of a divergence or cross-entropy (`klDivergence(p, q)`, `crossEntropy(p, q)`): information theory's
 * convention, p the true distribution and q the model's. A pair only in a function named so: `(p, q)` elsewhere is as
 * often two points, and in a `loss(p, q)` p is as often the prediction.
 */
export function isDistributionPair(a: string | undefined, b: string | undefined, functionName: string | undefined): boolean {
  return a !== undefined && b !== undefined && /^p$/i.test(a) && /^q$/i.test(b) && DIVERGENCE_NAME.test(functionName ?? '');
}

/** Words of a compound name that say its role: `predictedAction`, `q_pred`, `predValues`; `targetQ`, `trueLabels`, `y_target`. */
const PREDICTION_WORD = /^(pred|preds|predicted|prediction|predictions)$/;
const TARGET_WORD = /^(target|targets|true|label|labels)$/;

/** Whether one of the words of a camelCase or snake_case name (`predictedAction` → predicted, action) matches. */
function hasWord(name: string, word: RegExp): boolean {
  return name.split(/_+|(?<=[a-z\d])(?=[A-Z])/).some((w) => word.test(w.toLowerCase()));
}

/** A compound name with a word saying prediction and none saying target (`predictedAction`, `q_pred`). */
export function wordsSayPrediction(name: string): boolean {
  return hasWord(name, PREDICTION_WORD) && !hasWord(name, TARGET_WORD);
}

/** A compound name with a word saying target and none saying prediction (`targetQ`, `true_labels`). */
export function wordsSayTarget(name: string): boolean {
  return hasWord(name, TARGET_WORD) && !hasWord(name, PREDICTION_WORD);
}

/**
 * Names of what weighs a policy-gradient loss (`returns`, `advantages`, `discountedRewards`): data of a training step,
 * never its target (REINFORCE's `-(a·log p + (1 - a)·log(1 - p))·R` has the actions as its labels).
 */
export function isPolicyWeightName(name: string): boolean {
  return /^(returns?|advantages?|adv|rewards?|discounted\w*|(sample_?)?weights?)(_?tensor|_?t|_?batch)?$/i.test(name);
}

/**
 * Names of a training step's settings (`epsilonClip`, `clipRatio`, `gamma`, `entropyCoef`, `temperature`): numbers the
 * step reads, never its target.
 */
export function isSettingName(name: string): boolean {
  return /^(?:\w*_?)?(?:eps|epsilon|clip|clipping|gamma|lambda|lam|alpha|beta|tau|temperature|temp|margin|delta|kappa|lr|learning_?rate|coef|coeff|coefficient|ratio|range)(?:_?clip|_?coef|_?coeff|_?range|_?ratio|_?value|_?param)?$/i.test(name)
    || /(?:Coef|Coeff|Coefficient|Epsilon|Clip|Gamma|Lambda|Rate)$/.test(name);
}

/** A GAN loss's name: `discriminatorLoss`, `generator_loss`, `dLoss`, `gLoss`, `ganLoss`, `adversarialLoss`. */
export const GAN_LOSS_NAME = /^(d|g|gen\w*|disc\w*|adversarial\w*|gan\w*)_?loss/i;

/** A name for a small positive constant: `eps`, `epsilon`, `EPS`, `LOG_EPS`, `kEpsilon`, `clipEps` (not `steps`). */
export function isEpsilonName(name: string): boolean {
  return /^_*(?:[eE]ps|[eE]psilon)\d*$|^[a-z]\w*(?:Eps|Epsilon)$|^(?:[A-Z0-9]+_)*(?:EPS|EPSILON)$/.test(name);
}
