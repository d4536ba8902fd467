/**
 * Logits losses outside every loss the lint reads: an evaluation, a feature-importance score, a hand-written RNN
 * trained by its own backprop. `tf.losses.sigmoidCrossEntropy(ys, p)` (or `softmaxCrossEntropy`) where `p` is already a
 * sigmoid or softmax output applies the activation twice, whoever runs it: the value is that of a much less confident
 * model. `p` is read where the file gives it one value: written in place, a const (`const p = model.predict(xs)`), a
 * `let` set once, or an element set once at the same index in the function (`predictions[t] = h.sigmoid()`) or by one
 * method of the class (`this.predictions[t] = … .softmax()` in `feedForward`, found as the class's other fields are); a
 * model's prediction counts when its output layer ends in a sigmoid or softmax.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import type { SourceFix } from '../../engine/types';
import { consistent, enclosingConditions, type Condition } from './configurationChoices';
import { activationCall } from './forwardPasses';
import { layerInfo } from './layers';
import { thisMemberReferences, thisMemberValues, thisOwner } from './objectValues';
import type { ModelInfo } from './modelResolution';
import { assignmentsTo, resolveIdentifier } from './scope';
import { functionValue, returnedExpressions, tidyReturned } from './functionValues';
import { isFunctionNode, propertyName, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const LOGITS_LOSS = /\b(sigmoidCrossEntropy|softmaxCrossEntropy(?:Cost)?)\s*\(/g;
const MAX_PROBES = 100;

export function logitsLossProblems(
  tree: SyntaxTree,
  tf: TfBindings,
  covered: (node: TS.Node) => boolean,
  modelOf: (call: TS.CallExpression, output?: number) => ModelInfo | undefined,
  modelOfParameter: (parameter: TS.ParameterDeclaration) => ModelInfo | undefined,
  expired: () => boolean,
  modelGivenTo: (parameter: TS.ParameterDeclaration) => ModelInfo | undefined = () => undefined,
): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  // Element assignments (`list[index] = value`) per function, gathered once: `list[index]` text → values.
  const elementsByFunction = new Map<TS.Node, Map<string, TS.Expression[]>>();
  if (!tree.mayHaveName('sigmoidCrossEntropy', 'softmaxCrossEntropy', 'softmaxCrossEntropyCost')) return out;
  for (const m of tree.text.matchAll(LOGITS_LOSS)) {
    if (out.length >= MAX_PROBES || expired()) break;
    const name = m[1]!;
    const id = tree.nodeAt(m.index!, m.index! + name.length);
    const callee = id && tree.parent(id);
    const node = callee && tree.parent(callee);
    // deeplearn.js's `graph.softmaxCrossEntropyCost(logits, labels)` takes the logits first.
    const graphCost = name === 'softmaxCrossEntropyCost';
    if (!node || !ts.isCallExpression(node) || unwrapExpression(ts, node.expression) !== callee || tf.path(node.expression) !== (graphCost ? `graph.${name}` : `losses.${name}`)) continue;
    const logits = node.arguments[graphCost ? 0 : 1];
    if (!logits) continue;
    // A GAN loss's parameter named for the discriminator's score, in a loss no code of the file calls: the loss's own
    // site knows no model, so it is checked here (see ganLosses.ts).
    const parameter = parameterOf(tree, logits);
    const given = parameter ? modelOfParameter(parameter) : undefined;
    // A field of what a forward method of the file returns (`preds.done` of `preds = this.predictStep(s, a)`): a loss
    // site reads it as an output of no known layer, so the layer that computes it is looked up here.
    const field = given ? undefined : forwardField(tree, tf, logits);
    if (!given && !field && covered(node)) continue;
    const value = given ? undefined : sameValues(tree, tf, field ?? valueOf(tree, logits, elementsByFunction), elementsByFunction);
    const explicit = value && (activationCall(tree, tf, value) ?? (field ? appliedLayerActivation(tree, tf, value) : undefined));
    // `const [pred, val] = this.model.predict(states)`: the output at that index of a multi-output model.
    const element = given || field ? undefined : !value ? destructuredOutput(tree, logits) : indexedOutput(tree, value);
    // A helper's parameter every call of the file gives a model's prediction (`calculateMetrics(labels, this.model.predict(x))`).
    // … or the parameter a chain of value-keeping ops starts from (`logits.slice([b, t, 0], …).reshape([k])` in a helper).
    const handed = !given && !explicit ? (value ? chainParameter(tree, tf, value) : parameter) : undefined;
    const passed = handed ? modelGivenTo(handed) : undefined;
    const model = given ?? passed ?? (element ? modelOf(element.call, element.index) : !explicit && value && ts.isCallExpression(value) ? modelOf(value) : undefined);
    const activation = explicit ?? probabilityOutput(model, () => enclosingConditions(tree, node));
    if (!activation) continue;
    const loss = graphCost ? `${tree.source(node.expression)}` : `tf.losses.${name}`;
    const what = explicit ? `this is a ${activation} output` : given ? `${tree.source(logits)} is the output of the file's discriminator, which ends in a ${activation}` : passed ? `${tree.source(logits)} is given the output of a model that ends in a ${activation}` : `this is the output of a model that ends in a ${activation}`;
    const fix = graphCost ? undefined : probabilityLossFix(tree, node, name);
    out.push({
      code: 'activation-mismatch',
      message: `${loss} expects logits, but ${what}: it is applied twice.`,
      detail: `${loss} applies a ${name === 'sigmoidCrossEntropy' ? 'sigmoid' : 'softmax'} to its ${graphCost ? 'first' : 'second'} argument, but the values it is given are already ${activation} outputs: the activation is applied twice, so the loss only ever sees values in [0, 1], cannot reach confident predictions, and its value and gradient are those of a much less certain model.`,
      start: tree.start(logits),
      end: logits.end,
      fixes: fix ? [fix] : [],
    });
  }
  return out;
}

/**
 * The model's output activation when it is a sigmoid or softmax: the output layer's, or, when the layer is chosen by
 * configuration, the one every way agrees on under the conditions the loss runs in (`if (numClasses === 2)` around a
 * `sigmoidCrossEntropy` of a head built `numClasses === 2 ? 'sigmoid' : 'softmax'`).
 */
