/**
 * Runs the core analysis on a loss read from a file, with the prediction's domain from the model's output
 * activation, or, when the model is unknown, from the option or from what the loss itself expects.
 * Results are cached by expression and settings, so re-linting an edited file re-analyses only the losses
 * that changed; an analysis that came close to its time budget (and may be incomplete) is not kept.
 */
import { analyze, catalogLoss, children, symbolsOf, ExpressionError, inferRoles, parseExpression, recognizeLoss, targetRangeFor, type Activation, type Analysis, type Domain, type Node } from '../../core';
import { GAN_LOSS_NAME } from './roleNames';
import type { ActivationSource, Precision } from './types';


export interface LossAnalysisRequest {
  expression: string;
  wrt?: string;
  parameters?: Record<string, number>;
  /** The model's output activation, when found. */
  activation: Activation | null;
  /** The model's output is exactly 0 within the logits a model gives (a sigmoid computed through tanh). */
  zeroReachable?: boolean;
  defaultActivation?: Activation;
  epsilon: number;
  /** The float format the code computes in (NumPy float64, the others float32). */
  precision?: Precision;
  budgetMs: number;
  /** The site's name (`diceLoss`), which says what a loss without a model expects when its formula does not. */
  nameHint?: string;
  /** The prediction's domain when no activation states it (an operation outside a loss: the range of its input). */
  domain?: Domain;
  /** Other symbols that range over an interval instead of taking one value (data of known or unknown range). */
  ranges?: Record<string, Domain>;
  /** The target's range when the code says it (a parameter named like a probability). */
  targetRange?: Domain;
  /** Other parts of the prediction and of the target (slices, split pieces), typical values inside their ranges. */
  parts?: { prediction?: string[]; target?: string[] };
}

export interface LossAnalysisResult {
  analysis?: Analysis;
  activation: Activation;
  source: ActivationSource;
  error?: string;
  /** The range the target was analysed over: the labels' [0, 1] of a probability loss, every number when nothing says. */
  targetRange?: Domain;
}

const CACHE_SIZE = 256;
const cache = new Map<string, { analysis: Analysis; targetRange: Domain }>();

export function clearAnalysisCache(): void {
  cache.clear();
  inferred.clear();
}

/** Inferred activations by expression, roles and name: reading the loss again costs a parse and a catalog match. */
const inferred = new Map<string, Activation>();

