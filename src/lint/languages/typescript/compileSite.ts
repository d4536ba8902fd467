/**
 * Reads a `model.compile({optimizer, loss, metrics})` call: each loss given (a name, a tf.losses /
 * tf.metrics function, a custom function, a loss factory's result) and the model's output layer.
 */
import type * as TS from 'typescript';
import { num, mapped, type Expr } from '../../engine/expression';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { argumentsByParameter, cannotRun, conditionsOfTest, configuredChoices, enclosingConditions, subjectKey, type Condition } from './configurationChoices';
import { decidedTest } from './configurationTests';
import { objectLiteralOf, stringOf, stringSource } from './layers';
import { resolveModel, type ImportContext, type ModelInfo } from './modelResolution';
import { resolveModelOutput } from './namedOutputs';
import { keepsItsValue, lastAssignmentBefore, referencesTo, resolveIdentifier } from './scope';
import { forwardedFunction, functionValue, objectLiteral, parameterValues, parameterWays, propertyOf, returnedExpressions } from './functionValues';
import { isFallback, objectProperty, propertyName, propertyValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue } from './translationEnv';
import { heldMemberValue } from './objectValues';
import { namespaceFunction, TFJS_NAMESPACE_FUNCTIONS } from './tfNamespaceFunctions';

export const TF_LOSS_FUNCTIONS: ReadonlySet<string> = new Set(TFJS_NAMESPACE_FUNCTIONS.losses);
export const TF_METRIC_FUNCTIONS: ReadonlySet<string> = new Set(TFJS_NAMESPACE_FUNCTIONS.metrics);

export interface CompileLoss {
  /** The loss as written (a string literal, `tf.losses.x`, a function, an identifier …). */
  value: TS.Expression;
  /** A name given as a string. */
  stringName?: string;
  /** Where a name read from a configuration object is written (`loss: 'mse'` in its defaults): fixes edit it there. */
  writtenAt?: TS.Expression;
  /** The value a loss kept under a name or in a field is given (`this.lossFunction = tf.losses.x`): hovers there too. */
  heldAt?: TS.Expression;
  /** `tf.losses.x` / `tf.metrics.x`: the group and the name; `called` when written `tf.losses.x()` (it throws). */
  tfFunction?: { group: 'losses' | 'metrics'; name: string; exists: boolean; called?: true; tensor?: true };
  fn?: FunctionNode;
  /** The loss is chosen at run time (a registry lookup, a factory's branches, a conditional): each possibility. */
  candidates?: CompileLoss[];
  /** One of too many ways a loss is chosen to read them all: no site, rather than one that says it cannot be read. */
  pastBound?: true;
  /** Arguments of a loss factory, by the factory's parameter declarations. */
  closureValues?: Map<TS.Node, Expr>;
  /** One loss per output (`loss: [a, b]`, `loss: { out_a: a, out_b: b }`): the output it is for, by index or name. */
  output?: number | string;
  /**
   * A loss chosen by configuration (a way of a choice, a name read from a setting): the conditions it is chosen under,
   * as far as the code says them (see configurationChoices.ts); absent for a loss that is not chosen.
   */
  when?: Condition[];
}

export interface CompileCall {
  /** `model.compile(…)`; for a compile an imported helper does, the call (or the `new` of its class) here. */
  call: TS.CallExpression | TS.NewExpression;
  /** `loss: …` of the config, or `opts.loss = …` where the code sets it on the config object before the call. */
  lossProperty: TS.Node;
  /** The loss is set on the config object before the call (`opts.loss = …`), not written in it. */
  setOnObject?: true;
  /** The config has an optimizer but no loss at all: TF.js's compile() throws on it. */
  missingLoss?: TS.ObjectLiteralExpression;
  losses: CompileLoss[];
  /** Metric names (strings, or tf.metrics function names). */
  metrics: string[];
  model?: ModelInfo;
  /** The model compiled, where the call is not `model.compile(…)`: what this file gives an imported compile helper for it. */
  receiver?: TS.Expression;
  /** The targets this file gives a helper that fits the model it compiles (`trainModel(model, xs, ys, loss)`). */
  targets?: TS.Expression;
}

