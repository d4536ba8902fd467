/**
 * The model calls of loss code: which model a call runs, and whether its output is the prediction, another output
 * checked as a prediction, or data for the step. The var list of a minimize call names the trained model (other
 * models' outputs are fixed, unless they run on what it made); a frozen model (an RL target network, a model set
 * `trainable = false`) is data; outputs destructured from a model call are its outputs by index or field.
 */
import type * as TS from 'typescript';
import { symbol, type Expr } from '../../engine/expression';
import { escapeRegExp, referencesTo, resolveIdentifier, type Declaration } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { Translator } from './translate';
import { numericValue, Unreadable } from './translationEnv';
import { TRAINING_METHOD_NAME } from './siteDiscovery';

/** An actor-critic step may call several models (actor, critic, target networks), a policy several heads (a mean and a
 * log-std per action); up to six outputs are read, each checked as the prediction. */
const MAX_MODEL_OUTPUTS = 6;
export const OPAQUE_METHODS = new Set(['predict', 'apply', 'call', 'execute', 'forward', 'predictOnBatch']);

/**
 * A forward pass's own variant on something named as a model: `modelNew.applyWithPadMask(x, mask)`,
 * `net.predictBatch(x)`, `policy.forwardPass(s)`; not `agent.applyDiscount(r)` or `optimizer.applyGradients(g)`.
 */
const FORWARD_VARIANT = /^(?:predict|forward)(?=[A-Z_0-9])|^(?:apply|execute)With[A-Z]/;
const MODEL_NAME = /model|net|policy|actor|critic|agent|brain/i;

/** Whether a method call runs a model: `predict`, `apply` …, or a variant of them on a receiver named as a model. */
export function isForwardPass(t: Translator, callee: TS.PropertyAccessExpression): boolean {
  const name = callee.name.text;
  return OPAQUE_METHODS.has(name) || (FORWARD_VARIANT.test(name) && MODEL_NAME.test(t.tree.compactSource(callee.expression))) || onTrainedObject(t, callee);
}

/** Methods of a network object that give its weights or settings, not an output. */
const NOT_AN_OUTPUT = /weight|variable|param|regulari|optimi|config|summary|dispose|save|load|train/i;

/**
 * `network.actions(observations)` inside `network.trainPolicy(() => …)`: the object that trains on the closure's loss
 * is the network, so its own methods there give its outputs (it is of another module, so which is not known).
 */
function onTrainedObject(t: Translator, callee: TS.PropertyAccessExpression): boolean {
  const ts = t.tree.ts;
  const step = t.options.step;
  const holder = step && t.tree.parent(step);
  const trainer = holder && ts.isCallExpression(holder) ? unwrapExpression(ts, holder.expression) : undefined;
  if (!trainer || !ts.isPropertyAccessExpression(trainer) || !TRAINING_METHOD_NAME.test(trainer.name.text) || NOT_AN_OUTPUT.test(callee.name.text)) return false;
  return t.tree.compactSource(callee.expression) === t.tree.compactSource(trainer.expression);
}

/** A call that runs a model outside a loss function (`actor.predict(s)`, `this.policy.apply(x)`), for destructuring its outputs. */
export function modelCall(t: Translator, init: TS.Expression): TS.CallExpression | undefined {
  const ts = t.tree.ts;
  const e = unwrapExpression(ts, init);
  if (t.options.mode === 'loss' || !ts.isCallExpression(e)) return undefined;
  const callee = unwrapExpression(ts, e.expression);
  return ts.isPropertyAccessExpression(callee) && isForwardPass(t, callee) ? e : undefined;
}

/** Output `index` of a multi-output model call: the first is the prediction, the others are checked as predictions too. */
export function modelOutput(t: Translator, call: TS.CallExpression, index: number, name: string): Expr {
  return opaquePrediction(t, call, index, name);
}

/**
 * `out[0]` of `const out = model.predict(s)` (or of the call itself): output k of a multi-output model, as
 * `const [policy, value] = model.predict(s)` reads it, named as the code names what it is assigned to.
 */
export function indexedModelOutput(t: Translator, node: TS.ElementAccessExpression): Expr | undefined {
  const ts = t.tree.ts;
  const k = numericValue(ts, node.argumentExpression);
  if (k === undefined || !Number.isInteger(k) || k < 0) return undefined;
  let base: TS.Expression = node.expression;
  let typed = false;
  const id = unwrapExpression(ts, base);
  if (ts.isIdentifier(id)) {
    const d = resolveIdentifier(t.tree, id);
    if (d?.kind !== 'variable' || !d.isConst || !d.initializer) return undefined;
    const type = d.node.type;
    // `: tf.Tensor[]`, `: any` (typed loosely because it is a list), a list check, or read at two indices (`output[0]`,
    // `output[1]`: a tensor has no elements to index in TF.js).
    typed = (type !== undefined && (ts.isArrayTypeNode(type) || ts.isTupleTypeNode(type) || type.kind === ts.SyntaxKind.AnyKeyword)) || testedAsList(t, d, id.text) || indexedTwice(t, d, id.text);
    base = d.initializer;
  }
  // Only where the code says it is a list of outputs (`as tf.Tensor[]`): else `p[1]` is a row of one output.
  for (let e = base; ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e); e = e.expression) {
    if (ts.isAsExpression(e) && (ts.isArrayTypeNode(e.type) || ts.isTupleTypeNode(e.type))) typed = true;
  }
  const call = typed ? modelCall(t, base) : undefined;
  if (!call) return undefined;
  const holder = t.tree.parent(node);
  const named = holder && ts.isVariableDeclaration(holder) ? holder.name : holder && ts.isBinaryExpression(holder) && holder.right === node ? holder.left : undefined;
  return modelOutput(t, call, k, named && ts.isIdentifier(named) ? named.text : `output${k}`);
}

