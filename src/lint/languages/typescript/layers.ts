/** One layer of a model as written, and the output activation and units of a stack of layers. */
import type * as TS from 'typescript';
import type { Activation } from '../../../core';
import { destructuredWithDefault, heldMemberValue, isPlaceholder, nestedThisMemberValues, readMember, readMemberValues, setMemberValue, thisOwner } from './objectValues';
import { configuredChoices, consistent, type Condition } from './configurationChoices';
import { constantNumber } from './configurationTests';
import { argumentsAtCalls, functionValue, objectLiteral, parameterValues, propertyOf, returnedExpressions } from './functionValues';
import { boundValue, lastIndexedElement, onLastIteration, type LoopBindings } from './layerLoops';
import { computedKeyEntries } from './computedKeyTables';
import { assignmentsTo, implicitAssignmentBefore, implicitGlobalValues, isParameterWritten, keepsItsValue, lastAssignmentBefore, resolveIdentifier } from './scope';
import { valueAtLoad } from './loadTimeValues';
import { isFallback, propertyName, propertyValue, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue } from './translationEnv';
import { ownEntry } from '../../../core';

/** A layer variable assigned more often than this is not read from its assignments' agreement. */
const MAX_AGREEING_VALUES = 8;

/** One layer of a model as written: `tf.layers.dense({units: 1, activation: 'sigmoid'})`. */
export interface LayerInfo {
  /** The `tf.layers.*(…)` call. */
  call: TS.CallExpression;
  /** `dense`, `activation`, `softmax` … */
  kind: string;
  config?: TS.ObjectLiteralExpression;
  /** The `activation` value: its TF.js name, `undefined` when absent, `null` when not a literal the lint can read. */
  activation: string | null | undefined;
  activationNode?: TS.Expression;
  /** The string the activation's name is read from, when elsewhere (a configuration entry the layer's options read). */
  activationLiteral?: TS.Expression;
  /** The activation is a setting's fallback (`opts.activation || 'linear'`): what the layer has when the caller sets none. */
  activationFallback?: true;
  /** The units as written; null when they are not a count (`units: Infinity`, `units: 0.5`). */
  units?: number | null;
  /** An activation written as a clip, `activation: (x) => tf.clipByValue(x, -20, 2)`: the range it keeps. */
  range?: [number, number];
  /** The name of the model this is the output layer of, when that model is applied as a layer of another. */
  modelName?: string;
  /** An activation chosen by configuration (`numClasses === 2 ? 'sigmoid' : 'softmax'`): each name, when, and its units. */
  activationChoices?: ActivationChoice[];
  /** `tf.layers.activation('softmax')`: the name written as the layer's whole argument, which TF.js ignores (linear). */
  ignoredActivation?: TS.StringLiteral | TS.NoSubstitutionTemplateLiteral;
  /** A `concatenate` applied to a list of heads: each head's output, in order along the last axis. */
  parts?: OutputPart[];
}

/** One head of a concatenated output: its activation and its width, as a count and as written (`units: dHidden`). */
export interface OutputPart {
  activation: Activation | null;
  activationName: string | null;
  units: number | null;
  width?: string;
}

export interface ActivationChoice {
  name: string;
  when: Condition[];
  units?: number | null;
  /** The layer this way adds, when the ways are layers of their own (`cond ? dense(…) : dense(…)`). */
  layer?: LayerInfo;
}

/** Layers that pass their input's activation through unchanged. */
const PASS_THROUGH = new Set([
  'dropout', 'flatten', 'reshape', 'batchNormalization', 'layerNormalization', 'gaussianNoise', 'gaussianDropout', 'alphaDropout',
  'spatialDropout1d', 'permute', 'repeatVector', 'cropping2D', 'zeroPadding2d', 'maxPooling1d', 'maxPooling2d', 'maxPooling3d',
  'globalMaxPooling1d', 'globalMaxPooling2d', 'masking', 'upSampling2d',
]);

/** Layers that are activations themselves, without a config. */
const ACTIVATION_LAYERS: Record<string, string> = { softmax: 'softmax', reLU: 'relu', elu: 'elu', leakyReLU: 'leakyReLU', prelu: 'prelu', thresholdedReLU: 'relu' };

