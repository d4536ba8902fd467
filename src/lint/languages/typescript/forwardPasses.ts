/**
 * A model's forward pass written by hand: a function of the file that makes a training step's model output (a
 * linear layer on trainable weights, a `model.predict`) and that other code calls too (acting, a snapshot), such as
 * `policyTensors(state)` with its clipped log-std head. What it does to the output is the model's, not the loss's.
 */
import type * as TS from 'typescript';
import { functionName, SAYS_LOSS } from './functionNames';
import { callsByName, forwardedFunction, functionValue, instanceClass, returnedExpressions, tidyReturned } from './functionValues';
import { assignmentsTo, implicitAssignmentBefore, keepsItsValue, lastAssignmentBefore, referencesTo, resolveIdentifier, type Declaration } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { ModelInfo } from './modelResolution';
import type { TfBindings } from './tfBindings';
import { OPAQUE_METHODS } from './modelOutputs';
import { plainActivation, plainFunctionActivation } from './plainActivations';
import { SAME_VALUES } from './writtenNumbers';
import { ranByTidy } from './stepBoundary';

export function forwardPassRanges(tree: SyntaxTree, tf: TfBindings, step: FunctionNode, outputCalls: Iterable<TS.CallExpression>): { start: number; end: number }[] {
  const ts = tree.ts;
  const inStep = (n: TS.Node) => step.pos <= n.pos && n.end <= step.end;
  const out: { start: number; end: number }[] = [];
  const seen = new Set<TS.Node>();
  for (const call of outputCalls) {
    // The function around the output, past a `tf.tidy(() => …)` it wraps its body in.
    const fn = [...tree.ancestors(call)].find((a) => isFunctionNode(ts, a) && (a === step || !ranByTidy(tree, tf, a))) as FunctionNode | undefined;
    if (!fn || seen.has(fn) || inStep(fn)) continue;
    seen.add(fn);
    // The function the step hands its work to (`minimize(() => singlePass())`) computes the loss itself.
    if (forwardedFunction(tree, step) === fn || returnedCalls(tree, step).includes(fn)) continue;
    const { node } = functionName(tree, fn);
    if (!node || !ts.isIdentifier(node) || SAYS_LOSS.test(node.text) || returnsObjective(tree, fn)) continue;
    const decl = resolveIdentifier(tree, node);
    const container = decl && 'container' in decl ? decl.container : tree.file;
    // A method is used where its class calls it (`this.userForward(ids)`, in training and in `getUserEmbedding`).
    const uses = decl ? referencesTo(tree, container, node.text, decl).filter((id) => id !== node) : ts.isMethodDeclaration(fn) ? thisCalls(tree, fn, node.text) : [];
    // Called from outside the training step, directly or through the helpers the step calls.
    if (uses.some((id) => !inStep(id) && ![...tree.ancestors(id)].some((a) => a === fn))) out.push({ start: tree.start(fn), end: fn.end });
  }
  return out;
}

/** The names of `this.name(…)` calls of a method inside its own class. */
function thisCalls(tree: SyntaxTree, method: TS.MethodDeclaration, name: string): TS.Node[] {
  const ts = tree.ts;
  const cls = tree.parent(method);
  return [...callsByName(tree, name)].flatMap((c) => {
    const callee = unwrapExpression(ts, c.expression);
    const own = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && !!cls && cls.pos <= c.pos && c.end <= cls.end;
    return own ? [(callee as TS.PropertyAccessExpression).name] : [];
  });
}

/** The functions of the file whose result a function returns (`return singlePass();`). */
function returnedCalls(tree: SyntaxTree, fn: FunctionNode): FunctionNode[] {
  const ts = tree.ts;
  return returnedExpressions(tree, fn).flatMap((r) => {
    const e = unwrapExpression(ts, r);
    const callee = ts.isCallExpression(e) ? functionValue(tree, e.expression) : undefined;
    return callee ? [callee] : [];
  });
}

