/**
 * The losses Keras, PyTorch and optax provide, as the code names them: Keras strings (`'binary_crossentropy'`,
 * `'mse'`), loss objects with their options (`BinaryCrossentropy(from_logits=True)`), loss functions
 * (`keras.losses.categorical_crossentropy`), PyTorch criteria (`nn.CrossEntropyLoss()`) and functional losses
 * (`F.nll_loss`), optax losses. Each says how it treats its input (its family), whether it clips, what it
 * computes per element, and what the framework does with a name it does not know.
 */
import { catalogLoss } from '../../../core';
import type { FixPlan, FrameworkLoss, LossFamily } from '../../engine/frontEnd';
import type { PyFile } from './pyFile';
import { argument, callArgs, stringValue, unparen, type PyNode } from './syntax';
import { editDistance } from '../../engine/editDistance';

interface KnownLoss {
  family: LossFamily;
  catalogId?: string;
  /** With `from_logits=True`. */
  logits?: { family: LossFamily; catalogId: string };
  clips: boolean;
  /** The per-element formula the framework computes (catalog expression when absent). */
  formula?: string;
}

const EPS = '1e-7';
const KERAS_BCE = `-(y * log(clip(p, ${EPS}, 1 - ${EPS})) + (1 - y) * log(1 - clip(p, ${EPS}, 1 - ${EPS})))`;
const KERAS_CCE = `-y * log(clip(p, ${EPS}, 1 - ${EPS}))`;
const KERAS_SCCE = `-log(clip(p, ${EPS}, 1 - ${EPS}))`;

const KERAS_CLIP = 'Keras clips it to [1e-7, 1 - 1e-7], so every output outside that range gets zero gradient and training stalls';

const BCE: KnownLoss = { family: 'binary-ce', catalogId: 'binaryCrossentropy', logits: { family: 'logits-binary', catalogId: 'sigmoidCrossEntropy' }, clips: true, formula: KERAS_BCE };
const CCE: KnownLoss = { family: 'categorical-ce', catalogId: 'categoricalCrossentropy', logits: { family: 'logits-softmax', catalogId: 'softmaxCrossEntropy' }, clips: true, formula: KERAS_CCE };
const SCCE: KnownLoss = { family: 'sparse-ce', catalogId: 'sparseCategoricalCrossentropy', logits: { family: 'logits-softmax', catalogId: 'softmaxCrossEntropy' }, clips: true, formula: KERAS_SCCE };
const MSE: KnownLoss = { family: 'regression', catalogId: 'meanSquaredError', clips: false };
const MAE: KnownLoss = { family: 'regression', catalogId: 'meanAbsoluteError', clips: false };
const KL: KnownLoss = { family: 'kl', catalogId: 'kullbackLeiblerDivergence', clips: true };
const HINGE: KnownLoss = { family: 'hinge', catalogId: 'hinge', clips: false };
const OTHER: KnownLoss = { family: 'other', clips: false };

/** Keras loss identifiers: the snake_case names and aliases `keras.losses.get` accepts, and the class names. */
const KERAS: Readonly<Record<string, KnownLoss>> = {
  binary_crossentropy: BCE, BinaryCrossentropy: BCE, binary_focal_crossentropy: { ...BCE, catalogId: 'focal', formula: undefined }, BinaryFocalCrossentropy: { ...BCE, catalogId: 'focal', formula: undefined },
  categorical_crossentropy: CCE, CategoricalCrossentropy: CCE, categorical_focal_crossentropy: { ...CCE, formula: undefined }, CategoricalFocalCrossentropy: { ...CCE, formula: undefined },
  sparse_categorical_crossentropy: SCCE, SparseCategoricalCrossentropy: SCCE,
  mean_squared_error: MSE, mse: MSE, MSE: MSE, MeanSquaredError: MSE,
  mean_absolute_error: MAE, mae: MAE, MAE: MAE, MeanAbsoluteError: MAE,
  mean_absolute_percentage_error: { family: 'regression', catalogId: 'meanAbsolutePercentageError', clips: false }, mape: { family: 'regression', catalogId: 'meanAbsolutePercentageError', clips: false },
  MAPE: { family: 'regression', catalogId: 'meanAbsolutePercentageError', clips: false }, MeanAbsolutePercentageError: { family: 'regression', catalogId: 'meanAbsolutePercentageError', clips: false },
  mean_squared_logarithmic_error: { family: 'regression', catalogId: 'meanSquaredLogarithmicError', clips: false }, msle: { family: 'regression', catalogId: 'meanSquaredLogarithmicError', clips: false },
  MSLE: { family: 'regression', catalogId: 'meanSquaredLogarithmicError', clips: false }, MeanSquaredLogarithmicError: { family: 'regression', catalogId: 'meanSquaredLogarithmicError', clips: false },
  kl_divergence: KL, kld: KL, KLD: KL, kullback_leibler_divergence: KL, KLDivergence: KL,
  hinge: HINGE, Hinge: HINGE, squared_hinge: { ...HINGE, catalogId: 'squaredHinge' }, SquaredHinge: { ...HINGE, catalogId: 'squaredHinge' },
  categorical_hinge: { family: 'other', catalogId: 'categoricalHinge', clips: false }, CategoricalHinge: { family: 'other', catalogId: 'categoricalHinge', clips: false },
  huber: { family: 'regression', catalogId: 'huber', clips: false }, Huber: { family: 'regression', catalogId: 'huber', clips: false }, huber_loss: { family: 'regression', catalogId: 'huber', clips: false },
  log_cosh: { family: 'regression', catalogId: 'logcosh', clips: false }, logcosh: { family: 'regression', catalogId: 'logcosh', clips: false }, LogCosh: { family: 'regression', catalogId: 'logcosh', clips: false },
  poisson: { family: 'other', catalogId: 'poisson', clips: false }, Poisson: { family: 'other', catalogId: 'poisson', clips: false },
  cosine_similarity: OTHER, CosineSimilarity: OTHER, ctc: OTHER, CTC: OTHER, dice: OTHER, Dice: OTHER, tversky: OTHER, Tversky: OTHER, circle: OTHER, Circle: OTHER,
};