export function analyzeLoss(req: LossAnalysisRequest): LossAnalysisResult {
  let activation: Activation;
  let source: ActivationSource;
  if (req.activation) {
    activation = req.activation;
    source = 'model';
  } else if (req.defaultActivation) {
    activation = req.defaultActivation;
    source = 'option';
  } else {
    activation = inferActivation(req.expression, req.wrt, req.parameters, req.nameHint);
    source = 'inferred';
  }
  const key = JSON.stringify([req.expression, req.wrt ?? null, req.parameters ?? {}, activation, req.zeroReachable ?? false, req.epsilon, req.precision ?? 'float32', req.domain ?? null, req.ranges ?? null, req.targetRange ?? null, req.parts ?? null]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return { analysis: hit.analysis, targetRange: hit.targetRange, activation, source };
  }
  try {
    const started = Date.now();
    const budgetMs = Math.max(1, req.budgetMs);
    // Only where the activation was inferred as logits because the loss applies it: a model or setting that states
    // the activation says nothing of the targets' range.
    const targets = req.targetRange ?? (source === 'inferred' && activation === 'linear' ? classTargets(req.expression, req.wrt) : undefined);
    const analysis = analyze(req.expression, {
      ...(targets ? { targetRange: targets } : {}),
      wrt: req.wrt,
      set: req.parameters,
      activation,
      ...(source === 'inferred' || req.zeroReachable ? { zeroReachable: true } : {}),
      epsilon: req.epsilon,
      budgetMs,
      ...(req.precision ? { precision: req.precision } : {}),
      ...(req.domain ? { domain: req.domain } : {}),
      ...(req.ranges ? { ranges: req.ranges } : {}),
      ...(req.parts ? { parts: req.parts } : {}),
    });
    const targetRange = targets ?? targetRangeFor(analysis.domain);
    if (analysis.simplified && Date.now() - started < budgetMs / 2) {
      cache.set(key, { analysis, targetRange });
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    return { analysis, targetRange, activation, source };
  } catch (err) {
    if (err instanceof ExpressionError) return { activation, source, error: err.message };
    throw err;
  }
}

/**
 * `p`, `1 - p`, `p + ε`, `1 - p + ε`, the same of `clip(p, ε, 1 - ε)`, and `p · y` (the probability a one-hot target
 * picks, `sum(probs * oneHot) + ε`): a log of one of these treats p as a probability (clipping into [0, 1] says so
 * even where the loss adds other terms, a Dice beside the BCE).
 */
function isProbabilityLogArgument(n: Node, wrt: string, target?: string, parameters: Readonly<Record<string, number>> = {}): boolean {
  if (isPrediction(n, wrt)) return true;
  if (n.kind !== 'op') return false;
  if (n.op === '-' && n.left.kind === 'num' && n.left.value === 1) return isPrediction(n.right, wrt);
  // `log(p + 1e-8)`, and `log(p + eps)` of an ε the code sets.
  const small = (x: Node) => x.kind === 'num' || (x.kind === 'sym' && Object.hasOwn(parameters, x.name) && parameters[x.name] > 0 && parameters[x.name] <= 1e-2);
  if (n.op === '+') return (small(n.right) && isProbabilityLogArgument(n.left, wrt, target, parameters)) || (small(n.left) && isProbabilityLogArgument(n.right, wrt, target, parameters));
  const isTarget = (x: Node) => target !== undefined && x.kind === 'sym' && x.name === target;
  if (n.op === '*') return (isTarget(n.right) && isPrediction(n.left, wrt)) || (isTarget(n.left) && isPrediction(n.right, wrt));
  return false;
}

/**
 * The prediction, or the prediction clipped into [0, 1] (`clip(p, 1e-7, 1 - 1e-7)`, `clip(p, eps, 1 - eps)`, or the
 * clip written as `max(0, min(1, p))` in plain JavaScript), or guarded (`p == 0 ? 0.001 : p`).
 */
function isPrediction(n: Node, wrt: string): boolean {
  if (n.kind === 'sym') return n.name === wrt;
  // `p == 1 ? 0.999 : p`: the prediction with an exact value replaced by a probability.
  if (n.kind === 'cond' && n.test.kind === 'cmp' && (n.test.op === '==' || n.test.op === '!=')) {
    // Each branch asked once: guards nested in guards stay linear.
    const [a, b] = [isPrediction(n.then, wrt), isPrediction(n.else, wrt)];
    const probability = (x: Node) => x.kind === 'num' && x.value >= 0 && x.value <= 1;
    return (a || probability(n.then)) && (b || probability(n.else)) && (a || b);
  }
  const clip = clipped(n);
  if (!clip || !isPrediction(clip[0], wrt)) return false;
  const [, lo, hi] = clip;
  const lowOk = (lo.kind === 'num' && lo.value >= 0) || lo.kind === 'sym';
  const highOk = (hi.kind === 'num' && hi.value <= 1) || (hi.kind === 'op' && hi.op === '-' && hi.left.kind === 'num' && hi.left.value === 1);
  return lowOk && highOk;
}

/** `clip(x, lo, hi)`, `max(lo, min(hi, x))` or `min(hi, max(lo, x))` (either argument order): x and its bounds. */
function clipped(n: Node): [Node, Node, Node] | undefined {
  if (n.kind !== 'call') return undefined;
  if (n.fn === 'clip' && n.args.length === 3) return [n.args[0], n.args[1], n.args[2]];
  if ((n.fn !== 'max' && n.fn !== 'min') || n.args.length !== 2) return undefined;
  const inner = n.fn === 'max' ? 'min' : 'max';
  const [a, b] = n.args;
  const [call, bound] = a.kind === 'call' && a.fn === inner && a.args.length === 2 ? [a, b] : b.kind === 'call' && b.fn === inner && b.args.length === 2 ? [b, a] : [];
  if (!call || !bound) return undefined;
  const [c, d] = call.args;
  const [x, innerBound] = d.kind === 'num' || (d.kind === 'op' && d.left.kind === 'num') ? [c, d] : [d, c];
  return n.fn === 'max' ? [x, bound, innerBound] : [x, innerBound, bound];
}

function logsOfProbability(n: Node, wrt: string, target?: string, parameters: Readonly<Record<string, number>> = {}): boolean {
  if (n.kind === 'call' && (n.fn === 'log' || n.fn === 'log2' || n.fn === 'log10') && isProbabilityLogArgument(n.args[0], wrt, target, parameters)) return true;
  return children(n).some((c) => logsOfProbability(c, wrt, target, parameters));
}

/**
 * A loss that turns its prediction into class probabilities itself (`sigmoid(logits)`, a softmax) compares them with
 * labels in [0, 1], whatever the logits' own range: the targets' range, when no other says it.
 */
function classTargets(expression: string, wrt: string | undefined): Domain | undefined {
  try {
    const ast = parseExpression(expression).ast;
    const roles = inferRoles(symbolsOf(ast), wrt);
    return roles.target !== undefined && labelsActivation(ast, roles.prediction, roles.target) ? [0, 1] : undefined;
  } catch (err) {
    if (err instanceof ExpressionError) return undefined;
    throw err;
  }
}

/** `sigmoid(p) * y`, `y * log(softmax(p))`: the target weighs the prediction's class probability, as a label does. */
function labelsActivation(n: Node, wrt: string, target: string): boolean {
  const isTarget = (x: Node) => x.kind === 'sym' && x.name === target;
  const isActivated = (x: Node): boolean =>
    (x.kind === 'call' && (x.fn === 'sigmoid' || x.fn === 'softmax' || x.fn === 'logSoftmax') && x.args[0]?.kind === 'sym' && x.args[0].name === wrt) ||
    (x.kind === 'call' && x.fn === 'log' && x.args[0] !== undefined && isActivated(x.args[0]));
  if (n.kind === 'op' && n.op === '*' && ((isTarget(n.left) && isActivated(n.right)) || (isTarget(n.right) && isActivated(n.left)))) return true;
  return children(n).some((c) => labelsActivation(c, wrt, target));
}

/** Whether every use of the prediction is clamped into [0, 1] (`(clamp01(p) - y)²`, a Brier score): a probability. */
function onlyClampedToProbability(n: Node, wrt: string): boolean {
  let clamped = 0;
  let bare = 0;
  const visit = (x: Node): void => {
    if (isPrediction(x, wrt) && x.kind !== 'sym') clamped++;
    else if (x.kind === 'sym' && x.name === wrt) bare++;
    else children(x).forEach(visit);
  };
  visit(n);
  return clamped > 0 && bare === 0;
}

function appliesActivation(n: Node, wrt: string): boolean {
  if (n.kind === 'call' && (n.fn === 'sigmoid' || n.fn === 'softmax' || n.fn === 'logSoftmax') && n.args[0]?.kind === 'sym' && n.args[0].name === wrt) return true;
  if (isWrittenSigmoid(n, wrt)) return true;
  return children(n).some((c) => appliesActivation(c, wrt));
}

/** A sigmoid written out, `1 / (1 + exp(-z))`, of the prediction. */
function isWrittenSigmoid(n: Node, wrt: string): boolean {
  if (n.kind !== 'op' || n.op !== '/' || n.left.kind !== 'num' || n.left.value !== 1) return false;
  const d = n.right;
  if (d.kind !== 'op' || d.op !== '+') return false;
  const [one, e] = d.left.kind === 'num' ? [d.left, d.right] : [d.right, d.left];
  if (one.kind !== 'num' || one.value !== 1 || e.kind !== 'call' || e.fn !== 'exp') return false;
  const arg = e.args[0];
  return arg?.kind === 'neg' && arg.arg.kind === 'sym' && arg.arg.name === wrt;
}

/** The activation a loss expects when its model is unknown. */
/** Losses whose name says they score probabilities (masks, classes): Dice, IoU, Tversky, focal, cross-entropies. */
const PROBABILITY_LOSS_NAME = /dice|jaccard|iou|tversky|focal|bce|binary|cross_?entropy|crossentropy|log_?loss|nll|likelihood/i;

export function inferActivation(expression: string, wrt: string | undefined, parameters: Record<string, number> = {}, nameHint?: string): Activation {
  const key = JSON.stringify([expression, wrt ?? null, parameters, PROBABILITY_LOSS_NAME.test(nameHint ?? ''), GAN_LOSS_NAME.test(nameHint ?? '')]);
  const hit = inferred.get(key);
  if (hit) return hit;
  const activation = inferActivationOnce(expression, wrt, parameters, nameHint);
  inferred.set(key, activation);
  if (inferred.size > CACHE_SIZE) inferred.delete(inferred.keys().next().value as string);
  return activation;
}

function inferActivationOnce(expression: string, wrt: string | undefined, parameters: Record<string, number>, nameHint?: string): Activation {
  try {
    const ast = parseExpression(expression).ast;
    const roles = inferRoles(symbolsOf(ast), wrt);
    // A GAN loss's logs are of the discriminator's real-or-fake probability, a sigmoid, whatever the catalog's
    // nearest loss (-log(p) alone reads as a softmax's negative log-likelihood) would take.
    if (nameHint !== undefined && GAN_LOSS_NAME.test(nameHint) && logsOfProbability(ast, roles.prediction, roles.target)) return 'sigmoid';
    const match = recognizeLoss(ast, roles, new Map(Object.entries(parameters)));
    const expected = match ? catalogLoss(match.id)?.activations[0] : undefined;
    if (expected) return expected;
    // A loss that applies the activation itself (`sigmoid(inputs)`, a softmax of the logits) takes logits, whatever
    // its name says about probabilities.
    if (appliesActivation(ast, roles.prediction)) return 'linear';
    return logsOfProbability(ast, roles.prediction, roles.target, parameters) || onlyClampedToProbability(ast, roles.prediction) || (nameHint !== undefined && PROBABILITY_LOSS_NAME.test(nameHint)) ? 'sigmoid' : 'linear';
  } catch (err) {
    if (err instanceof ExpressionError) return 'linear';
    throw err;
  }
}