/** The model a compile call compiles, as written: `model` of `model.compile(…)`, or what a compile helper is given. */
export function compiledModel(ts: typeof TS, cc: CompileCall): TS.Expression | undefined {
  if (cc.receiver) return cc.receiver;
  const callee = unwrapExpression(ts, cc.call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
}

export function readCompileCall(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression, imports?: ImportContext): CompileCall | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'compile') return undefined;
  const config = objectLiteralOf(tree, call.arguments[0]);
  // `opts.loss = 'categoricalCrossentropy'; model.compile(opts)`: the loss the object is given before the call.
  const setBefore = config && !objectProperty(ts, config, 'loss') ? lossSetBefore(tree, call.arguments[0], call) : undefined;
  const lossProperty: TS.Node | undefined = setBefore ?? (config ? objectProperty(ts, config, 'loss') : undefined);
  const value = setBefore ? setBefore.right : propertyValue(ts, lossProperty as TS.ObjectLiteralElementLike | undefined);
  if (config && !lossProperty && objectProperty(ts, config, 'optimizer') && !config.properties.some((p) => ts.isSpreadAssignment(p))) {
    return { call, lossProperty: config.properties[0], losses: [], metrics: [], missingLoss: config, model: resolveModel(tree, tf, callee.expression, imports) };
  }
  if (!config || !lossProperty || !value) return undefined;
  const losses = readLossList(tree, tf, value);
  const metrics: string[] = [];
  const m = propertyValue(ts, objectProperty(ts, config, 'metrics'));
  // `metrics: options.metrics || ['accuracy']`: the metrics of either way (a caller's setting is read where it can be).
  const given = m ? fallbackWays(ts, m) : [];
  for (const el of given.flatMap((mv) => metricElements(tree, mv, 0))) {
    const name = stringOf(tree, el) ?? tf.path(el)?.replace(/^metrics\./, '');
    if (name) metrics.push(name);
  }
  const model = resolveModel(tree, tf, callee.expression, imports);
  return { call, lossProperty, losses, metrics, model, ...(setBefore ? { setOnObject: true as const } : {}) };
}

/** The losses a compile's `loss` gives: one, or one per output (`[a, b]`, `{ out_a: a, out_b: b }`). */
export function readLossList(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): CompileLoss[] {
  const ts = tree.ts;
  const losses: CompileLoss[] = [];
  const v = unwrapExpression(ts, value);
  if (ts.isArrayLiteralExpression(v)) {
    v.elements.forEach((el, i) => {
      if (!ts.isSpreadElement(el)) losses.push({ ...readLoss(tree, tf, el), ...(v.elements.length > 1 ? { output: i } : {}) });
    });
  } else if (ts.isObjectLiteralExpression(v)) {
    for (const p of v.properties) {
      const pv = propertyValue(ts, p);
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (pv) losses.push({ ...readLoss(tree, tf, pv), ...(key !== undefined ? { output: key } : {}) });
    }
  } else {
    losses.push(readLoss(tree, tf, value));
  }
  return losses;
}

/**
 * The output of a multi-output model a compile call's loss is given for (`loss: { out_a: a, out_b: b }`, `loss: [a,
 * b]`); undefined for a single loss, or when no one output is so named or placed.
 */
export function lossOutput(tree: SyntaxTree, tf: TfBindings, cc: CompileCall, loss: CompileLoss, imports?: ImportContext): ModelInfo | undefined {
  const model = compiledModel(tree.ts, cc);
  if (loss.output === undefined || cc.losses.length < 2 || !model) return undefined;
  return resolveModelOutput(tree, tf, model, loss.output, imports);
}

