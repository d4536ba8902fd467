/**
 * A metric name TF.js does not know, given to `model.compile({ metrics: [...] })`: compile throws "Unknown metric f1"
 * (measured with TF.js 4.22). tfjs-layers knows the names of its metricsMap and, for the loss's own accuracy and
 * cross-entropy, 'accuracy', 'acc', 'crossentropy' and 'ce'; Keras's 'AUC', 'Recall', 'f1' and snake_case names throw.
 * 'precision' is a name it knows and 'recall' is not: `tf.metrics.recall`, passed as a function, is the fix there.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { dominantQuote } from './codeRenderer';
import { computedKeyEntries, keptInitializer } from './computedKeyTables';
import { functionValue, parameterValues, propertyOf, returnedExpressions } from './functionValues';
import { readMemberValues } from './objectValues';
import { resolveIdentifier } from './scope';
import { isFallback, isFunctionNode, propertyName, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { isTfModule, type TfBindings } from './tfBindings';
import { madeByOtherPackage } from './moduleCalls';
import { TFJS_NAMESPACE_FUNCTIONS } from './tfNamespaceFunctions';

/** The metric names tfjs-layers' compile accepts (metrics.ts metricsMap, and training.ts's accuracy/cross-entropy names). */
export const TFJS_METRIC_NAMES: readonly string[] = [
  'binaryAccuracy', 'categoricalAccuracy', 'precision', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy',
  'mse', 'MSE', 'mae', 'MAE', 'mape', 'MAPE', 'cosine', 'accuracy', 'acc', 'crossentropy', 'ce',
];

/** Every string in a compile call's `metrics` list that TF.js does not know. */
export function unknownMetricNames(tree: SyntaxTree, tf: TfBindings): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  if (!tree.mayHaveName('compile')) return out;
  // One name may reach several compiles (a table of configurations, a builder called twice): said once.
  const seen = new Set<TS.StringLiteralLike>();
  for (let at = tree.text.indexOf('metrics'); at >= 0; at = tree.text.indexOf('metrics', at + 7)) {
    const id = tree.nodeAt(at, at + 7);
    const property = tree.parent(id);
    if (!property || !ts.isPropertyAssignment(property) || property.name !== id || propertyName(ts, property.name) !== 'metrics') continue;
    const config = tree.parent(property);
    const call = config && tree.parent(config);
    const callee = call && ts.isCallExpression(call) && call.arguments[0] === config ? unwrapExpression(ts, call.expression) : undefined;
    if (!callee || !ts.isPropertyAccessExpression(callee) || callee.name.text !== 'compile') continue;
    // Another package's model (`tfs.models.gptModel(…)`) compiles with that package's names.
    if (madeByOtherPackage(tree, callee.expression, isTfModule)) continue;
    for (const el of metricNameNodes(tree, property.initializer, 0, true)) {
      const name = stringValue(ts, el);
      if (seen.has(el) || name === undefined || TFJS_METRIC_NAMES.includes(name)) continue;
      seen.add(el);
      out.push(unknownMetric(tree, tf, el, name));
    }
  }
  return out;
}

const MAX_DEPTH = 4;
/** Entries of one table a configuration is picked from (`CONFIGS[name]`) that are read for their metrics. */
/**
 * The names a compile's `metrics` may give, as a list, one name, or each output's (an object keyed by output name):
 * written there; held by a const; given by every call of the builder that compiles with its parameter; or read from a
 * configuration, each entry of a table a configuration is picked from (`const config = this.modelConfigs[name]; …
 * metrics: config.metrics`): a name of any throws when that configuration is compiled.
 */
