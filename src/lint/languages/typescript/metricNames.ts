/**
 * A metric name TF.js does not know, given to `model.compile({ metrics: [...] })`: compile throws "Unknown metric f1"
 * (measured with TF.js 4.22). tfjs-layers knows the names of its metricsMap and, for the loss's own accuracy and
 * cross-entropy, 'accuracy', 'acc', 'crossentropy' and 'ce'; Keras's 'AUC', 'Recall', 'f1' and snake_case names throw.
 * 'precision' is a name it knows and 'recall' is not: `tf.metrics.recall`, passed as a function, is the fix there.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { dominantQuote } from './codeRenderer';
import { propertyName, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
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
  for (let at = tree.text.indexOf('metrics'); at >= 0; at = tree.text.indexOf('metrics', at + 7)) {
    const id = tree.nodeAt(at, at + 7);
    const property = tree.parent(id);
    if (!property || !ts.isPropertyAssignment(property) || property.name !== id || propertyName(ts, property.name) !== 'metrics') continue;
    const config = tree.parent(property);
    const call = config && tree.parent(config);
    const callee = call && ts.isCallExpression(call) && call.arguments[0] === config ? unwrapExpression(ts, call.expression) : undefined;
    if (!callee || !ts.isPropertyAccessExpression(callee) || callee.name.text !== 'compile') continue;
    const list = unwrapExpression(ts, property.initializer);
    if (!ts.isArrayLiteralExpression(list)) continue;
    for (const el of list.elements) {
      const name = ts.isStringLiteralLike(el) ? stringValue(ts, el) : undefined;
      if (name !== undefined && !TFJS_METRIC_NAMES.includes(name)) out.push(unknownMetric(tree, tf, el as TS.StringLiteralLike, name));
    }
  }
  return out;
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
