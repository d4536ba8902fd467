/**
 * What a target value written in the code looks like, for the target evidence (targetEvidence.ts): helpers and data named
 * as classes, ops that scale, numbers written out (nested arrays of them), comparisons made numbers, fractions in
 * arithmetic, and the rows a loop variable runs over.
 */
import type * as TS from 'typescript';
import type { CompareOp } from '../../engine/expression';
import { constValueOf, implicitGlobalReferences, implicitGlobalValues, referencesTo, type Declaration } from './scope';
import { bindingKey, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { numericValue } from './translationEnv';
import { iteratedBy } from './layerLoops';
import { forOfArray } from './syntaxTree';
import { iteratedArray, writtenRows } from './writtenNumbers';

/** Helpers whose name says they one-hot encode (`oneHotEncode(labels)`, `toOneHot`, `to_categorical`). */
export const ONE_HOT_HELPER = /^(?:to|make|get|encode|build|create)?_?one_?hot(?:_?encod(?:e|ed|ing)|_?vectors?|_?labels?|_?data|_?targets?|_?matrix|_?arrays?|_?tensors?)?$|^(?:to|encode)_?categorical$/i;

/** Helpers whose name says they turn classes into numbers (`toNumberClass`, `classToIndex`, `getClassIds`, `encodeCategories`). */
export const CLASS_INDEX_HELPER = /^(?:to|get|encode|make)_?(?:array_?|list_?)?(?:numbers?_?|ints?_?)?(?:class(?:es)?|categor(?:y|ies))(?:_?(?:index|indices|ids?|numbers?|ints?))?$|^(?:class|category)_?(?:to|2)_?(?:index|id|number|int)$/i;
/** Calls that keep the values they are given: a matrix library's wrapper of rows, a transpose (`transpoe`, `transpuesta`, `transposer`). */
export const MATRIX_WRAPPER = /^(?:matrix|fromArray|array|transpose|transp(?:o[eê]|or|uesta|oner|oser|onieren)|transposta)$/;
/** Fields named for targets (`ys`, `labels`, `yTrain`). */
export const TARGET_FIELD = /^(?:ys|labels|targets|y_?train|train_?ys|train_?labels|output_?data|outputs)$/i;
/** Data named as one-hot rows or classification targets. */
export const CLASS_DATA_NAME = /one_?hot|classification/i;
/**
 * Fields that hold measurements: coordinates, sizes, speeds, prices, times (`d.position.x`, `box.width`,
 * `row.price`). A target row read from several of them is a regression's.
 */
export const MEASUREMENT_FIELD = /^(?:[xyz]|[xyz][12]|[vd][xyz]|width|height|depth|size|length|radius|angle|rotation|heading|speed|velocity|acceleration|lat|lng|lon|latitude|longitude|altitude|elevation|price|amount|temperature|temp|humidity|pressure|distance|duration|elapsed|weight|mass|volume)$/i;
/** Ops that scale values into a continuous range. */
export const SCALING = new Set(['div', 'divNoNan', 'sigmoid', 'tanh', 'softmax', 'randomUniform', 'randomNormal', 'truncatedNormal', 'linspace']);

/**
 * The object literals a loop variable or callback parameter runs over (`for (const d of rows)`, `rows.map((d) => …)`)
 * or an index picks (`rows[i]`), where `rows` is an array of object literals the file writes out (in a variable's
 * initializer).
 */
export function rowsOf(tree: SyntaxTree, id: TS.Expression): TS.ObjectLiteralExpression[] | undefined {
  const ts = tree.ts;
  // `rows[i].targets`: a row by its index.
  const source = ts.isElementAccessExpression(id) ? id.expression : ts.isIdentifier(id) ? iteratedArray(tree, id) : undefined;
  const rows = source ? writtenRows(tree, source) : undefined;
  return rows?.every((r): r is TS.ObjectLiteralExpression => ts.isObjectLiteralExpression(r)) ? rows : undefined;
}

/**
 * The rows a destructured loop variable or callback parameter runs over, and the field it takes of each (`for (const {
 * input, output: target } of data)`, `data.forEach(({ y }) => …)`), where the rows are object literals written out.
 */
export function destructuredRows(tree: SyntaxTree, element: TS.BindingElement): { rows: TS.ObjectLiteralExpression[]; key: string } | undefined {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const decl = pattern && tree.parent(pattern);
  if (!pattern || !decl || !ts.isObjectBindingPattern(pattern) || element.dotDotDotToken) return undefined;
  const key = bindingKey(ts, element);
  const source = ts.isVariableDeclaration(decl) ? forOfArray(tree, decl) : ts.isParameter(decl) ? iteratedBy(tree, decl, 0) : undefined;
  const rows = source && key !== undefined ? writtenRows(tree, source) : undefined;
  return rows?.every((r): r is TS.ObjectLiteralExpression => ts.isObjectLiteralExpression(r)) ? { rows, key: key! } : undefined;
}

/** A comparison (`a == b`, `x > 0`) or a negation (`!seen`): a boolean. */
export function isComparison(ts: typeof TS, e: TS.Expression): boolean {
  const x = unwrapExpression(ts, e);
  if (ts.isPrefixUnaryExpression(x)) return x.operator === ts.SyntaxKind.ExclamationToken;
  return ts.isBinaryExpression(x) && x.operatorToken.kind >= ts.SyntaxKind.LessThanToken && x.operatorToken.kind <= ts.SyntaxKind.ExclamationEqualsEqualsToken;
}

/** The comparison a token writes (`<`, `===` as `==`, `!==` as `!=`), or undefined for any other operator. */
export function comparisonOf(ts: typeof TS, kind: TS.SyntaxKind): CompareOp | undefined {
  const k = ts.SyntaxKind;
  switch (kind) {
    case k.LessThanToken: return '<';
    case k.LessThanEqualsToken: return '<=';
    case k.GreaterThanToken: return '>';
    case k.GreaterThanEqualsToken: return '>=';
    case k.EqualsEqualsToken:
    case k.EqualsEqualsEqualsToken: return '==';
    case k.ExclamationEqualsToken:
    case k.ExclamationEqualsEqualsToken: return '!=';
    default: return undefined;
  }
}

/** `bool + 0`, `0 + bool`, `bool * 1`, `bool | 0`: the 0 or 1 of a comparison, as a number. */
export function isBooleanMadeNumber(ts: typeof TS, e: TS.BinaryExpression): boolean {
  const k = e.operatorToken.kind;
  const keeps = k === ts.SyntaxKind.PlusToken || k === ts.SyntaxKind.BarToken ? 0 : k === ts.SyntaxKind.AsteriskToken ? 1 : undefined;
  if (keeps === undefined) return false;
  const isLiteral = (x: TS.Expression): boolean => {
    const v = unwrapExpression(ts, x);
    return ts.isNumericLiteral(v) && Number(v.text) === keeps;
  };
  return (isComparison(ts, e.left) && isLiteral(e.right)) || (isLiteral(e.left) && isComparison(ts, e.right));
}

/** Whether an arithmetic expression writes a number that is not an integer (`0.4 + s * 0.6`). */
export function hasFraction(ts: typeof TS, n: TS.Expression): boolean {
  const e = unwrapExpression(ts, n);
  if (ts.isNumericLiteral(e)) return !Number.isInteger(Number(e.text));
  return ts.isBinaryExpression(e) && isArithmetic(ts, e) && (hasFraction(ts, e.left) || hasFraction(ts, e.right));
}

export function isArithmetic(ts: typeof TS, e: TS.BinaryExpression): boolean {
  const k = e.operatorToken.kind;
  return k === ts.SyntaxKind.PlusToken || k === ts.SyntaxKind.MinusToken || k === ts.SyntaxKind.AsteriskToken;
}

/** The number (and boolean) literals of a value (nested arrays of them) into `numbers`, anything else it holds into `others`. */
export function numbersOf(ts: typeof TS, value: TS.Expression, numbers: number[], others: TS.Expression[]): void {
  const v = unwrapExpression(ts, value);
  if (ts.isNumericLiteral(v)) numbers.push(Number(v.text));
  // `[false, true]`: TF.js makes booleans 0 and 1 (a bool tensor, upcast by the loss).
  else if (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword) numbers.push(v.kind === ts.SyntaxKind.TrueKeyword ? 1 : 0);
  else if (ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(v.operand)) numbers.push(-Number(v.operand.text));
  else if (ts.isArrayLiteralExpression(v)) for (const e of v.elements) numbersOf(ts, e as TS.Expression, numbers, others);
  else others.push(v);
}

/** A value without the conversion that turns its text into a number: `parseFloat(d.X)`, `Number(x)`, `+x`. */
export function withoutNumberConversion(ts: typeof TS, e: TS.Expression): TS.Expression {
  const x = unwrapExpression(ts, e);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.PlusToken) return unwrapExpression(ts, x.operand);
  if (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && /^(parseFloat|Number)$/.test(x.expression.text) && x.arguments[0]) return unwrapExpression(ts, x.arguments[0]);
  return x;
}