function metricNameNodes(tree: SyntaxTree, value: TS.Expression, depth: number, perOutput: boolean, expanded = new Set<TS.Node>()): TS.StringLiteralLike[] {
  const ts = tree.ts;
  const v = unwrapExpression(ts, value);
  if (ts.isStringLiteralLike(v)) return [v];
  if (ts.isArrayLiteralExpression(v)) return v.elements.flatMap((e) => (ts.isStringLiteralLike(e) ? [e] : []));
  // `metrics: { direction: ['accuracy', 'recall'], value: 'mae' }`: each output's own, as TF.js reads them.
  if (ts.isObjectLiteralExpression(v)) return perOutput ? v.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? metricNameNodes(tree, p.initializer, depth, false, expanded) : [])) : [];
  if (depth >= MAX_DEPTH) return [];
  const next = (e: TS.Expression) => metricNameNodes(tree, e, depth + 1, perOutput, expanded);
  // `isClassifier ? ['accuracy'] : ['mae']`, `opts.metrics || ['recall']`: every way.
  if (ts.isConditionalExpression(v)) return [...next(v.whenTrue), ...next(v.whenFalse)];
  if (isFallback(ts, v)) return [...next(v.left), ...next(v.right)];
  if (ts.isIdentifier(v)) {
    const d = resolveIdentifier(tree, v);
    const held = keptInitializer(tree, v);
    return (held ? [held] : d?.kind === 'parameter' ? parameterValues(tree, d.node) ?? [] : []).flatMap(next);
  }
  if (ts.isCallExpression(v)) {
    // `metrics: metrics()` of a helper of the file, and `options.metrics.map((m) => { switch (m) { … return 'recall'; } })`:
    // each name a return gives (a settings form's choice mapped to names), the callback's as the list's elements.
    const callee = unwrapExpression(ts, v.expression);
    const callback = ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && v.arguments[0] ? unwrapExpression(ts, v.arguments[0]) : undefined;
    const fn = callback && isFunctionNode(ts, callback) ? callback : functionValue(tree, v.expression);
    // Each function once per compile: a helper that calls itself, or helpers calling each other, are not read round.
    if (!fn || expanded.has(fn)) return [];
    expanded.add(fn);
    return returnedExpressions(tree, fn).flatMap(next);
  }
  if (!ts.isPropertyAccessExpression(v)) return [];
  const entries = computedKeyEntries(tree, v.expression);
  if (entries) return entries.flatMap((e) => propertyOf(ts, e, v.name.text) ?? []).flatMap(next);
  return readMemberValues(tree, v).flatMap((m) => (m.tree === tree ? next(m.node) : []));
}

function unknownMetric(tree: SyntaxTree, tf: TfBindings, literal: TS.StringLiteralLike, name: string): FrontEndProblem {
  const q = dominantQuote(tree.text);
  // The known name it spells ('Accuracy'), else the tf.metrics function of that name ('recall', 'r2Score'), passed.
  // Only a spelling of a known name ('Accuracy', 'binary_accuracy'): a short name near another ('f1', 'ce') is no typo of it.
  const plain = (n: string) => n.replace(/_/g, '').toLowerCase();
  const closest = TFJS_METRIC_NAMES.find((m) => plain(m) === plain(name));
  const fn = closest ? undefined : TFJS_NAMESPACE_FUNCTIONS.metrics.find((m) => m.toLowerCase() === plain(name));
  const fix = fn && tf.namespace ? { title: `Pass ${tf.namespace}.metrics.${fn}`, text: `${tf.namespace}.metrics.${fn}` } : closest ? { title: `Use ${q}${closest}${q}`, text: `${q}${closest}${q}` } : undefined;
  return {
    code: 'unknown-loss',
    message: `${q}${name}${q} is not a metric name TF.js knows: model.compile() throws "Unknown metric ${name}".`,
    detail: `TF.js's compile accepts the metric names ${TFJS_METRIC_NAMES.join(', ')}, or a function such as tf.metrics.recall; ${q}${name}${q} makes it throw "Unknown metric ${name}" before the model trains.`,
    start: tree.start(literal),
    end: literal.end,
    ...(fix ? { fixes: [{ title: fix.title, edits: [{ start: tree.start(literal), end: literal.end, text: fix.text }], preferred: true }] } : {}),
  };
}
