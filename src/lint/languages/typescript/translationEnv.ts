/**
 * What the translation of code into a loss expression works with: the names in scope (`Env`), the error
 * that says why code cannot be read (`Unreadable`), and which names can be mathjs symbols.
 */
import type * as TS from 'typescript';
import { FUNCTIONS } from '../../../core';
import type { Expr } from '../../engine/expression';
import { bindingNames, resolveIdentifier } from './scope';
import { unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
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

/** Why code cannot be read, with the line where it stops, for the site's "cannot read" note. */
export function unreadableText(tree: SyntaxTree, err: Unreadable): string {
  return err.node ? `${err.message} (line ${tree.file.getLineAndCharacterOfPosition(tree.start(err.node)).line + 1})` : err.message;
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
  /** A function passed as an argument (`surrogate((x) => this.model(x), xs)`): read where the helper calls it. */
  | { kind: 'function'; fn: FunctionNode; env: Env }
  /**
   * A list of a loss's terms written out (`[recon, kl]`) or pushed one by one (`terms.push(kl)`), each read where it is
   * used (termLists.ts): in `env`, or a pushed term in the scope of its push (`envs`).
   */
  | { kind: 'list'; elements: readonly TS.Expression[]; env: Env; envs?: readonly Env[] }
  /** The object a helper of the file returns (`rep` of `const rep = embed(x)`), handed on: read field by field. */
  | { kind: 'returnedObject'; call: TS.CallExpression; env: Env };

/** Code that keeps a value off 0 (a clamp, a max, an added ε; not the max inside "softmax"): a local made this way is not a bare probability. */
export const GUARDED = /\bmax(?:imum)?\b|clip|clamp|\+\s*[\d.]+e-|eps/i;

/** An argument that is not there or says so (`undefined`, `void 0`, `null`): a mistake in the code, not a value to read. */
export function isMissingOperand(ts: typeof TS, a: TS.Expression | undefined): boolean {
  const e = a && unwrapExpression(ts, a);
  return !e || (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e) || e.kind === ts.SyntaxKind.NullKeyword;
}

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
    // A field (`result.loss`) is not looked up past the point where its object's name was given another object.
    const dot = name.indexOf('.');
    const forgotten = dot > 0 ? `${name.slice(0, dot)}.*` : undefined;
    for (let e: Env | undefined = this; e; e = e.parent) {
      if (e.binding && e.name === name) return e.binding;
      if (forgotten !== undefined && e.name === forgotten) return undefined;
    }
    return undefined;
  }

  /** Forgets the fields set on an object: its name holds another object from here. */
  withoutFields(object: string): Env {
    return new Env(this, `${object}.*`, undefined);
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
  const inner = unparenthesized(text);
  // `a or b` and `a and b` of constant tests (NaN checks joined), split where no parenthesis is open.
  const parts = splitTopLevel(inner, ' or ');
  if (parts.length > 1) {
    const values = parts.map(constantTest);
    return values.some((v) => v === true) ? true : values.every((v) => v === false) ? false : undefined;
  }
  const both = splitTopLevel(inner, ' and ');
  if (both.length > 1) {
    const values = both.map(constantTest);
    return values.some((v) => v === false) ? false : values.every((v) => v === true) ? true : undefined;
  }
  if (inner.startsWith('not ')) {
    const v = constantTest(inner.slice(4));
    return v === undefined ? undefined : !v;
  }
  const m = /^(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?) (==|!=|<=|>=|<|>) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/.exec(inner);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[3])];
  return { '==': a === b, '!=': a !== b, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b }[m[2]];
}

/** The text without parentheses that enclose all of it: `((a or b))` → `a or b`. */
function unparenthesized(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && closingOf(t, 0) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

function closingOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(text: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      out.push(text.slice(from, i));
      from = i + separator.length;
      i += separator.length - 1;
    }
  }
  out.push(text.slice(from));
  return out;
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

/**
 * A parameter (or a destructured option) given a flag or a name as its default (`useBPR = false`, `mode = 'mse'`):
 * configuration, each way read, not data.
 */
export function isSettingDefault(ts: typeof TS, declared: { readonly initializer?: TS.Expression }): boolean {
  const d = declared.initializer && unwrapExpression(ts, declared.initializer);
  return !!d && (d.kind === ts.SyntaxKind.TrueKeyword || d.kind === ts.SyntaxKind.FalseKeyword || ts.isStringLiteralLike(d));
}

/**
 * Marks names a statement the lint cannot read sets as unreadable. A field (`cfg.delta`) is marked only when the code
 * read so far set it: a field the lint never followed is read as before (its declared or member value).
 */
export function withUnreadable(env: Env, names: Iterable<string>, reason: string): Env {
  let out = env;
  for (const name of names) if (!name.includes('.') || env.lookup(name) !== undefined) out = out.with(name, { kind: 'unreadable', reason });
  return out;
}

/** The arithmetic of a compound assignment (`x += v`, `state.step *= 2`), or undefined for any other operator. */
export function compoundOperator(ts: typeof TS, kind: TS.SyntaxKind): '+' | '-' | '*' | '/' | undefined {
  switch (kind) {
    case ts.SyntaxKind.PlusEqualsToken: return '+';
    case ts.SyntaxKind.MinusEqualsToken: return '-';
    case ts.SyntaxKind.AsteriskEqualsToken: return '*';
    case ts.SyntaxKind.SlashEqualsToken: return '/';
    default: return undefined;
  }
}

/** The name a field of a local object is bound under while a function is read (`result.loss = …`). */
export function fieldKey(object: string, field: string): string {
  return `${object}.${field}`;
}

/**
 * The names a statement sets, nested functions excluded: variables declared or assigned (=, op=, ++, --), and lists
 * pushed into or written by index (`losses.push(l)`, `buffer[i] = x`): what a statement the lint cannot read leaves
 * unknown.
 */
export function writtenNames(ts: typeof TS, node: TS.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: TS.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = unwrapExpression(ts, n.left);
      if (ts.isIdentifier(left)) out.add(left.text);
      else if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression)) out.add(fieldKey(left.expression.text, left.name.text));
      else if (ts.isElementAccessExpression(left) && ts.isIdentifier(unwrapExpression(ts, left.expression))) out.add((unwrapExpression(ts, left.expression) as TS.Identifier).text);
    } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand)) {
      out.add(n.operand.text);
    } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isPropertyAccessExpression(n.operand) && ts.isIdentifier(n.operand.expression)) {
      out.add(fieldKey(n.operand.expression.text, n.operand.name.text));
    } else if (ts.isVariableDeclaration(n)) {
      for (const name of bindingNames(ts, n.name)) out.add(name);
    } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|unshift|splice)$/.test(n.expression.name.text)) {
      const list = unwrapExpression(ts, n.expression.expression);
      if (ts.isIdentifier(list)) out.add(list.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** `f`'s value, computed the first time it is asked for. */
export function once<T>(f: () => T): () => T {
  let done: { value: T } | undefined;
  return () => (done ??= { value: f() }).value;
}
