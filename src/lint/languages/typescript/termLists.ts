/**
 * A list of a loss's terms written out (`[reconLoss, klLoss, tf.mul(l2, 0.01)]`) and what loss code does with it:
 * folds it with `reduce` (`terms.reduce((a, b) => a.add(b))`, `values.slice(1).reduce(add, values[0])`), adds it
 * with `tf.addN`, takes an element (`terms[0]`) or its length, or passes it to a helper that does one of these
 * (`sumTensors([…])`). The list is kept as its elements, each read where it is used; a name or a helper's parameter
 * holds a list of at most MAX_TERMS terms, and a list of numbers (`[0.3, 0.7]`) is data, not terms.
 */
import type * as TS from 'typescript';
import { binary, type Expr } from '../../engine/expression';
import { asksForDerivative } from './configurationTests';
import { isFunctionNode, unwrapExpression, type FunctionNode } from './syntaxTree';
import type { Translator } from './translate';
import { Env, numericValue, Unreadable, type Binding } from './translationEnv';

const MAX_TERMS = 16;

export interface TermList {
  elements: readonly TS.Expression[];
  env: Env;
  /** Where each element is read, when not all in `env` (terms pushed one by one). */
  envs?: readonly Env[];
}

/** The scope element `k` of a list is read in. */
function envOf(list: TermList, k: number): Env {
  return list.envs?.[k] ?? list.env;
}

/**
 * `terms.push(a, b)` on a list of terms (one written out, or `const terms = []`): the list with them added, each read
 * in the scope of the push. Undefined for anything else, and past MAX_TERMS.
 */
export function pushedTerms(ts: typeof TS, e: TS.Expression, env: Env): { name: string; binding: Binding } | undefined {
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'push') return undefined;
  const list = unwrapExpression(ts, e.expression.expression);
  const b = ts.isIdentifier(list) ? env.lookup(list.text) : undefined;
  if (b?.kind !== 'list' || e.arguments.length === 0 || e.arguments.some((a) => ts.isSpreadElement(a))) return undefined;
  if (b.elements.length + e.arguments.length > MAX_TERMS) return undefined;
  const envs = [...b.elements.map((_, k) => envOf(b, k)), ...e.arguments.map(() => env)];
  return { name: (list as TS.Identifier).text, binding: { kind: 'list', elements: [...b.elements, ...e.arguments], env: b.env, envs } };
}

/** The binding of a name given a list written out (a helper's parameter, a local const), if `value` is one. */
export function listBinding(ts: typeof TS, value: TS.Expression, env: Env): Binding | undefined {
  const e = unwrapExpression(ts, value);
  // `const terms = []`: a list the code fills with pushes (pushedTerms).
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 0) return { kind: 'list', elements: [], env };
  if (!ts.isArrayLiteralExpression(e) || e.elements.length > MAX_TERMS) return undefined;
  if (e.elements.some((el) => ts.isSpreadElement(el) || ts.isOmittedExpression(el))) return undefined;
  // Numbers written out (`const weights = [0.3, 0.7]`) are data for a tensor, not terms.
  if (e.elements.every((el) => numericValue(ts, el) !== undefined)) return undefined;
  return { kind: 'list', elements: e.elements, env };
}

/** The terms an expression holds: a list written out, a name bound to one, or a `slice` of either. */
export function termsOf(t: Translator, node: TS.Expression, env: Env): TermList | undefined {
  const ts = t.tree.ts;
  const e = unwrapExpression(ts, node);
  if (ts.isArrayLiteralExpression(e)) {
    // Written in place (`tf.addN([a, b, …])`): any number of terms.
    return e.elements.length > 0 && e.elements.every((el) => !ts.isSpreadElement(el) && !ts.isOmittedExpression(el)) ? { elements: e.elements, env } : undefined;
  }
  if (ts.isIdentifier(e)) {
    const b = env.lookup(e.text);
    return b?.kind === 'list' ? { elements: b.elements, env: b.env, ...(b.envs ? { envs: b.envs } : {}) } : undefined;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'slice') {
    const whole = termsOf(t, e.expression.expression, env);
    const from = e.arguments[0] ? numericValue(ts, e.arguments[0]) : 0;
    const to = e.arguments[1] ? numericValue(ts, e.arguments[1]) : undefined;
    if (!whole || from === undefined || (e.arguments[1] && to === undefined)) return undefined;
    return { elements: whole.elements.slice(from, to), env: whole.env, ...(whole.envs ? { envs: whole.envs.slice(from, to) } : {}) };
  }
  return undefined;
}