function readLoss(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, depth = 0, work = { left: MAX_LOSS_STEPS }): CompileLoss {
  const ts = tree.ts;
  // A loss chosen among many ways (factories returning factories) is read up to a bound: past it, left out.
  if (--work.left < 0) return { value, pastBound: true };
  const v = unwrapExpression(ts, value);
  // A name of a function (`loss: weightedLoss`) is that function: no string to look for behind it.
  const named = ts.isIdentifier(v) ? functionValue(tree, v) : undefined;
  if (named) return { value, fn: forwardedFunction(tree, named) ?? named };
  // `loss: config.loss || 'meanSquaredError'`: what the caller sets, else the fallback. Both are ways the code goes.
  const ways = fallbackWays(ts, v);
  if (ways.length > 1) return { value, candidates: ways.map((w) => readLoss(tree, tf, w, depth + 1, work)) };
  const s = stringSource(tree, v);
  // A name read from a configuration object (`loss: this.options.loss` with `loss: 'mse'` in its DEFAULTS) is
  // fixed where it is written, so the fix does not override what callers pass.
  // So is a name a helper's caller passes (`compileModel(net, 'mse')`, or a parameter's default).
  const literalParent = s?.literal && tree.parent(s.literal);
  // A name held in a variable the call passes (`const loss = 'mse'; builder.build(layers, loss)`) is fixed there too.
  const passedHere = literalParent && (ts.isCallExpression(literalParent) || ts.isNewExpression(literalParent) || ts.isParameter(literalParent) || ts.isBindingElement(literalParent) || ts.isVariableDeclaration(literalParent));
  const held = passedHere && ts.isIdentifier(v) ? resolveIdentifier(tree, v)?.kind : undefined;
  const configured = s?.literal && (ts.isPropertyAccessExpression(v) || ts.isElementAccessExpression(v) || held === 'parameter' || held === 'binding');
  // A name read from a setting (`loss: this.opts.loss`) is chosen when that setting has it: a model whose output layer
  // is chosen by the same setting is checked in that way only.
  // A fallback (`h.loss || 'mse'`) is what the code does when nothing is set: not chosen by a setting a head may share.
  const setting = s !== undefined && v !== s.literal && !s.fallback ? [{ subject: subjectKey(tree, v), value: s.text, holds: true }] : undefined;
  if (s !== undefined) return { value, stringName: s.text, ...(configured ? { writtenAt: s.literal } : {}), ...(setting ? { when: setting } : {}) };
  // `loss: tf.losses.logLoss()`: the function called, with fewer tensors than it needs, where it should be passed.
  const called = ts.isCallExpression(v) && v.arguments.length < 2 ? v : undefined;
  // `loss: tf.losses.meanSquaredError(target, out)`, or a const holding it: the tensor the call computes, not a loss.
  const computed = ts.isCallExpression(v) && v.arguments.length >= 2 ? namespaceFunction(tf.path(v.expression)) : undefined;
  if (computed?.exists) return { value, tfFunction: { ...computed, tensor: true } };
  const given = namespaceFunction(tf.path(called ? called.expression : v));
  if (given) return { value, tfFunction: { ...given, ...(called ? { called: true as const } : {}) } };
  const fn = functionValue(tree, v);
  if (fn) return { value, fn: forwardedFunction(tree, fn) ?? fn };
  if (depth >= MAX_LOSS_DEPTH) return { value };
  if (ts.isIdentifier(v)) {
    const d = resolveIdentifier(tree, v);
    // `let lossFunction; if (numClasses === 2) { lossFunction = 'binaryCrossentropy'; … } else { … }`: each branch's.
    const chosen = d?.kind === 'variable' && !d.isConst ? configuredChoices(tree, v) : undefined;
    if (chosen) return { value, candidates: chosen.map((c) => ({ ...readLoss(tree, tf, c.node, depth + 1, work), value: c.node, when: c.when })) };
    // `function build(lossName = 'meanSquaredError')`: what the calls seen here give, and the default where a call
    // leaves it out or the function is called from elsewhere (exported, or no call here).
    const passed = d?.kind === 'parameter' ? parameterWays(tree, d.node) : undefined;
    if (passed) {
      if (passed.length > 1) return { value, candidates: passed.map((w) => readLoss(tree, tf, w, depth + 1, work)) };
      // One way: a name is fixed where it is written (the default), not where the parameter is used.
      const one = readLoss(tree, tf, passed[0]!, depth + 1, work);
      return { ...one, value, ...(one.stringName !== undefined ? { writtenAt: one.writtenAt ?? passed[0]! } : {}) };
    }
    // `let loss = tf.losses.meanSquaredError;` at the top, and `loss = tf.losses.huberLoss;` in the builder that
    // compiles: the value the compile reads is the one given on its way there.
    const reaching = d?.kind === 'variable' && !d.isConst ? lastAssignmentBefore(tree, v, d) : undefined;
    if (reaching) return { heldAt: reaching, ...readLoss(tree, tf, reaching, depth + 1, work), value };
    if (d?.kind === 'variable' && d.initializer) {
      const held = readLoss(tree, tf, d.initializer, depth + 1, work);
      // `const bce = tf.losses.binaryCrossentropy()`: a missing function is said (and fixed) where the const takes it.
      return held.tfFunction && !held.tfFunction.exists && keepsItsValue(tree, v.text, d) ? held : { heldAt: d.initializer, ...held, value };
    }
    return { value };
  }
  // `this.lossFunction = tf.losses.softmaxCrossEntropy` beside `loss: this.lossFunction`: the one value the field holds.
  if (ts.isPropertyAccessExpression(v)) {
    const given = heldMemberValue(tree, v);
    if (given) return { heldAt: given, ...readLoss(tree, tf, given, depth + 1, work), value };
  }
  if (ts.isConditionalExpression(v)) {
    // `CLASS_NAMES.length === 2 ? 'binaryCrossentropy' : …` with three names written out: the file decides.
    const decided = decidedTest(tree, v.condition);
    if (decided !== undefined) return { ...readLoss(tree, tf, decided ? v.whenTrue : v.whenFalse, depth + 1, work), value };
    const [yes, no] = [conditionsOfTest(tree, v.condition, true), conditionsOfTest(tree, v.condition, false)];
    return { value, candidates: [{ ...readLoss(tree, tf, v.whenTrue, depth + 1, work), when: yes }, { ...readLoss(tree, tf, v.whenFalse, depth + 1, work), when: no }] };
  }
  if (ts.isElementAccessExpression(v)) return namespaceLoss(tree, tf, value, v) ?? registryLoss(tree, tf, value, v, depth, work);
  if (ts.isCallExpression(v)) return factoryLoss(tree, tf, value, v, depth, work);
  return { value };
}

