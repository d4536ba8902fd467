/** A loss function or a minimize closure read into a core expression, with which symbol is the prediction and the target. */
import type * as TS from 'typescript';
import { labelsParameter } from './labelsArgument';
import { isPredictionName, isTargetName } from '../../../core';
import { mentionsSymbol, type Expr } from '../../engine/expression';
import type { EagerBranch, GradientlessOp, LossReading, TargetEvidence, UntapedStep } from '../../engine/frontEnd';
import { caseTestConditions, conditionsOfTest, type Condition } from './configurationChoices';
import { isGanLossOfOutput } from './ganLosses';
import { functionName } from './functionNames';
import { gradientlessOps } from './gradientCheck';
import { OPAQUE_METHODS } from './modelOutputs';
import { untapedStep } from './stepBoundary';
import { tensorPieces } from './tensorParts';
import { columnWindows, type ColumnWindow } from './outputColumns';
import { isDistributionPair, isExpectedActualPair, isPredictionParameter, isTargetParameter, residualParameter, wordsSayPrediction, wordsSayTarget } from '../../engine/roleNames';
import { unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { Translator, type ChoicePoint, type ReadLogits } from './translate';
import { Env, isSettingDefault, numericValue, Unreadable } from './translationEnv';

/** A loss read from code: the per-element expression, which symbol is the prediction, and how it was reduced. */
export interface TranslatedLoss {
  expr: Expr;
  wrt: string;
  target?: string;
  /** The target's range when its name says it (`oldProbs` of a PPO loss is a probability). */
  targetRange?: [number, number];
  parameters: Record<string, number>;
  reduction: 'mean' | 'sum' | 'none';
  /** 'tensor' when the code uses tf ops (fixes are written as tf calls), 'scalar' for Math.* code. */
  style: 'tensor' | 'scalar';
  activatedLogits?: ReadLogits[];
  gradientless?: GradientlessOp[];
  eagerBranches?: EagerBranch[];
  discarded?: { start: number; end: number; text: string; line: number }[];
  /** Terms of sums left out because they could not be read: their symbols, code and why (unreadTerms.ts). */
  unreadTerms?: { name: string; code: string; reason: string; line: number; kept?: true }[];
  /** A reading made one way of the configuration the loss tests: the conditions of that way. */
  when?: Condition[];
  /** A minimize closure calling several models: the outputs besides `wrt`, each checked as the prediction too. */
  otherPredictions?: string[];
  /** A minimize closure: the call that gives the model's output. */
  predictionCall?: TS.CallExpression;
  /** A minimize closure: the declaration its target comes from, for what the code says about the targets. */
  targetOwner?: TS.Node;
  /** A minimize closure: each model output's symbol, with its call and its index among a multi-output model's outputs. */
  modelOutputs?: ReadonlyMap<string, { call: TS.CallExpression; index?: number; field?: string; unseen?: boolean }>;
  /** A training step whose model ran before its function: TF.js records no gradient for it and throws. */
  untaped?: UntapedStep;
  /** The line of a `tf.oneHot` of the target: the loss encodes class numbers itself. */
  targetOneHotLine?: number;
  /** Slices and split pieces of the prediction and of the target (tensorParts.ts). */
  parts?: { prediction?: string[]; target?: string[] };
  /** The columns each slice of the prediction takes (outputColumns.ts). */
  columns?: Record<string, ColumnWindow>;
}

/**
 * Which parameter is the target and which the prediction: TF.js passes (yTrue, yPred), but helpers written
 * for `optimizer.minimize` often take (predictions, labels); the names decide when they are clear.
 */
export function roleOrder(names: string[], calledWithPrediction?: number, functionName?: string): { target: number; prediction: number } {
  const [a, b] = names;
  const distributions = isDistributionPair(a, b, functionName);
  // Names that say nothing (`mse(a, b)`), or information theory's (p, q): the file's calls say which one is given a
  // model's output; else q is the model's distribution.
  if (calledWithPrediction !== undefined && (distributions || roleNamesSilent(names) || !namesPrediction(names))) return { prediction: calledWithPrediction, target: 1 - calledWithPrediction };
  if (distributions) return { target: 0, prediction: 1 };
  if (isExpectedActualPair(a, b)) return { target: 0, prediction: 1 };
  // (yPred, yTrue), (predictions, labels), (newProbs, oldProbs), and (yPred, x) where x does not say prediction.
  const reversed = saysPrediction(a) && !saysTarget(a) && (saysTarget(b) || !saysPrediction(b));
  // (hypothesis, label): the second says target and the first says nothing, so the first is the prediction.
  const secondIsTarget = saysTarget(b) && !saysPrediction(b) && !saysTarget(a);
  // (rendered, channels, target): the prediction first, a setting between it and the target, which a later name says.
  const later = reversed && !saysTarget(b) ? names.findIndex((n, i) => i > 1 && saysTarget(n) && !saysPrediction(n)) : -1;
  if (later > 1) return { target: later, prediction: 0 };
  return reversed || secondIsTarget ? { target: 1, prediction: 0 } : { target: 0, prediction: 1 };
}

/** A name that says target; the reference of a comparison is the target too (the old policy's probabilities). */
const saysTarget = (n: string | undefined) => n !== undefined && (isTargetName(n) || isTargetParameter(n) || REFERENCE_NAME.test(n) || wordsSayTarget(n));
const saysPrediction = (n: string | undefined) => n !== undefined && (isPredictionName(n) || isPredictionParameter(n) || CURRENT_NAME.test(n) || wordsSayPrediction(n));

/** Whether a reading's prediction is a model run in it (`model.apply(states)`, `this.policy.predict(s)`), not a helper's value. */
export function predictsWithModel(reading: TranslatedLoss, tree: SyntaxTree): boolean {
  const ts = tree.ts;
  const callee = reading.predictionCall && unwrapExpression(ts, reading.predictionCall.expression);
  return !!callee && ts.isPropertyAccessExpression(callee) && OPAQUE_METHODS.has(callee.name.text);
}

/**
 * Whether no parameter's name says it is the prediction or the target (`ppoLoss(states, actions, oldLogProbs,
 * advantages)`): then a model the function runs gives its prediction. `distill(labels, student, inputs)` says its
 * roles by order (the target first), whatever else it runs (a frozen teacher).
 */
export function noRoleParameter(names: readonly string[]): boolean {
  return !names.some((n) => saysPrediction(n) || saysTarget(n));
}

/**
 * Whether a loss's first two parameters say their roles (`yPred`, `labels`, `predictedValues`, `trueY`); `(x, y)` and
 * `(a, b)` do not, so a function given to `model.compile` takes TF.js's order there (the target first).
 */
export function namesPrediction(names: readonly string[]): boolean {
  // `loss(x, y)`, `loss(xs, ys)` say nothing here (their letters are a model's inputs and labels, not a loss's
  // roles): TF.js puts the ground truth in the first.
  const [a, b] = names;
  if (/^xs?$/i.test(a ?? '') && /^ys?$/i.test(b ?? '')) return false;
  return [a, b].some((n) => n !== undefined && (saysPrediction(n) || saysTarget(n)));
}

/** Whether the names of a loss's first two parameters leave their roles open (`mse(a, b)`, `loss(x, y)`). */
export function roleNamesSilent(names: readonly string[]): boolean {
  return names.length >= 2 && ![names[0], names[1]].some((n) => saysTarget(n) || saysPrediction(n));
}

/** `oldProbs`, `prev_logits`, `refValues`: the reference a prediction is compared with. */
const REFERENCE_NAME = /^(old|prev|previous|ref|reference|expected)(?=[A-Z_\d]|$)/;
/** `newProbs`, `cur_log_probs`: what the model gives now, compared with a reference. */
const CURRENT_NAME = /^(new|cur|current)(?=[A-Z_\d]|$)/;

/** Parameter names of a model's log-variance or log-scale output: `zLogVar`, `z_log_var`, `logvar`, `logStd`, `log_sigma`. */
const LOG_SCALE_OUTPUT = /^(z_?)?log_?(var|variance|std|sigma|scale)$/i;

/** A loss read once per way its configuration tests can go, the first reading (every test true) first. */
export function translateLossFunction(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode, closureValues?: ReadonlyMap<TS.Node, Expr>, calledWithPrediction?: number): TranslatedLoss[] {
  return readVariants(tree, (choices) => translateLossFunctionOnce(tree, tf, fn, closureValues, choices, calledWithPrediction));
}

/** A function read as a training step (a minimize closure), or undefined when it cannot be read as one. */
export function readTrainingStep(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode): TranslatedLoss[] | undefined {
  try {
    const readings = translateMinimizeClosure(tree, tf, fn);
    // Nothing but an opaque value (`return this.reduce(…)` of a base class the file does not show): no step read.
    return readings.every((r) => r.expr.text === r.wrt) ? undefined : readings;
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
}

/** The closure given to `optimizer.minimize`, once per way its configuration tests can go. */
export function translateMinimizeClosure(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode, trainedModel?: string, stepCall?: TS.CallExpression): TranslatedLoss[] {
  const readings = readVariants(tree, (choices) => translateMinimizeClosureOnce(tree, tf, fn, choices, trainedModel));
  // A loss whose model ran before the step's function: TF.js throws (stepBoundary.untapedStep).
  // The prediction's own call first: the message names the model that gets no gradient.
  const calls = readings.flatMap((r) => [...(r.predictionCall ? [r.predictionCall] : []), ...[...(r.modelOutputs?.values() ?? [])].map((o) => o.call)]);
  const untaped = stepCall && !differentiatesListedVariables(tree, stepCall, fn) ? untapedStep(tree, tf, stepCall, fn, calls) : undefined;
  return untaped ? readings.map((r) => ({ ...r, untaped })) : readings;
}

/**
 * A step given its variables in a list the function itself reads (`tf.variableGrads(alphaLoss, [this.logAlpha])` with
 * `this.logAlpha.exp()` inside): the gradient reaches them whatever model ran before, so nothing is untaped.
 */
function differentiatesListedVariables(tree: SyntaxTree, stepCall: TS.CallExpression, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const list = stepCall.arguments[stepCall.arguments.length >= 3 ? 2 : 1];
  const e = list && unwrapExpression(ts, list);
  if (!e || !ts.isArrayLiteralExpression(e) || e.elements.length === 0) return false;
  const body = tree.compactSource(fn);
  return e.elements.every((v) => !ts.isSpreadElement(v) && body.includes(tree.compactSource(v)));
}

/** A loss registry written as a switch has a reading per case: eight losses and a default fit. */
const MAX_VARIANTS = 10;

/** The readings to try next: each test a reading met and was not told, flipped, with the tests before it kept as they went. */
function flips(points: readonly ChoicePoint[], choices: ReadonlyMap<TS.Node, boolean>): Map<TS.Node, boolean>[] {
  const out: Map<TS.Node, boolean>[] = [];
  points.forEach((p, i) => {
    if (choices.has(p.node)) return;
    const next = new Map(choices);
    for (const q of points.slice(0, i)) next.set(q.node, q.value);
    next.set(p.node, !p.value);
    out.push(next);
  });
  return out;
}

/** The configuration tests a reading met before it became unreadable, by the error it threw. */
const pointsMet = new WeakMap<Unreadable, readonly ChoicePoint[]>();

/** Runs one reading, noting on an Unreadable it throws the tests the translator had met. */
function noting<T>(t: Translator, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof Unreadable && !pointsMet.has(err)) pointsMet.set(err, [...t.choicePoints]);
    throw err;
  }
}

