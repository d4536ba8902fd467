/**
 * Logs outside any loss: a policy's entropy, a log-probability in a custom layer or a distribution, the
 * tanh-squash correction of an actor. Each `tf.log(x)` or `x.log()` that no loss site covers is read on its own:
 * its input translated in place, whatever it takes from elsewhere a symbol of its own. What those symbols can be
 * is known only from the ops that make them (a softmax is in [0, 1]), a model's output activation, or a name that
 * says probability (`probs`, `actProbs`); anything else ranges over every number. The rules then report the log
 * only where its input is bounded and still reaches 0 (see coreHazard.ts).
 *
 * `Math.log(x)` outside a loss is left alone: plain numbers carry no gradient, so it is a metric or a log line (a
 * text's entropy from word counts), not something training differentiates; a plain-JS loss is a loss site.
 */
import type * as TS from 'typescript';
import { call, mapped, type Expr } from '../../engine/expression';
import type { ModelInfo } from './modelResolution';
import { isCallback, isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { assignmentsTo, isParameterWritten, referencesTo, resolveIdentifier } from './scope';
import { functionName, inRewardFunction, isNotALoss, readBackOnly, returnsText, SAYS_LOSS, settingOfALoss } from './functionNames';
import { callsByName } from './functionValues';
import { Translator } from './translate';
import { Env, Unreadable } from './translationEnv';
import { reachedOnlyOffZero } from './testedArguments';
import { isMathGlobal, wholeModule } from './moduleCalls';

export interface OperationProbe {
  /** The log call. */
  node: TS.CallExpression;
  expr: Expr;
  /** The symbol the analysis differentiates by (any input; the op has no prediction of its own). */
  wrt: string;
  ranges: Record<string, [number | null, number | null]>;
  parameters: Record<string, number>;
  /** `Math.log` of plain numbers: float64, and fixed with Math.* code. */
  scalar: boolean;
}

const LOG_CALL = /\blog\s*\(/g;
const PROBABILITY_NAME = /prob|^p$|^pi$|^policy$|likelihood|softmax|sigmoid/i;
const MAX_PROBES = 200;

/**
 * Every log call outside `covered`, read as an operation probe when its input can be read. A log inside the input
 * of a probe already read is checked by that probe's analysis, so it is not read again (nested logs would
 * otherwise be translated once per level).
 */
/** The model a value comes from: a model call, or the prediction parameter of a loss compiled with a model. */
export type ModelOfValue = (made: TS.CallExpression | TS.ParameterDeclaration) => Pick<ModelInfo, 'activation'> | undefined;

export function findLogProbes(tree: SyntaxTree, tf: TfBindings, covered: (node: TS.Node) => boolean, modelOf: ModelOfValue, expired: () => boolean): OperationProbe[] {
  const ts = tree.ts;
  const out: OperationProbe[] = [];
  // Per function, whether its callers only read its result back: asked once, however many logs it holds.
  const readBackFunctions = new Map<TS.Node, boolean>();
  if (!tree.mayHaveName('log')) return out;
  for (const m of tree.text.matchAll(LOG_CALL)) {
    if (out.length >= MAX_PROBES || expired()) break;
    const id = tree.nodeAt(m.index!, m.index! + 3);
    if (!ts.isIdentifier(id) || id.text !== 'log') continue;
    const parent = tree.parent(id);
    const callee = parent && ts.isPropertyAccessExpression(parent) && parent.name === id ? parent : undefined;
    const callNode = callee ? tree.parent(callee) : undefined;
    if (!callee || !callNode || !ts.isCallExpression(callNode) || unwrapExpression(ts, callNode.expression) !== callee) continue;
    const input = inputOf(tree, tf, callNode, callee);
    if (!input || covered(callNode) || forSampling(tree, tf, callNode) || onlyReadBack(tree, callNode, readBackFunctions) || ofGraphModel(tree, tf, input) || givenAsLogits(tree, callNode)) continue;
    if (out.some((p) => p.node.pos <= callNode.pos && callNode.end <= p.node.end)) continue;
    if (isMathCall(tree, callee) && reachedOnlyOffZero(tree, callNode, input)) continue;
    // Plain numbers' logs (`Math.log(p)`) are judged from what the code computes (a sigmoid written out), not from names.
    const probe = readProbe(tree, tf, callNode, input, modelOf, !isMathCall(tree, callee));
    if (probe) out.push(probe);
  }
  return out;
}

/**
 * A log of what a graph model outputs (`model.predict(img).softmax().log()` of `model = await tf.loadGraphModel(url)`):
 * a GraphModel only runs inference in TF.js, so nothing is trained through it.
 */
function ofGraphModel(tree: SyntaxTree, tf: TfBindings, input: TS.Expression): boolean {
  const ts = tree.ts;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionNode(ts, n)) return;
    const callee = ts.isCallExpression(n) ? unwrapExpression(ts, n.expression) : undefined;
    const receiver = callee && ts.isPropertyAccessExpression(callee) && /^(?:predict|execute|executeAsync)$/.test(callee.name.text) ? unwrapExpression(ts, callee.expression) : undefined;
    const d = receiver && ts.isIdentifier(receiver) ? resolveIdentifier(tree, receiver) : undefined;
    if (d?.kind === 'variable') {
      const values = [...(d.initializer ? [d.initializer] : []), ...assignmentsTo(tree, (receiver as TS.Identifier).text, d).map((a) => a.right)];
      const loads = (v: TS.Expression) => { const x = unwrapExpression(ts, ts.isAwaitExpression(unwrapExpression(ts, v)) ? (unwrapExpression(ts, v) as TS.AwaitExpression).expression : v); return ts.isCallExpression(x) && tf.path(x.expression) === 'loadGraphModel'; };
      const given = values.filter((v) => !isNothing(ts, v));
      found = given.length > 0 && given.every(loads);
    }
    ts.forEachChild(n, visit);
  };
  visit(input);
  return found;
}

