/**
 * Models whose layers come from a list: a `layers:` array (a literal, or a const holding one), a `map` over
 * specifications, and a loop over the configuration each call of a builder hands in.
 */
import type * as TS from 'typescript';
import { returnedExpressions } from './functionValues';
import { lastElementsGiven, lastIterationBindings, lastIterationWays } from './layerLoops';
import { layerInfo, outputOf, type LayerInfo } from './layers';
import type { ModelInfo } from './modelInfo';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** A model's methods that run its compiled loss, or set it. */
const TRAINS = /^(?:compile|fit|fitDataset|trainOnBatch)$/;

/** `layers: SPECS.map((s) => tf.layers.dense(s))`: the last layer the map makes. */
export function lastMappedLayer(tree: SyntaxTree, tf: TfBindings, list: TS.Expression): LayerInfo | undefined {
  const ts = tree.ts;
  const call = unwrapExpression(ts, list);
  const callee = ts.isCallExpression(call) ? unwrapExpression(ts, call.expression) : undefined;
  const mapper = callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' ? (call as TS.CallExpression).arguments[0] : undefined;
  const fn = mapper && unwrapExpression(ts, mapper);
  if (!fn || !isFunctionNode(ts, fn)) return undefined;
  const returned = returnedExpressions(tree, fn);
  return returned.length === 1 ? layerInfo(tree, tf, returned[0], 0, lastIterationBindings(tree, returned[0])) : undefined;
}

/** An array literal, or a const holding one. */
export function arrayLiteralOf(tree: SyntaxTree, node: TS.Expression): TS.ArrayLiteralExpression | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  if (ts.isArrayLiteralExpression(n)) return n;
  if (!ts.isIdentifier(n)) return undefined;
  const d = resolveIdentifier(tree, n);
  const init = d?.kind === 'variable' && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return init && ts.isArrayLiteralExpression(init) ? init : undefined;
}

/**
 * Layers added in a loop over a configuration each call of the builder hands in (`createModel(config)` called with a
 * regression's and a classifier's, `config.layers.forEach(…)`): one way per configuration, when their outputs differ.
 * `layers` are those the model is created with, `added` its `model.add(…)` calls in order, `created` the
 * `tf.sequential()` call, `use` the model's use the resolution started from. Only a use every call runs, a compile or
 * fit in the builder itself, meets every configuration: a model the builder hands back is each caller's own.
 */
export function callerConfigurations(tree: SyntaxTree, tf: TfBindings, layers: readonly (LayerInfo | undefined)[], added: readonly TS.CallExpression[], created: TS.Node, use: TS.Node | undefined, max: number): ModelInfo | undefined {
  if (!trainedInBuilder(tree, created, use)) return undefined;
  const last = added[added.length - 1];
  const bindings = last ? lastIterationWays(tree, last, created, max) : undefined;
  if (!bindings) return undefined;
  const ways = bindings.map((bound) => {
    const chain = [...layers, ...added.map((add) => (add.arguments[0] ? layerInfo(tree, tf, add.arguments[0], 0, bound) : undefined))];
    return { ...outputOf(chain), layers: chain, when: [] };
  });
  return modelOfWays(ways);
}

/**
 * `tf.sequential({ layers: config.layers })` in a builder each call hands its own list (a regression's, a
 * classifier's): one way per list's last layer, when their outputs differ. As for callerConfigurations, only a compile
 * or fit in the builder itself meets every list.
 */
export function givenLayerLists(tree: SyntaxTree, tf: TfBindings, list: TS.Expression, created: TS.Node, use: TS.Node | undefined, max: number): ModelInfo | undefined {
  if (!trainedInBuilder(tree, created, use)) return undefined;
  const lasts = lastElementsGiven(tree, list, max);
  const ways = (lasts ?? []).map((last) => {
    const chain = [layerInfo(tree, tf, last)];
    return { ...outputOf(chain), layers: chain, when: [] };
  });
  return modelOfWays(ways);
}

/** A model built one way per configuration, when the ways' outputs differ (else the configurations say nothing new). */
function modelOfWays(ways: NonNullable<ModelInfo['alternatives']>): ModelInfo | undefined {
  return new Set(ways.map((w) => `${w.activationName}:${w.units}`)).size > 1 ? { activation: null, activationName: null, units: null, layers: [], alternatives: ways, oneOutput: true } : undefined;
}

/** Whether the model's use the resolution started from is a compile or fit in the function that creates it. */
function trainedInBuilder(tree: SyntaxTree, created: TS.Node, use: TS.Node | undefined): boolean {
  const ts = tree.ts;
  const home = [...tree.ancestors(created)].find((a) => isFunctionNode(ts, a));
  const member = use && tree.parent(use);
  const trains = !!member && ts.isPropertyAccessExpression(member) && member.expression === use && TRAINS.test(member.name.text);
  return trains && !!home && home.pos <= use!.pos && use!.end <= home.end;
}
