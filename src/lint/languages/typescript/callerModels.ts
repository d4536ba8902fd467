/**
 * A loss function read on its own (`function loss(pred, labels)`) that the file calls with a model's output
 * (`minimize(() => loss(model.predict(xs), ys))`): the model it is used on and the evidence of its targets, taken
 * from those calls, as a compile call gives them to a loss it names.
 */
import type * as TS from 'typescript';
import type { TargetEvidence } from '../../engine/frontEnd';
import { argumentsOf, callsOf, functionValue, returnedExpressions } from './functionValues';
import type { ModelInfo } from './modelResolution';
import { referencesTo, resolveIdentifier } from './scope';
import { functionName } from './functionNames';
import { callReadAsClasses } from './classReadings';
import type { TfBindings } from './tfBindings';
import { unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

export interface CallerFacts {
  model?: ModelInfo;
  targets?: TargetEvidence;
}

export function modelFromCallers(
  tree: SyntaxTree,
  tf: TfBindings,
  fn: FunctionNode,
  predictionIndex: number,
  targetIndex: number,
  modelOf: (call: TS.CallExpression) => ModelInfo | undefined,
  evidenceOf: (declaration: TS.Node) => TargetEvidence | undefined,
): CallerFacts {
  const ts = tree.ts;
  const prediction = fn.parameters[predictionIndex];
  if (!prediction || compiled(tree, fn)) return {};
  // The calls that give the loss a model's output, each with the targets it passes beside it.
  const pairs: { model: ModelInfo; run: TS.CallExpression; target?: TS.Expression }[] = [];
  for (const arg of argumentsOf(tree, prediction)) {
    const made = callOf(tree, arg);
    const model = made ? modelOf(made) : undefined;
    const call = tree.parent(arg);
    if (made && model) pairs.push({ model, run: made, target: call && ts.isCallExpression(call) && targetIndex >= 0 ? call.arguments[targetIndex] : undefined });
  }
  // Called on models with different outputs: no one model to name.
  const model = pairs[0]?.model;
  if (!model || pairs.some((p) => p.model.activationName !== model.activationName || p.model.alternatives)) return {};
  if (model.activation !== 'sigmoid' && model.activation !== 'softmax') return { model };
  for (const { target } of pairs) {
    const id = target && unwrapExpression(ts, target);
    const d = id && ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
    // A name is followed to its declaration; another expression (`data.output` of the rows a loop runs over) is read as it is.
    const evidence = d && (d.kind === 'variable' || d.kind === 'parameter') ? evidenceOf(d.node) : id && !ts.isIdentifier(id) ? evidenceOf(id) : undefined;
    if (evidence) return { model, targets: evidence };
  }
  // No data says, but the code reads what the model gives as classes elsewhere (`model(x).argMax(1)`).
  for (const { run } of pairs) {
    const evidence = callReadAsClasses(tree, tf, run);
    if (evidence) return { model, targets: evidence };
  }
  return { model };
}

/**
 * Which of a loss function's first two parameters the file's calls give a model's output (`mse(model.predict(xs),
 * ys)`), when every call that gives one agrees; for a loss whose parameter names do not say.
 */
export function predictionArgument(tree: SyntaxTree, fn: FunctionNode, modelOf: (call: TS.CallExpression) => ModelInfo | undefined): number | undefined {
  const found = new Set<number>();
  for (const call of callsOf(tree, fn)) {
    [0, 1].forEach((i) => {
      const arg = call.arguments[i];
      const made = arg ? callOf(tree, arg) : undefined;
      if (made && modelOf(made)) found.add(i);
    });
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The call an argument is, or the call a const it names was given (`const pred = model.predict(xs); loss(pred, ys)`). */
function callOf(tree: SyntaxTree, arg: TS.Expression): TS.CallExpression | undefined {
  const ts = tree.ts;
  // `await model.predict(x)` (needless, but common in Node code) is the call's value.
  const awaited = (x: TS.Expression) => {
    const u = unwrapExpression(ts, x);
    return ts.isAwaitExpression(u) ? unwrapExpression(ts, u.expression) : u;
  };
  const e = awaited(arg);
  if (ts.isCallExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const d = resolveIdentifier(tree, e);
  if (d?.kind === 'binding') return destructuredCall(tree, d.node);
  const init = d?.kind === 'variable' && d.isConst && d.initializer ? awaited(d.initializer) : undefined;
  return init && ts.isCallExpression(init) ? init : undefined;
}

/** Whether the function is named inside a `compile(…)` call (`loss: (a, b) => myLoss(a, b)`): that site checks the pair. */
function compiled(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const { node: name } = functionName(tree, fn);
  const decl = name && ts.isIdentifier(name) ? resolveIdentifier(tree, name) : undefined;
  if (!decl || !name || !ts.isIdentifier(name)) return false;
  const container = 'container' in decl ? decl.container : tree.file;
  return referencesTo(tree, container, name.text, decl).some((ref) =>
    [...tree.ancestors(ref)].some((a) => ts.isCallExpression(a) && ts.isPropertyAccessExpression(unwrapExpression(ts, a.expression)) && (unwrapExpression(ts, a.expression) as TS.PropertyAccessExpression).name.text === 'compile'),
  );
}

/**
 * `const { output } = forward(x, weights)` where `forward` returns `{ hidden, output }`: the call that makes that
 * field (`weights.map((row) => sigmoid(dot(row, hidden)))`), when the function of the file returns one object that says.
 */
function destructuredCall(tree: SyntaxTree, element: TS.BindingElement): TS.CallExpression | undefined {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const decl = pattern && ts.isObjectBindingPattern(pattern) ? tree.parent(pattern) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || element.dotDotDotToken) return undefined;
  const call = unwrapExpression(ts, decl.initializer);
  const fn = ts.isCallExpression(call) ? functionValue(tree, call.expression) : undefined;
  const returned = fn ? returnedExpressions(tree, fn).map((r) => unwrapExpression(ts, r)) : [];
  const key = element.propertyName ?? element.name;
  if (returned.length !== 1 || !ts.isObjectLiteralExpression(returned[0]!) || !ts.isIdentifier(key)) return undefined;
  const prop = returned[0].properties.find((p) => (ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p)) && ts.isIdentifier(p.name) && p.name.text === key.text);
  let value: TS.Expression | undefined = prop && ts.isPropertyAssignment(prop) ? prop.initializer : prop && ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
  value = value && unwrapExpression(ts, value);
  if (value && ts.isIdentifier(value)) {
    const held = resolveIdentifier(tree, value);
    value = held?.kind === 'variable' && held.isConst && held.initializer ? unwrapExpression(ts, held.initializer) : undefined;
  }
  return value && ts.isCallExpression(value) ? value : undefined;
}