/** A reduction or a framework loss: what an objective ends in, and a forward pass (its outputs per example) does not. */
const REDUCES = /(?:\b|\.)(?:mean|sum|minimum|maximum|min|max|norm)\s*\(|\b(?:losses|metrics)\.\w+\s*\(/;

/**
 * Whether a function returns an objective rather than a model's outputs: a returned value (or the local it names)
 * reduces (`return tf.mean(tf.minimum(surr1, surr2))`), so a loss helper that logging code also calls stays the loss.
 */
function returnsObjective(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  return returnedExpressions(tree, fn).some((r) => {
    const e = unwrapExpression(ts, r);
    const decl = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
    const source = decl?.kind === 'variable' && decl.initializer ? decl.initializer : e;
    return REDUCES.test(tree.source(source));
  });
}

/**
 * The output activation of a forward pass written as a function of the file (`function predict(x) { return
 * tf.sigmoid(x.mul(w).add(b)); }`), called for the prediction (`loss(predict(xs), ys)`): a model whose output is
 * that activation, when every value it returns ends in it.
 */
export function forwardFunctionOutput(
  tree: SyntaxTree,
  tf: TfBindings,
  call: TS.CallExpression,
  modelOf?: (modelCall: TS.CallExpression) => ModelInfo | undefined,
  found?: Map<TS.Node, ModelInfo | undefined>,
): ModelInfo | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  // A network's layer written in plain JavaScript: `weights.map((row) => sigmoid(dot(row, x)))`.
  const mapped = ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' ? plainActivation(tree, call) : undefined;
  if (mapped) return activationOutput(mapped);
  // `forward(x)`, a method of the same class (`this.forward(users, items)`), or of an instance of a class of the file
  // (`net.call(x)` with `net` given `new SequenceModel(…)`).
  const own = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && (callee.expression.kind === ts.SyntaxKind.ThisKeyword || !!instanceClass(tree, callee.expression)));
  const fn = own ? functionValue(tree, callee) : undefined;
  if (!fn || SAYS_LOSS.test(functionName(tree, fn).name ?? '')) return undefined;
  // A function of the file that is a sigmoid or a softmax (`sigmoid(z)`, `softmax(scores)`).
  const plain = plainFunctionActivation(tree, fn);
  if (plain) return activationOutput(plain);
  // Each function once (a function that calls itself gives nothing on the way round): its returns are not
  // followed again for every call of it.
  if (found?.has(fn)) return found.get(fn);
  found?.set(fn, undefined);
  const outputs = returnedExpressions(tree, fn).map((e) => outerOutput(tree, tf, e, modelOf));
  const first = outputs[0];
  const result = first && outputs.every((o) => o?.activationName === first.activationName) ? first : undefined;
  found?.set(fn, result);
  return result;
}

/** The output of a forward pass that ends in an activation and nothing else is known of. */
function activationOutput(activation: 'sigmoid' | 'softmax'): ModelInfo {
  return { layers: [], activation, activationName: activation, units: null };
}

/**
 * What a value a forward pass returns ends in, read on its own (`return net.matMul(w).add(b).sigmoid()` of a hand
 * discriminator): its activation, when it applies one.
 */
export function returnedActivationOutput(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): ModelInfo | undefined {
  return outerOutput(tree, tf, value, undefined);
}

/** What a forward pass returns ends in: an activation it applies, or the output of the model it runs. */
function outerOutput(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, modelOf: ((modelCall: TS.CallExpression) => ModelInfo | undefined) | undefined): ModelInfo | undefined {
  const ts = tree.ts;
  let e = unwrapExpression(ts, value);
  // `const prediction = tf.tidy(…); return prediction;`, and a `let` no code assigns again (`let out = h.sigmoid(); return out;`).
  const d = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
  if (d?.kind === 'variable' && d.initializer && keepsItsValue(tree, (e as TS.Identifier).text, d)) e = unwrapExpression(ts, d.initializer);
  else if (ts.isIdentifier(e) && (!d || (d.kind === 'variable' && !d.initializer))) {
    // `out = …; return out;` with no declaration at all (a beginner's sloppy-mode global), or after `let out;` when that
    // is the one assignment (not one of several, nor one a destructuring or a nested block may override).
    const assigned = d?.kind === 'variable' ? onlyAssignment(tree, e, d) : implicitAssignmentBefore(tree, e);
    if (assigned) e = unwrapExpression(ts, assigned);
  }
  // `tf.tidy(() => tf.sigmoid(…))`, `tf.tidy(() => { …; return this.model.apply(x).squeeze(); })`
  if (ts.isCallExpression(e) && tf.path(e.expression) === 'tidy') {
    const inner = tidyReturned(tree, tf, e);
    if (!inner) return undefined;
    e = inner;
  }
  for (;;) {
    const callee = ts.isCallExpression(e) ? unwrapExpression(ts, e.expression) : undefined;
    if (!callee || !ts.isPropertyAccessExpression(callee) || !SAME_VALUES.has(callee.name.text) || tf.path(callee) !== undefined) break;
    e = unwrapExpression(ts, callee.expression);
  }
  const activation = activationCall(tree, tf, e) ?? plainActivation(tree, e);
  if (activation) return activationOutput(activation);
  const callee = ts.isCallExpression(e) ? unwrapExpression(ts, e.expression) : undefined;
  if (modelOf && callee && ts.isPropertyAccessExpression(callee) && OPAQUE_METHODS.has(callee.name.text)) return modelOf(e as TS.CallExpression);
  return undefined;
}