/** Whether a name is read at two different constant indices (`out[0]` and `out[1]`). */
function indexedTwice(t: Translator, d: Declaration & { kind: 'variable' }, name: string): boolean {
  const ts = t.tree.ts;
  const indices = new Set<number>();
  for (const ref of referencesTo(t.tree, d.container, name, d)) {
    const access = t.tree.parent(ref);
    const k = access && ts.isElementAccessExpression(access) && access.expression === ref ? numericValue(ts, access.argumentExpression) : undefined;
    if (k !== undefined) indices.add(k);
  }
  return indices.size >= 2;
}

/** Whether the code checks that a name holds a list (`if (!Array.isArray(outputs) || outputs.length !== 2) throw …`). */
function testedAsList(t: Translator, d: Declaration & { kind: 'variable' }, name: string): boolean {
  const ts = t.tree.ts;
  return referencesTo(t.tree, d.container, name, d).some((ref) => {
    const call = t.tree.parent(ref);
    return !!call && ts.isCallExpression(call) && call.arguments[0] === ref && t.tree.compactSource(call.expression) === 'Array.isArray';
  });
}

/** Field `field` of what a model call returns (`const { logits, value } = this.predict(s)`): an output of no known layer. */
export function modelField(t: Translator, call: TS.CallExpression, field: string, name: string): Expr {
  return opaquePrediction(t, call, undefined, name, field);
}

export function opaquePrediction(t: Translator, node: TS.CallExpression, index?: number, bound?: string, field?: string, fedByOutput?: () => boolean): Expr {
  // In a helper, the call of the helper too: `embed(x)` is a model call in `embed`, one output per call of it.
  const key = [...t.inlineCalls, t.tree.compactSource(node)].join(' > ') + (index === undefined ? '' : `[${index}]`) + (field === undefined ? '' : `.${field}`);
  if (t.options.mode === 'operation') {
    // Named as the code names it (`const [probs, value] = model.predict(s)`): the name may say what it holds.
    const name = t.claimData(bound ?? 'out', `opaque:${key}`);
    t.opaqueCalls.set(name, node);
    return symbol(name, true);
  }
  const output = { call: node, ...(index === undefined ? {} : { index }), ...(field === undefined ? {} : { field }) };
  // Outputs of a model the step does not train are data, each output its own (`const [mean1, std1, action1] =
  // this.oldNet.exec(s)` is three values, not one).
  const dataOwner = index === undefined && field === undefined ? node : `opaque-data:${key}`;
  // A model run on what the trained one made (a SAC critic given the action the policy just produced, `pi`, here or
  // in a method it is passed to) is a function of the trained output too.
  if (t.options.trainedModel !== undefined && !isTrainedModelCall(t, node) && !fedByOutput?.()) return t.outsideValue(bound ?? 'out', dataOwner);
  if (t.options.trainedModel === undefined && isFrozenModelCall(t, node)) return t.outsideValue(bound ?? 'out', dataOwner);
  if (t.prediction === undefined) {
    t.prediction = t.claimData(bound ?? 'yPred', `opaque:${key}`);
    t.predictionCall = node;
    t.modelOutputs.set(t.prediction, output);
    return symbol(t.prediction, true);
  }
  if (t.owners.has(`opaque:${key}`)) return symbol(t.owners.get(`opaque:${key}`)!, true);
  if (t.otherPredictions.length >= MAX_MODEL_OUTPUTS) throw new Unreadable('too many model outputs in one loss', node);
  const other = t.claimData(bound ?? 'yPred', `opaque:${key}`);
  t.otherPredictions.push(other);
  t.modelOutputs.set(other, output);
  return symbol(other, true);
}

/**
 * Whether a call runs the model the minimize call trains (`actor.predict(s)` when the var list is the actor's), or
 * runs another model on what the trained one made (`discriminator.predict(generator.predict(z))` for the generator).
 */