/** Layers whose default activation is not linear. */
const DEFAULT_ACTIVATION: Record<string, string> = { simpleRNN: 'tanh', lstm: 'tanh', gru: 'tanh' };

/** TF.js activation names → the domains the analysis knows (conservatively: unbounded when in doubt). */
const ACTIVATION_DOMAINS: Record<string, Activation> = {
  linear: 'linear', sigmoid: 'sigmoid', hardSigmoid: 'sigmoid', softmax: 'softmax', relu: 'relu', relu6: 'relu', tanh: 'tanh',
  softsign: 'tanh', softplus: 'softplus', elu: 'elu', selu: 'linear', swish: 'linear', mish: 'linear', gelu: 'linear',
  gelu_new: 'linear', leakyReLU: 'linear', prelu: 'linear',
};

export function activationDomain(name: string | null | undefined): Activation | null {
  return name ? ownEntry(ACTIVATION_DOMAINS, name) ?? null : null;
}

export function objectLiteralOf(tree: SyntaxTree, node: TS.Expression | undefined, depth = 0, bound?: LoopBindings): TS.ObjectLiteralExpression | undefined {
  const ts = tree.ts;
  if (!node || depth > 5) return undefined;
  const n = unwrapExpression(ts, node);
  if (ts.isObjectLiteralExpression(n)) return n;
  if (ts.isIdentifier(n)) {
    const b = boundValue(tree, n, bound);
    if (b) return objectLiteralOf(tree, b, depth + 1, bound);
    const d = resolveIdentifier(tree, n);
    if (d?.kind === 'variable' && d.initializer) return objectLiteralOf(tree, d.initializer, depth + 1, bound);
    // `setCompileOptions(options) { this.compileOptions = options; }` called once with an object: that object.
    const passed = d?.kind === 'parameter' ? parameterValues(tree, d.node) : undefined;
    if (passed?.length === 1) return objectLiteralOf(tree, passed[0], depth + 1, bound);
  }
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) return objectLiteralOf(tree, boundMember(tree, n, bound) ?? setMemberValue(tree, n), depth + 1, bound);
  return undefined;
}

/** `spec.activation` where `spec` is a loop variable: the property of the element the last iteration reads. */
function boundMember(tree: SyntaxTree, n: TS.PropertyAccessExpression | TS.ElementAccessExpression, bound: LoopBindings | undefined): TS.Expression | undefined {
  const ts = tree.ts;
  if (!bound || bound.size === 0) return undefined;
  const key = ts.isPropertyAccessExpression(n) ? n.name.text : stringValue(ts, unwrapExpression(ts, n.argumentExpression));
  const obj = unwrapExpression(ts, n.expression);
  const element = key !== undefined && ts.isIdentifier(obj) ? boundValue(tree, obj, bound) : undefined;
  const literal = element ? objectLiteralOf(tree, element, 1, bound) : undefined;
  return literal && key !== undefined ? configValue(tree, literal, key, bound) ?? undefined : undefined;
}

/**
 * A configuration object's property as the object would hold it: the last property or readable spread that sets it
 * (`{ ...cfg, inputShape }` takes `activation` from `cfg`); null when a spread the lint cannot read may set it.
 */
export function configValue(tree: SyntaxTree, config: TS.ObjectLiteralExpression, key: string, bound: LoopBindings | undefined, depth = 0): TS.Expression | null | undefined {
  const ts = tree.ts;
  for (let i = config.properties.length - 1; i >= 0; i--) {
    const p = config.properties[i];
    if (ts.isSpreadAssignment(p)) {
      const inner = depth < 5 ? objectLiteralOf(tree, p.expression, depth + 1, bound) : undefined;
      if (!inner) return null;
      const v = configValue(tree, inner, key, bound, depth + 1);
      if (v !== undefined) return v;
      continue;
    }
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(ts, p.name) === key) return propertyValue(ts, p);
  }
  return undefined;
}

/** A string value: a literal, a const holding one, or a property of a configuration object (`CONFIG.loss`). */
export function stringOf(tree: SyntaxTree, node: TS.Expression | undefined): string | undefined {
  return stringSource(tree, node)?.text;
}

