/**
 * A compiled loss nothing uses: the file never fits a model (no `fit`, `fitDataset`, `trainOnBatch`) and trains the
 * compiled one with its own steps instead (`tf.variableGrads(() => … generator.predict(x) …)`), so the loss given to
 * `compile` never reaches a gradient. Its pairing with the output activation is not a finding (a GAN generator
 * compiled with 'binaryCrossentropy' and trained by hand).
 */
import type * as TS from 'typescript';
import type { CompileCall } from './compileSite';
import { fitCalls } from './fitCalls';
import { functionValue } from './functionValues';
import { escapeRegExp } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

export function compiledLossUnused(tree: SyntaxTree, cc: CompileCall, steps: readonly { fn: TS.Expression }[]): boolean {
  const ts = tree.ts;
  if (steps.length === 0 || fitCalls(tree).length > 0) return false;
  const callee = unwrapExpression(ts, cc.call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = tree.compactSource(callee.expression);
  // The compiled model run inside a step: `generator.predict(x)`, `this.model.apply(x)`, `actor.call(x)`.
  const runs = new RegExp(`(?<![\\w$.])${escapeRegExp(receiver)}\\s*\\.\\s*(?:predict|apply|call|execute)\\s*\\(`);
  return steps.some(({ fn }) => {
    const f = functionValue(tree, fn);
    return !!f?.body && runs.test(tree.source(f.body));
  });
}
