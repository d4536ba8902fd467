/**
 * Where a training step begins: model outputs computed before its closure (before the gradient tape) are fixed data of
 * the step, unless the step runs no model and only returns a loss computed outside (`minimize(() => totalLoss.mean())`).
 */
import type * as TS from 'typescript';
import { callsOf, functionValue } from './functionValues';
import { functionName } from './functionNames';
import { callsLoopNetwork } from './loopNetworks';
import { modelCall } from './modelOutputs';
import { numericValue } from './translationEnv';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { holdsWeight } from './trainableWeights';
import { isPropertyName } from './scope';
import type { Translator } from './translate';
import type { UntapedStep } from '../../engine/frontEnd';

/**
 * Whether a name (destructured or declared) was made outside the training step being read, while the step computes
 * its own loss (it runs a model itself): an output of a model run before the tape (`const [, nextValues] =
 * model.predict(next)` for an advantage) is then data of the step.
 */
export function computedBeforeStep(t: Translator, binding: TS.Node): boolean {
  // A step that runs no model itself returns a loss computed outside (`() => totalLoss.mean()`): read as written.
  return outsideStep(t, binding) && runsModel(t, t.options.step!.body!);
}

/** Whether a node lies outside the training step being read (there is one, with a body). */
function outsideStep(t: Translator, node: TS.Node): boolean {
  const step = t.options.step;
  return !!step?.body && !(step.pos <= node.pos && node.end <= step.end);
}