/** Element `k` of a list of terms. */
export function termAt(t: Translator, list: TermList, k: number, node: TS.Node): Expr {
  const el = Number.isInteger(k) && k >= 0 ? list.elements[k] : undefined;
  if (!el) throw new Unreadable(`element ${k} of a list of ${list.elements.length} terms`, node);
  return t.expression(el, envOf(list, k));
}

/** `tf.addN(terms)`: their sum. */
export function sumOfTerms(t: Translator, list: TermList, node: TS.Node): Expr {
  if (list.elements.length === 0) throw new Unreadable('a sum of no terms', node);
  return list.elements.map((el, k) => t.expression(el, envOf(list, k))).reduce((a, b) => binary('+', a, b));
}

/** `terms.reduce((acc, term) => …, init?)`: the callback applied term by term, as JavaScript runs it. */
export function foldTerms(t: Translator, list: TermList, callback: TS.Expression, init: TS.Expression | undefined, env: Env, node: TS.Node): Expr {
  const ts = t.tree.ts;
  const fn = unwrapExpression(ts, callback);
  if (!isFunctionNode(ts, fn)) throw new Unreadable('.reduce() with a callback the lint cannot read', node);
  const [accParam, termParam] = (fn as FunctionNode).parameters;
  if (!accParam || !termParam || !ts.isIdentifier(accParam.name) || !ts.isIdentifier(termParam.name)) throw new Unreadable('.reduce() with a callback the lint cannot read', node);
  const terms = list.elements.map((el, k) => t.expression(el, envOf(list, k)));
  let acc = init ? t.expression(init, env) : terms.shift();
  if (!acc) throw new Unreadable('.reduce() of no terms and no start', node);
  for (const term of terms) acc = t.functionBody(fn as FunctionNode, env.with(accParam.name.text, { kind: 'value', expr: acc }).with(termParam.name.text, { kind: 'value', expr: term }));
  return acc;
}

/**
 * A test that is false as the loss runs. A guard against an empty list that the code fills as it runs (`if
 * (losses.length === 0) return tf.scalar(0)` after a loop that pushes the losses): the list is taken as filled, so the
 * guard's branch is not the loss (a list of terms written out is counted instead). A loss's flag asking for its
 * derivative (`if (prime) return 2 * (yPred - yTrue)` in `mse(yTrue, yPred, prime = false)`): the loss is what it
 * returns unasked.
 */
export function falseAsTheLossRuns(t: Translator, test: TS.Expression, env: Env): boolean {
  if (asksForDerivative(t.tree, test)) return true;
  const list = emptyListTested(t.tree.ts, test);
  return list !== undefined && !termsOf(t, list, env);
}

/** The list a test says is empty (`xs.length === 0`, `xs.length < 1`, `!xs.length`), or undefined. */
function emptyListTested(ts: typeof TS, test: TS.Expression): TS.Expression | undefined {
  const e = unwrapExpression(ts, test);
  const lengthOf = (x: TS.Expression) => {
    const n = unwrapExpression(ts, x);
    return ts.isPropertyAccessExpression(n) && n.name.text === 'length' ? n.expression : undefined;
  };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return lengthOf(e.operand);
  if (!ts.isBinaryExpression(e)) return undefined;
  const k = e.operatorToken.kind;
  const bound = numericValue(ts, e.right);
  const empty = ((k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.LessThanEqualsToken) && bound === 0) || (k === ts.SyntaxKind.LessThanToken && bound === 1);
  return empty ? lengthOf(e.left) : undefined;
}
