/**
 * The heads of a multi-output model compiled with one loss, which TF.js applies to every output: `outputs: [a, b]`, an
 * array a loop fills (`output[i] = dense({…softmax}).apply(h)`, `outs.push(…)`), or `groups.map((g) => dense(…).apply(h))`.
 * When every head ends in the same activation, the loss meets that activation on each output.
 */
import type * as TS from 'typescript';
import { functionValue, returnedExpressions } from './functionValues';
import { outputOf, type LayerInfo } from './layers';
import type { ModelInfo } from './modelInfo';
import { arrayWrites } from './plainValues';
import { keepsItsValue, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

/** The output every head shares (its units when they agree), or undefined when the heads differ or cannot be read. */
export function sharedHeadOutput(tree: SyntaxTree, outputs: TS.Expression, chainOf: (head: TS.Expression) => LayerInfo[]): ModelInfo | undefined {
  const heads = headExpressions(tree, outputs);
  if (!heads || heads.length === 0) return undefined;
  const chains = heads.map(chainOf);
  if (chains.some((c) => c.length === 0)) return undefined;
  const outs = chains.map((c) => outputOf(c));
  if (outs.some((o) => o.activationName === null || o.activationName !== outs[0]!.activationName)) return undefined;
  const units = outs.every((o) => o.units === outs[0]!.units) && heads.length > 1 ? outs[0]!.units : null;
  return { ...outs[0]!, units, layers: chains[0]! };
}

/** The expressions that make the heads: several written out, or the one a loop or a map makes for each. */
function headExpressions(tree: SyntaxTree, outputs: TS.Expression): TS.Expression[] | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, outputs);
  if (ts.isArrayLiteralExpression(e)) return e.elements.length > 1 && e.elements.every((x) => !ts.isSpreadElement(x)) ? [...e.elements] : undefined;
  if (ts.isCallExpression(e)) return mappedHeads(tree, e);
  const d = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
  if (d?.kind !== 'variable' || !d.initializer || !keepsItsValue(tree, (e as TS.Identifier).text, d)) return undefined;
  const init = unwrapExpression(ts, d.initializer);
  if (ts.isCallExpression(init)) return mappedHeads(tree, init);
  if (!ts.isArrayLiteralExpression(init) || init.elements.length > 0) return undefined;
  // `const output = []; for (…) output[i] = …` or `outs.push(…)`: one write, inside a loop.
  const writes = arrayWrites(tree, (e as TS.Identifier).text, d);
  const inLoop = (w: TS.Node) => [...tree.ancestors(w)].some((a) => ts.isForStatement(a) || ts.isForOfStatement(a) || ts.isForInStatement(a) || ts.isWhileStatement(a));
  const only = writes.length === 1 ? writes[0]! : undefined;
  return only?.value && inLoop(only.node) ? [only.value] : undefined;
}

/** `groups.map((g) => tf.layers.dense(…).apply(h))`: what the callback returns. */
function mappedHeads(tree: SyntaxTree, call: TS.CallExpression): TS.Expression[] | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  const fn = ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && call.arguments[0] ? functionValue(tree, call.arguments[0]) : undefined;
  const returned = fn ? returnedExpressions(tree, fn) : [];
  return returned.length === 1 ? returned : undefined;
}