/**
 * `const row = Array(k).fill(0); row[label] = 1;` (or `new Array(k).fill(0)`, `fill(0, 0, k)`): a one-hot row written
 * out. A softened one (`fill(0.01)`, then `row[label] = 0.99`, as from-scratch digit classifiers write their targets)
 * is one too: a class, with the ends kept off the sigmoid's asymptotes.
 */
export function isOneHotByHand(tree: SyntaxTree, name: string, d: Declaration & { kind: 'variable' }): boolean {
  return oneHotRow(tree, d.initializer!, referencesTo(tree, d.container, name, d, MAX_ONE_HOT_REFERENCES));
}

/**
 * The same for a sloppy script's undeclared global (`temparray = new Array(n).fill(0); temparray[label] = 1;` in a map
 * callback): its one value is such a row.
 */
export function isGlobalOneHotByHand(tree: SyntaxTree, name: string): boolean {
  const values = implicitGlobalValues(tree, name);
  return values.length === 1 && oneHotRow(tree, values[0]!, implicitGlobalReferences(tree, name));
}

function oneHotRow(tree: SyntaxTree, initializer: TS.Expression, references: readonly TS.Identifier[]): boolean {
  const ts = tree.ts;
  const init = unwrapExpression(ts, initializer);
  const off = ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'fill' && init.arguments.length >= 1 ? numericValue(ts, init.arguments[0]) : undefined;
  if (off === undefined || off < 0 || off > MAX_SOFT_OFF) return false;
  // Every element written is the one "on" value, 1 or a softened one (0.9–0.99), or the "off" one: a row given other
  // values (a 0.35 beside a 0.92) is a row of measurements.
  const written = new Set<number | undefined>();
  for (const ref of references) {
    const access = tree.parent(ref);
    const assignment = access && ts.isElementAccessExpression(access) && access.expression === ref ? tree.parent(access) : undefined;
    if (assignment && ts.isBinaryExpression(assignment) && assignment.left === access && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) written.add(numericValue(ts, assignment.right));
  }
  // A row reused for the next example is reset to the "off" value after training on it (`t[label] = 1; …; t[label] = 0`).
  written.delete(off);
  const [on] = [...written];
  return written.size === 1 && on !== undefined && (on === 1 || (on >= 1 - MAX_SOFT_OFF && on < 1));
}

