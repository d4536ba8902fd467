/**
 * What the translation of code into a loss expression works with: the names in scope (`Env`), the error
 * that says why code cannot be read (`Unreadable`), and which names can be mathjs symbols.
 */
import type * as TS from 'typescript';
import { FUNCTIONS } from '../../../core';
import type { Expr } from '../../engine/expression';
import { resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

export class Unreadable extends Error {
  constructor(
    message: string,
    readonly node?: TS.Node,
  ) {
    super(message);
    this.name = 'Unreadable';
  }
}

export type Binding =
  | { kind: 'symbol'; name: string }
  | { kind: 'value'; expr: Expr }
  | { kind: 'lazy'; compute: () => Expr; cached?: Expr }
  | { kind: 'unreadable'; reason: string }
  /** A loop index: `arr[i]` is the array's element. */
  | { kind: 'index' }
  /** The accumulator of a `.reduce` callback: `acc + term` is the term. */
  | { kind: 'accumulator' }
  /** A list of a loss's terms written out (`[recon, kl]`), each read where it is used (termLists.ts). */
  | { kind: 'list'; elements: readonly TS.Expression[]; env: Env };

/** Names bound by the code being translated (parameters, locals), innermost first. */
export class Env {
  static readonly empty = new Env(undefined, '', undefined);

  private constructor(
    private readonly parent: Env | undefined,
    private readonly name: string,
    private readonly binding: Binding | undefined,
  ) {}

  with(name: string, binding: Binding): Env {
    return new Env(this, name, binding);
  }

  lookup(name: string): Binding | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) if (e.binding && e.name === name) return e.binding;
    return undefined;
  }
}

/** Names mathjs reads as something else (constants, keywords, units), or that the catalog uses. */
export const RESERVED = new Set(['e', 'E', 'pi', 'PI', 'i', 'Infinity', 'NaN', 'true', 'false', 'null', 'undefined', 'and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'c']);

export function isSymbolName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name) && !Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/** A number literal, possibly negated. */
export function numericValue(ts: typeof TS, node: TS.Expression): number | undefined {
  const n = unwrapExpression(ts, node);
  if (ts.isNumericLiteral(n)) return Number(n.text);
  if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken) {
    const v = numericValue(ts, n.operand);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** Code quoted in a message, shortened. */
export function describeCode(tree: SyntaxTree, node: TS.Node): string {
  const text = tree.source(node);
  return text.length <= 40 ? `'${text}'` : `'${text.slice(0, 37)}…'`;
}

/** `x.dataSync()`, `x.arraySync()`: a tensor's numbers read back into JavaScript. */
export function isReadBack(ts: typeof TS, e: TS.Expression): boolean {
  const call = unwrapExpression(ts, e);
  return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && /^(?:dataSync|arraySync)$/.test(call.expression.name.text);
}

/** The value of a comparison of two numbers (`2 == 1`), else undefined. */
export function constantTest(text: string): boolean | undefined {
  // `a or b` and `a and b` of constant tests (three NaN checks joined).
  const parts = text.split(' or ');
  if (parts.length > 1) {
    const values = parts.map(constantTest);
    return values.some((v) => v === true) ? true : values.every((v) => v === false) ? false : undefined;
  }
  const both = text.split(' and ');
  if (both.length > 1) {
    const values = both.map(constantTest);
    return values.some((v) => v === false) ? false : values.every((v) => v === true) ? true : undefined;
  }
  const negated = /^not \((.*)\)$/.exec(text);
  if (negated) {
    const v = constantTest(negated[1]!);
    return v === undefined ? undefined : !v;
  }
  const m = /^\(?(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?) (==|!=|<=|>=|<|>) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\)?$/.exec(text);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[3])];
  return { '==': a === b, '!=': a !== b, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b }[m[2]];
}

/** The input of the `tf.moments(x, …)` an expression is: the call itself, or a variable it initialises. */
export function momentsInput(tree: SyntaxTree, tf: TfBindings, expr: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  let e = unwrapExpression(ts, expr);
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    if (d?.kind !== 'variable' || !d.initializer) return undefined;
    e = unwrapExpression(ts, d.initializer);
  }
  return ts.isCallExpression(e) && tf.path(e.expression) === 'moments' ? e.arguments[0] : undefined;
}