/**
 * Every way through the configuration tests (`if (this.lossType === 'bce')`, `config.discrete ? … : …`), up to
 * MAX_VARIANTS: a reading takes each test true unless told otherwise, and each test it met that was not forced
 * is then flipped, with the tests before it kept as they went. Readings that cannot be read are skipped; when none
 * can, the first one's reason is thrown.
 */
function readVariants(tree: SyntaxTree, read: (choices: ReadonlyMap<TS.Node, boolean>) => { loss: TranslatedLoss; points: readonly ChoicePoint[] }): TranslatedLoss[] {
  const out: TranslatedLoss[] = [];
  const texts = new Set<string>();
  const queue: Map<TS.Node, boolean>[] = [new Map()];
  let firstError: Unreadable | undefined;
  for (let tried = 0; queue.length > 0 && out.length < MAX_VARIANTS && tried < MAX_VARIANTS * 2; tried++) {
    const choices = queue.shift()!;
    let r: { loss: TranslatedLoss; points: readonly ChoicePoint[] };
    try {
      r = read(choices);
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      firstError ??= err;
      // The tests met before the way became unreadable (`if (maskedOnly) { …an op the lint cannot read… } return
      // l1(yTrue, yPred)`) are flipped still: the other ways may be read.
      queue.push(...flips(pointsMet.get(err) ?? [], choices));
      continue;
    }
    if (!texts.has(r.loss.expr.text)) {
      texts.add(r.loss.expr.text);
      // The way the configuration went in this reading (`useLogits ? sigmoidCrossEntropy : logLoss`): the model's
      // ways chosen by the same setting are checked with it, the others are not (configurationChoices.ts).
      const when = r.points.flatMap((p) => (tree.ts.isCaseClause(p.node) ? caseTestConditions(tree, p.node, p.value) : conditionsOfTest(tree, p.node as TS.Expression, p.value)));
      out.push(r.points.length ? { ...r.loss, when } : r.loss);
    }
    queue.push(...flips(r.points, choices));
  }
  if (out.length === 0) throw firstError ?? new Unreadable('the loss could not be read');
  // A way that never reaches the prediction (a Keras-style loss called once per output, `if (yTrue.shape[1] === k)`
  // picking the term of one output) is not a reading of this loss when another way is.
  const reaching = out.filter((l) => mentionsSymbol(l.expr.text, l.wrt));
  return reaching.length > 0 ? reaching : out;
}

