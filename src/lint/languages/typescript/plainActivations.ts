/**
 * The output activation of a network written in plain JavaScript, as from-scratch code writes one:
 *
 *     function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }
 *     const output = weights.map((row) => sigmoid(dot(row, hidden)));
 *
 * A call of a function of the file that computes 1 / (1 + e^(−z)) is a sigmoid, and so is an array mapped through one
 * (`xs.map(sigmoid)`, `row.map((v) => sigmoid(v))`); a function named `softmax` that exponentiates is a softmax.
 */
import type * as TS from 'typescript';
import { returnedUnasked, returnedWhenDecided } from './decidedReturns';
import { functionValue, propertyOf, returnedExpressions } from './functionValues';
import { isPlaceholder, thisMemberValues, thisOwner } from './objectValues';
import { resolveIdentifier } from './scope';
import { bindingKey, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

type Activation = 'sigmoid' | 'softmax';

const MAX_DEPTH = 3;
const known = new WeakMap<FunctionNode, Activation | null>();
/** What each field of a class (or object) holds, read once: `this.a2` is asked at every subtraction that meets it. */
const memberActivations = new WeakMap<TS.Node, Map<string, Activation | null>>();
const MAX_MEMBER_VALUES = 8;
const bindingActivations = new WeakMap<TS.BindingElement, Activation | null>();

/** The activation a plain-JavaScript value ends in: a call of a sigmoid or softmax of the file, or an array mapped through one. */
export function plainActivation(tree: SyntaxTree, value: TS.Expression, depth = 0): Activation | undefined {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return undefined;
  let e = unwrapExpression(ts, value);
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    if (d?.kind === 'binding') return destructuredActivation(tree, d.node, depth);
    // A `let` or `var` the code never assigns again (`var l1 = nonlin(dot(l0, syn0))` in a loop's body) holds its value too.
    if (d?.kind !== 'variable' || !d.initializer || (!d.isConst && assignedNames(tree, d.container).has(e.text))) return undefined;
    e = unwrapExpression(ts, d.initializer);
  }
  // `this.a2` of a network class that sets `this.a2 = this.sigmoid(this.z2)`: what every assignment gives it.
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    // A field's start (`a2: number = 0`, `null`) is a placeholder the forward pass overwrites.
    // Asked once per field of an owner (a cycle `this.a = this.b; this.b = this.a` reads as unknown), a few values at most.
    const owner = thisOwner(tree, e);
    if (!owner) return undefined;
    let byKey = memberActivations.get(owner);
    if (!byKey) memberActivations.set(owner, (byKey = new Map()));
    const field = e;
    return readOnce(byKey, field.name.text, () => {
      const given = thisMemberValues(tree, field, field.name.text).filter((v) => !isPlaceholder(ts, v) && !ts.isNumericLiteral(unwrapExpression(ts, v)));
      return given.length <= MAX_MEMBER_VALUES ? sameActivation(given.map((v) => plainActivation(tree, v, depth + 1))) : undefined;
    });
  }
  if (ts.isBinaryExpression(e)) return isSigmoidFormula(tree, e) ? 'sigmoid' : undefined;
  if (!ts.isCallExpression(e)) return undefined;
  if (isLibrarySigmoid(tree, e)) return 'sigmoid';
  const callee = unwrapExpression(ts, e.expression);
  // `xs.map(sigmoid)`, `row.map((v) => sigmoid(v + b))`: element by element, what the mapped function returns.
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && e.arguments.length >= 1) {
    const mapped = functionValue(tree, e.arguments[0]!);
    return mapped ? functionActivation(tree, mapped, depth + 1) : undefined;
  }
  const fn = functionValue(tree, e.expression);
  return fn ? functionActivation(tree, fn, depth + 1) : undefined;
}

/** What a function of the file computes, when it is a sigmoid or a softmax (`sigmoid(x)`, `softmax(z)`, a layer of them). */
export function plainFunctionActivation(tree: SyntaxTree, fn: FunctionNode): Activation | undefined {
  return functionActivation(tree, fn, 0);
}