/** A string value and the one literal it is written in, when there is one (`loss: 'mse'` of a DEFAULTS object). */
export function stringSource(tree: SyntaxTree, node: TS.Expression | undefined, depth = 0, work = { left: 32 }, bound?: LoopBindings): { text: string; literal?: TS.Expression; fallback?: true } | undefined {
  const ts = tree.ts;
  if (!node || depth > 5 || --work.left < 0) return undefined;
  const n = unwrapExpression(ts, node);
  const s = stringValue(ts, n);
  if (s !== undefined) return { text: s, literal: n };
  if (ts.isIdentifier(n)) {
    const b = boundValue(tree, n, bound);
    if (b) return stringSource(tree, b, depth + 1, work, bound);
    const d = resolveIdentifier(tree, n);
    // A const, or a `let` nothing assigns again (`let loss = "meanSquaredError"; build(layers, loss)`).
    if (d?.kind === 'variable' && d.initializer && keepsItsValue(tree, n.text, d)) return stringSource(tree, d.initializer, depth + 1, work, bound);
    // A script's `let act = 'sigmoid'` read by layers built at load, before an event handler changes it.
    const atLoad = d?.kind === 'variable' ? valueAtLoad(tree, n, d) : undefined;
    if (atLoad) return stringSource(tree, atLoad, depth + 1, work, bound);
    // `constructor({ activation = 'sigmoid' } = {})`: what every way it is given agrees on, its default among them.
    const given = d?.kind === 'binding' ? destructuredWithDefault(tree, d.node) : undefined;
    const found = given?.map((v) => (v.tree === tree ? stringSource(tree, v.node, depth + 1, work) : undefined));
    if (found?.length && found[0] && found.every((f) => f?.text === found[0]!.text)) return found.length === 1 ? found[0] : { text: found[0].text };
    // `function build(units, activation = 'sigmoid', loss)` called `build(1, undefined, 'mse')`: what every call gives.
    // One value only: where several calls pass it, a fix could not say which to edit.
    const passed = d?.kind === 'parameter' ? parameterValues(tree, d.node)?.map((v) => stringSource(tree, v, depth + 1, work)) : undefined;
    if (passed?.length === 1 && passed[0]) return passed[0];
    // `export function build(units, activation = 'softmax')` with no call in this file: its default, as a destructured
    // parameter's (destructuredWithDefault).
    if (d?.kind === 'parameter' && d.node.initializer && argumentsAtCalls(tree, d.node).length === 0 && !isParameterWritten(tree, d.node)) {
      return stringSource(tree, d.node.initializer, depth + 1, work);
    }
  }
  if (isFallback(ts, n)) {
    // `activation: options.activation || 'softmax'`: the setting where the file says what it is, else the fallback.
    const set = stringSource(tree, n.left, depth + 1, work, bound);
    if (set?.text) return set;
    const fallback = stringSource(tree, n.right, depth + 1, work, bound);
    return fallback && { ...fallback, fallback: true };
  }
  if (ts.isConditionalExpression(n)) {
    // `activation: i === layers.length - 1 ? 'sigmoid' : 'relu'`: the branch of the iteration that adds the output layer.
    const last = onLastIteration(tree, n.condition);
    if (last !== undefined) return stringSource(tree, last ? n.whenTrue : n.whenFalse, depth + 1, work, bound);
  }
  const member = (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) ? boundMember(tree, n, bound) : undefined;
  if (member) return stringSource(tree, member, depth + 1, work, bound);
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
    // Every object that may reach here must agree (`createModel({ loss: 'mse' })` and `createModel({ loss: 'mae' })` do not).
    const found = readMemberValues(tree, n).map((v) => (v.tree === tree ? stringSource(tree, v.node, depth + 1, work) : undefined));
    const texts = new Set(found.map((f) => f?.text));
    if (texts.size !== 1 || !found[0]) return undefined;
    return found.length === 1 ? found[0] : { text: found[0].text };
  }
  return undefined;
}

