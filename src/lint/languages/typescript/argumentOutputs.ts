/**
 * A helper's parameter that every call of it in the file gives the same model output: `logProb(mean, std, action)`
 * called with `outs[1]` of `const outs = this.actor.predict(obs)`, or with `std` of `const [mean, std] =
 * actor.predict(obs)`. A log of that parameter (a Gaussian policy's `std.log()`) has the output's range: a softplus
 * head's is [0, ∞), so the log reaches log(0). A caller's own parameter handed on is followed to that caller's calls.
 */
import type * as TS from 'typescript';
import { argumentsAtCalls } from './functionValues';
import type { ModelInfo } from './modelInfo';
import { keepsItsValue, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

type ModelOfCall = (call: TS.CallExpression, output?: number) => ModelInfo | undefined;

/** The model output every call gives the parameter, when there are calls and they agree on its activation. */
export function modelGivenToParameter(tree: SyntaxTree, parameter: TS.ParameterDeclaration, modelOf: ModelOfCall, depth = 0): ModelInfo | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // Each parameter is followed once per way of naming a call's model (a helper called by helpers called by helpers
  // would otherwise be followed once per path: 20^3 look-ups).
  let known = followed.get(modelOf);
  if (!known) followed.set(modelOf, (known = new Map()));
  if (known.has(parameter)) return known.get(parameter);
  known.set(parameter, undefined);
  const found = agreedModel(tree, parameter, modelOf, depth);
  known.set(parameter, found);
  return found;
}

/** What each parameter was found given, per model look-up (one per file read). */
const followed = new WeakMap<ModelOfCall, Map<TS.ParameterDeclaration, ModelInfo | undefined>>();

function agreedModel(tree: SyntaxTree, parameter: TS.ParameterDeclaration, modelOf: ModelOfCall, depth: number): ModelInfo | undefined {
  const args = argumentsAtCalls(tree, parameter);
  if (args.length === 0 || args.length > MAX_CALLS) return undefined;
  let agreed: ModelInfo | undefined;
  for (const a of args) {
    const m = a && modelOfArgument(tree, a, modelOf, depth);
    if (!m || m.alternatives || (agreed && m.activationName !== agreed.activationName)) return undefined;
    agreed ??= m;
  }
  return agreed;
}

const MAX_CALLS = 20;
const MAX_DEPTH = 3;

function modelOfArgument(tree: SyntaxTree, arg: TS.Expression, modelOf: ModelOfCall, depth: number, output?: number): ModelInfo | undefined {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return undefined;
  let e = unwrapExpression(ts, arg);
  if (ts.isAwaitExpression(e)) e = unwrapExpression(ts, e.expression);
  if (ts.isCallExpression(e)) return modelOf(e, output);
  // `outs[1]` of a multi-output model's outputs.
  if (ts.isElementAccessExpression(e) && output === undefined && ts.isNumericLiteral(e.argumentExpression)) return modelOfArgument(tree, e.expression, modelOf, depth + 1, Number(e.argumentExpression.text));
  if (!ts.isIdentifier(e)) return undefined;
  const d = resolveIdentifier(tree, e);
  if (d?.kind === 'variable') return d.initializer && keepsItsValue(tree, e.text, d) ? modelOfArgument(tree, d.initializer, modelOf, depth + 1, output) : undefined;
  // A parameter of the caller handed on (`ctcFallback(logits, …)` inside `ctcLossCompat(logits, …)`): what its own callers give.
  if (d?.kind === 'parameter' && output === undefined) return modelGivenToParameter(tree, d.node, modelOf, depth + 1);
  // `const [mean, std] = actor.predict(obs)`: the element's output.
  if (d?.kind !== 'binding' || output !== undefined) return undefined;
  const pattern = tree.parent(d.node);
  const declaration = pattern && ts.isArrayBindingPattern(pattern) ? tree.parent(pattern) : undefined;
  if (!pattern || !declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  const index = (pattern as TS.ArrayBindingPattern).elements.indexOf(d.node as TS.BindingElement);
  return index >= 0 ? modelOfArgument(tree, declaration.initializer, modelOf, depth + 1, index) : undefined;
}