/**
 * The elements of a compile's metrics: an array written there, or held by a const, or given by every call of the
 * builder to the parameter it compiles with (`build(layers, loss, optimizer, metrics)` called with `['accuracy']`).
 */
function metricElements(tree: SyntaxTree, value: TS.Expression, depth: number): TS.Expression[] {
  const ts = tree.ts;
  const v = unwrapExpression(ts, value);
  if (ts.isArrayLiteralExpression(v)) return [...v.elements];
  const d = ts.isIdentifier(v) && depth < 3 ? resolveIdentifier(tree, v) : undefined;
  const held = d?.kind === 'variable' && d.initializer && keepsItsValue(tree, (v as TS.Identifier).text, d) ? [d.initializer] : d?.kind === 'parameter' ? parameterValues(tree, d.node) : undefined;
  return held ? held.flatMap((h) => metricElements(tree, h, depth + 1)) : [v];
}

/** `a || b` and `a ?? b` (also chained): the value set, and each fallback; one way for any other expression. */
function fallbackWays(ts: typeof TS, expr: TS.Expression): TS.Expression[] {
  const e = unwrapExpression(ts, expr);
  if (!isFallback(ts, e)) return [e];
  return [...fallbackWays(ts, e.left), ...fallbackWays(ts, e.right)];
}

const MAX_LOSS_DEPTH = 6;
/** Values one compile call's loss may be read through (a registry's entries, a factory's returns, each way of a choice). */
const MAX_LOSS_STEPS = 64;

/**
 * `tf.losses[name]` with a name the file gives (`'huberLoss'`, a setting's default): that function. A name TF.js does
 * not have is said where it is looked up (unknownTfCalls.ts lookedUpByName), so it is left unread here.
 */