function numberOf(tree: SyntaxTree, node: TS.Expression | undefined, depth = 0, bound?: LoopBindings): number | undefined {
  const ts = tree.ts;
  if (!node || depth > 5) return undefined;
  const v = numericValue(ts, node);
  if (v !== undefined) return v;
  const n = unwrapExpression(ts, node);
  if (ts.isIdentifier(n)) {
    const b = boundValue(tree, n, bound);
    if (b) return numberOf(tree, b, depth + 1, bound);
    const d = resolveIdentifier(tree, n);
    if (d?.kind === 'variable' && d.isConst && d.initializer) return numberOf(tree, d.initializer, depth + 1, bound);
    const passed = d?.kind === 'parameter' ? parameterValues(tree, d.node)?.map((v) => numberOf(tree, v, depth + 1)) : undefined;
    if (passed?.length && passed.every((x) => x !== undefined && x === passed[0])) return passed[0];
  }
  // `units: classNames.length` of a list nothing changes (a const array, a React state list set only to copies of itself):
  // its length, as a loss's test on it (`classNames.length === 2 ? …`) reads it.
  const length = ts.isPropertyAccessExpression(n) && n.name.text === 'length' ? constantNumber(tree, n) : undefined;
  if (length !== undefined) return length;
  // `CONFIGS[modelType].outputShape` of a key the code does not fix: any entry's, a number only when every entry agrees.
  const entries = ts.isPropertyAccessExpression(n) ? computedKeyEntries(tree, n.expression) : undefined;
  if (entries) {
    const each = entries.map((entry) => numberOf(tree, propertyOf(ts, entry, (n as TS.PropertyAccessExpression).name.text), depth + 1, bound));
    return each.length && each.every((x) => x !== undefined && x === each[0]) ? each[0] : undefined;
  }
  if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) return numberOf(tree, boundMember(tree, n, bound) ?? readMember(tree, n)?.node, depth + 1, bound);
  return undefined;
}

/** `tf.sequential({…})`, or the class it makes written out: `new tf.Sequential({…})`. */
export function isSequentialBuild(ts: typeof TS, tf: TfBindings, n: TS.Node): n is TS.CallExpression | TS.NewExpression {
  return (ts.isCallExpression(n) && tf.path(n.expression) === 'sequential') || (ts.isNewExpression(n) && tf.path(n.expression) === 'Sequential');
}

/**
 * Reads a layer from a `tf.layers.*` call or a variable holding one. `bound` gives loop variables the value of the
 * iteration that adds the layer read (see layerLoops.ts).
 */