/** `null` or `undefined`: a variable's value before it is given one. */
function isNothing(ts: typeof TS, v: TS.Expression): boolean {
  const x = unwrapExpression(ts, v);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
}

/** A name that says logits: `logits`, `get logits()`, `probsToLogits`, `toLogits`, `logitsFromProbs`. */
const LOGITS_NAME = /^(?:get_?)?logits$|^(?:probs?|probabilities)_?to_?logits$|^to_?logits$|^logits_?from_?probs?$/i;

/**
 * A log in a function that converts probabilities to logits (`get logits() { return tf.log(this._probs) }` of a
 * distribution given its probabilities, `probsToLogits(p)`): log(0) = -Infinity is how a logit says a category is
 * impossible, the encoding asked for, not a loss that meets it by accident. A local named `logits` says less: a sampler
 * divides a model's log-probabilities by a temperature into one.
 */
function givenAsLogits(tree: SyntaxTree, node: TS.Node): boolean {
  const ts = tree.ts;
  for (const a of tree.ancestors(node)) {
    // A callback without a name of its own (`tf.tidy(() => …)`) is part of the function around it.
    const name = isFunctionNode(ts, a) ? functionName(tree, a).name : ts.isGetAccessorDeclaration(a) && ts.isIdentifier(a.name) ? a.name.text : undefined;
    if (name !== undefined) return LOGITS_NAME.test(name);
  }
  return false;
}

/** Names of functions that draw a sample (`sampleAction`, `chooseAction`, `drawFrom`), not ones that draw a canvas (`update_and_draw`). */
const SAMPLING_FUNCTION = /sampl|gumbel|noise|random|^act$|^choose|^select|^draw_?(?:action|sample|index|from)/i;
const SAMPLING_OPS = new Set(['argMax', 'argMin', 'multinomial', 'floor', 'ceil', 'round']);

/**
 * A log that feeds a sampler (Gumbel-max, an inverse-CDF draw) or sits in a sampling method: log(0) = -Infinity
 * there only picks nothing or the right sample, and nothing is differentiated through it.
 */
function forSampling(tree: SyntaxTree, tf: TfBindings, node: TS.Node): boolean {
  const ts = tree.ts;
  let depth = 0;
  for (const a of tree.ancestors(node)) {
    if (isFunctionNode(ts, a)) {
      const name = a.name && ts.isIdentifier(a.name) ? a.name.text : undefined;
      const holder = tree.parent(a);
      const held = holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
      if (name === undefined && held === undefined) continue;
      // A sampling method's logs are left alone unless they read a model's output (the log-probability of the sampled
      // action a SAC actor returns for its loss): those are checked whatever the method is called, but for one read
      // back to a number at once (`tf.log(dist).dataSync()[action]`, kept as the old log-probability), never differentiated.
      return SAMPLING_FUNCTION.test(name ?? held ?? '') && (!readsModel(tree, a) || readBackAtOnce(tree, node));
    }
    if (depth++ < 6 && isSamplingCall(tree, tf, a)) return true;
    // `const y = tf.add(tf.log(probs), gumbel); tf.argMax(y)`: a local whose every use is a sampler's input, or is read
    // back to numbers (`const logits = tf.div(p.log(), temperature); const q = tf.exp(logits)…; sample(q.dataSync())`).
    if (ts.isVariableDeclaration(a) && ts.isIdentifier(a.name) && sampledOrReadBack(tree, tf, a, 0)) return true;
  }
  return false;
}

