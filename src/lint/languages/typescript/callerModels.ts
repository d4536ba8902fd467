/**
 * A loss function read on its own (`function loss(pred, labels)`) that the file calls with a model's output
 * (`minimize(() => loss(model.predict(xs), ys))`): the model it is used on and the evidence of its targets, taken
 * from those calls, as a compile call gives them to a loss it names.
 */
import type * as TS from 'typescript';
import type { TargetEvidence } from '../../engine/frontEnd';
import { argumentsOf } from './functionValues';
import type { ModelInfo } from './modelResolution';
import { resolveIdentifier } from './scope';
import { unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

export interface CallerFacts {
  model?: ModelInfo;
  targets?: TargetEvidence;
  /** The first call that gives the loss the model's output, where the pairing is written. */
  call?: TS.Node;
}

export function modelFromCallers(
  tree: SyntaxTree,
  fn: FunctionNode,
  predictionIndex: number,
  targetIndex: number,
  modelOf: (call: TS.CallExpression) => ModelInfo | undefined,
  evidenceOf: (declaration: TS.Node) => TargetEvidence | undefined,
): CallerFacts {
  const ts = tree.ts;
  const prediction = fn.parameters[predictionIndex];
  if (!prediction) return {};
  const models: ModelInfo[] = [];
  let at: TS.Node | undefined;
  for (const arg of argumentsOf(tree, prediction)) {
    const call = callOf(tree, arg);
    const model = call ? modelOf(call) : undefined;
    if (model) models.push(model);
    if (model && !at) at = tree.parent(arg);
  }
  // Called on models with different outputs: no one model to name.
  if (!models.length || models.some((m) => m.activationName !== models[0].activationName || m.alternatives)) return {};
  const model = models[0];
  const found = { model, ...(at ? { call: at } : {}) };
  const target = fn.parameters[targetIndex];
  if (!target || (model.activation !== 'sigmoid' && model.activation !== 'softmax')) return found;
  for (const arg of argumentsOf(tree, target)) {
    const id = unwrapExpression(ts, arg);
    const d = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
    const evidence = d && (d.kind === 'variable' || d.kind === 'parameter') ? evidenceOf(d.node) : undefined;
    if (evidence) return { ...found, targets: evidence };
  }
  return found;
}

/** The call an argument is, or the call a const it names was given (`const pred = model.predict(xs); loss(pred, ys)`). */
function callOf(tree: SyntaxTree, arg: TS.Expression): TS.CallExpression | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, arg);
  if (ts.isCallExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const d = resolveIdentifier(tree, e);
  const init = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return init && ts.isCallExpression(init) ? init : undefined;
}
