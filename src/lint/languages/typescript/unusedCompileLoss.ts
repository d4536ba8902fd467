/**
 * A compiled loss nothing uses: the file fits no model, or only other models it compiles (an actor-critic's critic
 * fitted with `fit` beside an actor compiled too), and trains the compiled one with its own steps instead
 * (`tf.variableGrads(() => … generator.predict(x) …)`), so the loss given to `compile` never reaches a gradient. Its
 * pairing with the output activation is not a finding (a GAN generator compiled with 'binaryCrossentropy' and trained
 * by hand, a softmax actor compiled with 'meanSquaredError' and trained by `minimize`).
 */
import type * as TS from 'typescript';
import { compiledModel, type CompileCall } from './compileSite';
import { fitCalls } from './fitCalls';
import { builtBy, modelKey, modelSearch, type Builders } from './fittedModels';
import { functionValue } from './functionValues';
import { escapeRegExp, referencesTo, resolveIdentifier } from './scope';
import { objectProperty, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** Other compile calls a fit is matched against, at most: each is a search of where models come from. */
const MAX_OTHER_COMPILES = 8;

export function compiledLossUnused(tree: SyntaxTree, cc: CompileCall, steps: readonly { call: TS.CallExpression; fn: TS.Expression }[], compileCalls: readonly TS.CallExpression[] = []): boolean {
  const ts = tree.ts;
  if (steps.length === 0) return false;
  const compiled = compiledModel(ts, cc);
  if (!compiled) return false;
  const fits = fitCalls(tree);
  if (fits.length > 0 && !onlyOthersFitted(tree, cc, compiled, fits, compileCalls)) return false;
  const receiver = tree.compactSource(compiled);
  // The compiled model run inside a step: `generator.predict(x)`, `this.model.apply(x)`, `actor.call(x)`.
  const runs = new RegExp(`(?<![\\w$.])${escapeRegExp(receiver)}\\s*\\.\\s*(?:predict|apply|call|execute)\\s*\\(`);
  // Or the step is the compiled optimizer's own (`model.compile({ optimizer: this.policyOptimizer, … })` and
  // `this.policyOptimizer.minimize(…)` on a forward pass that applies the model's layers one by one).
  const optimizer = compiledOptimizer(tree, cc);
  return steps.some(({ call, fn }) => {
    const f = functionValue(tree, fn);
    if (f?.body && runs.test(tree.source(f.body))) return true;
    const callee = unwrapExpression(ts, call.expression);
    return optimizer !== undefined && ts.isPropertyAccessExpression(callee) && callee.name.text === 'minimize' && tree.compactSource(callee.expression) === optimizer;
  });
}

/** The optimizer a compile call is given as a field or a variable (`optimizer: this.actorOptimizer`), as written; not `'adam'`. */
function compiledOptimizer(tree: SyntaxTree, cc: CompileCall): string | undefined {
  const ts = tree.ts;
  const config = ts.isCallExpression(cc.call) && cc.call.arguments[0] ? unwrapExpression(ts, cc.call.arguments[0]) : undefined;
  const given = config && ts.isObjectLiteralExpression(config) ? objectProperty(ts, config, 'optimizer') : undefined;
  const value = given && ts.isPropertyAssignment(given) ? unwrapExpression(ts, given.initializer) : undefined;
  return value && (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) ? tree.compactSource(value) : undefined;
}

/**
 * Whether every fit of the file trains another model the file compiles, by its variable or field or the function
 * that builds it (`this.critic.fit(…)` of `this.critic = this.buildCritic()`), and none may train this one. A fit
 * whose model is not known to be another's may be this one's.
 */
function onlyOthersFitted(tree: SyntaxTree, cc: CompileCall, compiled: TS.Expression, fits: readonly TS.CallExpression[], compileCalls: readonly TS.CallExpression[]): boolean {
  const ts = tree.ts;
  const receiverOf = (call: TS.CallExpression) => {
    const callee = unwrapExpression(ts, call.expression);
    return ts.isPropertyAccessExpression(callee) ? unwrapExpression(ts, callee.expression) : undefined;
  };
  const trains = (receiver: TS.Expression, search: Builders) => (search.model !== undefined && modelKey(tree, receiver) === search.model) || builtBy(tree, receiver, search, 0);
  const own = modelSearch(tree, cc.call, unwrapExpression(ts, compiled));
  const ownKey = modelKey(tree, compiled);
  const others = compileCalls.filter((c) => c !== cc.call).slice(0, MAX_OTHER_COMPILES).flatMap((c) => {
    const model = receiverOf(c);
    return model && modelKey(tree, model) !== ownKey ? [{ call: c, model }] : [];
  });
  if (others.length === 0) return false;
  // A search of where models come from remembers what it has seen: each fit asks a fresh one of each other compile.
  return fits.every((fit) => {
    const receiver = receiverOf(fit);
    if (!receiver || trains(receiver, own)) return false;
    return others.some((o) => trains(receiver, modelSearch(tree, o.call, o.model)));
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