function functionActivation(tree: SyntaxTree, fn: FunctionNode, depth: number): Activation | undefined {
  return readOnce(known, fn, () => readFunction(tree, fn, depth));
}

/** A reading kept once made; asked again while it is being made (a cycle), it is unknown. */
function readOnce<K>(cache: { get(key: K): Activation | null | undefined; set(key: K, value: Activation | null): unknown }, key: K, read: () => Activation | undefined): Activation | undefined {
  const seen = cache.get(key);
  if (seen !== undefined) return seen ?? undefined;
  cache.set(key, null);
  const found = read();
  cache.set(key, found ?? null);
  return found;
}

/** The activation every one of several values has, when there are some and they agree. */
function sameActivation(found: readonly (Activation | undefined)[]): Activation | undefined {
  return found.length > 0 && found.every((a) => a === found[0]) ? found[0] : undefined;
}

function readFunction(tree: SyntaxTree, fn: FunctionNode, depth: number): Activation | undefined {
  const ts = tree.ts;
  const name = nameOf(tree, fn);
  // A softmax is written in too many ways to read (a max subtracted, a sum kept, a loop): its name and its exp say it.
  if (name && /^softmax$/i.test(name) && /\bexp\b/.test(tree.compactSource(fn))) return 'softmax';
  const returned = returnedExpressions(tree, fn);
  // One return, or the one a switch on a setting the file fixes takes (`switch (ACTIVATION) { case 'sigmoid': … }`).
  // Or, of an activation that gives its derivative when asked (`nonlin(x, deriv)`), what it returns unasked.
  const only = returnedUnasked(tree, fn) ?? (returned.length === 1 ? returned[0] : returnedWhenDecided(tree, fn));
  if (!only) return undefined;
  const r = unwrapExpression(ts, only);
  if (ts.isBinaryExpression(r)) return isSigmoidFormula(tree, r) ? 'sigmoid' : undefined;
  if (ts.isCallExpression(r) && isLibrarySigmoid(tree, r)) return 'sigmoid';
  return plainActivation(tree, r, depth);
}