/** PyTorch criteria (nn.X) and their functional forms (F.x). */
const TORCH: Readonly<Record<string, KnownLoss & { outOfRange?: string }>> = {
  CrossEntropyLoss: { family: 'logits-softmax', catalogId: 'softmaxCrossEntropy', clips: false }, cross_entropy: { family: 'logits-softmax', catalogId: 'softmaxCrossEntropy', clips: false },
  BCELoss: { family: 'binary-ce', catalogId: 'binaryCrossentropy', clips: false, outOfRange: "PyTorch's BCELoss raises a RuntimeError for inputs outside [0, 1], and clamps log(0) to -100" },
  binary_cross_entropy: { family: 'binary-ce', catalogId: 'binaryCrossentropy', clips: false, outOfRange: "F.binary_cross_entropy raises a RuntimeError for inputs outside [0, 1], and clamps log(0) to -100" },
  BCEWithLogitsLoss: { family: 'logits-binary', catalogId: 'sigmoidCrossEntropy', clips: false }, binary_cross_entropy_with_logits: { family: 'logits-binary', catalogId: 'sigmoidCrossEntropy', clips: false },
  NLLLoss: { family: 'nll', clips: false }, nll_loss: { family: 'nll', clips: false },
  MSELoss: MSE, mse_loss: MSE, L1Loss: MAE, l1_loss: MAE,
  SmoothL1Loss: { family: 'regression', catalogId: 'huber', clips: false }, smooth_l1_loss: { family: 'regression', catalogId: 'huber', clips: false },
  HuberLoss: { family: 'regression', catalogId: 'huber', clips: false }, huber_loss: { family: 'regression', catalogId: 'huber', clips: false },
  MultiLabelSoftMarginLoss: { family: 'logits-binary', clips: false }, multilabel_soft_margin_loss: { family: 'logits-binary', clips: false },
  KLDivLoss: OTHER, kl_div: OTHER, PoissonNLLLoss: OTHER, GaussianNLLLoss: OTHER, CTCLoss: OTHER, MarginRankingLoss: OTHER, HingeEmbeddingLoss: OTHER,
  CosineEmbeddingLoss: OTHER, TripletMarginLoss: OTHER, MultiMarginLoss: OTHER, MultiLabelMarginLoss: OTHER, SoftMarginLoss: OTHER,
};

const OPTAX: Readonly<Record<string, KnownLoss>> = {
  sigmoid_binary_cross_entropy: { family: 'logits-binary', catalogId: 'sigmoidCrossEntropy', clips: false },
  softmax_cross_entropy: { family: 'logits-softmax', catalogId: 'softmaxCrossEntropy', clips: false },
  softmax_cross_entropy_with_integer_labels: { family: 'logits-softmax', catalogId: 'softmaxCrossEntropy', clips: false },
  l2_loss: MSE, squared_error: MSE, huber_loss: { family: 'regression', catalogId: 'huber', clips: false },
};

export interface PyLoss extends FrameworkLoss {
  framework: 'keras' | 'pytorch' | 'jax';
  /** How it is written, for fixes. */
  form: 'name' | 'object' | 'function' | 'criterion' | 'functional';
  node: PyNode;
  /** Keras: the `from_logits=` value node, when given. */
  fromLogits?: PyNode;
  /** PyTorch: the functional loss call, whose first argument is the model's output. */
}

