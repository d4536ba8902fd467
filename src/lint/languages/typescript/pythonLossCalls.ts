/**
 * Losses called as TensorFlow's Python API or an early TF.js had them, which TF.js 4.22 does not: on `tf` itself
 * (`tf.sigmoidCrossEntropyWithLogits(labels, logits)`, `tf.binaryCrossentropy(ys, p)`) or under Python's namespaces
 * (`tf.nn.softmax_cross_entropy_with_logits(…)`, `tf.keras.losses.…`). TF.js's top level has no function whose name
 * says loss (a test checks its exports), and `tf.nn` and `tf.keras` are undefined, so the first call throws a TypeError. Names TF.js keeps in `tf.losses` or `tf.metrics` called on `tf` are
 * unknownTfCalls.ts's; this file takes the other names that say loss.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import type { SourceFix } from '../../engine/types';
import type { SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { TFJS_NAMESPACE_FUNCTIONS } from './tfNamespaceFunctions';

/** A name that says loss: a cross-entropy, a `…Loss`, a hinge, an error, a divergence, a `…WithLogits`. */
const LOSS_WORD = /cross_?entropy|loss$|hinge|huber|squared_?error|absolute_?error|divergence|with_?logits/i;
/** Those words in a text, each then widened to the name that holds it (a search of the words, not of every call). */
const WORD = /cross_?entropy|loss|hinge|huber|squared_?error|absolute_?error|divergence|with_?logits/gi;
const NAME_CHAR = /[\w$]/;
/** A name longer than this is no function's (a data blob): not widened further. */
const MAX_NAME = 120;
/** Python's namespaces, absent from TF.js. */
const PYTHON_SPACE = /^(?:nn|keras(?:\.losses)?|compat\.v1(?:\.losses|\.nn)?)\./;

/** What TF.js has for the Python names of the logits losses. */
const LOGITS_LOSSES: readonly [RegExp, string][] = [
  [/^sigmoid_?cross_?entropy(?:_?with_?logits)?$/i, 'sigmoidCrossEntropy'],
  [/^softmax_?cross_?entropy(?:_?with_?logits)?(?:_?v2)?$/i, 'softmaxCrossEntropy'],
];

export function pythonLossCalls(tree: SyntaxTree, tf: TfBindings, testedFor: (access: TS.PropertyAccessExpression) => boolean, outOfTime: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  const text = tree.text;
  let assigned: Set<string> | undefined;
  const words = new RegExp(WORD.source, WORD.flags);
  for (let m = words.exec(text); m; m = words.exec(text)) {
    if (outOfTime()) break;
    let [at, end] = [m.index, m.index + m[0].length];
    while (at > 0 && m.index - at < MAX_NAME && NAME_CHAR.test(text[at - 1]!)) at--;
    while (end < text.length && end - m.index < MAX_NAME && NAME_CHAR.test(text[end]!)) end++;
    words.lastIndex = Math.max(words.lastIndex, end);
    const name = text.slice(at, end);
    // A member called: `.name(` (the tree confirms below).
    if (!LOSS_WORD.test(name) || !/\.\s*$/.test(text.slice(Math.max(0, at - 40), at)) || !/^\s*\(/.test(text.slice(end, end + 40))) continue;
    const id = tree.nodeAt(at, at + name.length);
    const access = tree.parent(id);
    if (!ts.isIdentifier(id) || !access || !ts.isPropertyAccessExpression(access) || access.name !== id) continue;
    const path = tf.path(access);
    const python = path !== undefined && path !== name && PYTHON_SPACE.test(path);
    if (path === undefined || (path !== name && !python)) continue;
    // On `tf` itself, the names kept in tf.losses or tf.metrics are said by unknownTfCalls.ts, with their own fix.
    if (!python && (TFJS_NAMESPACE_FUNCTIONS.losses.includes(name) || TFJS_NAMESPACE_FUNCTIONS.metrics.includes(name) || name === 'sparseCategoricalCrossentropy')) continue;
    // Defined by the file (`tf.focalLoss = …`, a polyfill) or only tested for: not called as missing.
    assigned ??= assignedMembers(text);
    if (testedFor(access) || assigned.has(tree.compactSource(access))) continue;
    const written = tree.compactSource(access);
    const replacement = LOGITS_LOSSES.find(([re]) => re.test(name))?.[1];
    const space = python ? `tf.${path.slice(0, path.lastIndexOf('.'))} is undefined in TF.js` : `TF.js has no loss on tf itself`;
    const namespace = namespaceOf(tree, access);
    const fixes: SourceFix[] = replacement && namespace ? [{ title: `Use tf.losses.${replacement} (labels, logits; it averages by default)`, edits: [{ start: tree.start(access), end: access.end, text: `${namespace}.losses.${replacement}` }] }] : [];
    out.push({
      code: 'unknown-loss',
      message: `${written} is not a TF.js function: the call throws.`,
      detail: `${written} is not in TF.js 4.22 (a name of TensorFlow's Python API or of an early TF.js, or one another library adds), and ${space}: the call throws TypeError the first time this code runs. TF.js's losses are in tf.losses (${TFJS_NAMESPACE_FUNCTIONS.losses.join(', ')}) and tf.metrics${replacement ? `; the same loss is tf.losses.${replacement}(labels, logits), which applies the ${replacement.startsWith('sigmoid') ? 'sigmoid' : 'softmax'} itself and averages unless given a reduction` : ''}.`,
      start: tree.start(access),
      end: access.end,
      fixes,
    });
  }
  return out;
}

/** Every member the text assigns (`tf.focalLoss = …`): one pass over the text, whatever the calls. */
function assignedMembers(text: string): Set<string> {
  const out = new Set<string>();
  // From the start of each chain only (`(?<![\w$.])`), so a long chain is read once.
  for (const m of text.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+)\s*=(?![=>])/g)) out.add(m[1]!);
  // `Object.assign(tf, { diceLoss, focalLoss: … })`: each key becomes a member.
  for (const m of text.matchAll(/\bObject\s*\.\s*assign\s*\(\s*([A-Za-z_$][\w$.]*)\s*,\s*\{([^{}]{0,2000})\}/g)) {
    for (const key of m[2]!.matchAll(/(?:^|,)\s*([A-Za-z_$][\w$]*)\s*(?=[:,(]|$)/g)) out.add(`${m[1]}.${key[1]}`);
  }
  return out;
}

/** The TF.js namespace as the access writes it: `tf` of `tf.nn.x`, `tfjs` of `tfjs.x`. */
function namespaceOf(tree: SyntaxTree, access: TS.PropertyAccessExpression): string | undefined {
  const ts = tree.ts;
  let e: TS.Expression = access.expression;
  while (ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
}