function namespaceLoss(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, access: TS.ElementAccessExpression): CompileLoss | undefined {
  const group = tf.path(access.expression);
  if (group !== 'losses' && group !== 'metrics') return undefined;
  const name = stringSource(tree, access.argumentExpression)?.text;
  if (name === undefined || !(group === 'losses' ? TF_LOSS_FUNCTIONS : TF_METRIC_FUNCTIONS).has(name)) return { value };
  return { value, tfFunction: { group, name, exists: true } };
}

/** `LOSSES[name]`: the entry when the key is a literal, else every entry is a candidate. */
function registryLoss(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, access: TS.ElementAccessExpression, depth: number, work: { left: number }): CompileLoss {
  const ts = tree.ts;
  const obj = objectLiteral(tree, access.expression);
  if (!obj) return { value };
  const key = stringOf(tree, access.argumentExpression);
  if (key !== undefined) {
    const entry = propertyOf(ts, obj, key);
    return entry ? { ...readLoss(tree, tf, entry, depth + 1, work), value } : { value };
  }
  const candidates: CompileLoss[] = [];
  // `LOSS[kind]`: each entry is the loss where the setting has its key, so it pairs with a head chosen by `kind`.
  const index = unwrapExpression(ts, access.argumentExpression);
  const subject = ts.isIdentifier(index) || ts.isPropertyAccessExpression(index) ? subjectKey(tree, index) : undefined;
  for (const p of obj.properties) {
    const name = p.name ? propertyName(ts, p.name) : undefined;
    const entry = name !== undefined ? propertyOf(ts, obj, name) : undefined;
    if (entry) candidates.push({ ...readLoss(tree, tf, entry, depth + 1, work), ...(subject !== undefined && name !== undefined ? { when: [{ subject, value: name, holds: true }] } : {}) });
  }
  return { value, candidates };
}

/** `makeLoss(…)`: what the factory returns; with several returns, the one its literal argument selects, or all. */
function factoryLoss(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, call: TS.CallExpression, depth: number, work: { left: number }): CompileLoss {
  const ts = tree.ts;
  const factory = functionValue(tree, unwrapExpression(ts, call.expression));
  if (!factory) return { value };
  const returns = selectedReturns(tree, factory, call);
  const closureValues = factoryArguments(tree, factory, call);
  // Each return under the conditions around it, in the caller's settings (`getLoss(config)` switching on `config.task`).
  const args = argumentsByParameter(tree, factory, call);
  const read = returns.map((r) => {
    const loss = readLoss(tree, tf, r, depth + 1, work);
    const when = returns.length > 1 ? [...(loss.when ?? []), ...enclosingConditions(tree, r, args, factory)] : loss.when;
    return { ...loss, ...(loss.fn ? { closureValues } : {}), ...(when ? { when } : {}) };
  });
  if (read.length === 1) return { ...read[0], value };
  return read.length ? { value, candidates: read } : { value };
}

/**
 * The returns of a factory that its call can reach: with a literal argument for a parameter that a `switch`
 * tests, only the matching case's; otherwise every return.
 */
function selectedReturns(tree: SyntaxTree, factory: FunctionNode, call: TS.CallExpression): TS.Expression[] {
  const ts = tree.ts;
  const all = returnedExpressions(tree, factory);
  const body = factory.body;
  if (all.length <= 1 || !body || !ts.isBlock(body)) return all;
  const literal = new Map<string, string>();
  factory.parameters.forEach((p, i) => {
    const arg = call.arguments[i];
    const s = arg ? stringOf(tree, arg) : undefined;
    if (ts.isIdentifier(p.name) && s !== undefined) literal.set(p.name.text, s);
  });
  if (literal.size === 0) return all;
  for (const st of body.statements) {
    if (!ts.isSwitchStatement(st)) continue;
    const subject = unwrapExpression(ts, st.expression);
    const chosen = ts.isIdentifier(subject) ? literal.get(subject.text) : undefined;
    if (chosen === undefined) continue;
    let matched = false;
    for (const clause of st.caseBlock.clauses) {
      if (!matched) matched = ts.isCaseClause(clause) && stringOf(tree, clause.expression) === chosen;
      const returned = clause.statements.find((x): x is TS.ReturnStatement => ts.isReturnStatement(x));
      if (matched && returned?.expression) return [returned.expression];
    }
    const fallback = st.caseBlock.clauses.find((c) => ts.isDefaultClause(c));
    const returned = fallback?.statements.find((x): x is TS.ReturnStatement => ts.isReturnStatement(x));
    return returned?.expression ? [returned.expression] : all;
  }
  return all;
}