function probabilityOutput(model: ModelInfo | undefined, where: () => Condition[]): 'sigmoid' | 'softmax' | undefined {
  if (!model) return undefined;
  const conditions = model.alternatives ? where() : [];
  const ways = model.alternatives ? model.alternatives.filter((a) => consistent(a.when ?? [], conditions)) : [model];
  const names = new Set(ways.map((w) => w.activation));
  const [only] = names;
  return names.size === 1 && (only === 'sigmoid' || only === 'softmax') ? only : undefined;
}

/**
 * `preds.done` where `preds` is a const given a call of a function of the file that returns an object literal (directly
 * or from `tf.tidy`), whose `done` is a const of that function: the value that const is given.
 */
function forwardField(tree: SyntaxTree, tf: TfBindings, arg: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, arg);
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const holder = resolveIdentifier(tree, e.expression);
  const call = holder?.kind === 'variable' && holder.isConst && holder.initializer ? unwrapExpression(ts, holder.initializer) : undefined;
  const fn = call && ts.isCallExpression(call) && tf.path(call.expression) === undefined ? functionValue(tree, call.expression) : undefined;
  if (!fn) return undefined;
  const returned = returnedExpressions(tree, fn).map((r) => tidyReturned(tree, tf, unwrapExpression(ts, r)) ?? unwrapExpression(ts, r));
  if (returned.length !== 1 || !ts.isObjectLiteralExpression(returned[0]!)) return undefined;
  const property = returned[0].properties.find((p) => p.name && propertyName(ts, p.name) === e.name.text);
  const value = property && ts.isPropertyAssignment(property) ? unwrapExpression(ts, property.initializer) : property && ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
  if (!value || !ts.isIdentifier(value)) return value;
  const d = resolveIdentifier(tree, value);
  return d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
}

