/**
 * Loss names at `model.compile({loss})`: which ones TF.js throws on, what the user most likely meant, and
 * the per-element formula TF.js really computes for each built-in (with its clipping).
 */
import { catalogLoss, ownEntry, TFJS_LOSS_NAMES, type CatalogLoss } from '../../../core';
import { editDistance } from '../../engine/editDistance';

const EPS = '1e-7';

/** What the built-in losses compute per element, where it differs from the textbook form in the catalog. */
const TFJS_FORMULAS: Record<string, string> = {
  binaryCrossentropy: `-(y * log(clip(p, ${EPS}, 1 - ${EPS})) + (1 - y) * log(1 - clip(p, ${EPS}, 1 - ${EPS})))`,
  categoricalCrossentropy: `-y * log(clip(p, ${EPS}, 1 - ${EPS}))`,
  sparseCategoricalCrossentropy: `-log(clip(p, ${EPS}, 1 - ${EPS}))`,
  kullbackLeiblerDivergence: `clip(y, ${EPS}, 1) * log(clip(y, ${EPS}, 1) / clip(p, ${EPS}, 1))`,
  meanSquaredLogarithmicError: `(log(max(p, ${EPS}) + 1) - log(max(y, ${EPS}) + 1))^2`,
  meanAbsolutePercentageError: `100 * abs((y - p) / max(abs(y), ${EPS}))`,
};

export function compileLossFormula(name: string): { expression: string; loss: CatalogLoss } | undefined {
  const loss = catalogLoss(name);
  if (!loss) return undefined;
  return { expression: ownEntry(TFJS_FORMULAS, name) ?? loss.expression, loss };
}

export function isKnownCompileLoss(name: string): boolean {
  return TFJS_LOSS_NAMES.includes(name);
}

/** tfjs-core losses that are functions, not compile names: the fix wraps them. */
export const CORE_LOSS_FUNCTIONS = new Set(['huberLoss', 'hingeLoss', 'sigmoidCrossEntropy', 'softmaxCrossEntropy', 'logLoss', 'absoluteDifference']);

const ALIASES: Record<string, string[]> = {
  mse: ['meanSquaredError'], meansquared: ['meanSquaredError'], l2: ['meanSquaredError'],
  mae: ['meanAbsoluteError'], l1: ['meanAbsoluteError'], absolutedifference: ['meanAbsoluteError'],
  mape: ['meanAbsolutePercentageError'],
  msle: ['meanSquaredLogarithmicError'], meansquaredlogerror: ['meanSquaredLogarithmicError'],
  kld: ['kullbackLeiblerDivergence'], kl: ['kullbackLeiblerDivergence'], kldivergence: ['kullbackLeiblerDivergence'],
  cosine: ['cosineProximity'], cosinesimilarity: ['cosineProximity'], cosinedistance: ['cosineProximity'],
  bce: ['binaryCrossentropy'], logloss: ['binaryCrossentropy'], binarylogloss: ['binaryCrossentropy'],
  cce: ['categoricalCrossentropy'], softmaxcrossentropy: ['categoricalCrossentropy'],
  sigmoidcrossentropy: ['binaryCrossentropy'],
  scce: ['sparseCategoricalCrossentropy'],
  crossentropy: ['binaryCrossentropy', 'categoricalCrossentropy'],
  huber: ['huberLoss'], huberloss: ['huberLoss'], smoothl1: ['huberLoss'],
  hingeloss: ['hinge'],
};

function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}


/**
 * The one compile loss `name` plainly means: the same name in another case or with separators (Keras's
 * `'categorical_crossentropy'`), or the one name an abbreviation stands for (`'mse'`, `'bce'`). Not a guess by spelling,
 * and not a tfjs-core function's name.
 */
export function intendedLossName(name: string): string | undefined {
  // tfjs-core's own loss functions (`'sigmoidCrossEntropy'` takes logits) mean those functions, not a compile name.
  if (CORE_LOSS_FUNCTIONS.has(name)) return undefined;
  const key = normalise(name);
  const exact = TFJS_LOSS_NAMES.find((n) => normalise(n) === key);
  if (exact) return exact;
  const alias = ownEntry(ALIASES, key) ?? ownEntry(ALIASES, key.replace(/(loss|error|fn|function)$/, ''));
  return alias?.length === 1 && isKnownCompileLoss(alias[0]!) ? alias[0] : undefined;
}

/**
 * The names TF.js accepts that `name` most likely means, best first; `huberLoss` stands for
 * tf.losses.huberLoss, which has no compile name. Empty when nothing is close.
 */
export function suggestLossNames(name: string): string[] {
  const key = normalise(name);
  const exact = TFJS_LOSS_NAMES.find((n) => normalise(n) === key);
  if (exact) return [exact];
  const alias = ownEntry(ALIASES, key) ?? ownEntry(ALIASES, key.replace(/(loss|error|fn|function)$/, ''));
  if (alias) return [...alias];
  if (name.length > 80) return [];
  const scored = TFJS_LOSS_NAMES.map((n) => ({ n, d: editDistance(key, normalise(n)) }))
    .filter((s) => s.d <= Math.max(2, Math.floor(s.n.length / 4)))
    .sort((a, b) => a.d - b.d);
  return scored.slice(0, 2).map((s) => s.n);
}