function factoryArguments(tree: SyntaxTree, factory: FunctionNode, call: TS.CallExpression): Map<TS.Node, Expr> {
  const ts = tree.ts;
  const out = new Map<TS.Node, Expr>();
  factory.parameters.forEach((p, i) => {
    const arg = call.arguments[i];
    const v = arg ? numericValue(ts, arg) : undefined;
    if (arg && v !== undefined) out.set(p, mapped(num(v), tree.start(arg), arg.end));
  });
  return out;
}

/** A loss as given, or each loss it may be at run time (a registry lookup, a factory's branches). */
export function possibleLosses(loss: CompileLoss): CompileLoss[] {
  if (loss.pastBound) return [];
  // A way the code decides against itself (`NUM_CLASSES === 2 ? … : …` with a const of 3) is not a loss it uses.
  if (!loss.candidates) return cannotRun(loss.when) ? [] : [loss];
  return loss.candidates.flatMap((c) => possibleLosses(loss.when ? { ...c, when: [...loss.when, ...(c.when ?? [])] } : c));
}

/**
 * A configured loss is fixed where its default is written only when no other compile call reads that default too
 * (`loss: CONFIG.loss` for a classifier and a regressor): changing it there would change the other model's loss.
 */
export function keepSharedDefaults(compiles: readonly CompileCall[]): void {
  const readers = new Map<TS.Node, number>();
  const losses = compiles.flatMap((cc) => cc.losses.flatMap(possibleLosses));
  for (const loss of losses) if (loss.writtenAt) readers.set(loss.writtenAt, (readers.get(loss.writtenAt) ?? 0) + 1);
  for (const loss of losses) if (loss.writtenAt && readers.get(loss.writtenAt)! > 1) delete loss.writtenAt;
}

/**
 * `loss: ['categoricalCrossentropy', 'meanSquaredError']` for a tf.sequential model, which has one output: measured
 * with TF.js 4.22, compile throws "When passing an Array as loss, it should have one entry per model output. The model
 * has 1 output(s), but you passed loss=…". No entry is paired with the output then; the list itself is the problem.
 */
export function lossListForOneOutput(tree: SyntaxTree, cc: CompileCall): FrontEndProblem | undefined {
  const ts = tree.ts;
  const value = ts.isBinaryExpression(cc.lossProperty) ? cc.lossProperty.right : propertyValue(ts, cc.lossProperty as TS.ObjectLiteralElementLike);
  const list = value && unwrapExpression(ts, value);
  if (!cc.model?.oneOutput || !list || !ts.isArrayLiteralExpression(list) || list.elements.length < 2 || list.elements.some((e) => ts.isSpreadElement(e))) return undefined;
  return {
    code: 'unknown-loss',
    message: `model.compile() is given ${list.elements.length} losses for a tf.sequential model, which has one output: TF.js throws "When passing an Array as loss, it should have one entry per model output".`,
    detail: 'A sequential model has one output, its last layer, however many layers it stacks. Give compile one loss for it, or build a tf.model with one output per loss.',
    start: tree.start(list),
    end: list.end,
  };
}

/**
 * `loss: { feedback_type: 'categoricalCrossentropy', learning_rate: 'meanSquaredError' }` for a tf.sequential model
 * whose one output, its last layer, is named otherwise: measured with TF.js 4.22, compile throws "Unknown entry in
 * loss dictionary: "feedback_type". Only expected the following keys: learning_rate" (a hidden layer's name is no
 * output's). No entry is paired with the output then; the dictionary is the problem. A last layer with no name has
 * one TF.js makes up (`dense_Dense3`), which no key written in the code is.
 */