function translateLossFunctionOnce(
  tree: SyntaxTree,
  tf: TfBindings,
  fn: FunctionNode,
  closureValues: ReadonlyMap<TS.Node, Expr> | undefined,
  choices: ReadonlyMap<TS.Node, boolean>,
  calledWithPrediction?: number,
): { loss: TranslatedLoss; points: readonly ChoicePoint[] } {
  const ts = tree.ts;
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  const fnName = functionName(tree, fn).name;
  const lone = lonePrediction(tree, fn, params, fnName);
  const alone = lone !== undefined;
  if (params.length < 2 && !alone) throw new Unreadable('a loss function takes (yTrue, yPred)', fn);
  // An options object after the pair (`(yPred, yTrue, { reduction, delta = 1 } = {})`) is read name by name.
  for (const [i, p] of params.entries()) {
    if (!ts.isIdentifier(p.name) && !(i >= 2 && optionNames(ts, p))) throw new Unreadable('destructured parameters are not supported', p);
    if (p.dotDotDotToken) throw new Unreadable('rest parameters are not supported', p);
  }
  const names = params.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  const named = alone ? { prediction: lone, target: -1 } : roleOrder(names, calledWithPrediction, fnName);
  // The parameter the body hands to a TF.js loss as its labels is the target (`tf.losses.meanSquaredError(X, xHat)`).
  const labels = alone || calledWithPrediction !== undefined ? undefined : labelsParameter(tree, tf, fn, params);
  const order = labels !== undefined && labels === named.prediction && labels < 2 ? { prediction: 1 - labels, target: labels } : named;
  const t = new Translator(tree, tf, { mode: 'loss', closureValues, choices });
  const predSource = names[order.prediction];
  const targetSource = alone ? undefined : names[order.target];
  // `(expected, actual)` keep their own names: they say which is which.
  const paired = isExpectedActualPair(names[0], names[1]);
  const wrt = t.claimData(alone || paired || (isPredictionName(predSource) && !isTargetName(predSource)) ? predSource : 'yPred', params[order.prediction], 'yPred');
  const target = targetSource === undefined ? undefined : t.claimData(paired || (isTargetName(targetSource) && !isPredictionName(targetSource)) ? targetSource : 'yTrue', params[order.target], 'yTrue');
  t.lossPrediction = wrt;
  t.lossTarget = target;
  let env = Env.empty.with(predSource, { kind: 'symbol', name: wrt });
  if (targetSource !== undefined && target !== undefined) env = env.with(targetSource, { kind: 'symbol', name: target });
  params.forEach((p, i) => {
    if (i === order.prediction || i === order.target) return;
    const options = optionNames(ts, p);
    if (options) {
      for (const o of options) {
        const setting = isSettingDefault(ts, o);
        const name = setting ? t.claimSymbol(o.name.text, o) : t.claimData(o.name.text, o);
        const d = !setting && o.initializer ? numericValue(ts, o.initializer) : undefined;
        if (d !== undefined && Number.isFinite(d)) t.parameters[name] = d;
        env = env.with(o.name.text, { kind: 'symbol', name });
      }
      return;
    }
    if (isSettingDefault(ts, p)) {
      env = env.with(names[i], { kind: 'symbol', name: t.claimSymbol(names[i], p) });
      return;
    }
    const name = t.claimData(names[i], p);
    // A VAE loss given the encoder's log-variance (`vaeLoss(x, xHat, zMean, zLogVar)`): a model output, unbounded
    // above from its linear head, checked as a prediction like the reconstruction.
    if (LOG_SCALE_OUTPUT.test(names[i])) t.otherPredictions.push(name);
    const d = p.initializer ? numericValue(ts, p.initializer) : undefined;
    if (d !== undefined && Number.isFinite(d)) t.parameters[name] = d;
    env = env.with(names[i], { kind: 'symbol', name });
  });
  const expr = noting(t, () => t.functionBody(fn, env));
  const loss = finishWithParts(t, expr, wrt, target);
  if (targetSource !== undefined && PROBABILITY_NAME.test(targetSource) && loss.target === target) loss.targetRange = [0, 1];
  return { loss, points: t.choicePoints };
}