function nameOf(tree: SyntaxTree, fn: FunctionNode): string | undefined {
  const ts = tree.ts;
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = tree.parent(fn);
  return parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/** `1 / (1 + Math.exp(-z))` (or `exp(-z) + 1`, `Math.E ** -z`): the logistic function written out. */
function isSigmoidFormula(tree: SyntaxTree, e: TS.BinaryExpression): boolean {
  const ts = tree.ts;
  if (e.operatorToken.kind !== ts.SyntaxKind.SlashToken || !isNumber(ts, e.left, 1)) return false;
  const sum = unwrapExpression(ts, e.right);
  if (!ts.isBinaryExpression(sum) || sum.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  return (isNumber(ts, sum.left, 1) && isExp(tree, sum.right)) || (isNumber(ts, sum.right, 1) && isExp(tree, sum.left));
}

/** A numeric literal of the given value (`1`, `(1)`). */
export function isNumber(ts: typeof TS, e: TS.Expression, value: number): boolean {
  const u = unwrapExpression(ts, e);
  return ts.isNumericLiteral(u) && Number(u.text) === value;
}

/** `Math.exp(…)`, `Math.E ** …`, `Math.pow(Math.E, …)`; a matrix library's `math.exp(…)`, `numeric.exp(…)`, `math.pow(math.e, …)`. */
function isExp(tree: SyntaxTree, e: TS.Expression): boolean {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (ts.isBinaryExpression(u)) return u.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken && tree.compactSource(u.left) === 'Math.E';
  if (!ts.isCallExpression(u)) return false;
  const callee = tree.compactSource(u.expression);
  return /^(?:[\w$]+\.)?exp$/.test(callee) || (/^[\w$]+\.pow$/.test(callee) && !!u.arguments[0] && isEulerNumber(tree, u.arguments[0]));
}

/**
 * The logistic function written with a matrix library's calls: `numeric.div(1, numeric.add(1, numeric.exp(numeric.neg(x))))`,
 * `math.dotDivide(1, math.add(1, math.exp(math.multiply(-1, z))))`.
 */
function isLibrarySigmoid(tree: SyntaxTree, call: TS.CallExpression): boolean {
  const ts = tree.ts;
  const name = (c: TS.CallExpression) => /^(?:[\w$]+\.)?([\w$]+)$/.exec(tree.compactSource(c.expression))?.[1] ?? '';
  if (!/^(?:div|divide|dotDivide)$/.test(name(call)) || call.arguments.length !== 2 || !isNumber(ts, call.arguments[0]!, 1)) return false;
  const sum = unwrapExpression(ts, call.arguments[1]!);
  if (!ts.isCallExpression(sum) || name(sum) !== 'add' || sum.arguments.length !== 2) return false;
  const [a, b] = sum.arguments;
  return (isNumber(ts, a!, 1) && isExp(tree, b!)) || (isNumber(ts, b!, 1) && isExp(tree, a!));
}

/** `Math.E`, `2.71828`, or a name the file gives it (`this.E` of a field `E = 2.71828`, `const E = Math.E`). */
function isEulerNumber(tree: SyntaxTree, e: TS.Expression): boolean {
  const ts = tree.ts;
  const u = unwrapExpression(ts, e);
  if (tree.compactSource(u) === 'Math.E' || (ts.isNumericLiteral(u) && Math.abs(Number(u.text) - Math.E) < 1e-3)) return true;
  return (ts.isIdentifier(u) || ts.isPropertyAccessExpression(u)) && /^(?:E|e|EULER|euler)$/.test(ts.isIdentifier(u) ? u.text : u.name.text);
}

/** `const { a2 } = this.forward(x)`: the activation of that field in every object the forward pass returns. */
function destructuredActivation(tree: SyntaxTree, element: TS.BindingElement, depth: number): Activation | undefined {
  // Read once per binding (a forward pass that destructures its own result, `const { a2 } = this.forward(x)` inside
  // `forward`, would otherwise be read again at every return).
  return readOnce(bindingActivations, element, () => readDestructured(tree, element, depth));
}

function readDestructured(tree: SyntaxTree, element: TS.BindingElement, depth: number): Activation | undefined {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const decl = pattern && ts.isObjectBindingPattern(pattern) ? tree.parent(pattern) : undefined;
  const key = bindingKey(ts, element);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrapExpression(ts, decl.initializer) : undefined;
  const fn = key !== undefined && init && ts.isCallExpression(init) ? functionValue(tree, init.expression) : undefined;
  const objects = fn ? returnedExpressions(tree, fn).map((r) => unwrapExpression(ts, r)) : [];
  if (!objects.length || !objects.every((o) => ts.isObjectLiteralExpression(o))) return undefined;
  return sameActivation(objects.map((o) => {
    const field = propertyOf(ts, o as TS.ObjectLiteralExpression, key!);
    return field ? plainActivation(tree, field, depth + 1) : undefined;
  }));
}

const assignedByContainer = new WeakMap<TS.Node, Set<string>>();

/**
 * Every name a container assigns after its declaration (`x = …`, `x += …`, `x++`, `[x, y] = …`), found in one walk and
 * kept: asked for each `let` and `var` a network reads, it must not walk the file once per name.
 */
function assignedNames(tree: SyntaxTree, container: TS.Node): Set<string> {
  const ts = tree.ts;
  let names = assignedByContainer.get(container);
  if (names) return names;
  const found = new Set<string>();
  const addAll = (n: TS.Node): void => {
    if (ts.isIdentifier(n)) found.add(n.text);
    else ts.forEachChild(n, addAll);
  };
  const visit = (n: TS.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = unwrapExpression(ts, n.left);
      if (ts.isIdentifier(left)) found.add(left.text);
      else if (ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left)) addAll(left);
    }
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
      const operand = unwrapExpression(ts, n.operand);
      if (ts.isIdentifier(operand)) found.add(operand.text);
    }
    if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && !ts.isVariableDeclarationList(n.initializer)) addAll(n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(container);
  assignedByContainer.set(container, (names = found));
  return names;
}