/** Whether every use of a local is a sampler's input or read back to numbers, through other locals made of it. */
function sampledOrReadBack(tree: SyntaxTree, tf: TfBindings, declaration: TS.VariableDeclaration, depth: number): boolean {
  const ts = tree.ts;
  if (depth > 3 || !ts.isIdentifier(declaration.name)) return false;
  const decl = resolveIdentifier(tree, declaration.name);
  const uses = decl && 'container' in decl ? referencesTo(tree, decl.container, declaration.name.text, decl).filter((u) => u !== declaration.name) : [];
  return uses.length > 0 && uses.every((u) => {
    const around = [...tree.ancestors(u)];
    if (around.slice(0, 4).some((x) => isSamplingCall(tree, tf, x) || isDisposal(tree, x))) return true;
    // Read back for a score or a draw; not a cost recorded (`this.costHistory.push(term.dataSync()[0])`), whose -Infinity counts.
    const statement = around.find((x) => ts.isStatement(x));
    if (readBackThrough(tree, u)) return !!statement && !SAYS_LOSS.test(tree.source(statement));
    // Part of the value of another local (before any statement or function boundary): that local's uses decide.
    const holder = around.find((x) => ts.isVariableDeclaration(x) || ts.isStatement(x) || isFunctionNode(ts, x));
    return !!holder && ts.isVariableDeclaration(holder) && sampledOrReadBack(tree, tf, holder, depth + 1);
  });
}

/**
 * A log in a function or method whose every call is read back at once (`this.policyEntropy(s).dataSync()[0]` for a
 * chart): a number to show, never differentiated. A function named for a loss is a loss whatever its callers do.
 */
function onlyReadBack(tree: SyntaxTree, node: TS.Node, known: Map<TS.Node, boolean>): boolean {
  const ts = tree.ts;
  const fn = [...tree.ancestors(node)].find((a) => isFunctionNode(ts, a) && functionName(tree, a).name !== undefined);
  if (!fn || !isFunctionNode(ts, fn)) return false;
  let answer = known.get(fn);
  if (answer === undefined) {
    const name = functionName(tree, fn).name!;
    const calls = SAYS_LOSS.test(name) ? [] : [...callsByName(tree, name, 'call', 20)].filter((c): c is TS.CallExpression => ts.isCallExpression(c));
    answer = calls.length > 0 && calls.every((c) => readBackOnly(tree, c));
    known.set(fn, answer);
  }
  return answer;
}

/** `x.dataSync()` (or `arraySync`, `data`, `array`) of a value, right where it is made. */
function readBackAtOnce(tree: SyntaxTree, node: TS.Node): boolean {
  return readBackThrough(tree, node, 0);
}

const READ_BACK = new Set(['dataSync', 'arraySync', 'data', 'array']);
/** Methods that pick or reshape a tensor's values without computing new ones. */
const PICKS_VALUES = new Set(['slice', 'gather', 'squeeze', 'reshape', 'flatten', 'expandDims', 'transpose', 'clone', 'as1D', 'as2D']);

/** `x.slice([i, k], [1, 1]).arraySync()`: a value read back to numbers, after picking some of its elements. */
function readBackThrough(tree: SyntaxTree, node: TS.Node, picks = 3): boolean {
  const ts = tree.ts;
  let current = node;
  for (let i = 0; i <= picks; i++) {
    const access = tree.parent(current);
    const call = access && ts.isPropertyAccessExpression(access) && access.expression === current ? tree.parent(access) : undefined;
    if (!call || !ts.isCallExpression(call) || call.expression !== access) return false;
    const method = (access as TS.PropertyAccessExpression).name.text;
    if (READ_BACK.has(method)) return true;
    if (!PICKS_VALUES.has(method)) return false;
    current = call;
  }
  return false;
}

