/**
 * A hinge written in plain JavaScript where a loss is computed (`const hingeLoss = Math.max(0, 1 - y * score)`,
 * `loss += Math.max(0, margin - posSim + negSim)`, a `function _hingeLoss(X, y, w, b)`): a kink where the margin is
 * met, as `tf.maximum(0, …)` has in tensor code. Read in place, like a plain log (operationProbes.ts), where the
 * value it is part of is named for a loss; every other `Math.max(0, …)` (a clamp, a count, a batch size) is left alone.
 *
 * So is an absolute error added into a loss (`totalLoss += Math.abs(pred - target)`, a hand-written MAE), read with the
 * whole value added, so that a Huber written with `Math.abs` is judged by its C1 join.
 *
 * So is PPO's clipped surrogate written the same way, `policyLoss += -Math.min(ratio * A, clippedRatio * A)`, where
 * the code trains on it: plain numbers have no autodiff, so a hand-written gradient that switches where the clip binds
 * (`ratio > 1 + clip`) shows the surrogate is what is followed. A surrogate only computed, logged or used as a step
 * size is not differentiated anywhere.
 */
import type * as TS from 'typescript';
import { compile, isPredictionName, isTargetName, parseExpression, symbolsOf } from '../../../core';
import { inLossValue, readInPlace, symbolsRead, type OperationProbe } from './operationProbes';
import { compare, conditional, mapped, num, symbol, type Expr } from '../../engine/expression';
import { comparisonOf } from './targetShapes';
import { findSubgradientSteps } from './subgradientSteps';
import { findForwardClips } from './forwardClips';
import { Translator } from './translate';
import { Env, isSymbolName, numericValue, Unreadable } from './translationEnv';
import { referencesTo, resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { comparedToChooseGradient, hasClippedRatioSide } from './clippedRatios';
import { functionName, inRewardFunction, isNotALoss, LEIBNIZ_OF_LOSS, OF_A_LOSS, SAYS_LOSS } from './functionNames';
import type { TfBindings } from './tfBindings';
import { wordsAt } from './wordSearch';

/** A plain hinge read as an operation probe is: always plain numbers, so `scalar` is not asked. */
export type HingeProbe = Omit<OperationProbe, 'scalar' | 'node'> & { node: TS.Expression };

/** `Math.max(0, …)`, as hinges are written (the zero first): other `Math.max` calls are not looked at. */
const MATH_MAX = /\bMath\s*\.\s*max\s*\(\s*0(?:\.0*)?\s*,/g;
const MATH_MIN = /\bMath\s*\.\s*min\s*\(/g;
const MATH_ABS = /\bMath\s*\.\s*abs\s*\(/g;
/** The policy's ratio (or probability) a clipped surrogate takes the minimum of; the old policy's is not the prediction. */
const RATIO_NAME = /ratio|prob|^r$/i;
const OLD_NAME = /^(?:old|prev)/i;
/** A test of a ratio against a clip bound, `ratio > 1 + clip`, `r < 1 - eps` or `ratio > hi`: where a hand gradient of the surrogate is 0. */
const CLIP_TEST = /\b([A-Za-z_$][\w$]*)\s*[<>]=?\s*(?:\(?\s*1\s*[-+]|([A-Za-z_$][\w$]*)\b)/g;
const MAX_PROBES = 50;
/** A read of the clock: `Date.now()`, `performance.now()`, `new Date().getTime()`. */
const CLOCK = /\b(?:Date|performance)\.now\(|\.getTime\(\)/;
/** A score or prediction by its name (`score`, `yHat`, `logits`). */
const PREDICTION_NAME = /score|sim|pred|out|logit|dist|y_?hat|activation/i;
/** … or a margin: what a hinge's kink is said in terms of. */
const SCORE_NAME = new RegExp(`margin|${PREDICTION_NAME.source}`, 'i');
/** Else a weight the hand-written descent trains (`w_0`, `theta`, `bias`): the score is linear in it. */
const WEIGHT_NAME = /^(?:w|weights?|theta|beta|coef\w*|bias|b)(?:_\d+)?$/i;

/**
 * The symbol a kink is said in terms of: a score or prediction by name before a margin the code keeps as a setting
 * (`this.margin`), then any name that says prediction (not `x`, the features), a trained weight, anything but a target.
 */
function kinkSymbol(symbols: readonly string[]): string {
  return symbols.find((s) => PREDICTION_NAME.test(s)) ?? symbols.find((s) => SCORE_NAME.test(s)) ?? symbols.find((s) => !/^x$/i.test(s) && isPredictionName(s))
    ?? symbols.find((s) => WEIGHT_NAME.test(s)) ?? symbols.find((s) => !isTargetName(s)) ?? symbols[0]!;
}

export function findHingeProbes(tree: SyntaxTree, tf: TfBindings, covered: (node: TS.Node) => boolean, expired: () => boolean): HingeProbe[] {
  const ts = tree.ts;
  const out: HingeProbe[] = [];
  // The Math calls of `arity` arguments a pattern matches, where a loss is computed and not only printed.
  const calls = function* (pattern: RegExp, arity = 2): Generator<TS.CallExpression> {
    for (const m of tree.text.matchAll(pattern)) {
      if (out.length >= MAX_PROBES || expired()) return;
      const id = tree.nodeAt(m.index!, m.index! + 4);
      const access = id && tree.parent(id);
      const node = access && tree.parent(access);
      if (!node || !ts.isCallExpression(node) || unwrapExpression(ts, node.expression) !== access || node.arguments.length !== arity) continue;
      if (!covered(node) && inLossValue(tree, node) && !onlyPrinted(tree, node)) yield node;
    }
  };
  const add = (probe: HingeProbe | undefined) => probe && out.push(probe);
  // A margin that reads the clock (`Math.max(0, 1 - (Date.now() - t) / day)`, a replay priority's age) is a schedule.
  // A hinge in a function named as its derivative (`squaredHingeLossGrad`) is gradient code, not the loss's kink.
  if (tree.mayHaveName('max')) for (const node of calls(MATH_MAX)) if (numericValue(ts, node.arguments[0]!) === 0 && !CLOCK.test(tree.compactSource(node.arguments[1]!)) && !namedAsNoLoss(enclosingFunctionName(tree, node) ?? '')) add(readHinge(tree, tf, node));
  // An absolute error added into a loss (`totalLoss += Math.abs(pred - target)`): the V of an L1 loss, a kink as a hinge's.
  // The whole value added is read, so a Huber's C1 join (`|r| <= δ ? r²/2 : δ(|r| - δ/2)`) is judged as one.
  if (tree.mayHaveName('abs')) {
    for (const node of calls(MATH_ABS, 1)) {
      const root = lossValueRoot(tree, node);
      const probe = root && readHinge(tree, tf, root);
      if (probe && !out.some((p) => p.node === probe.node)) add(probe);
    }
  }
  // A hinge written as a branch (`if (v <= 1) loss += 1 - v`): a loss added on one side of a bound only.
  if (/\bif\s*\(/.test(tree.text)) {
    for (const m of addedNames(tree.text)) {
      if (out.length >= MAX_PROBES || expired()) break;
      if (!SAYS_LOSS.test(m.name)) continue;
      const id = tree.nodeAt(m.index, m.index + m.name.length);
      const assignment = id && tree.parent(id);
      if (assignment && ts.isBinaryExpression(assignment) && assignment.left === id && assignment.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && !covered(assignment)) add(readBranchHinge(tree, tf, assignment));
    }
  }
  // The file's clip tests are looked for once, and only when a minimum of two values is part of a loss.
  let tested: boolean | undefined;
  if (tree.mayHaveName('min')) for (const node of calls(MATH_MIN)) if (node.arguments.every((x) => numericValue(ts, x) === undefined) && ((tested ??= clipBoundTested(tree)) || sidesCompared(tree, node) || hasClippedRatioSide(tree, node))) add(readSurrogate(tree, tf, node));
  // A PPO clip trained by a hand gradient that compares the surrogates, whose minimum no line computes.
  const readNames = (name: string) => out.some((p) => mentions(tree.source(p.node), name));
  for (const probe of findComparedClips(tree, tf, (n) => covered(n) || out.some((p) => p.node.pos <= n.pos && n.end <= p.node.end), readNames, expired)) add(probe);
  // A hinge no line computes, only its subgradient step (`if (y * score < 1) w += lr * y * x`): subgradientSteps.ts.
  for (const probe of findSubgradientSteps(tree, (n) => covered(n) || out.some((p) => p.node.pos <= n.pos && n.end <= p.node.end), expired)) add(probe);
  // A clip of a model's output in a forward pass a gradient closure runs (a SAC actor's log-std): forwardClips.ts.
  for (const probe of findForwardClips(tree, tf, covered, expired)) add(probe);
  return out;
}

/** `Math.min(ratio * A, clip(ratio) * A)`: each side reads the ratio (or a probability), read as a hinge is. */
function readSurrogate(tree: SyntaxTree, tf: TfBindings, node: TS.CallExpression): HingeProbe | undefined {
  const sides = node.arguments.map((a) => readInPlace(tree, tf, a));
  if (sides.some((side) => !side || !side.symbols.some((s) => RATIO_NAME.test(s)))) return undefined;
  const probe = readHinge(tree, tf, node);
  const symbols = [...new Set(sides[0]!.symbols)].filter((s) => !OLD_NAME.test(s));
  const wrt = symbols.find((s) => SCORE_NAME.test(s)) ?? symbols.find((s) => RATIO_NAME.test(s));
  return probe && wrt && Object.hasOwn(probe.ranges, wrt) ? { ...probe, wrt } : undefined;
}

/** Whether the file tests a ratio against a clip bound (`ratio > 1 + clip`, or `ratio > hi` with `const hi = 1 + clip`). */
function clipBoundTested(tree: SyntaxTree): boolean {
  const ts = tree.ts;
  for (const m of tree.text.matchAll(CLIP_TEST)) {
    if (!RATIO_NAME.test(m[1]!) || OLD_NAME.test(m[1]!)) continue;
    if (m[2] === undefined) return true;
    const at = m.index! + m[0].lastIndexOf(m[2]);
    const id = tree.nodeAt(at, at + m[2].length);
    const d = id && ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
    if (d?.kind === 'variable' && d.initializer && /^1\s*[-+]/.test(tree.compactSource(d.initializer))) return true;
  }
  return false;
}

/**
 * Whether the function of `Math.min(surr1, surr2)` compares its two sides to choose a gradient (`const useUnclipped =
 * surr1 <= surr2; if (useUnclipped) { const dLogProb = -advantage * ratio; … }`): a hand gradient that takes the side the
 * minimum takes follows the surrogate, as one that tests the clip bound does. A comparison that only counts
 * (`if (surr2 < surr1) clipped++`, a clip fraction) chooses no gradient.
 */
function sidesCompared(tree: SyntaxTree, node: TS.CallExpression): boolean {
  const ts = tree.ts;
  const [a, b] = node.arguments.map((x) => unwrapExpression(ts, x));
  if (!a || !b || !ts.isIdentifier(a) || !ts.isIdentifier(b) || a.text === b.text) return false;
  const fn = [...tree.ancestors(node)].find((n) => isFunctionNode(ts, n));
  return !!fn && comparedToChooseGradient(tree, fn as FunctionNode, (x) => x === a.text, (y) => y === b.text);
}

/**
 * A PPO clip of the ratio whose surrogates' minimum no line computes, only its hand gradient: `clipped =
 * Math.max(1 - ε, Math.min(1 + ε, ratio))`, `surr1 = ratio * adv`, `surr2 = clipped * adv`, then `surr1 <= surr2 ? adv *
 * ratio : 0`. The clip's kink at 1 ± ε is the trained surrogate's, said at the clip.
 */
function findComparedClips(tree: SyntaxTree, tf: TfBindings, skip: (node: TS.Node) => boolean, alreadyRead: (name: string) => boolean, expired: () => boolean): HingeProbe[] {
  const ts = tree.ts;
  const out: HingeProbe[] = [];
  if (!tree.mayHaveName('max', 'min')) return out;
  for (const m of tree.text.matchAll(/\bMath\s*\.\s*(?:max|min)\s*\(/g)) {
    if (out.length >= MAX_PROBES || expired()) break;
    // A clamp, by its text (a second Math.max or min and a ratio's name soon after), before any look at the tree.
    if (!CLAMP_TEXT.test(tree.text.slice(m.index!, m.index! + 240))) continue;
    const id = tree.nodeAt(m.index!, m.index! + 4);
    const access = id && tree.parent(id);
    const node = access && tree.parent(access);
    if (!node || !ts.isCallExpression(node) || unwrapExpression(ts, node.expression) !== access || skip(node)) continue;
    const clamp = ratioClamped(tree, node);
    if (!clamp) continue;
    const { ratio, inner } = clamp;
    // The clamp's holder: `const clipped = clamp(…)` or `const surr2 = clamp(…) * adv`.
    const holder = [...tree.ancestors(node)].slice(0, 4).find((a) => ts.isVariableDeclaration(a) || ts.isStatement(a));
    const fn = [...tree.ancestors(node)].find((a) => isFunctionNode(ts, a)) as FunctionNode | undefined;
    if (!holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name) || !fn) continue;
    const clippedName = holder.name.text;
    const values = localValues(tree, fn);
    const clippedSide = (n: string) => n === clippedName || mentions(values.get(n) ?? '', clippedName);
    const unclippedSide = (n: string) => !clippedSide(n) && mentions(values.get(n) ?? '', ratio);
    // A clip already read as one side of a surrogate's minimum (`Math.min(unclipped, clipped)`) is not read again.
    if (alreadyRead(clippedName) || !comparedToChooseGradient(tree, fn, clippedSide, unclippedSide)) continue;
    // The clip's bounds are settings (`1 ± this.clipRange`): the ratio alone is the clip's data, read as it is or as
    // what it is computed from (`exp(newLogProb - oldLogProb)`, the policy's output among them), never a bound's symbol.
    // One kink for the clip, at the bound the ratio meets inside (`Math.min(1 + ε, ratio)`): a surrogate of one sign of the
    // advantage only ever meets one of the two.
    const probe = readHinge(tree, tf, inner, 1);
    const bounds = new Set(inner.arguments.filter((b) => !RATIO_NAME.test(tree.source(b))).flatMap((b) => readInPlace(tree, tf, b)?.symbols ?? []));
    const data = probe ? Object.keys(probe.ranges).filter((x) => !bounds.has(x)) : [];
    if (probe && data.length) out.push({ ...probe, wrt: data.includes(ratio) ? ratio : kinkSymbol(data) });
  }
  return out;
}

const CLAMP_TEXT = /^Math\s*\.\s*(?:max|min)\s*\([^;\n]*?\bMath\s*\.\s*(?:max|min)\s*\([^;\n]*?(?:ratio|prob|\br\b)/i;

/** `Math.max(lo, Math.min(hi, ratio))` or `Math.min(hi, Math.max(lo, ratio))`: the ratio a clamp bounds, by name. */
function ratioClamped(tree: SyntaxTree, node: TS.CallExpression): { ratio: string; inner: TS.CallExpression } | undefined {
  const ts = tree.ts;
  const kind = (c: TS.Expression) => {
    const callee = ts.isCallExpression(c) ? unwrapExpression(ts, c.expression) : undefined;
    return callee && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math' ? callee.name.text : undefined;
  };
  const outer = kind(node);
  if ((outer !== 'max' && outer !== 'min') || node.arguments.length !== 2) return undefined;
  const inner = node.arguments.map((a) => unwrapExpression(ts, a)).find((a) => kind(a) === (outer === 'max' ? 'min' : 'max')) as TS.CallExpression | undefined;
  const r = inner?.arguments.length === 2 ? inner.arguments.map((a) => unwrapExpression(ts, a)).find((a) => ts.isIdentifier(a) && RATIO_NAME.test(a.text) && !OLD_NAME.test(a.text)) : undefined;
  return r && ts.isIdentifier(r) ? { ratio: r.text, inner: inner! } : undefined;
}

/** Whether a text holds a name as a whole word. */
function mentions(text: string, word: string): boolean {
  return !wordsAt(text, word).next().done;
}

/** Each local of a function by the text of its value (its initializer), for telling the surrogates apart. */
function localValues(tree: SyntaxTree, fn: FunctionNode): Map<string, string> {
  const ts = tree.ts;
  const out = new Map<string, string>();
  const visit = (n: TS.Node): void => {
    if (n !== fn && isFunctionNode(ts, n)) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) out.set(n.name.text, tree.source(n.initializer));
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return out;
}

/** A function that scores an agent or a candidate (`riskAdjustedReward`, `fitness`): maximised by search, not descended. */
const REWARD = /reward|fitness/i;

/**
 * The value a loss is given that `node` is part of, through arithmetic and conditionals only: the right side of
 * `loss += …` or `const cost = …` named for a loss, or what a function named for one returns, in a function not named
 * as a derivative or a metric. Undefined when the value goes elsewhere first (pushed to an array of priorities, a
 * callback's element).
 */
function lossValueRoot(tree: SyntaxTree, node: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  let root: TS.Expression = node;
  for (let parent = tree.parent(root); parent; parent = tree.parent(root)) {
    const arithmetic = ts.isBinaryExpression(parent) && !(parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment);
    if (!(arithmetic || ts.isConditionalExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isPrefixUnaryExpression(parent))) break;
    root = parent as TS.Expression;
  }
  const holder = tree.parent(root);
  if (!holder || inBranchOnItself(tree, node, root) || ofAGradient(tree, node)) return undefined;
  const fnName = enclosingFunctionName(tree, root);
  if ((fnName !== undefined && namedAsNoLoss(fnName)) || inRewardFunction(tree, root)) return undefined;
  // … or the `loss` field of what a function returns with its gradient (`return { loss: Math.abs(diff), dLoss }`).
  const named = ts.isVariableDeclaration(holder) && holder.initializer === root ? holder.name
    : ts.isBinaryExpression(holder) && holder.right === root ? unwrapExpression(ts, holder.left)
    : ts.isPropertyAssignment(holder) && holder.initializer === root && returnedObject(tree, holder) ? holder.name
    : undefined;
  const name = named && ts.isIdentifier(named) ? named.text : named && ts.isPropertyAccessExpression(named) ? named.name.text : undefined;
  if (name !== undefined) return SAYS_LOSS.test(name) ? root : undefined;
  return ts.isReturnStatement(holder) && fnName !== undefined && SAYS_LOSS.test(fnName) ? root : undefined;
}

/** Whether a property is one of an object a function returns (`return { loss, grad }`). */
function returnedObject(tree: SyntaxTree, property: TS.PropertyAssignment): boolean {
  const literal = tree.parent(property);
  const holder = literal && tree.parent(literal);
  return !!holder && (tree.ts.isReturnStatement(holder) || (tree.ts.isArrowFunction(holder) && holder.body === literal));
}

/** The name of the function around a node, when it has one. */
function enclosingFunctionName(tree: SyntaxTree, node: TS.Node): string | undefined {
  const fn = [...tree.ancestors(node)].find((a) => isFunctionNode(tree.ts, a));
  return fn && isFunctionNode(tree.ts, fn) ? functionName(tree, fn).name : undefined;
}

/** A function named as a derivative or a metric, or as a reward (maximised by search, not descended). */
function namedAsNoLoss(name: string): boolean {
  return isNotALoss(name) || (REWARD.test(name) && !SAYS_LOSS.test(name));
}

/**
 * `Math.abs(dloss)`, `Math.abs(grad)`, `Math.abs(dLoss_dMean)`: the size of a gradient (a convergence test's measure, a
 * logged gradient norm summed into a `totalActorLoss`), not a loss's term.
 */
function ofAGradient(tree: SyntaxTree, node: TS.Expression): boolean {
  const ts = tree.ts;
  const arg = ts.isCallExpression(node) && node.arguments.length === 1 ? unwrapExpression(ts, node.arguments[0]!) : undefined;
  const name = arg && (ts.isIdentifier(arg) ? arg.text : ts.isPropertyAccessExpression(arg) ? arg.name.text : undefined);
  return name !== undefined && (OF_A_LOSS.test(name) || LEIBNIZ_OF_LOSS.test(name) || /^(?:grad|gradient|derivative)s?$/i.test(name));
}

/**
 * Whether the value sits in a branch of an `if` that tests what the absolute value is taken of: a Huber written as
 * statements (`if (Math.abs(err) <= delta) loss += err²/2; else loss += delta * (Math.abs(err) - delta/2)`), whose
 * branch alone has a kink the test keeps it away from.
 */
function inBranchOnItself(tree: SyntaxTree, node: TS.Expression, root: TS.Node): boolean {
  const ts = tree.ts;
  const names = new Set<string>();
  const collect = (n: TS.Node): void => {
    if (ts.isIdentifier(n) && n.text !== 'Math') names.add(n.text);
    ts.forEachChild(n, collect);
  };
  if (ts.isCallExpression(node)) node.arguments.forEach(collect);
  let child: TS.Node = root;
  for (const a of tree.ancestors(root)) {
    if (isFunctionNode(ts, a)) return false;
    if (ts.isIfStatement(a) && a.expression !== child) {
      let tested = false;
      const find = (n: TS.Node): void => {
        if (ts.isIdentifier(n) && names.has(n.text)) tested = true;
        else ts.forEachChild(n, find);
      };
      find(a.expression);
      if (tested) return true;
    }
    child = a;
  }
  return false;
}

/** `const hingeLoss = Math.max(0, margin)` read only by `console.log(…)`: a debug print, nothing minimised. */
function onlyPrinted(tree: SyntaxTree, node: TS.CallExpression): boolean {
  const ts = tree.ts;
  const holder = tree.parent(node);
  if (!holder || !ts.isVariableDeclaration(holder) || holder.initializer !== node || !ts.isIdentifier(holder.name)) return false;
  const d = resolveIdentifier(tree, holder.name);
  if (!d || !('container' in d)) return false;
  const uses = referencesTo(tree, d.container, holder.name.text, d).filter((u) => u !== holder.name);
  const printed = (u: TS.Node) => [...tree.ancestors(u)].some((a) => ts.isCallExpression(a) && /^console\.\w+$/.test(tree.compactSource(a.expression)));
  return uses.length > 0 && uses.every(printed);
}

/**
 * `loss += …`, `this.totalCost += …`: the name a value is added to, at each `+=` of the text (found from the operator
 * back, not by trying every identifier of the text against a pattern).
 */
function* addedNames(text: string): Generator<{ name: string; index: number }> {
  for (let at = text.indexOf('+='); at >= 0; at = text.indexOf('+=', at + 2)) {
    let end = at;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    let start = end;
    while (start > 0 && /[\w$]/.test(text[start - 1]!)) start--;
    if (start < end && !/\d/.test(text[start]!)) yield { name: text.slice(start, end), index: start };
  }
}

/**
 * `if (v <= 1) loss += 1 - v` with no `else`: the loss is `1 - v` below the bound and 0 above it, a hinge whose kink is
 * at the bound when the value added vanishes there (a jump when it does not). Read as that conditional, so a squared
 * hinge (`(1 - v)²`, C1) is judged by its join. Only a test of a value the added term also reads, against a number.
 */
function readBranchHinge(tree: SyntaxTree, tf: TfBindings, assignment: TS.BinaryExpression): HingeProbe | undefined {
  const ts = tree.ts;
  const statement = tree.parent(assignment);
  const block = statement && ts.isExpressionStatement(statement) ? tree.parent(statement) : undefined;
  const branch = block && ts.isBlock(block) ? block : statement;
  const ifStatement = branch && tree.parent(branch);
  if (!ifStatement || !ts.isIfStatement(ifStatement) || ifStatement.thenStatement !== branch || ifStatement.elseStatement) return undefined;
  const fnName = enclosingFunctionName(tree, ifStatement);
  if (fnName !== undefined && namedAsNoLoss(fnName)) return undefined;
  const test = unwrapExpression(ts, ifStatement.expression);
  if (!ts.isBinaryExpression(test)) return undefined;
  const op = comparisonOf(ts, test.operatorToken.kind);
  const [bound, flipped] = numericValue(ts, test.right) !== undefined ? [numericValue(ts, test.right)!, false] : [numericValue(ts, test.left), true];
  if (!op || op === '==' || op === '!=' || bound === undefined) return undefined;
  const tested = flipped ? test.right : test.left;
  const t = new Translator(tree, tf, { mode: 'operation' });
  let value: Expr;
  let added: Expr;
  try {
    value = t.expression(tested, Env.empty);
    added = t.expression(assignment.right, Env.empty);
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
  const names = (e: Expr) => symbolsRead(t, e).filter((n) => !t.randomSymbols.has(n));
  const testedSymbols = new Set(names(value));
  const symbols = [...new Set(names(added))];
  if (symbols.length < 2 || !symbols.some((n) => testedSymbols.has(n))) return undefined;
  // A margin the code names (`const v = y * (w · x + b)`) is said by its name: the kink is at v = 1.
  // Only a value computed from others: a test of one data value alone (`y > 0`) bounds no margin.
  const computed = !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value.text);
  const named = computed && ts.isIdentifier(tested) && isSymbolName(tested.text) ? t.claimSymbol(tested.text, tested) : undefined;
  if (named) {
    value = symbol(named, false);
    added = t.expression(assignment.right, Env.empty.with((tested as TS.Identifier).text, { kind: 'symbol', name: named }));
  }
  // A hinge meets zero at its bound (`v <= 1 ? 1 - v : 0`); a term that starts at a value (`if (gap > 0.2) penalty +=
  // gap * 0.3`) is a threshold rule of a score, not a loss written as a branch.
  if (named && !zeroAt(added, named, bound, t.parameters)) return undefined;
  const condition = flipped ? compare(op, num(bound), value) : compare(op, value, num(bound));
  const expr = mapped(conditional(condition, added, num(0)), tree.start(test), test.end);
  const shown = named ? [...new Set([named, ...symbolsRead(t, added)])] : symbols;
  const ranges = Object.fromEntries(shown.map((n) => [n, [null, null] as [null, null]]));
  const wrt = named ?? kinkSymbol(symbols);
  return { node: test, expr, wrt, ranges, parameters: { ...t.parameters } };
}

function readHinge(tree: SyntaxTree, tf: TfBindings, node: TS.Expression, minSymbols = 2): HingeProbe | undefined {
  // A hinge raised to a power is read whole: the squared hinge `Math.max(0, 1 - y * s) ** 2` is C1 at the margin, and so
  // is one kept in a const that is only ever squared (`const h = Math.max(0, 1 - y * f); return h * h;`).
  const read = readInPlace(tree, tf, poweredWhole(tree, node) ?? squaredLocal(tree, node) ?? node);
  if (!read) return undefined;
  const { t, expr } = read;
  const symbols = [...new Set(read.symbols.filter((s) => !t.randomSymbols.has(s)))];
  // A margin compares a score with a label or another score (`1 - y * score`, `margin - pos + neg`): one value alone is
  // a curve drawn over a range (`Math.max(0, 1 - x)` for a chart of the hinge), not a loss of data.
  if (symbols.length < minSymbols) return undefined;
  const ranges = Object.fromEntries(symbols.map((s) => [s, [null, null] as [null, null]]));
  const wrt = kinkSymbol(symbols);
  return { node, expr, wrt, ranges, parameters: { ...t.parameters } };
}

/** `node ** k` or `Math.pow(node, k)` around a node (through parentheses): the power, read instead of its base. */
function poweredWhole(tree: SyntaxTree, node: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  let inner: TS.Node = node;
  let p = tree.parent(node);
  while (p && ts.isParenthesizedExpression(p)) [inner, p] = [p, tree.parent(p)];
  if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken && p.left === inner) return p;
  const callee = p && ts.isCallExpression(p) ? unwrapExpression(ts, p.expression) : undefined;
  const isPow = callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'pow' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math';
  return isPow && (p as TS.CallExpression).arguments[0] === inner ? (p as TS.CallExpression) : undefined;
}

/** The square a const holding `node` is used in, when every use of it is that square (`h * h`, `h ** 2`, `Math.pow(h, 2)`). */
function squaredLocal(tree: SyntaxTree, node: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  let inner: TS.Node = node;
  let holder = tree.parent(node);
  while (holder && ts.isParenthesizedExpression(holder)) [inner, holder] = [holder, tree.parent(holder)];
  if (!holder || !ts.isVariableDeclaration(holder) || holder.initializer !== inner || !ts.isIdentifier(holder.name)) return undefined;
  const d = resolveIdentifier(tree, holder.name);
  if (d?.kind !== 'variable' || !d.isConst) return undefined;
  const uses = referencesTo(tree, d.container, holder.name.text, d).filter((id) => id !== holder.name);
  const squares = new Set(uses.map((u) => {
    const p = tree.parent(u);
    if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AsteriskToken && ts.isIdentifier(p.left) && ts.isIdentifier(p.right) && p.left.text === p.right.text) return p;
    return poweredWhole(tree, u);
  }));
  const [square] = squares;
  return squares.size === 1 && square !== undefined && (!ts.isBinaryExpression(square) || square.operatorToken.kind !== ts.SyntaxKind.AsteriskAsteriskToken || numericValue(ts, square.right) === 2) ? square : undefined;
}

/** Whether `added` is 0 where `name` is `bound`, whatever the other values (sampled); an unreadable term counts as 0. */
function zeroAt(added: Expr, name: string, bound: number, parameters: Readonly<Record<string, number>>): boolean {
  try {
    const ast = parseExpression(added.text).ast;
    const names = [...symbolsOf(ast)];
    const f = compile(ast, names);
    return [0.37, -1.9, 4.2].every((x, k) => {
      const v = f(names.map((n, i) => (n === name ? bound : parameters[n] ?? x + 0.61 * i * (k + 1))));
      return !Number.isFinite(v) || Math.abs(v) < 1e-9;
    });
  } catch {
    return true;
  }
}
