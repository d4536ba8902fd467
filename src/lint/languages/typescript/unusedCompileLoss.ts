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
import { escapeRegExp, referencesTo, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

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
/** Words of a genetic algorithm, in the languages its code is written in (`mutate`, `mutacion`, `Poblacion`, `chromosome`). */
const EVOLUTION = /\b(?:mutat\w*|muta[cç]\w*|crossover|crossOver|cross_over|breed\w*|evolv\w*|chromosom\w*|cromosom\w*|genom\w*|genetic\w*|gen[eé]tic[oa]s?|population|poblaci[oó]n\w*|popula[cç][aã]o\w*)\b/i;

/**
 * A network evolved instead of trained (neuroevolution: weights mutated, crossed over and set back with `setWeights`),
 * in a file that fits nothing and steps no optimizer: no targets ever meet its compiled loss, so a pairing that is
 * wrong only for some targets (MSE on a sigmoid or softmax) says nothing; one wrong for every target still does.
 */
export function evolvedNotTrained(tree: SyntaxTree, steps: readonly unknown[]): boolean {
  return steps.length === 0 && fitCalls(tree).length === 0 && EVOLVED_WEIGHTS.test(tree.text) && EVOLUTION.test(tree.text);
}

/** TF.js's calls that make a model. */
const MADE_BY_TFJS = /^(?:sequential|model|Sequential|LayersModel|loadLayersModel)$/;

/** What may be done with a model that is only ever configured: none of it runs its loss or lets it out. */
const CONFIGURES = new Set(['compile', 'add', 'summary', 'dispose', 'countParams', 'getConfig', 'getLayer', 'getWeights', 'layers', 'inputs', 'outputs', 'name', 'optimizer']);

/**
 * A model made in a function that only configures it there (`const model = tf.sequential(…); model.compile({ loss,
 * optimizer })` in a test that checks the names compile takes): it is never fitted, evaluated or trained, and never
 * leaves the function (not returned, stored, passed or saved), so its loss never meets an output. Unknown names still
 * throw at the compile; a pairing of loss and activation is nobody's mistake.
 */
export function compiledOnly(tree: SyntaxTree, tf: TfBindings, cc: CompileCall): boolean {
  const ts = tree.ts;
  const compiled = compiledModel(ts, cc);
  const id = compiled && unwrapExpression(ts, compiled);
  if (!id || !ts.isIdentifier(id)) return false;
  const d = resolveIdentifier(tree, id);
  if (d?.kind !== 'variable' || !d.initializer || ts.isSourceFile(d.container)) return false;
  // Made here by TF.js (`tf.sequential(…)`, `await tf.loadLayersModel(…)`): not another name for a model kept
  // elsewhere (`= this.model`), nor one a builder may also have stored.
  let made = unwrapExpression(ts, d.initializer);
  if (ts.isAwaitExpression(made)) made = unwrapExpression(ts, made.expression);
  if ((!ts.isCallExpression(made) && !ts.isNewExpression(made)) || !MADE_BY_TFJS.test(tf.path(made.expression) ?? '')) return false;
  const refs = referencesTo(tree, d.container, id.text, d);
  return refs.length > 0 && refs.every((r) => {
    if (r === d.node.name) return true;
    const p = tree.parent(r);
    return !!p && ts.isPropertyAccessExpression(p) && p.expression === r && CONFIGURES.has(p.name.text);
  });
}