function isTrainedModelCall(t: Translator, node: TS.CallExpression): boolean {
  const ts = t.tree.ts;
  const callee = unwrapExpression(ts, node.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  // A call of a function or of a method of `this` (a forward pass written out) may use any weights: kept a prediction.
  if (!receiver || receiver.kind === ts.SyntaxKind.ThisKeyword) return true;
  const trained = t.options.trainedModel!;
  return sameModel(modelKey(t, receiver, 0), trained) || node.arguments.some((a) => mentionsModel(t, a, trained, 0));
}

/**
 * A model's receiver as text to compare with the var list's: a const is what it names (see aliased), and an
 * instance of the class the call is in (`agent.critic` where `const agent = new Agent()`, inside Agent) is `this`.
 */
function modelKey(t: Translator, e: TS.Expression, depth: number): string {
  const ts = t.tree.ts;
  const x = unwrapExpression(ts, e);
  if (depth < 6 && ts.isPropertyAccessExpression(x)) return `${modelKey(t, x.expression, depth + 1)}.${x.name.text}`;
  const named = aliased(t, x);
  if (ts.isIdentifier(x) && ts.isNewExpression(named) && ts.isIdentifier(named.expression)) {
    const cls = resolveIdentifier(t.tree, named.expression);
    if (cls && [...t.tree.ancestors(x)].includes(cls.node)) return 'this';
  }
  return t.tree.compactSource(named);
}

/**
 * The same model, also when one side names a wrapper and the other its `.model` (`this.critic` and
 * `this.critic.model`; so `this` and `this.model`, a class that holds its model, are the same too).
 */
function sameModel(a: string, b: string): boolean {
  const bare = (s: string) => s.replace(/\.model$/, '');
  return a === b || bare(a) === bare(b);
}

/**
 * An RL target network by its name: "target" with network words around it (`targetNet`, `target_actor`,
 * `critic_target`, `qTarget`, `targetQNetwork1`), not any model whose name has it (a `targetClassifier` is trained);
 * so is an old policy (`oldNet`, `old_actor`, `policyOld`).
 */
const NETWORK_WORDS = /^(?:_?(?:net|network|model|q|dqn|critic|actor|policy|value|v|pi|\d+))+_?$/i;

function isFrozenCopyName(name: string): boolean {
  const rest = FROZEN_ROLES.reduce((n, role) => n.replace(role, ''), name);
  // `target.predict(next)`: a receiver named by the role alone is the copy itself.
  return rest !== name && (rest === '' || NETWORK_WORDS.test(rest));
}

/** RL copies that the gradient does not move: a target network, and PPO's old policy (`oldNet`, `policy_old`). */
const FROZEN_ROLES = [/target/i, /old/i];

/**
 * A model training does not move: one the file freezes (`this.targetNet.trainable = false`), or an RL target
 * network, which is updated by copying weights, never by the gradient. Its output is data for the step (the TD
 * target's max over actions is not a kink of the trained objective).
 */
function isFrozenModelCall(t: Translator, node: TS.CallExpression): boolean {
  const ts = t.tree.ts;
  const callee = unwrapExpression(ts, node.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? unwrapExpression(ts, callee.expression) : undefined;
  if (!receiver || receiver.kind === ts.SyntaxKind.ThisKeyword) return false;
  const named = ts.isPropertyAccessExpression(receiver) ? receiver.name.text : ts.isIdentifier(receiver) ? receiver.text : undefined;
  if (named !== undefined && isFrozenCopyName(named)) return true;
  return frozenModels(t.tree).has(t.tree.compactSource(receiver));
}

const frozenByTree = new WeakMap<SyntaxTree, Set<string>>();

/**
 * The models a file freezes (`x.trainable = false`) and never unfreezes, as compact source, found once per file. A
 * GAN that sets `discriminator.trainable` true for its own step and false for the generator's trains it.
 */
function frozenModels(tree: SyntaxTree): Set<string> {
  const known = frozenByTree.get(tree);
  if (known) return known;
  const ts = tree.ts;
  const set = { true: new Set<string>(), false: new Set<string>() };
  for (const m of tree.text.matchAll(/\.\s*trainable\s*=\s*(true|false)\b/g)) {
    const access = tree.nodeAt(m.index!, m.index! + 1);
    const owner = ts.isPropertyAccessExpression(access) ? access : tree.parent(access);
    if (owner && ts.isPropertyAccessExpression(owner) && owner.name.text === 'trainable') set[m[1] as 'true' | 'false'].add(tree.compactSource(owner.expression));
  }
  const frozen = new Set([...set.false].filter((m) => !set.true.has(m)));
  frozenByTree.set(tree, frozen);
  return frozen;
}

/** What a const names (`const actor = this.actor`), for comparing a model call's receiver with the trained model. */
export function aliased(t: Translator, e: TS.Expression): TS.Expression {
  const ts = t.tree.ts;
  const x = unwrapExpression(ts, e);
  if (!ts.isIdentifier(x)) return x;
  const d = resolveIdentifier(t.tree, x);
  return d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : x;
}


/** Whether an expression uses a model, directly or through the variables it reads (a few levels deep). */
function mentionsModel(t: Translator, node: TS.Node, model: string, depth: number): boolean {
  const ts = t.tree.ts;
  if (new RegExp(`(?<![\\w$.])${escapeRegExp(model)}(?![\\w$])`).test(t.tree.compactSource(node))) return true;
  if (depth >= 3) return false;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n)) {
      const d = resolveIdentifier(t.tree, n);
      if (d?.kind === 'variable' && d.initializer && mentionsModel(t, d.initializer, model, depth + 1)) found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}