export function layerInfo(tree: SyntaxTree, tf: TfBindings, node: TS.Expression, depth = 0, bound?: LoopBindings): LayerInfo | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  if (ts.isIdentifier(n) && depth < 5) {
    // A loop's variable over layers the file writes out (`for (const l of layers) model.add(l)`): the last one.
    const b = boundValue(tree, n, bound);
    if (b) return layerInfo(tree, tf, b, depth + 1, bound);
    const d = resolveIdentifier(tree, n);
    // Its one value: the initializer, or the one assignment of a `let` declared empty or of a sloppy-mode global.
    const values = d?.kind === 'variable' ? (d.initializer ? [d.initializer] : assignmentsTo(tree, n.text, d).map((a) => a.right)) : d ? [] : implicitGlobalValues(tree, n.text);
    if (values.length <= 1) return values[0] && layerInfo(tree, tf, values[0], depth + 1, bound);
    // Assigned more than once (a sketch's `setup()` and `reset()` each build the model): the assignment this use
    // follows in its own block, else the layer every assignment gives.
    const reaching = d?.kind === 'variable' ? lastAssignmentBefore(tree, n, d) : d ? undefined : implicitAssignmentBefore(tree, n);
    if (reaching) return layerInfo(tree, tf, reaching, depth + 1, bound);
    // Set in the branches of an `if` (`if (numClasses > 2) out = …softmax…; else out = …sigmoid…;`): each way.
    const chosen = d?.kind === 'variable' && !d.isConst ? configuredChoices(tree, n) : undefined;
    if (chosen) return chosenLayer(tree, tf, chosen, depth, bound);
    if (values.length > MAX_AGREEING_VALUES) return undefined;
    const layers = values.map((v) => layerInfo(tree, tf, v, depth + 1, bound));
    const first = layers[0];
    return first && layers.every((l) => l && l.kind === first.kind && l.activation === first.activation && l.units === first.units && l.range?.join() === first.range?.join() && !l.activationChoices && !first.activationChoices) ? first : undefined;
  }
  // `numClasses > 2 ? tf.layers.dense({ …softmax }) : tf.layers.dense({ …sigmoid })`: the way of the iteration that adds
  // the output layer, else each way with its conditions.
  if (ts.isConditionalExpression(n) && depth < 5) {
    const last = onLastIteration(tree, n.condition);
    if (last !== undefined) return layerInfo(tree, tf, last ? n.whenTrue : n.whenFalse, depth + 1, bound);
    const chosen = configuredChoices(tree, n);
    return chosen ? chosenLayer(tree, tf, chosen, depth, bound) : undefined;
  }
  // `layers[i]` of `for (let i = 0; i < layers.length; i++) model.add(layers[i])`: the last element.
  if (ts.isElementAccessExpression(n) && depth < 5) {
    const last = lastIndexedElement(tree, n);
    if (last) return layerInfo(tree, tf, last, depth + 1, bound);
  }
  // `f.p.apply(x)` with `const f = this.heads()` returning `{ p: tf.layers.dense(…), … }`.
  if (ts.isPropertyAccessExpression(n) && depth < 5) {
    const obj = objectLiteral(tree, n.expression);
    const prop = obj && propertyOf(ts, obj, n.name.text);
    if (prop && !isPlaceholder(ts, prop)) return layerInfo(tree, tf, prop, depth + 1, bound);
    // `this.layers.output` of an object whose fields a method sets: the one layer the field is given.
    const nested = nestedThisMemberValues(tree, n);
    if (nested.length === 1) return layerInfo(tree, tf, nested[0]!, depth + 1, bound);
    // `this.model.add(this.output)` of a layer the constructor keeps in a field: the one layer the field is given.
    const owner = n.expression.kind === ts.SyntaxKind.ThisKeyword ? thisOwner(tree, n) : undefined;
    const held = owner && (ts.isClassLike(owner) || ts.isObjectLiteralExpression(owner)) ? heldMemberValue(tree, n) : undefined;
    return held ? layerInfo(tree, tf, held, depth + 1, bound) : undefined;
  }
  if (!ts.isCallExpression(n)) return undefined;
  const kind = layerKind(tree, tf, n.expression, bound);
  if (!kind) return depth < 5 ? returnedLayer(tree, tf, n, depth) : undefined;
  const arg = n.arguments[0] && unwrapExpression(ts, n.arguments[0]);
  // `tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 49, activation: 'softmax' }) })`: the wrapped layer's
  // output at every step.
  const wrapped = kind === 'timeDistributed' && depth < 5 ? objectLiteralOf(tree, arg, 0, bound) : undefined;
  const inner = wrapped && propertyOf(ts, wrapped, 'layer');
  if (inner) {
    const info = layerInfo(tree, tf, inner, depth + 1, bound);
    return info ? { ...info, call: n, kind } : { call: n, kind, activation: null };
  }
  // `i === 0 ? { ...cfg, inputShape } : cfg`: read when both branches give the same layer.
  if (arg && ts.isConditionalExpression(arg)) {
    const a = layerConfig(tree, tf, arg.whenTrue, bound);
    const b = layerConfig(tree, tf, arg.whenFalse, bound);
    const same = a.activation === b.activation && a.units === b.units && a.range?.join() === b.range?.join();
    return { call: n, kind, ...(same ? b : { activation: null, units: undefined }) };
  }
  // TF.js reads a layer's options from an object: `tf.layers.activation('softmax')` is linear (measured, TF.js 4.22).
  if (kind === 'activation' && arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) return { call: n, kind, activation: 'linear', ignoredActivation: arg };
  const info = { call: n, kind, ...layerConfig(tree, tf, arg, bound) };
  // A reshape, flatten or permute decides the last dimension anew: `dense({units: 1})` per position reshaped to
  // `[seqLen]` and then softmaxed is a softmax over seqLen units, not over one.
  if (kind === 'reshape' || kind === 'flatten' || kind === 'permute') return { ...info, units: kind === 'reshape' ? lastTargetDimension(tree, info.config, bound) : null };
  return info;
}