function formulaOf(known: KnownLoss, catalogId: string | undefined): FrameworkLoss['formula'] {
  const c = catalogId ? catalogLoss(catalogId) : undefined;
  if (!c) return undefined;
  return { expression: catalogId === known.catalogId && known.formula ? known.formula : c.expression, wrt: c.prediction, parameters: { ...c.parameters } };
}

function build(known: KnownLoss & { outOfRange?: string }, fields: Omit<PyLoss, 'known' | 'clips' | 'family' | 'catalogId' | 'formula'>, logits: boolean): PyLoss {
  const family = logits && known.logits ? known.logits.family : known.family;
  const catalogId = logits && known.logits ? known.logits.catalogId : known.catalogId;
  const outOfRange = known.outOfRange ?? (known.clips && fields.framework === 'keras' ? KERAS_CLIP : undefined);
  return { ...fields, known: true, family, clips: known.clips && !logits, ...(catalogId ? { catalogId } : {}), formula: formulaOf(known, catalogId), ...(outOfRange && !logits ? { outOfRange } : {}) };
}

/** A Keras compile `loss=` value: a name, a loss object, a loss function; undefined for anything else. */
export function kerasLoss(file: PyFile, value: PyNode): PyLoss | undefined {
  const src = file.src;
  const v = unparen(value);
  const base = { label: src.source(v), start: v.from, end: v.to, framework: 'keras' as const, node: v };
  const name = stringValue(src, v);
  if (name !== undefined) {
    if (Object.hasOwn(KERAS, name)) return build(KERAS[name], { ...base, form: 'name' }, false);
    return unknownKerasName(base, name);
  }
  const path = file.bindings.resolve(v.type === 'CallExpression' ? v.children[0] : v);
  if (!path || !path.startsWith('keras.')) return undefined;
  const last = path.slice(path.lastIndexOf('.') + 1);
  if (!Object.hasOwn(KERAS, last)) return undefined;
  if (v.type !== 'CallExpression') return build(KERAS[last], { ...base, form: 'function' }, false);
  const args = callArgs(src, v);
  const fromLogits = argument(args, 0, 'from_logits');
  const logits = fromLogits !== undefined && src.source(unparen(fromLogits)) === 'True';
  return build(KERAS[last], { ...base, form: 'object', ...(fromLogits ? { fromLogits } : {}) }, logits);
}

/** A PyTorch criterion constructor (`nn.BCELoss()`), a functional loss path (`torch.nn.functional.nll_loss`), or an optax loss. */
export function torchOrOptaxLoss(file: PyFile, node: PyNode, path: string): PyLoss | undefined {
  const src = file.src;
  const last = path.slice(path.lastIndexOf('.') + 1);
  const base = { label: src.source(node.type === 'CallExpression' ? node.children[0] : node), start: node.from, end: node.to, node };
  if (path.startsWith('torch.nn.functional.') && Object.hasOwn(TORCH, last) && /^[a-z]/.test(last)) return build(TORCH[last], { ...base, framework: 'pytorch', form: 'functional' }, false);
  if (path.startsWith('torch.nn.') && Object.hasOwn(TORCH, last) && /^[A-Z]/.test(last)) return build(TORCH[last], { ...base, framework: 'pytorch', form: 'criterion' }, false);
  if (path.startsWith('optax.') && Object.hasOwn(OPTAX, last)) return build(OPTAX[last], { ...base, framework: 'jax', form: 'functional' }, false);
  return undefined;
}

const SNAKE: readonly string[] = Object.keys(KERAS).filter((k) => /^[a-z_]+$/.test(k));

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}


/** A string Keras does not know: it raises `ValueError: Could not interpret loss identifier`. */
function unknownKerasName(base: Omit<PyLoss, 'known' | 'clips' | 'form'>, name: string): PyLoss {
  const snake = snakeCase(name).replace(/crossentropy/, 'crossentropy');
  const candidates = new Set<string>();
  if (Object.hasOwn(KERAS, snake)) candidates.add(snake);
  for (const k of SNAKE) if (editDistance(k, snake) <= 2) candidates.add(k);
  const suggestions: { title: string; plan: FixPlan }[] = [...candidates].slice(0, 3).map((s) => ({ title: `Use '${s}'`, plan: { kind: 'rename-loss', loss: s } }));
  const hint = suggestions.length ? ` Did you mean ${[...candidates].slice(0, 3).map((s) => `'${s}'`).join(' or ')}?` : '';
  return {
    ...base,
    form: 'name',
    known: false,
    clips: false,
    unknown: { message: `'${name}' is not a loss Keras knows: model.compile() raises "ValueError: Could not interpret loss identifier: ${name}".${hint}`, suggestions },
  };
}
