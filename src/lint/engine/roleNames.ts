/**
 * Parameter names that say "target" and "prediction", as code in any language writes them (`yTrue`, `y_true`,
 * `labels`, `targets`, `actual`; `yPred`, `y_pred`, `predictions`, `logits`, `output`, `probs`). A function whose
 * first two parameters are such a pair has a loss's shape, whatever it is called.
 */
const TARGET = /^(y|ys|y_?true|y_?trues|y_?target|y_?actual|target|targets|tgt|label|labels|lbl|lbls|truth|ground_?truth|gt|actual|actuals|expected|real|one_?hot|y_?train|y_?batch|y_?real|true_?labels?|true_?values?|y_?t)$/i;
const PREDICTION = /^(p|y_?pred|y_?preds|y_?hat|yhat|pred|preds|prediction|predictions|predicted|output|outputs|out|logit|logits|prob|probs|probas?|probabilities|score|scores|y_?predicted|y_?prob|y_?probs|y_?out|y_?logits?|pred_?probs?|x_?hat|recon|reconstruction|y_?p)$/i;

/** An unused parameter in the target's place (`(_, yPred) => …`, `_yTrue`): the loss ignores the target. */
const UNUSED = /^_+/;

export function isTargetParameter(name: string): boolean {
  return TARGET.test(name) || (UNUSED.test(name) && (name.replace(UNUSED, '') === '' || TARGET.test(name.replace(UNUSED, ''))));
}

export function isPredictionParameter(name: string): boolean {
  return PREDICTION.test(name);
}

/** True when two parameter names read as (target, prediction) in either order. */
export function isLossParameterPair(a: string, b: string): boolean {
  return (isTargetParameter(a) && isPredictionParameter(b)) || (isPredictionParameter(a) && isTargetParameter(b));
}
