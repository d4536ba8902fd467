/**
 * Whether a call's arguments carry the model's output: read as values of it (`readsAsPrediction`), or given it without
 * reading names from outside the code (`givenPrediction`), so that a helper given the prediction is read, not taken
 * for a forward pass that runs the model; a forward pass fed the trained output (`feedsOutput`); and a method the lint
 * does not read, called on the output (`unknownMethodOfOutput`).
 */
import type * as TS from 'typescript';
import { functionOf } from './inlineHelpers';
import type { Expr } from '../../engine/expression';
import { isForwardPass, opaquePrediction } from './modelOutputs';
import { resolveIdentifier } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { describeCode, Unreadable, type Env } from './translationEnv';
import { GRADIENTLESS_KERNELS, OP_KERNELS } from './tfjsGradients';
import { attempt } from './unreadTerms';

/** Whether any of `nodes` reads as a value of the model's output (one it cannot read is not). */
export function readsAsPrediction(t: Translator, nodes: TS.Expression | readonly TS.Expression[], env: Env): boolean {
  return (Array.isArray(nodes) ? nodes : [nodes]).some((n: TS.Expression) => {
    const v = attempt(t, n, env);
    return !(v instanceof Unreadable) && t.dependsOnPrediction(v);
  });
}

/**
 * Whether a call is given the model's output: a local of the code being read that holds it, or a model call written
 * in the argument (`parsePredict(net.predict(s))`). Names from outside are not read for this (the first would become
 * the target).
 */
export function givenPrediction(t: Translator, args: readonly TS.Expression[], env: Env): boolean {
  const ts = t.tree.ts;
  return args.some((a) => {
    const e = unwrapExpression(ts, a);
    if (ts.isCallExpression(e)) {
      const callee = unwrapExpression(ts, e.expression);
      return ts.isPropertyAccessExpression(callee) && isForwardPass(t, callee);
    }
    return ts.isIdentifier(e) && env.lookup(e.text) !== undefined && readsAsPrediction(t, e, env);
  });
}

/**
 * `moveEval` of `const moveEval = evaluateMaskedCategorical(moveLogits, mask, actions)` in a training step: a call of a
 * function the file does not define (imported from a file the lint does not have), given the model's output. Its
 * fields are functions of the output the lint cannot see into, each an output of its own, as the call itself is.
 */
export function undefinedHelperOfPrediction(t: Translator, recv: TS.Expression, env: Env): TS.CallExpression | undefined {
  const ts = t.tree.ts;
  if (!ts.isIdentifier(recv)) return undefined;
  const d = resolveIdentifier(t.tree, recv);
  const init = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return init && ts.isCallExpression(init) && undefinedHelperCall(t, init, env) ? init : undefined;
}

/** Whether a call in a training step is of a function the file does not define, given the model's output. */
export function undefinedHelperCall(t: Translator, call: TS.CallExpression, env: Env): boolean {
  const ts = t.tree.ts;
  if (t.options.mode !== 'minimize' || t.tf.path(call.expression) !== undefined) return false;
  const callee = unwrapExpression(ts, call.expression);
  return ts.isIdentifier(callee) && functionOf(t, callee, env) === undefined && readsAsPrediction(t, call.arguments, env);
}

/** A field of such a call's result (`moveEval.logProbs`, `const { logProbs } = evaluate(…)`): an output whose range is unknown. */
export function unseenHelperField(t: Translator, call: TS.CallExpression, name: string, field: string): Expr {
  return unseenOutput(t, opaquePrediction(t, call, undefined, name, field));
}

/** An output whose range is unknown: a hazard of its value alone is not reported, the kinks of the loss in it are. */
export function unseenOutput(t: Translator, value: Expr): Expr {
  const output = t.modelOutputs.get(value.text);
  if (output) t.modelOutputs.set(value.text, { ...output, unseen: true });
  return value;
}

/**
 * `g.diagonal()` on a value of the output: an output of its own whose range is unknown (a hazard of its value alone is
 * not reported, the kinks of the loss in it are), and the site says which call was read this way.
 */
export function unknownMethodOfOutput(t: Translator, node: TS.CallExpression, method: string): Expr {
  const value = unseenOutput(t, opaquePrediction(t, node, undefined, declaredName(t, node)));
  if (!t.unreadTerms.some((u) => u.name === value.text)) {
    t.unreadTerms.push({ name: value.text, code: describeCode(t.tree, node), reason: `.${method}() is not read by Loss Lens (or TF.js has no such method), so it is taken as an unknown function of the model's output`, node, at: node, kept: true });
  }
  return value;
}