export function lossMapForOneOutput(tree: SyntaxTree, cc: CompileCall): FrontEndProblem | undefined {
  const ts = tree.ts;
  const value = ts.isBinaryExpression(cc.lossProperty) ? cc.lossProperty.right : propertyValue(ts, cc.lossProperty as TS.ObjectLiteralElementLike);
  const map = value && unwrapExpression(ts, value);
  const last = cc.model?.oneOutput ? cc.model.layers[cc.model.layers.length - 1] : undefined;
  if (!map || !ts.isObjectLiteralExpression(map) || !last?.config || last.config.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  // Only a plain layer whose own call the code shows: the output of a nested model (`combined.add(disc)`) or a wrapper
  // (`timeDistributed({ layer: dense(…), name: 'tags' })`) is named by that model or wrapper, not by the layer inside.
  const holder = tree.parent(last.call);
  if (last.modelName !== undefined || last.call.arguments[0] !== last.config || (holder && ts.isPropertyAssignment(holder))) return undefined;
  const keys = map.properties.map((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && !ts.isComputedPropertyName(p.name) ? { node: p.name, key: propertyName(ts, p.name) } : undefined);
  if (keys.length === 0 || keys.some((k) => k?.key === undefined)) return undefined;
  const named = objectProperty(ts, last.config, 'name');
  const nameValue = named && ts.isPropertyAssignment(named) ? unwrapExpression(ts, named.initializer) : undefined;
  if (named && (!nameValue || !ts.isStringLiteralLike(nameValue))) return undefined;
  const output = nameValue && ts.isStringLiteralLike(nameValue) ? nameValue.text : undefined;
  const stray = keys.find((k) => k!.key !== output)!;
  if (!stray) return undefined;
  const expected = output !== undefined ? `Only expected the following keys: ${output}` : 'the output layer has no name of its own';
  return {
    code: 'unknown-loss',
    message: `model.compile() is given a loss for "${stray.key}", which is not an output of this tf.sequential model: TF.js throws "Unknown entry in loss dictionary" (${expected}).`,
    detail: `A dictionary of losses is keyed by the names of the model's outputs. A sequential model has one output, its last layer${output !== undefined ? ` ("${output}")` : ''}; the other layers it stacks are hidden, whatever their names. Give compile one loss for the output, or build a tf.model whose outputs are the heads the dictionary names.`,
    start: tree.start(stray.node),
    end: stray.node.end,
  };
}

/**
 * Whether a loss is said at the compile call: all but a missing tf.losses function a const holds (`const bce =
 * tf.losses.binaryCrossentropy()`), which is said, and fixed, where the const takes it.
 */
export function writtenInCall(cc: CompileCall, loss: CompileLoss): boolean {
  const missing = loss.tfFunction !== undefined && !loss.tfFunction.exists;
  // `opts.loss = 'mse'`: said, and fixed, at the value assigned.
  if (cc.setOnObject) return false;
  return !missing || (loss.value.pos >= cc.lossProperty.pos && loss.value.end <= cc.lossProperty.end);
}

/** The last `opts.loss = …` (or `opts['loss'] = …`) before a compile call, on the object it is given by name. */
function lossSetBefore(tree: SyntaxTree, arg: TS.Expression | undefined, call: TS.CallExpression): TS.BinaryExpression | undefined {
  const ts = tree.ts;
  const id = arg && unwrapExpression(ts, arg);
  const d = id && ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
  if (d?.kind !== 'variable') return undefined;
  let last: TS.BinaryExpression | undefined;
  for (const ref of referencesTo(tree, d.container, (id as TS.Identifier).text, d)) {
    const access = tree.parent(ref);
    const key = access && ts.isPropertyAccessExpression(access) ? access.name.text : access && ts.isElementAccessExpression(access) ? stringOf(tree, access.argumentExpression) : undefined;
    const set = access && tree.parent(access);
    if (key === 'loss' && set && ts.isBinaryExpression(set) && set.left === access && set.operatorToken.kind === ts.SyntaxKind.EqualsToken && set.end <= call.pos) last = set;
  }
  return last;
}