/** The names an options parameter destructures (`{ reduction, delta = 1 }`), each with its default; undefined for any other parameter. */
function optionNames(ts: typeof TS, p: TS.ParameterDeclaration): (TS.BindingElement & { name: TS.Identifier })[] | undefined {
  if (!ts.isObjectBindingPattern(p.name)) return undefined;
  const elements = p.name.elements;
  return elements.every((e) => ts.isIdentifier(e.name) && !e.dotDotDotToken) ? (elements as readonly TS.BindingElement[] as (TS.BindingElement & { name: TS.Identifier })[]) : undefined;
}

/** A parameter name that says probability (`oldProbs`, `old_pi`, `likelihood`): its values are in [0, 1]. */
const PROBABILITY_NAME = /prob|likelihood|^p(_?old)?$|^(old_?)?pi$/i;

/**
 * A prediction used only by its parts (`outputs[0]`, `outputs[2]`; `yPred.slice([0, 0], …)`, `yPred.slice([n, 0], …)`):
 * the first part is the prediction, and each other one is checked as the prediction too, like the outputs of several
 * models in a minimize closure.
 */
function finishWithParts(t: Translator, expr: Expr, wrt: string, target: string | undefined): TranslatedLoss {
  const parts = [...t.predictionElements.values()];
  if ((parts.length === 0 && !t.otherPredictions.some((o) => symbolsIn(expr.text).has(o))) || symbolsIn(expr.text).has(wrt)) {
    const loss = finish(t, expr, wrt, target);
    if (parts.length > 0 || t.otherPredictions.length > 0) loss.otherPredictions = [...parts, ...t.otherPredictions];
    return loss;
  }
  // The outputs the loss is read on, in order: the first of them the expression mentions is its prediction.
  const present = symbolsIn(expr.text);
  const candidates = [...parts, ...t.otherPredictions];
  const chosen = candidates.find((c) => present.has(c)) ?? parts[0]!;
  const loss = finish(t, expr, chosen, target);
  const others = candidates.filter((c) => c !== chosen);
  if (others.length > 0) loss.otherPredictions = others;
  return loss;
}

