/**
 * Calls of a loss or metric TF.js does not have: `tf.losses.meanSquareError(ys, preds)`, `tf.metrics.mse_(…)`, and
 * the same names kept to call later (`this.lossFunction = tf.losses.sparseCategoricalCrossentropy`). The property is
 * undefined, so the call throws "… is not a function" the first time the loss runs (for a loss passed to `minimize`,
 * inside the training loop). Found by a text search for `losses.` / `metrics.`, each confirmed on the tree to be
 * TF.js's namespace; a name only tested for (`typeof tf.losses.x`, `if (tf.losses.x)`) is not reported. The fix is
 * the closest name TF.js has.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { closestName } from '../../engine/editDistance';
import type { SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** `tf.losses` and `tf.metrics` of TF.js 4.22 (a test checks them against the installed TF.js). */
export const TFJS_NAMESPACE_FUNCTIONS: Readonly<Record<'losses' | 'metrics', readonly string[]>> = {
  losses: ['absoluteDifference', 'computeWeightedLoss', 'cosineDistance', 'hingeLoss', 'huberLoss', 'logLoss', 'meanSquaredError', 'sigmoidCrossEntropy', 'softmaxCrossEntropy'],
  metrics: [
    'MAPE', 'MSE', 'binaryAccuracy', 'binaryCrossentropy', 'categoricalAccuracy', 'categoricalCrossentropy', 'cosineProximity', 'mape',
    'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredError', 'mse', 'precision', 'r2Score', 'recall', 'sparseCategoricalAccuracy',
  ],
};

const MEMBER = /\b(losses|metrics)\s*\.\s*([A-Za-z_$][\w$]*)/g;

export function unknownTfCalls(tree: SyntaxTree, tf: TfBindings, outOfTime: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  for (const m of tree.text.matchAll(MEMBER)) {
    if (outOfTime()) break;
    const space = m[1] as 'losses' | 'metrics';
    const name = m[2];
    const known = TFJS_NAMESPACE_FUNCTIONS[space];
    if (known.includes(name)) continue;
    const at = m.index + m[0].lastIndexOf(name);
    const id = tree.nodeAt(at, at + name.length);
    const access = tree.parent(id);
    if (!ts.isIdentifier(id) || !access || !ts.isPropertyAccessExpression(access) || access.name !== id) continue;
    if (tf.path(access) !== `${space}.${name}` || testedFor(tree, access)) continue;
    const call = tree.parent(access);
    const called = !!call && ts.isCallExpression(call) && call.expression === access;
    out.push(problem(tree, access, id, space, name, closestName(name, known), called));
  }
  return out;
}

/** A name only tested for: `typeof tf.losses.x`, `if (tf.losses.x)`, `tf.losses.x ? … : …`, `tf.losses.x || fallback`, `tf.losses.x?.(…)`. */
function testedFor(tree: SyntaxTree, access: TS.PropertyAccessExpression): boolean {
  const ts = tree.ts;
  const parent = tree.parent(access);
  if (!parent) return false;
  if (ts.isTypeOfExpression(parent) || (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken)) return true;
  if ((ts.isIfStatement(parent) || ts.isConditionalExpression(parent)) && (parent as TS.IfStatement).expression === access) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === access) return true;
  if (ts.isCallExpression(parent) && parent.expression === access && parent.questionDotToken) return true;
  const op = ts.isBinaryExpression(parent) && parent.left === access ? parent.operatorToken.kind : undefined;
  return op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken;
}

function problem(tree: SyntaxTree, access: TS.PropertyAccessExpression, id: TS.Identifier, space: string, name: string, suggestion: string | undefined, called: boolean): FrontEndProblem {
  const written = tree.compactSource(access);
  const instead = suggestion ? ` Did you mean ${space}.${suggestion}?` : '';
  return {
    code: 'unknown-loss',
    message: called ? `${written} is not a TF.js function: the call throws.` : `${written} is not a TF.js function: it is undefined, and calling it throws.`,
    detail: `TF.js's tf.${space} has ${TFJS_NAMESPACE_FUNCTIONS[space as 'losses' | 'metrics'].join(', ')}; ${space}.${name} is undefined, so ${called ? 'calling it' : 'the loss kept here, when it is called,'} throws TypeError "… is not a function" the first time this code runs.${instead}`,
    start: tree.start(access),
    end: access.end,
    ...(suggestion ? { fixes: [{ title: `Use ${space}.${suggestion}`, edits: [{ start: tree.start(id), end: id.end, text: suggestion }] }] } : {}),
  };
}