/** `this.decoderDone.apply(h)` of a field the class sets to one `tf.layers.*` layer: that layer's sigmoid or softmax. */
function appliedLayerActivation(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): 'sigmoid' | 'softmax' | undefined {
  const ts = tree.ts;
  const callee = ts.isCallExpression(value) ? unwrapExpression(ts, value.expression) : undefined;
  const layer = callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'apply' ? unwrapExpression(ts, callee.expression) : undefined;
  const made = layer && ts.isPropertyAccessExpression(layer) && layer.expression.kind === ts.SyntaxKind.ThisKeyword ? thisMemberValues(tree, layer, layer.name.text) : layer ? [layer] : [];
  if (made.length !== 1) return undefined;
  const activation = layerInfo(tree, tf, made[0]!)?.activation;
  return activation === 'sigmoid' || activation === 'softmax' ? activation : undefined;
}

/** The element of an array pattern a name is destructured from, when the pattern's value is a call (a model's outputs). */
function destructuredOutput(tree: SyntaxTree, arg: TS.Expression): { call: TS.CallExpression; index: number } | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, arg);
  const d = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
  if (d?.kind !== 'binding') return undefined;
  const pattern = tree.parent(d.node);
  const decl = pattern && ts.isArrayBindingPattern(pattern) ? tree.parent(pattern) : undefined;
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrapExpression(ts, decl.initializer) : undefined;
  return init && ts.isCallExpression(init) ? { call: init, index: (pattern as TS.ArrayBindingPattern).elements.indexOf(d.node) } : undefined;
}

/** `outputs[1]` of `const outputs = model.predict(x)`: the output at that index of the call's value. */
function indexedOutput(tree: SyntaxTree, value: TS.Expression): { call: TS.CallExpression; index: number } | undefined {
  const ts = tree.ts;
  if (!ts.isElementAccessExpression(value) || !ts.isNumericLiteral(value.argumentExpression)) return undefined;
  const list = unwrapExpression(ts, value.expression);
  const d = ts.isIdentifier(list) ? resolveIdentifier(tree, list) : undefined;
  const init = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return init && ts.isCallExpression(init) ? { call: init, index: Number(value.argumentExpression.text) } : undefined;
}

/** The parameter an argument names. */
function parameterOf(tree: SyntaxTree, arg: TS.Expression): TS.ParameterDeclaration | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, arg);
  const d = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
  return d?.kind === 'parameter' ? d.node : undefined;
}

/** The one value an argument holds: itself, a const's value, a `let` set once, or an element set once at that index. */
function valueOf(tree: SyntaxTree, arg: TS.Expression, elementsByFunction: Map<TS.Node, Map<string, TS.Expression[]>>): TS.Expression | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, arg);
  if (ts.isCallExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    if (d?.kind !== 'variable') return undefined;
    const values = [...(d.initializer ? [d.initializer] : []), ...(d.isConst ? [] : assignmentsTo(tree, e.text, d).map((a) => a.right))];
    return values.length === 1 ? unwrapExpression(ts, values[0]!) : undefined;
  }
  if (!ts.isElementAccessExpression(e)) return undefined;
  const fn = [...tree.ancestors(e)].find((a) => isFunctionNode(ts, a));
  if (!fn) return undefined;
  let elements = elementsByFunction.get(fn);
  if (!elements) elementsByFunction.set(fn, (elements = elementAssignments(tree, fn)));
  const values = elements.get(tree.compactSource(e)) ?? [];
  if (values.length > 0) return values.length === 1 ? values[0] : undefined;
  // `this.predictions[t]` of a class whose one writer of those elements is another method (`feedForward(t)` setting
  // `this.predictions[t] = … .softmax()`): that value, at whatever index.
  const field = unwrapExpression(ts, e.expression);
  const owner = ts.isPropertyAccessExpression(field) && field.expression.kind === ts.SyntaxKind.ThisKeyword ? thisOwner(tree, field.expression) : undefined;
  if (!owner) return undefined;
  const written = thisMemberReferences(tree, owner, (field as TS.PropertyAccessExpression).name.text).flatMap((r) => {
    const element = tree.parent(r);
    const assignment = element && tree.parent(element);
    const writes = !!element && ts.isElementAccessExpression(element) && element.expression === r && !!assignment && ts.isBinaryExpression(assignment) && assignment.left === element && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    return writes ? [{ index: tree.compactSource(element.argumentExpression), value: unwrapExpression(ts, assignment.right) }] : [];
  });
  // One write at the index read (`[t]`, beside a seed written at `[-1]`), else the one write there is.
  const atIndex = written.filter((w) => w.index === tree.compactSource(e.argumentExpression));
  const one = atIndex.length === 1 ? atIndex : written.length === 1 ? written : [];
  return one[0]?.value;
}

