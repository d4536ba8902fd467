/**
 * A clip inside a forward pass the training step runs: a SAC actor that clamps its log-std head before it samples,
 *
 *     sampleAction(state) { let [mu, logStd] = this.actor.predict(state); logStd = tf.clipByValue(logStd, -20, 2); … }
 *     const actorLoss = () => { const [a, logPi] = this.sampleAction(state, true); … };
 *     tf.variableGrads(actorLoss);
 *
 * The step's loss reads the clipped head through a method the lint takes as an output of its own, so the clip's kinks
 * (flat past its bounds: no gradient reaches a head that has left them) are not in the loss it reads. Found here: a
 * `clipByValue` of a model's or layer's output, in a function a gradient closure of the file calls. A clip that guards a
 * probability (bounds at ε and 1 − ε) is a guard, not a kink the step relies on, and is left alone; so is a forward pass
 * no gradient closure of the file runs (an actor whose loss is built elsewhere).
 */
import type * as TS from 'typescript';
import { call, mapped, num, symbol } from '../../engine/expression';
import type { HingeProbe } from './hingeProbes';
import { functionName } from './functionNames';
import { differentiated, GRADIENT_CALL } from './gradientClosures';
import { assignmentsTo, constValueOf, resolveIdentifier } from './scope';
import { isCallback, isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { isSymbolName, numericValue } from './translationEnv';

const CLIP = /\bclipByValue\s*\(/g;
/** A model's or a layer's forward pass. */
const FORWARD = /^(?:predict|predictOnBatch|apply|call|execute)$/;
const MAX_PROBES = 10;
const MAX_CALLERS = 20;

export function findForwardClips(tree: SyntaxTree, tf: TfBindings, covered: (node: TS.Node) => boolean, expired: () => boolean): HingeProbe[] {
  const out: HingeProbe[] = [];
  if (!tree.mayHaveName('clipByValue') || !tree.mayHaveIdentifier((n) => GRADIENT_CALL.test(n))) return out;
  const ts = tree.ts;
  for (const m of tree.text.matchAll(CLIP)) {
    if (out.length >= MAX_PROBES || expired()) break;
    const id = tree.nodeAt(m.index!, m.index! + 'clipByValue'.length);
    const callee = id && tree.parent(id);
    const node = callee && tree.parent(callee);
    if (!node || !ts.isCallExpression(node) || unwrapExpression(ts, node.expression) !== callee || covered(node)) continue;
    // `tf.clipByValue(x, lo, hi)` (also `window.tf.clipByValue`), or the method `x.clipByValue(lo, hi)`.
    const tfCall = tf.path(node.expression) === 'clipByValue' || (ts.isPropertyAccessExpression(callee) && /(?:^|\.)tf$/.test(tree.compactSource(callee.expression)));
    const [x, lo, hi] = tfCall ? node.arguments : ts.isPropertyAccessExpression(callee) ? [callee.expression, ...node.arguments] : [];
    const [low, high] = [lo && boundValue(tree, lo), hi && boundValue(tree, hi)];
    if (!x || low === undefined || high === undefined || low >= high || isProbabilityGuard(low, high)) continue;
    if (!fromForwardPass(tree, x, 0)) continue;
    const fn = [...tree.ancestors(node)].find((a) => isFunctionNode(ts, a) && !isCallback(tree, a)) as FunctionNode | undefined;
    if (!fn || !runInGradientClosure(tree, fn)) continue;
    const u = unwrapExpression(ts, x);
    const name = ts.isIdentifier(u) && isSymbolName(u.text) ? u.text : 'output';
    const expr = mapped(call('clip', [symbol(name, true), num(low), num(high)]), tree.start(node), node.end);
    out.push({ node, expr, wrt: name, ranges: { [name]: [null, null] }, parameters: {} });
  }
  return out;
}

function boundValue(tree: SyntaxTree, e: TS.Expression): number | undefined {
  const v = numericValue(tree.ts, e);
  if (v !== undefined) return v;
  const c = constValueOf(tree, e);
  return c ? numericValue(tree.ts, c) : undefined;
}

/** `clipByValue(p, 1e-7, 1 - 1e-7)`, `(p, eps, 1)`: a probability kept off 0 and 1, a guard. */
function isProbabilityGuard(low: number, high: number): boolean {
  return low >= 0 && low < 1e-2 && high <= 1;
}

/** Whether a value is a model's or a layer's output: the call itself, or a name given one (also destructured). */
function fromForwardPass(tree: SyntaxTree, e: TS.Expression, depth: number): boolean {
  const ts = tree.ts;
  if (depth > 3) return false;
  const u = unwrapExpression(ts, e);
  if (ts.isCallExpression(u)) {
    const callee = unwrapExpression(ts, u.expression);
    return ts.isPropertyAccessExpression(callee) && FORWARD.test(callee.name.text);
  }
  if (!ts.isIdentifier(u)) return false;
  const d = resolveIdentifier(tree, u);
  if (d?.kind === 'variable') {
    // What it is given, other than the clip's own result.
    const assigned = assignmentsTo(tree, u.text, d).map((a) => a.right).filter((v) => !/clipByValue/.test(tree.compactSource(unwrapExpression(ts, v))));
    const values = [...(d.initializer ? [d.initializer] : []), ...assigned];
    return values.some((v) => fromForwardPass(tree, v, depth + 1));
  }
  // `let [mu, logStd] = this.actor.predict(s)`: an element of what a forward pass returns.
  if (d?.kind === 'binding') {
    let holder: TS.Node | undefined = tree.parent(d.node);
    while (holder && (ts.isArrayBindingPattern(holder) || ts.isObjectBindingPattern(holder) || ts.isBindingElement(holder))) holder = tree.parent(holder);
    return !!holder && ts.isVariableDeclaration(holder) && !!holder.initializer && fromForwardPass(tree, holder.initializer, depth + 1);
  }
  return false;
}

/** Whether a call of `fn` (by its name) sits in a closure the file hands to a gradient call, or names it there. */
function runInGradientClosure(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const name = functionName(tree, fn).name;
  if (!name) return false;
  const uses = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
  let seen = 0;
  for (const m of tree.text.matchAll(uses)) {
    if (++seen > MAX_CALLERS) break;
    const at = tree.nodeAt(m.index!, m.index! + name.length);
    if (at.pos >= fn.pos && at.end <= fn.end) continue;
    for (const a of tree.ancestors(at)) if (isFunctionNode(ts, a) && differentiated(tree, a)) return true;
  }
  return false;
}