/** Whether a reading mentions its prediction: a loss function whose parameters say none may not (`(state, action, reward)`). */
export function mentionsPrediction(t: TranslatedLoss): boolean {
  return symbolsIn(t.expr.text).has(t.wrt);
}

function symbolsIn(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

/** The closure given to `optimizer.minimize`: the model's output is the prediction, the first other tensor the target. */
function translateMinimizeClosureOnce(tree: SyntaxTree, tf: TfBindings, fn: FunctionNode, choices: ReadonlyMap<TS.Node, boolean>, trainedModel: string | undefined): { loss: TranslatedLoss; points: readonly ChoicePoint[] } {
  const t = new Translator(tree, tf, { mode: 'minimize', choices, step: fn, ...(trainedModel !== undefined ? { trainedModel } : {}) });
  const expr = noting(t, () => t.functionBody(fn, Env.empty));
  const unread = t.unreadTerms[0];
  // No model runs in it: an input it optimises is what it trains (an image of a style transfer).
  const optimised = t.prediction === undefined ? t.otherPredictions.shift() : undefined;
  if (optimised !== undefined) t.prediction = optimised;
  if (t.prediction === undefined) throw unread ? new Unreadable(unread.reason, unread.at) : new Unreadable('cannot tell which value is the model output (call model.predict or a predict function inside the closure)', fn);
  return { loss: finishWithParts(t, expr, t.prediction, t.target), points: t.choicePoints };
}

function finish(t: Translator, expr: Expr, wrt: string, target: string | undefined): TranslatedLoss {
  // Terms left out are worth it only when what was read still holds the prediction (unreadTerms.ts).
  const first = t.unreadTerms[0];
  if (first && !mentionsSymbol(expr.text, wrt)) throw new Unreadable(first.reason, first.at);
  const gradientless = gradientlessOps(t, [...new Set([wrt, ...(t.prediction !== undefined ? [t.prediction] : []), ...t.otherPredictions, ...t.predictionElements.values()])]);
  const eagerBranches = eagerBranchesOf(t, expr);
  const outer = [...t.reductions].reverse().find((r) => r !== 'other');
  const parts = tensorPieces(t, t.predictionSymbol, target);
  const columns = columnWindows(t);
  return {
    expr,
    wrt,
    target,
    parameters: { ...t.parameters },
    reduction: outer ?? 'none',
    style: t.usedTensorOps ? 'tensor' : 'scalar',
    ...(t.predictionCall ? { predictionCall: t.predictionCall } : {}),
    ...(t.targetOwner && t.target === target ? { targetOwner: t.targetOwner } : {}),
    ...(t.modelOutputs.size ? { modelOutputs: t.modelOutputs } : {}),
    ...(t.activatedLogits.length ? { activatedLogits: [...t.activatedLogits] } : {}),
    ...(gradientless.length ? { gradientless } : {}),
    ...(eagerBranches.length ? { eagerBranches } : {}),
    ...(t.discarded.length ? { discarded: t.discarded.map((c) => ({ start: t.tree.start(c), end: c.end, text: t.tree.source(c), line: t.tree.file.getLineAndCharacterOfPosition(t.tree.start(c)).line + 1 })) } : {}),
    ...(t.unreadTerms.length ? { unreadTerms: t.unreadTerms.map((u) => unreadTerm(t, u)) } : {}),
    ...(t.targetOneHot ? { targetOneHotLine: t.tree.file.getLineAndCharacterOfPosition(t.tree.start(t.targetOneHot)).line + 1 } : {}),
    ...(parts ? { parts } : {}),
    ...(columns ? { columns } : {}),
  };
}

/** A term left out, said at its own line, with the line of the code it could not read when that is elsewhere (a helper's). */
function unreadTerm(t: Translator, u: Translator['unreadTerms'][number]): NonNullable<TranslatedLoss['unreadTerms']>[number] {
  const line = (n: TS.Node) => t.tree.file.getLineAndCharacterOfPosition(t.tree.start(n)).line + 1;
  const elsewhere = line(u.at) !== line(u.node) ? ` (line ${line(u.at)})` : '';
  return { name: u.name, code: u.code, reason: `${u.reason}${elsewhere}`, line: line(u.node), ...(u.kept ? { kept: u.kept } : {}) };
}

/** Where each `tf.where` call's branches and condition sit in the loss expression (once per time it was inlined). */
function eagerBranchesOf(t: Translator, expr: Expr): EagerBranch[] {
  const out: EagerBranch[] = [];
  const spansOf = (node: TS.Node) => expr.segments.all.filter((s) => s.fileStart === t.tree.start(node) && s.fileEnd === node.end);
  for (const [condition, w] of t.wheres) {
    for (const whole of spansOf(w.call)) {
      const inside = (n: TS.Node) => spansOf(n).find((s) => s.start >= whole.start && s.end <= whole.end);
      const test = inside(condition);
      if (!test) continue;
      for (const [branch, node] of [['then', w.then], ['else', w.otherwise]] as const) {
        const span = inside(node);
        if (span) out.push({ branch, span: { start: span.start, end: span.end }, test: { start: test.start, end: test.end }, op: 'tf.where' });
      }
    }
  }
  return out;
}

/**
 * What the engine checks of a translated loss. Opaque to its hazard checks: the target and the other outputs when the
 * caller says so, and the terms left out because they could not be read; `otherOutput` gives another output's model.
 */
export function lossReadingOf(t: TranslatedLoss, opaqueTarget: boolean, otherOutput: (symbol: string) => { activation?: 'sigmoid' | 'softmax'; linear?: boolean }): LossReading {
  const opaque = [...(opaqueTarget ? [...(t.target ? [t.target] : []), ...(t.otherPredictions ?? [])] : []), ...(t.unreadTerms ?? []).filter((u) => !u.kept).map((u) => u.name)];
  const unseen = [...(t.modelOutputs ?? [])].filter(([, o]) => o.unseen).map(([name]) => name);
  return {
    expr: t.expr, wrt: t.wrt, target: t.target, ...(t.targetRange ? { targetRange: t.targetRange } : {}), ...(t.parts ? { parts: t.parts } : {}), parameters: t.parameters, reduction: t.reduction, origin: 'code',
    ...(opaque.length ? { opaque } : {}),
    ...(unseen.length ? { unseenOutputs: unseen } : {}),
    ...(t.unreadTerms ? { unreadTerms: t.unreadTerms } : {}),
    ...(t.activatedLogits ? { activatedLogits: t.activatedLogits.map(({ prediction, ...a }) => (prediction === undefined ? a : { ...a, otherOutput: otherOutput(prediction) })) } : {}),
    ...(t.gradientless && t.style === 'tensor' ? { gradientless: t.gradientless } : {}),
    ...(t.eagerBranches ? { eagerBranches: t.eagerBranches } : {}),
    ...(t.discarded ? { discarded: t.discarded } : {}),
    ...(t.untaped ? { untaped: t.untaped } : {}),
  };
}

/** The same reading with another output it reads as its prediction: a logits loss on the first one is then on another output. */
export function readingOf(t: TranslatedLoss, wrt: string): TranslatedLoss {
  const otherPredictions = [t.wrt, ...(t.otherPredictions ?? []).filter((o) => o !== wrt)];
  const activatedLogits = t.activatedLogits?.map(({ prediction = t.wrt, ...a }) => (prediction === wrt ? a : { ...a, prediction }));
  return { ...t, wrt, otherPredictions, ...(activatedLogits ? { activatedLogits } : {}) };
}

/** Targets a loss one-hot encodes itself (`tf.oneHot(yTrue, k)`): class numbers. */
export function ownTargets(t: TranslatedLoss): TargetEvidence | undefined {
  return t.targetOneHotLine !== undefined ? { kind: 'classes', because: `the loss one-hot encodes its targets (tf.oneHot, line ${t.targetOneHotLine})` } : undefined;
}

/**
 * The parameter that is a loss's prediction with no target beside it: a GAN loss of the discriminator's output alone
 * (`gLoss(generatedPred)`), a loss of the residual or the margin (`regressionLoss(id, r)`), or one value among settings
 * (`categoricalEntropy(probs, eps = 1e-8)`, `entropyOf(probs, options = {})`).
 */
function lonePrediction(tree: SyntaxTree, fn: FunctionNode, params: readonly TS.ParameterDeclaration[], fnName: string | undefined): number | undefined {
  const ts = tree.ts;
  if (params.length === 1 && isGanLossOfOutput(tree, fn)) return 0;
  const residual = residualParameter(params.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')), fnName, (i) => !!params[i].initializer);
  if (residual !== undefined || params.length < 2) return residual;
  const values = params.map((_, i) => i).filter((i) => !isSettingParameter(ts, params[i]));
  return values.length === 1 ? values[0] : undefined;
}

const SETTING = /^(eps|epsilon|smooth|smoothing|margin|delta|alpha|beta|gamma|temperature|tau|options|opts|config|cfg|params|settings|hparams)$/i;

/** A parameter that is a setting: named as one (`eps`, `margin`, `options`), or given a number or an object by default. */
function isSettingParameter(ts: typeof TS, p: TS.ParameterDeclaration): boolean {
  const name = ts.isIdentifier(p.name) ? p.name.text : '';
  const init = p.initializer && unwrapExpression(ts, p.initializer);
  return SETTING.test(name) || (!!init && (numericValue(ts, init) !== undefined || ts.isObjectLiteralExpression(init) || isSettingDefault(ts, p)));
}

/**
 * The tensors a reading names, which a fix writes with tf ops: the prediction, the target, their pieces, the other model
 * outputs the site gives a range, and data the reading cannot see into (`log(1 - conf)` of a confidence slice is fixed
 * with `tf.maximum`, never `Math.max`).
 */
export function readingTensors(loss: LossReading, ranges?: Readonly<Record<string, unknown>>): string[] {
  const all = [loss.wrt, loss.target, ...(loss.parts?.prediction ?? []), ...(loss.parts?.target ?? []), ...Object.keys(ranges ?? {}), ...(loss.opaque ?? []), ...(loss.unseenOutputs ?? [])];
  return all.filter((s): s is string => !!s);
}
