/**
 * One output of a multi-output model picked by name: a loss per output keyed by a layer's name (`loss: { group_output:
 * kl }` with `dense({ name: 'group_output', … })`) is checked against the output whose path has that layer.
 */
import type * as TS from 'typescript';
import { type LayerInfo } from './layers';
import { resolveModel, type ImportContext, type ModelInfo } from './modelResolution';
import { objectProperty, propertyValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const MAX_OUTPUTS = 16;
/**
 * One output of a multi-output model, by its index or by the name of a layer on its path (`loss: { group_output: kl }`
 * with `dense({ name: 'group_output', … })`): undefined when no output, or more than one, has that name.
 */
export function resolveModelOutput(tree: SyntaxTree, tf: TfBindings, receiver: TS.Expression, output: number | string, imports?: ImportContext): ModelInfo | undefined {
  if (typeof output === 'number') return resolveModel(tree, tf, receiver, imports, output);
  const ts = tree.ts;
  const named = (layer: LayerInfo | undefined) => {
    const property = layer?.config ? objectProperty(ts, layer.config, 'name') : undefined;
    const value = property ? propertyValue(ts, property) : undefined;
    return layer?.modelName === output || (value !== undefined && ts.isStringLiteral(unwrapExpression(ts, value)) && (unwrapExpression(ts, value) as TS.StringLiteral).text === output);
  };
  const found: ModelInfo[] = [];
  let previous: string | undefined;
  for (let i = 0; i < MAX_OUTPUTS; i++) {
    const model = resolveModel(tree, tf, receiver, imports, i);
    // Past the last output (or a model with one output, the same for every index).
    const key = model?.layers.map((l) => l?.call.pos ?? -1).join();
    if (!model || key === previous) break;
    previous = key;
    if (model.layers.some(named)) found.push(model);
  }
  return found.length === 1 ? found[0] : undefined;
}