/** The name a call's value is given (`const newProbs = g.diagonal()`), to name the value in messages. */
function declaredName(t: Translator, node: TS.CallExpression): string | undefined {
  const ts = t.tree.ts;
  const parent = t.tree.parent(node);
  return parent && ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/** Arguments of a forward pass that carry the trained output, also joined with other inputs (`tf.concat([s, pi], 1)`). */
export function feedsOutput(t: Translator, args: readonly TS.Expression[], env: Env): boolean {
  const ts = t.tree.ts;
  return args.some((a) => {
    const e = unwrapExpression(ts, a);
    const joined = ts.isCallExpression(e) && /^(concat|stack)$/.test(t.tf.path(e.expression) ?? '') && e.arguments[0] ? unwrapExpression(ts, e.arguments[0]) : undefined;
    const parts = joined && ts.isArrayLiteralExpression(joined) ? joined.elements.filter((x): x is TS.Expression => !ts.isSpreadElement(x)) : [e];
    return readsAsPrediction(t, parts, env);
  });
}

/**
 * In a training step, a model run on what another model of the step made (`decoder.apply(zTopK)` with `zTopK` built
 * from `encoder.apply(xs)` by a top-k): the step differentiates through what joins them, so that is read for its ops'
 * gradients. Only locals of the step whose values (followed through their declarations) run a model are read, each on
 * its own (an operand the lint cannot read leaves the others read): data is never read here, so the order the loss's
 * tensors are met in does not change.
 */
export function readJoinedModels(t: Translator, args: readonly TS.Expression[], env: Env): void {
  const ts = t.tree.ts;
  const step = t.options.step;
  // A step given a list of the variables it trains (`minimize(f, true, decoder.trainableWeights)`) may train only the
  // model downstream: the join is then not differentiated.
  if (!step || t.options.trainedModel !== undefined || hasVarList(t, step)) return;
  const initOf = (id: TS.Identifier): TS.Expression | undefined => {
    const d = resolveIdentifier(t.tree, id);
    const decl = d?.kind === 'variable' ? d.node : d?.kind === 'binding' ? [...t.tree.ancestors(d.node)].find((a) => ts.isVariableDeclaration(a)) : undefined;
    const init = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    return init && init.pos >= step.pos && init.end <= step.end ? init : undefined;
  };
  // Whether a node, or what the step's locals it reads were declared as (a few steps back), holds a call `test` accepts.
  const reaching = (test: (call: TS.CallExpression) => boolean) => {
    const memo = new Map<TS.Node, boolean>();
    const walk = (n: TS.Node, depth: number): boolean => {
      if (depth > 6) return false;
      const seen = memo.get(n);
      if (seen !== undefined) return seen;
      memo.set(n, false);
      const init = ts.isIdentifier(n) ? initOf(n) : undefined;
      const found = (ts.isCallExpression(n) && test(n)) || (ts.isIdentifier(n) ? !!init && walk(init, depth + 1) : !!ts.forEachChild(n, (c) => (walk(c, depth) ? true : undefined)));
      memo.set(n, found);
      return found;
    };
    return (n: TS.Node) => walk(n, 0);
  };
  const runsModel = reaching((call) => {
    const callee = unwrapExpression(ts, call.expression);
    return ts.isPropertyAccessExpression(callee) && isForwardPass(t, callee);
  });
  // Only a join that holds an op without a gradient is read (a plain encoder → decoder chain keeps its decoder's
  // output as the step's prediction, named as before).
  const gradientless = reaching((call) => {
    const callee = unwrapExpression(ts, call.expression);
    const op = t.tf.path(call.expression) ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined);
    const kernel = op !== undefined && Object.hasOwn(OP_KERNELS, op) ? OP_KERNELS[op] : undefined;
    return !!kernel && GRADIENTLESS_KERNELS.has(kernel);
  });
  if (!args.some((a) => gradientless(unwrapExpression(ts, a)))) return;
  const read = new Set<string>();
  const visit = (id: TS.Identifier, depth: number): void => {
    if (depth > 6 || read.has(id.text) || env.lookup(id.text) === undefined || !runsModel(id)) return;
    read.add(id.text);
    attempt(t, id, env);
    const init = initOf(id);
    const inner = (n: TS.Node): void => {
      if (ts.isIdentifier(n)) visit(n, depth + 1);
      else ts.forEachChild(n, inner);
    };
    if (init) inner(init);
  };
  for (const a of args) {
    const e = unwrapExpression(ts, a);
    if (ts.isIdentifier(e)) visit(e, 0);
  }
}

/** Whether the call a step is given to names the variables it trains: `minimize(f, true, vars)`, `variableGrads(f, vars)`. */
function hasVarList(t: Translator, step: TS.Node): boolean {
  const ts = t.tree.ts;
  const call = t.tree.parent(step);
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== step) return false;
  const callee = unwrapExpression(ts, call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return name === 'minimize' ? call.arguments.length >= 3 : /^(?:variableGrads|computeGradients)$/.test(name) && call.arguments.length >= 2;
}