/** `tf.dispose([a, b])`, `a.dispose()`: freeing a tensor is no use of its value. */
function isDisposal(tree: SyntaxTree, node: TS.Node): boolean {
  const ts = tree.ts;
  if (!ts.isCallExpression(node)) return false;
  const callee = unwrapExpression(ts, node.expression);
  return (ts.isPropertyAccessExpression(callee) && callee.name.text === 'dispose') || (ts.isIdentifier(callee) && callee.text === 'dispose');
}

function isSamplingCall(tree: SyntaxTree, tf: TfBindings, node: TS.Node): boolean {
  const ts = tree.ts;
  if (!ts.isCallExpression(node)) return false;
  const path = tf.path(node.expression);
  const callee = unwrapExpression(ts, node.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return (path !== undefined && SAMPLING_OPS.has(path)) || (method !== undefined && SAMPLING_OPS.has(method));
}

/** Whether a function runs a model (`this.model.predict(…)`, `actor.apply(…)`). */
function readsModel(tree: SyntaxTree, fn: TS.Node): boolean {
  return /\.\s*(predict|predictOnBatch|apply|execute|forward)\s*\(/.test(tree.text.slice(fn.pos, fn.end));
}

/** The log's input: `tf.log(x)` takes it as an argument, `x.log()` is called on it; none for `Math.log(x)`. */
function inputOf(tree: SyntaxTree, tf: TfBindings, node: TS.CallExpression, callee: TS.PropertyAccessExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const recv = unwrapExpression(ts, callee.expression);
  // `Math.log(x)` counts where it computes a loss in plain JavaScript (`const cost = -y.reduce((s, yi, k) => s + yi *
  // Math.log(p[k]), 0)`, `loss += …`): elsewhere it is a metric or a log line.
  if (isPlainMath(tree, recv)) return node.arguments.length === 1 && inLossValue(tree, node) ? node.arguments[0] : undefined;
  if (tf.path(callee) === 'log') return node.arguments.length === 1 ? node.arguments[0] : undefined;
  return node.arguments.length === 0 ? callee.expression : undefined;
}

/**
 * Whether a node is inside the value given to a variable named for a loss (`const cost = …`, `loss += …`, `this.loss =
 * …`, also in a script's top-level loop), or inside a function named for one (`function computeCost(X, y, w)`).
 */
export function inLossValue(tree: SyntaxTree, node: TS.Node): boolean {
  const ts = tree.ts;
  let child: TS.Node = node;
  for (const a of tree.ancestors(node)) {
    // A function named for a loss or a cost (`function computeCost(X, y, w)`, `Model.prototype.cost = function (X, Y)`):
    // its logs compute it.
    if (isFunctionNode(ts, a) && !isCallback(tree, a)) {
      const name = functionName(tree, a).name ?? assignedName(tree, a) ?? '';
      return (namesLoss(name) && !settingOfALoss(tree, a, name) && !returnsText(tree, a)) || lossClassMethod(tree, a);
    }
    // `const cost = …`, `loss += …`, or a field of an object built for a sample (`{ ratio, objective: Math.min(…) }`).
    const named = ts.isVariableDeclaration(a) && a.initializer === child ? a.name
      : ts.isBinaryExpression(a) && a.right === child && a.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && a.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? unwrapExpression(ts, a.left)
      : ts.isPropertyAssignment(a) && a.initializer === child ? a.name
      : undefined;
    if (named) {
      const name = ts.isIdentifier(named) ? named.text : ts.isPropertyAccessExpression(named) ? named.name.text : undefined;
      // … but not a cost or penalty an environment's step folds into the reward it returns.
      if (name !== undefined && namesLoss(name)) return !inRewardFunction(tree, a);
    }
    child = a;
  }
  return false;
}

/**
 * A method of a loss class (`class Hinge extends Loss { calculate(yHat, y) { … } }`, `class FocalLoss`): it computes
 * the loss, unless its name says it is something else (`gradient`, `derivative`).
 */
function lossClassMethod(tree: SyntaxTree, fn: TS.Node): boolean {
  const ts = tree.ts;
  const method = ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  const cls = method !== undefined ? tree.parent(fn) : undefined;
  if (method === undefined || !cls || !ts.isClassLike(cls) || isNotALoss(method) || /^(?:backward|grad\w*|deriv\w*)$/i.test(method)) return false;
  const bases = (cls.heritageClauses ?? []).filter((h) => h.token === ts.SyntaxKind.ExtendsKeyword).flatMap((h) => h.types.map((t) => tree.compactSource(t.expression)));
  return [cls.name?.text ?? '', ...bases].some((n) => namesLoss(n.replace(/^.*\./, '')));
}

/**
 * A measure of a loss or a cost, named by its last word (`calculateCostEfficiency`, `lossRatio`, `costEstimate`), or
 * its change between steps (`lossDelta`, `lossImprovement` of the reported loss driving an animation): not one.
 */
const MEASURE_OF = /[a-z_](?:Efficiency|Metric|Score|Accuracy|Ratio|Savings?|Estimates?|Report|Summary|Delta|Change|Diff|Difference|Improvement|Drop|Trend|Progress|efficiency|ratio|savings?|delta|change|diff|improvement)$/;
const namesLoss = (name: string) => SAYS_LOSS.test(name) && !MEASURE_OF.test(name);

/** The property a function is assigned to (`Model.prototype.cost = function …`, `this.loss = (p, y) => …`). */
function assignedName(tree: SyntaxTree, fn: TS.Node): string | undefined {
  const ts = tree.ts;
  const parent = tree.parent(fn);
  const left = parent && ts.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? unwrapExpression(ts, parent.left) : undefined;
  // `Model.prototype.cost = function …`, or a sloppy script's `jCost = (X, y, theta) => …` (a name never declared).
  return left && ts.isPropertyAccessExpression(left) ? left.name.text : left && ts.isIdentifier(left) ? left.text : undefined;
}

function isMathCall(tree: SyntaxTree, callee: TS.PropertyAccessExpression): boolean {
  return isPlainMath(tree, unwrapExpression(tree.ts, callee.expression));
}

/** `Math`, or mathjs (`math` of a page's script tag, or the module imported whole): plain float64 numbers and matrices. */
function isPlainMath(tree: SyntaxTree, recv: TS.Expression): boolean {
  return isMathGlobal(tree, recv) || (tree.ts.isIdentifier(recv) && wholeModule(tree, recv) === 'mathjs');
}

/**
 * An expression read in place, as an operation: its translation, the translator that made it (what each symbol is), and
 * the data symbols it reads, in order and repeated as they occur. Undefined where it cannot be read.
 */
export function readInPlace(tree: SyntaxTree, tf: TfBindings, input: TS.Expression): { t: Translator; expr: Expr; symbols: string[] } | undefined {
  const t = new Translator(tree, tf, { mode: 'operation' });
  let expr: Expr;
  try {
    expr = t.expression(input, Env.empty);
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
  return { t, expr, symbols: symbolsRead(t, expr) };
}

/** The data symbols a translation reads, in order and repeated as they occur. */
export function symbolsRead(t: Translator, expr: Expr): string[] {
  return [...expr.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((x) => x[0]).filter((s) => t.dataSymbols.has(s));
}

function readProbe(tree: SyntaxTree, tf: TfBindings, node: TS.CallExpression, input: TS.Expression, modelOf: ModelOfValue, rangesByName: boolean): OperationProbe | undefined {
  const read = readInPlace(tree, tf, input);
  if (!read) return undefined;
  const { t, expr: arg, symbols } = read;
  if (symbols.length === 0 || symbols.every((s) => t.randomSymbols.has(s))) return undefined;
  const ranges: Record<string, [number | null, number | null]> = {};
  for (const s of new Set(symbols)) {
    const known = t.knownRanges.get(s);
    if (known) {
      ranges[s] = known;
      continue;
    }
    // A model call, or a parameter (`lossFunction(target, output)` compiled with a model whose loss is otherwise unreadable).
    const made = t.opaqueCalls.get(s) ?? [...t.owners].find(([owner, name]) => name === s && typeof owner !== 'string' && tree.ts.isParameter(owner) && !isParameterWritten(tree, owner))?.[0];
    const model = made ? modelOf(made as TS.CallExpression | TS.ParameterDeclaration) : undefined;
    if (model?.activation === 'sigmoid' || model?.activation === 'softmax') ranges[s] = [0, 1];
    else if (model?.activation === 'tanh') ranges[s] = [-1, 1];
    else if (model?.activation === 'relu' || model?.activation === 'softplus') ranges[s] = [0, null];
    else ranges[s] = rangesByName && PROBABILITY_NAME.test(s) ? [0, 1] : [null, null];
  }
  const expr = mapped(call('log', [arg]), tree.start(node), node.end);
  return { node, expr, wrt: symbols[0], ranges, parameters: { ...t.parameters }, scalar: !rangesByName };
}