/** `this.buildHead()` of a method of the file that returns one layer (`return tf.layers.dense({ … })`): that layer. */
function returnedLayer(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression, depth: number): LayerInfo | undefined {
  const fn = functionValue(tree, call.expression);
  if (!fn) return undefined;
  // A helper added many times is read once for what it returns.
  let returned = returnedOnce.get(fn);
  if (!returned) returnedOnce.set(fn, (returned = returnedExpressions(tree, fn)));
  return returned.length === 1 ? layerInfo(tree, tf, returned[0]!, depth + 1) : undefined;
}

const returnedOnce = new WeakMap<TS.Node, TS.Expression[]>();

/**
 * The kind of layer a call makes: `tf.layers.dense` → `dense`, and `tf.layers[spec.type]` → the type the code writes
 * out for it (a spec of a list the loop adds, a constant), as services that keep their architecture as data write it.
 */
function layerKind(tree: SyntaxTree, tf: TfBindings, callee: TS.Expression, bound: LoopBindings | undefined): string | undefined {
  const ts = tree.ts;
  const path = tf.path(callee);
  if (path?.startsWith('layers.')) return path.slice('layers.'.length);
  const c = unwrapExpression(ts, callee);
  if (!ts.isElementAccessExpression(c) || tf.path(c.expression) !== 'layers') return undefined;
  const name = stringSource(tree, c.argumentExpression, 0, undefined, bound)?.text;
  return name && /^[A-Za-z]\w*$/.test(name) ? name : undefined;
}

/** The last entry of a reshape's `targetShape: [seqLen]` when it is a count; null when it is not written as one. */
function lastTargetDimension(tree: SyntaxTree, config: TS.ObjectLiteralExpression | undefined, bound: LoopBindings | undefined): number | null {
  const ts = tree.ts;
  const shape = config ? configValue(tree, config, 'targetShape', bound) : undefined;
  const list = shape ? unwrapExpression(ts, shape) : undefined;
  const last = list && ts.isArrayLiteralExpression(list) ? list.elements[list.elements.length - 1] : undefined;
  const n = last && !ts.isSpreadElement(last) ? numberOf(tree, last, 0, bound) : undefined;
  return n === undefined || n === -1 ? null : unitCount(n);
}

/**
 * A layer chosen among ways of the same kind: that layer when every way agrees, else one whose activation is chosen
 * by configuration (as `activation: numClasses > 2 ? 'softmax' : 'sigmoid'` is), each way's name and units with its
 * conditions. Undefined when a way is not a layer or the ways are layers of different kinds.
 */
function chosenLayer(tree: SyntaxTree, tf: TfBindings, ways: readonly { node: TS.Expression; when: Condition[] }[], depth: number, bound: LoopBindings | undefined): LayerInfo | undefined {
  const layers = ways.map((w) => layerInfo(tree, tf, w.node, depth + 1, bound));
  const first = layers[0];
  if (!first || layers.some((l) => !l || l.kind !== first.kind || l.activationChoices || l.activation === null)) return undefined;
  const names = layers.map((l) => l!.activation ?? ownEntry(DEFAULT_ACTIVATION, l!.kind) ?? 'linear');
  if (layers.length === 1 || (names.every((a) => a === names[0]) && layers.every((l) => l!.units === first.units))) return first;
  const activationChoices = ways.map((w, i) => ({ name: names[i]!, when: w.when, layer: layers[i]!, ...(layers[i]!.units !== undefined ? { units: layers[i]!.units } : {}) }));
  return { call: first.call, kind: first.kind, activation: null, activationChoices };
}

