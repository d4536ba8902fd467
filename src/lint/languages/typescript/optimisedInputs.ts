/**
 * The input a training step optimises rather than a model's weights: an image a style transfer, a deep dream or a
 * "make it look like a cloud" page updates (`const img = tf.variable(content)`, `genImg = tf.variable(basis.clone())`,
 * then `optimizer.minimize(() => …, true, [genImg])`). Its loss is a function of that variable as a model's loss is of
 * the model's output, so a kink in it (an `abs` total variation, a clip of the image) is a kink of what is trained.
 * A variable made from data (a tensor of the file, a clone of one, pixels) is such an input; one made by an
 * initializer (`tf.randomNormal`, `tf.zeros`, `tf.scalar(0.1)`, a number) is a weight or a parameter, as is one the
 * code marks untrainable.
 */
import type * as TS from 'typescript';
import { assignmentsTo, resolveIdentifier, type Declaration } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue } from './translationEnv';

/** TF.js calls that make a tensor from nothing: a weight's initial value, not data. */
const INITIALIZERS = /^(random\w*|truncatedNormal|zeros|ones|zerosLike|onesLike|fill|scalar|tensor|tensor\dd|eye|linspace|range|variable|initializers\.\w+)$/;

const known = new WeakMap<TS.Node, boolean>();

/** Whether a variable read in a training step is an input the step optimises (see above). */
export function isOptimisedInput(tree: SyntaxTree, tf: TfBindings, name: string, decl: Declaration & { kind: 'variable' }): boolean {
  let found = known.get(decl.node);
  if (found === undefined) {
    const values = [...(decl.initializer ? [decl.initializer] : []), ...assignmentsTo(tree, name, decl).map((a) => a.right)];
    const made = values.map((v) => unwrapExpression(tree.ts, v)).filter((v) => v.kind !== tree.ts.SyntaxKind.NullKeyword && v.kind !== tree.ts.SyntaxKind.UndefinedKeyword);
    found = made.length > 0 && made.every((v) => madeFromData(tree, tf, v));
    known.set(decl.node, found);
  }
  return found;
}

/** `tf.variable(content)`, `tf.variable(basis.clone())`: a trainable variable whose first value is data. */
function madeFromData(tree: SyntaxTree, tf: TfBindings, value: TS.Expression): boolean {
  const ts = tree.ts;
  if (!ts.isCallExpression(value) || tf.path(value.expression) !== 'variable') return false;
  const [first, trainable] = value.arguments;
  if (!first || (trainable && trainable.kind === ts.SyntaxKind.FalseKeyword)) return false;
  return !madeByInitializer(tree, tf, first, 0);
}

/**
 * A value an initializer makes, through the methods it is scaled or reshaped with and the consts it is held in
 * (`tf.randomNormal([n, 1]).mul(0.01)`, `const w0 = tf.zeros([4]); tf.variable(w0)`), or a number or array written out.
 */
function madeByInitializer(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, depth: number): boolean {
  const ts = tree.ts;
  let e = unwrapExpression(ts, value);
  if (numericValue(ts, e) !== undefined || ts.isArrayLiteralExpression(e)) return true;
  // `x.mul(0.01)`, `x.reshape(…)`: the tensor the chain starts from.
  while (ts.isCallExpression(e) && tf.path(e.expression) === undefined && ts.isPropertyAccessExpression(e.expression)) e = unwrapExpression(ts, e.expression.expression);
  if (ts.isCallExpression(e)) {
    const path = tf.path(e.expression);
    return (path !== undefined && INITIALIZERS.test(path)) || tree.source(e.expression).startsWith('Math.');
  }
  if (ts.isIdentifier(e) && depth < 3) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' && d.isConst && d.initializer !== undefined && madeByInitializer(tree, tf, d.initializer, depth + 1);
  }
  return false;
}