/** `tf.sigmoid(z)`, `z.sigmoid()`, `tf.softmax(z)`, `z.softmax()` or a sigmoid written out: the activation a value ends in. */
export function activationCall(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): 'sigmoid' | 'softmax' | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, value);
  if (!ts.isCallExpression(e)) return undefined;
  if (sigmoidWrittenOut(tree, tf, e)) return 'sigmoid';
  const isActivation = (name: string | undefined): name is 'sigmoid' | 'softmax' => name === 'sigmoid' || name === 'softmax';
  const path = tf.path(e.expression);
  if (path !== undefined) return isActivation(path) && e.arguments.length >= 1 ? path : undefined;
  const callee = unwrapExpression(ts, e.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return isActivation(method) && e.arguments.length === 0 ? method : undefined;
}

/** `ones.div(ones.add(z.neg().exp()))`, `tf.div(1, tf.add(1, tf.exp(tf.neg(z))))`: 1 / (1 + exp(…)), a sigmoid. */
function sigmoidWrittenOut(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): boolean {
  const quotient = operands(tree, tf, call, 'div');
  if (!quotient || !isOne(tree, tf, quotient[0])) return false;
  const denominator = unwrapExpression(tree.ts, quotient[1]);
  const sum = tree.ts.isCallExpression(denominator) ? operands(tree, tf, denominator, 'add') : undefined;
  if (!sum) return false;
  const isExp = (x: TS.Expression) => {
    const u = unwrapExpression(tree.ts, x);
    return tree.ts.isCallExpression(u) && operands(tree, tf, u, 'exp') !== undefined;
  };
  return (isOne(tree, tf, sum[0]) && isExp(sum[1])) || (isOne(tree, tf, sum[1]) && isExp(sum[0]));
}

/** The operands of `tf.op(a, b)` or `a.op(b)` (one for a unary op). */
function operands(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression, op: string): TS.Expression[] | undefined {
  const ts = tree.ts;
  if (tf.path(call.expression) === op) return [...call.arguments];
  const callee = unwrapExpression(ts, call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === op && tf.path(callee) === undefined ? [callee.expression, ...call.arguments] : undefined;
}

/** 1, `tf.scalar(1)`, `tf.ones(…)`, `tf.onesLike(…)`, or a const holding one. */
function isOne(tree: SyntaxTree, tf: TfBindings, value: TS.Expression | undefined, depth = 0): boolean {
  const ts = tree.ts;
  const e = value && unwrapExpression(ts, value);
  if (!e || depth > 3) return false;
  if (ts.isNumericLiteral(e)) return Number(e.text) === 1;
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' && d.isConst && isOne(tree, tf, d.initializer, depth + 1);
  }
  if (!ts.isCallExpression(e)) return false;
  const path = tf.path(e.expression);
  return path === 'ones' || path === 'onesLike' || (path === 'scalar' && isOne(tree, tf, e.arguments[0], depth + 1));
}

/** The value a `let` declared without one is given by its only assignment, in a block around `use` before it. */
function onlyAssignment(tree: SyntaxTree, use: TS.Identifier, d: Declaration & { kind: 'variable' }): TS.Expression | undefined {
  const ts = tree.ts;
  const refs = referencesTo(tree, d.container, use.text, d);
  if (refs.some((r) => { const p = tree.parent(r); return !!p && (ts.isArrayLiteralExpression(p) || ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p)); })) return undefined;
  return assignmentsTo(tree, use.text, d).length === 1 ? lastAssignmentBefore(tree, use, d) : undefined;
}