/** What a layer's configuration argument sets: its activation, units and clip range. */
function layerConfig(tree: SyntaxTree, tf: TfBindings, arg: TS.Expression | undefined, bound: LoopBindings | undefined): Omit<LayerInfo, 'call' | 'kind'> {
  const config = objectLiteralOf(tree, arg, 0, bound);
  if (arg && !config) return { activation: null };
  const value = config ? configValue(tree, config, 'activation', bound) : undefined;
  const activationNode = value ?? undefined;
  const source = value !== null && activationNode ? stringSource(tree, activationNode, 0, { left: 32 }, bound) : undefined;
  const activation: string | null | undefined = value === null ? null : activationNode ? source?.text ?? null : undefined;
  const unitsNode = config ? configValue(tree, config, 'units', bound) ?? configValue(tree, config, 'filters', bound) : undefined;
  const written = unitsNode ? numberOf(tree, unitsNode, 0, bound) : undefined;
  const units = written === undefined ? undefined : unitCount(written);
  const range = activationNode ? clipRange(tree, tf, activationNode) : undefined;
  // `mapActivation(cfg.activation) || 'relu'` of a helper that always returns a name: its ways, never the fallback.
  const helperWays = source?.fallback && activationNode && !bound?.size ? helperChoices(tree, activationNode, units === undefined && unitsNode ? unitsNode : undefined) : undefined;
  const chosen = helperWays ?? (activation === null && activationNode && !bound?.size ? choicesOf(tree, activationNode, units === undefined && unitsNode ? unitsNode : undefined) : undefined);
  // One way only (the code decides its own test, `outputActivation('binary')`): that is the activation.
  const only = chosen?.length === 1 && chosen[0]!.when.length === 0 ? chosen[0] : undefined;
  const activationChoices = only ? undefined : chosen;
  const fallback = source?.fallback && !only && !helperWays;
  return { ...(config ? { config } : {}), activation: only?.name ?? (helperWays ? null : activation), ...(activationNode ? { activationNode } : {}), ...(source?.literal && source.literal !== activationNode ? { activationLiteral: source.literal } : {}), ...(fallback ? { activationFallback: true as const } : {}), units: only?.units ?? units, ...(range ? { range } : {}), ...(activationChoices ? { activationChoices } : {}) };
}

/** The ways of the left side of `helper(x) || fallback` when each is a name (never empty, so the fallback is never taken). */
function helperChoices(tree: SyntaxTree, node: TS.Expression, unitsNode: TS.Expression | undefined): ActivationChoice[] | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, node);
  const left = isFallback(ts, e) ? unwrapExpression(ts, e.left) : undefined;
  if (!left || !ts.isCallExpression(left)) return undefined;
  const ways = choicesOf(tree, left, unitsNode);
  const all = ways && configuredChoices(tree, left);
  return ways && all && ways.length === all.length && ways.every((w) => w.name !== '') ? ways : undefined;
}

/**
 * The activations a layer may have by configuration, each with the units chosen under the same conditions (`units:
 * outputNodes` set beside the activation in each branch); ways whose name cannot be read are left out.
 */
function choicesOf(tree: SyntaxTree, activationNode: TS.Expression, unitsNode: TS.Expression | undefined): ActivationChoice[] | undefined {
  const choices = configuredChoices(tree, activationNode);
  if (!choices) return undefined;
  const unitChoices = unitsNode ? configuredChoices(tree, unitsNode) ?? [{ node: unitsNode, when: [] }] : [];
  const out: ActivationChoice[] = [];
  for (const c of choices) {
    const name = stringSource(tree, c.node)?.text;
    if (name === undefined) continue;
    const counts = new Set(unitChoices.filter((u) => consistent(u.when, c.when)).map((u) => numberOf(tree, u.node)));
    const [written] = counts;
    const units = counts.size === 1 && written !== undefined ? unitCount(written) : undefined;
    out.push({ name, when: c.when, ...(units !== undefined ? { units } : {}) });
  }
  return out.length >= 1 ? out : undefined;
}

