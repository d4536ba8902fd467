/**
 * Logits losses outside every loss the lint reads: an evaluation, a feature-importance score, a hand-written RNN
 * trained by its own backprop. `tf.losses.sigmoidCrossEntropy(ys, p)` (or `softmaxCrossEntropy`) where `p` is already a
 * sigmoid or softmax output applies the activation twice, whoever runs it: the value is that of a much less confident
 * model. `p` is read where the file gives it: written in place, held in a name (`const p = model.predict(xs)`), or an
 * element the function set before (`predictions[t] = tf.matMul(w, h).sigmoid()`); a model's prediction counts when its
 * output layer ends in a sigmoid or softmax.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import type { ModelInfo } from './modelResolution';
import { assignmentsTo, resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const LOGITS_LOSS = /\b(sigmoidCrossEntropy|softmaxCrossEntropy)\s*\(/g;
const MAX_PROBES = 100;

export function logitsLossProblems(tree: SyntaxTree, tf: TfBindings, covered: (node: TS.Node) => boolean, modelOf: (call: TS.CallExpression) => ModelInfo | undefined): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  for (const m of tree.text.matchAll(LOGITS_LOSS)) {
    if (out.length >= MAX_PROBES) break;
    const name = m[1]!;
    const id = tree.nodeAt(m.index!, m.index! + name.length);
    const callee = id && tree.parent(id);
    const node = callee && tree.parent(callee);
    if (!node || !ts.isCallExpression(node) || unwrapExpression(ts, node.expression) !== callee || tf.path(node.expression) !== `losses.${name}`) continue;
    const logits = node.arguments[1];
    if (!logits || covered(node)) continue;
    const value = valueOf(tree, logits, node);
    const explicit = value && activationCall(tree, tf, value);
    const model = !explicit && value && ts.isCallExpression(value) ? modelOf(value) : undefined;
    const activation = explicit ?? (model?.activation === 'sigmoid' || model?.activation === 'softmax' ? model.activation : undefined);
    if (!activation) continue;
    const loss = `tf.losses.${name}`;
    const what = explicit ? `this is a ${activation} output` : `this is the output of a model that ends in a ${activation}`;
    out.push({
      code: 'activation-mismatch',
      message: `${loss} expects logits, but ${what}: it is applied twice.`,
      detail: `${loss} applies a ${name === 'sigmoidCrossEntropy' ? 'sigmoid' : 'softmax'} to its second argument, but the values it is given are already ${activation} outputs: the activation is applied twice, so the loss only ever sees values in [0, 1], cannot reach confident predictions, and its value and gradient are those of a much less certain model.`,
      start: tree.start(logits),
      end: logits.end,
      fixes: probabilityLoss(tree, node, name),
    });
  }
  return out;
}

/** What an argument holds: itself, a const's value, or the last value a name or an element was set to before `use`. */
function valueOf(tree: SyntaxTree, arg: TS.Expression, use: TS.Node): TS.Expression | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, arg);
  if (ts.isCallExpression(e)) return e;
  const before = (n: TS.Node) => n.end <= tree.start(use);
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    if (d?.kind !== 'variable') return undefined;
    const set = assignmentsTo(tree, e.text, d).filter(before);
    const last = set.length ? set[set.length - 1]!.right : d.initializer;
    return last && unwrapExpression(ts, last);
  }
  if (ts.isElementAccessExpression(e) && ts.isIdentifier(unwrapExpression(ts, e.expression))) {
    // `predictions[t] = …` earlier in the same function.
    const list = (unwrapExpression(ts, e.expression) as TS.Identifier).text;
    const fn = [...tree.ancestors(use)].find((a) => isFunctionNode(ts, a));
    let found: TS.Expression | undefined;
    const visit = (n: TS.Node): void => {
      if (n !== fn && isFunctionNode(ts, n)) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && before(n)) {
        const left = unwrapExpression(ts, n.left);
        if (ts.isElementAccessExpression(left) && ts.isIdentifier(unwrapExpression(ts, left.expression)) && (unwrapExpression(ts, left.expression) as TS.Identifier).text === list) found = unwrapExpression(ts, n.right);
      }
      ts.forEachChild(n, visit);
    };
    if (fn) visit(fn);
    return found;
  }
  return undefined;
}

/** `tf.sigmoid(z)`, `z.sigmoid()`, `tf.softmax(z)`, `z.softmax()`: the activation the value ends in. */
function activationCall(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): 'sigmoid' | 'softmax' | undefined {
  const ts = tree.ts;
  if (!ts.isCallExpression(value)) return undefined;
  const path = tf.path(value.expression);
  if (path !== undefined) return (path === 'sigmoid' || path === 'softmax') && value.arguments.length >= 1 ? path : undefined;
  const callee = unwrapExpression(ts, value.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return (method === 'sigmoid' || method === 'softmax') && value.arguments.length === 0 ? method : undefined;
}

/** `tf.losses.sigmoidCrossEntropy` → `tf.losses.logLoss`, `softmaxCrossEntropy` → `tf.metrics.categoricalCrossentropy`. */
function probabilityLoss(tree: SyntaxTree, call: TS.CallExpression, name: string): FrontEndProblem['fixes'] {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  const group = ts.isPropertyAccessExpression(callee) ? unwrapExpression(ts, callee.expression) : undefined;
  const prefix = group && ts.isPropertyAccessExpression(group) ? tree.source(group.expression) : undefined;
  if (!prefix) return [];
  const replacement = name === 'sigmoidCrossEntropy' ? `${prefix}.losses.logLoss` : `${prefix}.metrics.categoricalCrossentropy`;
  return [{ title: `Use ${replacement}, which takes probabilities`, edits: [{ start: tree.start(callee), end: callee.end, text: replacement }] }];
}
