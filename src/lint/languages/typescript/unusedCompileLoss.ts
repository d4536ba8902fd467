/**
 * A compiled loss nothing uses: the file never fits a model (no `fit`, `fitDataset`, `trainOnBatch`) and trains the
 * compiled one with its own steps instead (`tf.variableGrads(() => … generator.predict(x) …)`), so the loss given to
 * `compile` never reaches a gradient. Its pairing with the output activation is not a finding (a GAN generator
 * compiled with 'binaryCrossentropy' and trained by hand).
 */
import type * as TS from 'typescript';
import { compiledModel, type CompileCall } from './compileSite';
import { fitCalls } from './fitCalls';
import { functionValue } from './functionValues';
import { escapeRegExp } from './scope';
import type { SyntaxTree } from './syntaxTree';

export function compiledLossUnused(tree: SyntaxTree, cc: CompileCall, steps: readonly { fn: TS.Expression }[]): boolean {
  const ts = tree.ts;
  if (steps.length === 0 || fitCalls(tree).length > 0) return false;
  const compiled = compiledModel(ts, cc);
  if (!compiled) return false;
  const receiver = tree.compactSource(compiled);
  // The compiled model run inside a step: `generator.predict(x)`, `this.model.apply(x)`, `actor.call(x)`.
  const runs = new RegExp(`(?<![\\w$.])${escapeRegExp(receiver)}\\s*\\.\\s*(?:predict|apply|call|execute)\\s*\\(`);
  return steps.some(({ fn }) => {
    const f = functionValue(tree, fn);
    return !!f?.body && runs.test(tree.source(f.body));
  });
}

const EVOLVED_WEIGHTS = /\.\s*setWeights\s*\(/;
const EVOLUTION = /\b(?:mutat\w*|crossover|crossOver|breed\w*|evolv\w*)\b/i;

/**
 * A network evolved instead of trained (neuroevolution: weights mutated, crossed over and set back with `setWeights`),
 * in a file that fits nothing and steps no optimizer: no targets ever meet its compiled loss, so a pairing that is
 * wrong only for some targets (MSE on a sigmoid or softmax) says nothing; one wrong for every target still does.
 */
export function evolvedNotTrained(tree: SyntaxTree, steps: readonly unknown[]): boolean {
  return steps.length === 0 && fitCalls(tree).length === 0 && EVOLVED_WEIGHTS.test(tree.text) && EVOLUTION.test(tree.text);
}