/** Units as written: a positive whole count, or null for anything else (`units: Infinity`, `units: 0.5`). */
function unitCount(n: number): number | null {
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** `(x) => tf.clipByValue(x, lo, hi)` (or `x.clipByValue(lo, hi)`) as an activation: [lo, hi]. */
function clipRange(tree: SyntaxTree, tf: TfBindings, node: TS.Expression): [number, number] | undefined {
  const ts = tree.ts;
  const fn = unwrapExpression(ts, node);
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length !== 1) return undefined;
  let body: TS.Node | undefined = fn.body;
  if (body && ts.isBlock(body)) {
    const last = body.statements[body.statements.length - 1];
    body = body.statements.length === 1 && last && ts.isReturnStatement(last) ? last.expression : undefined;
  }
  const call = body && unwrapExpression(ts, body as TS.Expression);
  if (!call || !ts.isCallExpression(call)) return undefined;
  const callee = unwrapExpression(ts, call.expression);
  const bounds = tf.path(call.expression) === 'clipByValue' ? call.arguments.slice(1) : ts.isPropertyAccessExpression(callee) && callee.name.text === 'clipByValue' ? call.arguments : undefined;
  const [lo, hi] = (bounds ?? []).map((b) => numberOf(tree, b));
  return lo !== undefined && hi !== undefined && lo <= hi ? [lo, hi] : undefined;
}

export interface OutputInfo {
  /** Heads concatenated into the output, each with its own activation (`concatenate().apply([features, reconstruction])`). */
  parts?: OutputPart[];
  activation: Activation | null;
  /** The output's range when its last activation is a clip (a policy's log-std head kept in [-20, 2]). */
  range?: [number, number];
  /** The activation as TF.js names it. */
  activationName: string | null;
  units: number | null;
  /** The layer whose activation the output has. */
  decidingLayer?: LayerInfo;
}

/** A layer applied on its own (`const lmHead = tf.layers.dense({ …softmax })`, `lmHead.apply(x)`): one output, its activation. */
export function oneLayerModel(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): (OutputInfo & { layers: LayerInfo[]; oneOutput: true }) | undefined {
  const layer = layerInfo(tree, tf, call);
  return layer ? { ...outputOf([layer]), layers: [layer], oneOutput: true } : undefined;
}

/** The output activation and units of layers applied in order. */
export function outputOf(layers: readonly (LayerInfo | undefined)[]): OutputInfo {
  let deciding: LayerInfo | undefined;
  let name: string | null = null;
  let units: number | null = null;
  let range: [number, number] | undefined;
  let decided = false;
  let reshaped: number | null | undefined;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (!layer) {
      if (!decided) return { activation: null, activationName: null, units: null };
      break;
    }
    if (!decided) {
      // A flatten, reshape or permute after the deciding layer decides the width (`dense({units: 1})` per position,
      // flattened to [batch, seqLen]): the nearest one to the output says it.
      if (PASS_THROUGH.has(layer.kind)) {
        if (reshaped === undefined && layer.units !== undefined) reshaped = layer.units;
        continue;
      }
      decided = true;
      deciding = layer;
      range = layer.range;
      if (layer.parts) {
        // Heads of one activation keep it (a softmax's rows no longer sum to 1); heads of several have none.
        const names = new Set(layer.parts.map((p) => p.activationName));
        name = names.size === 1 && !names.has('softmax') ? layer.parts[0].activationName : null;
        units = layer.parts.every((p) => p.units !== null) ? layer.parts.reduce((sum, p) => sum + p.units!, 0) : null;
        break;
      }
      if (layer.kind === 'activation') name = layer.activation ?? null;
      else if (Object.hasOwn(ACTIVATION_LAYERS, layer.kind)) name = ACTIVATION_LAYERS[layer.kind];
      else name = layer.activation === undefined ? ownEntry(DEFAULT_ACTIVATION, layer.kind) ?? 'linear' : layer.activation;
    }
    if (layer.units !== undefined) {
      units = layer.units;
      break;
    }
    if (!Object.hasOwn(ACTIVATION_LAYERS, layer.kind) && layer.kind !== 'activation' && !PASS_THROUGH.has(layer.kind)) break;
  }
  if (reshaped !== undefined) units = reshaped;
  return { activation: activationDomain(name), activationName: name, units, decidingLayer: deciding, ...(range ? { range } : {}), ...(deciding?.parts ? { parts: deciding.parts } : {}) };
}