/** Whether code runs a model (`tf.max(model.predict(next), -1)`): a forward-pass call anywhere in it. */
export function runsModel(t: Translator, e: TS.Node): boolean {
  const ts = t.tree.ts;
  let found = false;
  const visit = (n: TS.Node): void => {
    // A function is not run where it is written, except the one `tf.tidy` runs at once.
    if (found || (isFunctionNode(ts, n) && !ranByTidy(t.tree, t.tf, n))) return;
    if (ts.isCallExpression(n) && (modelCall(t, n) || callsLoopNetwork(t.tree, t.tf, n))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** A function `tf.tidy` runs at once, where it is written (`tf.tidy(() => …)`, `tf.tidy('name', () => …)`). */
export function ranByTidy(tree: SyntaxTree, tf: TfBindings, fn: TS.Node): boolean {
  const call = tree.parent(fn);
  return !!call && tree.ts.isCallExpression(call) && call.arguments.some((a) => a === fn) && tf.path(call.expression) === 'tidy';
}

/** Names that say targets (`ys`, `yTrain`, `labels`, `targets`): class weights or bounds written out stay constants. */
const TARGET_LIKE = /^(?:y|ys|y[A-Z_0-9]\w*|\w*(?:label|target|output|expected|answer)\w*)$/i;

/**
 * Whether a declaration outside the training step being read holds a tensor written out as different numbers
 * (`const ys = tf.tensor1d([0, 0, 1, 1])` or `tf.oneHot(tf.tensor1d([0, 2, 1], 'int32'), 3)` above `minimize(() =>
 * loss(model.predict(xs), ys))`): the step's data, its targets when first met, not a constant of the loss (inside a
 * loss, such a tensor is per-column bounds or weights).
 */
export function literalDataBeforeStep(t: Translator, decl: TS.VariableDeclaration): boolean {
  const ts = t.tree.ts;
  if (t.options.mode !== 'minimize' || !outsideStep(t, decl) || !decl.initializer || !ts.isIdentifier(decl.name) || !TARGET_LIKE.test(decl.name.text)) return false;
  const values = new Set<number>();
  // The values a TF.js call makes its tensor of (its first argument, not a shape or a depth): numbers, lists of them,
  // or another such call (`tf.oneHot(tf.tensor1d([0, 2, 1], 'int32'), 3)`).
  const walk = (e: TS.Expression): boolean => {
    const x = unwrapExpression(ts, e);
    if (ts.isArrayLiteralExpression(x)) return x.elements.every(walk);
    if (ts.isCallExpression(x)) return TENSOR_FROM_VALUES.test(t.tf.path(x.expression) ?? '') && x.arguments.length > 0 && walk(x.arguments[0]!);
    const v = numericValue(ts, x);
    if (v !== undefined) values.add(v);
    return v !== undefined;
  };
  const init = unwrapExpression(ts, decl.initializer);
  return ts.isCallExpression(init) && walk(init) && values.size > 1;
}

/** TF.js functions that make a tensor from the values they are given. */
const TENSOR_FROM_VALUES = /^(tensor[1-6]?d?|oneHot|cast)$/;

/** What TF.js throws when a step's function returns a loss whose model ran before it (measured with TF.js 4.22). */
const UNTAPED_ERRORS: Record<string, string> = {
  grads: 'Cannot compute gradient of y=f(x) with respect to x',
  grad: 'Cannot compute gradient of y=f(x) with respect to x',
  valueAndGrads: 'Cannot compute gradient of y=f(x) with respect to x',
  valueAndGrad: 'Cannot compute gradient of y=f(x) with respect to x',
};
const NO_CONNECTION = 'Cannot find a connection between any variable and the result of the loss function y=f(x)';

/**
 * The step's model call that runs before the step's function is called (`const loss = mse(ys, model.predict(xs));
 * optimizer.minimize(() => loss)`): TF.js records gradients only of what the function computes, so the loss is not
 * connected to any weight and the step throws. A model call inside a function the step calls, or inside the step
 * itself, runs on the tape; one in the code that calls the step, before the call, does not (a `tf.tidy` callback around
 * both runs at once, so it is the same code). Only when every model output the loss reads ran before is it reported.
 */
export function untapedStep(tree: SyntaxTree, tf: TfBindings, stepCall: TS.CallExpression, step: FunctionNode, modelCalls: readonly TS.CallExpression[]): UntapedStep | undefined {
  const ts = tree.ts;
  const runningCode = (node: TS.Node): TS.Node | undefined => [...tree.ancestors(node)].find((a) => isFunctionNode(ts, a) && !ranByTidy(tree, tf, a));
  const outer = runningCode(stepCall);
  const inStep = (n: TS.Node) => step.pos <= n.pos && n.end <= step.end;
  const ranBefore = (c: TS.CallExpression) => c.end <= tree.start(stepCall) && !inStep(c) && runningCode(c) === outer;
  // … or in a helper that code calls before the step (`const loss = this.computeLoss(model, batch); tf.variableGrads(()
  // => loss)`), and the step never calls: it ran, with the model in it, before the tape.
  const helperCall = (c: TS.CallExpression) => {
    const helper = runningCode(c);
    if (!helper || helper === outer || !isFunctionNode(ts, helper) || inStep(helper)) return undefined;
    const calls = callsOf(tree, helper);
    return calls.some(inStep) ? undefined : calls.find(ranBefore);
  };
  const before = (c: TS.CallExpression) => ranBefore(c) || helperCall(c) !== undefined;
  // Every model the loss reads ran before: one run on the tape (in the step, or in a helper it calls) trains.
  if (modelCalls.length === 0 || !modelCalls.every(before)) return undefined;
  // A trainable variable the step reads itself (`y` of `x.sub(y.mul(ones)).abs()` in a helper it calls) is on the tape.
  if (readsWeight(tree, tf, step, 0, new Set())) return undefined;
  const first = modelCalls[0]!;
  const via = ranBefore(first) ? undefined : helperCall(first);
  const callee = unwrapExpression(ts, stepCall.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : 'minimize';
  const path = tf.path(stepCall.expression);
  return {
    start: tree.start(step),
    end: step.end,
    stepCall: path !== undefined ? `tf.${path}` : callee.getText(tree.file).length <= 40 ? callee.getText(tree.file).replace(/\s+/g, '') : name,
    modelLine: tree.file.getLineAndCharacterOfPosition(tree.start(first)).line + 1,
    ...(via ? { via: { name: functionName(tree, runningCode(first) as FunctionNode).name ?? 'a helper', line: tree.file.getLineAndCharacterOfPosition(tree.start(via)).line + 1 } } : {}),
    error: (path !== undefined && UNTAPED_ERRORS[path]) || NO_CONNECTION,
  };
}

/** Whether a function reads a trainable variable (`tf.variable(…)`, `.variable()`), itself or in a function of the file it calls. */
function readsWeight(tree: SyntaxTree, tf: TfBindings, fn: TS.Node, depth: number, seen: Set<TS.Node>): boolean {
  const ts = tree.ts;
  if (depth > 3 || seen.has(fn)) return false;
  seen.add(fn);
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && !isPropertyName(ts, tree, n) && holdsWeight(tree, tf, n)) found = true;
    else if (ts.isCallExpression(n)) {
      const callee = functionValue(tree, n.expression);
      if (callee?.body && readsWeight(tree, tf, callee, depth + 1, seen)) found = true;
    }
    if (!found) ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}