/** Ops that keep each value as it is (`tf.gather(p, rows)`, `p.reshape(…)`): a probability stays one. */
const KEEPS_VALUES_TF = new Set(['gather', 'slice', 'reshape', 'squeeze', 'expandDims', 'transpose', 'cast', 'clone', 'keep', 'flatten']);

/** The value a chain of such ops is taken from (`tf.gather(predictions, idx)` of `const predictions = model.predict(x)`). */
function sameValues(tree: SyntaxTree, tf: TfBindings, value: TS.Expression | undefined, elementsByFunction: Map<TS.Node, Map<string, TS.Expression[]>>): TS.Expression | undefined {
  const ts = tree.ts;
  let v = value;
  for (let depth = 0; v && ts.isCallExpression(v) && depth < 8; depth++) {
    const source = keptValueSource(tree, tf, v);
    if (!source) return v;
    const next = valueOf(tree, source, elementsByFunction);
    if (!next) return v;
    v = next;
  }
  return v;
}

/** What one value-keeping op takes its values from: `tf.gather(p, rows)`'s `p`, `p.reshape(…)`'s `p`. */
function keptValueSource(tree: SyntaxTree, tf: TfBindings, call: TS.CallExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const path = tf.path(call.expression);
  const callee = unwrapExpression(ts, call.expression);
  if (path !== undefined) return KEEPS_VALUES_TF.has(path) ? call.arguments[0] : undefined;
  return ts.isPropertyAccessExpression(callee) && KEEPS_VALUES_TF.has(callee.name.text) ? callee.expression : undefined;
}

/** The parameter a chain of value-keeping ops is taken from (`logits.slice(…).reshape(…)` of a function's `logits`). */
function chainParameter(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): TS.ParameterDeclaration | undefined {
  const ts = tree.ts;
  let v = unwrapExpression(ts, value);
  for (let depth = 0; ts.isCallExpression(v) && depth < 8; depth++) {
    const source = keptValueSource(tree, tf, v);
    if (!source) return undefined;
    v = unwrapExpression(ts, source);
  }
  if (!ts.isIdentifier(v)) return undefined;
  const d = resolveIdentifier(tree, v);
  return d?.kind === 'parameter' && ts.isParameter(d.node) ? d.node : undefined;
}

/** `list[index] = value` in a function (nested functions excluded), by the compact text of `list[index]`. */
function elementAssignments(tree: SyntaxTree, fn: TS.Node): Map<string, TS.Expression[]> {
  const ts = tree.ts;
  const out = new Map<string, TS.Expression[]>();
  const visit = (n: TS.Node): void => {
    if (n !== fn && isFunctionNode(ts, n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(unwrapExpression(ts, n.left))) {
      const key = tree.compactSource(unwrapExpression(ts, n.left));
      out.set(key, [...(out.get(key) ?? []), unwrapExpression(ts, n.right)]);
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return out;
}

/**
 * `tf.losses.sigmoidCrossEntropy(y, p)` → `tf.losses.logLoss(y, p)`, `softmaxCrossEntropy(y, p)` →
 * `tf.metrics.categoricalCrossentropy(y, p).mean()`: the same loss on probabilities, reduced the same way. Only for the
 * two-argument call: the later arguments (weights, reduction, label smoothing) mean other things in the replacement.
 */
export function probabilityLossFix(tree: SyntaxTree, call: TS.CallExpression, name: string): SourceFix | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  const group = ts.isPropertyAccessExpression(callee) ? unwrapExpression(ts, callee.expression) : undefined;
  const prefix = group && ts.isPropertyAccessExpression(group) ? tree.source(group.expression) : undefined;
  if (!prefix || call.arguments.length !== 2) return undefined;
  const categorical = name !== 'sigmoidCrossEntropy';
  const replacement = categorical ? `${prefix}.metrics.categoricalCrossentropy` : `${prefix}.losses.logLoss`;
  return {
    title: `Use ${replacement}, which takes probabilities`,
    edits: [{ start: tree.start(callee), end: callee.end, text: replacement }, ...(categorical ? [{ start: call.end, end: call.end, text: '.mean()' }] : [])],
  };
}