/** The largest "off" value of a softened one-hot row (0.1 with 0.9 for the class). */
const MAX_SOFT_OFF = 0.1;
const MAX_ONE_HOT_REFERENCES = 50;

/** The value a deep copy copies: `v` of `JSON.parse(JSON.stringify(v))` or `structuredClone(v)`. */
export function deepCopied(ts: typeof TS, call: TS.CallExpression): TS.Expression | undefined {
  const callee = unwrapExpression(ts, call.expression);
  const [arg] = call.arguments;
  if (!arg || call.arguments.length !== 1) return undefined;
  if (ts.isIdentifier(callee) && callee.text === 'structuredClone') return arg;
  const isJson = (e: TS.Expression, method: string) => ts.isPropertyAccessExpression(e) && e.name.text === method && ts.isIdentifier(e.expression) && e.expression.text === 'JSON';
  if (!isJson(callee, 'parse')) return undefined;
  const inner = unwrapExpression(ts, arg);
  return ts.isCallExpression(inner) && isJson(unwrapExpression(ts, inner.expression), 'stringify') && inner.arguments.length === 1 ? inner.arguments[0] : undefined;
}

/**
 * The values a min-max scaling rescales: `x` of `x.sub(min).div(max.sub(min))` with `min` and `max` its own
 * `x.min()` and `x.max()` (the codelab's normalisation, also run on label rows): 0/1 rows stay 0/1 under it.
 */
export function minMaxScaled(tree: SyntaxTree, call: TS.CallExpression): TS.Expression | undefined {
  const ts = tree.ts;
  // `a.op(b)` or `tf.op(a, b)`: the two operands of a binary op of that name.
  const operands = (e: TS.Expression, op: string): [TS.Expression, TS.Expression] | undefined => {
    const u = unwrapExpression(ts, e);
    if (!ts.isCallExpression(u)) return undefined;
    const callee = unwrapExpression(ts, u.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== op) return undefined;
    if (u.arguments.length === 1) return [callee.expression, u.arguments[0]!];
    return u.arguments.length === 2 && ts.isIdentifier(callee.expression) && callee.expression.text === 'tf' ? [u.arguments[0]!, u.arguments[1]!] : undefined;
  };
  const held = (e: TS.Expression): TS.Expression => {
    const u = unwrapExpression(ts, e);
    return ts.isIdentifier(u) ? unwrapExpression(ts, constValueOf(tree, u) ?? u) : u;
  };
  // `x.min()`, `tf.min(x)`: the `x` it reduces.
  const reduced = (e: TS.Expression, op: 'min' | 'max'): string | undefined => {
    const u = held(e);
    if (!ts.isCallExpression(u)) return undefined;
    const callee = unwrapExpression(ts, u.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== op) return undefined;
    const of = u.arguments.length === 0 ? callee.expression : u.arguments.length === 1 && ts.isIdentifier(callee.expression) && callee.expression.text === 'tf' ? u.arguments[0]! : undefined;
    return of && tree.compactSource(of);
  };
  const quotient = operands(call, 'div');
  const shifted = quotient && operands(quotient[0], 'sub');
  const range = quotient && operands(held(quotient[1]), 'sub');
  if (!shifted || !range) return undefined;
  const x = tree.compactSource(shifted[0]);
  return reduced(shifted[1], 'min') === x && reduced(range[1], 'min') === x && reduced(range[0], 'max') === x ? shifted[0] : undefined;
}

/** Classes whose values are exactly 0 and 1 (one-hot rows, 0/1 labels, booleans, comparisons) pass; any other verdict is continuous. */
export function zeroOneOnly<E extends { kind: 'classes' | 'continuous'; because: string }>(e: E | undefined, scaled: string): E | { kind: 'continuous'; because: string } | undefined {
  if (!e) return undefined;
  return e.kind === 'classes' && /one-hot|0\/1|booleans|comparisons/.test(e.because) ? e : { kind: 'continuous', because: scaled };
}
