/**
 * The number a property holds as the code writes it: `this.margin = 0.5`, a field given a constructor parameter
 * (`constructor(margin = 0.2) { this.margin = margin }`: the arguments of the file's `new` calls, else the default), a configuration object's `cfg.beta`, or the initial
 * value of a trainable constant (`this.logStd = tf.variable(tf.fill([1, n], -0.5))`, `tf.scalar(0.1)`, `tf.zeros`).
 * A loss that reads the property then uses that value rather than a guess from its name; a property given different
 * numbers in different places has no one value.
 */
import type * as TS from 'typescript';
import { argumentsOf } from './functionValues';
import { readMemberValues, thisMemberReferences, thisOwner } from './objectValues';
import { filledThroughBuffer, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { numericValue } from './translationEnv';
import { wrappedScalar } from './plainValues';

const MAX_DEPTH = 4;

/** Constructors of constant tensors and where their value is: `tf.fill(shape, value)`, `tf.scalar(value)`. */
const VALUE_ARGUMENT: Readonly<Record<string, number>> = { scalar: 0, tensor: 0, tensor1d: 0, fill: 1, variable: 0 };
const FIXED_VALUE: Readonly<Record<string, number>> = { zeros: 0, zerosLike: 0, ones: 1, onesLike: 1 };

/** The one number `access` holds, when every value the code gives it is that number. */
export function memberNumber(tree: SyntaxTree, tf: TfBindings, access: TS.PropertyAccessExpression | TS.ElementAccessExpression, options: { weights?: boolean } = {}): number | undefined {
  if (changedInPlace(tree, access)) return undefined;
  const values = readMemberValues(tree, access);
  if (values.length === 0 || values.some((v) => v.tree !== tree)) return undefined;
  // A trainable weight's initial value is a starting point, not a constant: only where the caller asks for it.
  if (options.weights === false && values.some((v) => madeTrainable(tree, tf, v.node))) return undefined;
  const numbers = values.map((v) => numberOf(tree, tf, v.node, 0));
  const first = numbers[0];
  return first !== undefined && Number.isFinite(first) && numbers.every((n) => n === first) ? first : undefined;
}

/**
 * The one number an expression stands for as the code writes it: a literal, a const or a parameter given one, a constant
 * tensor (`tf.scalar(1)`, `tf.onesLike(x)`, `tf.fill(shape, 0)`).
 */
export function constantNumber(tree: SyntaxTree, tf: TfBindings, node: TS.Expression): number | undefined {
  return numberOf(tree, tf, node, 0);
}

function numberOf(tree: SyntaxTree, tf: TfBindings, node: TS.Expression, depth: number): number | undefined {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrapExpression(ts, node);
  const literal = numericValue(ts, n);
  if (literal !== undefined) return literal;
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    // A parameter: the arguments the file's calls give it (`new SafeBCE(1e-4)`), else its default.
    if (d?.kind === 'parameter') {
      const given = argumentsOf(tree, d.node);
      const sources = given.length > 0 ? given : d.node.initializer ? [d.node.initializer] : [];
      const numbers = sources.map((a) => numberOf(tree, tf, a, depth + 1));
      return numbers.length > 0 && numbers.every((v) => v !== undefined && v === numbers[0]) ? numbers[0] : undefined;
    }
    if (d?.kind === 'variable' && d.initializer && d.isConst) return filledThroughBuffer(tree, n.text, d) ? undefined : numberOf(tree, tf, d.initializer, depth + 1);
    return undefined;
  }
  // A hand-written tensor library's constant of one written number (`this.power = new onegrad.tensor([2], false)`).
  if (ts.isNewExpression(n)) {
    const first = n.arguments?.[0] && unwrapExpression(ts, n.arguments[0]);
    const wrapped = first && ts.isArrayLiteralExpression(first) ? wrappedScalar(tree, n) : undefined;
    return wrapped ? numericValue(ts, unwrapExpression(ts, wrapped)) : undefined;
  }
  if (!ts.isCallExpression(n)) return undefined;
  const path = tf.path(n.expression);
  if (path === undefined) return undefined;
  if (Object.hasOwn(FIXED_VALUE, path)) return FIXED_VALUE[path];
  if (!Object.hasOwn(VALUE_ARGUMENT, path)) return undefined;
  const arg = n.arguments[VALUE_ARGUMENT[path]!];
  if (!arg) return undefined;
  const a = unwrapExpression(ts, arg);
  // `tf.tensor1d([0.5])`: a one-element array is its element; an array of several values has no one value.
  if (ts.isArrayLiteralExpression(a)) return a.elements.length === 1 ? numberOf(tree, tf, a.elements[0]!, depth + 1) : undefined;
  return numberOf(tree, tf, a, depth + 1);
}

/** Whether the class changes `this.key` in place (`this.eps += 1e-6`, `this.step++`): then it has no one value. */
function changedInPlace(tree: SyntaxTree, access: TS.PropertyAccessExpression | TS.ElementAccessExpression): boolean {
  const ts = tree.ts;
  if (!ts.isPropertyAccessExpression(access) || access.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const owner = thisOwner(tree, access);
  if (!owner) return false;
  return thisMemberReferences(tree, owner, access.name.text).some((ref) => {
    const parent = tree.parent(ref);
    if (!parent) return false;
    if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
    const op = ts.isBinaryExpression(parent) && parent.left === ref ? parent.operatorToken.kind : undefined;
    return op !== undefined && op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment;
  });
}

function madeTrainable(tree: SyntaxTree, tf: TfBindings, node: TS.Expression): boolean {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  return ts.isCallExpression(n) && (tf.path(n.expression) === 'variable' || (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'variable'));
}
