/**
 * What the tests of a loss's `if`s and `?:`s say about configuration: the same setting met twice (which must go the
 * same way in one reading), and flags of the code around the loss (which are configuration, read each way).
 */
import type * as TS from 'typescript';
import type { Env } from './translationEnv';
import { enclosingClass } from './functionValues';
import { escapeRegExp, isParameterWritten, isPropertyName, keepsItsValue, referencesTo, resolveIdentifier, type Declaration } from './scope';
import { isFunctionNode, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** A test without its parentheses and negations, and whether an odd number of negations was taken off. */
function withoutNegations(ts: typeof TS, test: TS.Expression): { e: TS.Expression; negated: boolean } {
  let e = test;
  let negated = false;
  for (;;) {
    if (ts.isParenthesizedExpression(e)) e = e.expression;
    else if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      e = e.operand;
      negated = !negated;
    } else return { e, negated };
  }
}

/**
 * Whether a test reads a name the code gives other values (`if (p === 1) p = 0.999; if (p === 0) p = 0.001;` guards
 * of a prediction): a value of the code where it is tested, not a setting that goes one way throughout.
 */
export function testsReassignedName(tree: SyntaxTree, test: TS.Expression): boolean {
  const ts = tree.ts;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || isFunctionNode(ts, n)) return;
    if (ts.isIdentifier(n) && !isPropertyName(ts, tree, n)) {
      const d = resolveIdentifier(tree, n);
      found = (d?.kind === 'parameter' && isParameterWritten(tree, d.node)) || (d?.kind === 'variable' && !keepsItsValue(tree, n.text, d));
    } else ts.forEachChild(n, visit);
  };
  visit(test);
  return found;
}

/** A test's text without its negations and parentheses, in the function it is in: the same key is the same setting. */
export function testKey(tree: SyntaxTree, test: TS.Expression): { key: string; negated: boolean } {
  const ts = tree.ts;
  const { e, negated } = withoutNegations(ts, test);
  const fn = [...tree.ancestors(test)].find((a) => isFunctionNode(ts, a));
  return { key: `${fn ? tree.start(fn) : -1}:${tree.compactSource(e)}`, negated };
}

/**
 * A flag of the code around the loss tested bare (`useFocal ? focal(…) : tf.losses.softmaxCrossEntropy(…)`, `useFocal`
 * a parameter of the function that builds the loss, or a variable given a boolean or string literal), or flags joined
 * by && and ||: configuration, whatever it is, since a tensor's truthiness says nothing. The loss's own parameters
 * (`owners`, the declarations the reading has given symbols) keep their reading.
 */
export function outerFlag(tree: SyntaxTree, owners: ReadonlyMap<TS.Node | string, string>, test: TS.Expression, env: Env): boolean {
  const ts = tree.ts;
  const { e } = withoutNegations(ts, test);
  // `useWeights && !useFocal`: flags joined are a flag.
  const joins = [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken];
  if (ts.isBinaryExpression(e) && joins.includes(e.operatorToken.kind)) return outerFlag(tree, owners, e.left, env) && outerFlag(tree, owners, e.right, env);
  if (!ts.isIdentifier(e) || env.lookup(e.text) !== undefined) return false;
  const d = resolveIdentifier(tree, e);
  if (!d || owners.has(d.node)) return false;
  // A parameter, or a name destructured from one (`function train({ useWeights, useFocal })`).
  if (d.kind === 'parameter') return true;
  if (d.kind === 'binding') return [...tree.ancestors(d.node)].find((a) => !ts.isBindingElement(a) && !ts.isObjectBindingPattern(a) && !ts.isArrayBindingPattern(a))?.kind === ts.SyntaxKind.Parameter;
  const init = d.kind === 'variable' && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return d.kind === 'variable' && !!init && (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword || ts.isStringLiteral(init));
}

/** Objects that hold settings: `this.cfg`, `config`, `opts`, `hyperparams` … */
const SETTINGS_OBJECT = /^(cfg|conf|config|configuration|opts|options|params|hparams|hyper_?params|hyperparameters|settings|args)$/i;

/** A name destructured from a settings object (`const { clipEpsilon, valueCoef } = this.cfg`): a setting, not data. */
export function fromSettings(tree: SyntaxTree, element: TS.BindingElement): boolean {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const decl = pattern && tree.parent(pattern);
  if (!pattern || !ts.isObjectBindingPattern(pattern) || !decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const source = unwrapExpression(ts, decl.initializer);
  const name = ts.isPropertyAccessExpression(source) ? source.name.text : ts.isIdentifier(source) ? source.text : undefined;
  return name !== undefined && SETTINGS_OBJECT.test(name);
}

/**
 * A test the file decides: `CLASS_NAMES.length === 2` with `CLASS_NAMES` a constant list written out (a const, or a
 * class field no code of the class assigns or grows), `NUM_CLASSES > 2` with a const number. Undefined when it is a
 * real choice.
 */
export function decidedTest(tree: SyntaxTree, test: TS.Expression): boolean | undefined {
  const ts = tree.ts;
  const { e, negated } = withoutNegations(ts, test);
  if (!ts.isBinaryExpression(e)) return undefined;
  const a = constantNumber(tree, e.left);
  const b = constantNumber(tree, e.right);
  if (a === undefined || b === undefined) return undefined;
  const k = ts.SyntaxKind;
  switch (e.operatorToken.kind) {
    case k.EqualsEqualsEqualsToken:
    case k.EqualsEqualsToken:
      return (a === b) !== negated;
    case k.ExclamationEqualsEqualsToken:
    case k.ExclamationEqualsToken:
      return (a !== b) !== negated;
    case k.LessThanToken:
      return a < b !== negated;
    case k.LessThanEqualsToken:
      return a <= b !== negated;
    case k.GreaterThanToken:
      return a > b !== negated;
    case k.GreaterThanEqualsToken:
      return a >= b !== negated;
    default:
      return undefined;
  }
}

/** A number the file fixes: a literal, a const holding one, or the length of a constant list. */
export function constantNumber(tree: SyntaxTree, node: TS.Expression): number | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  if (ts.isNumericLiteral(n)) return Number(n.text);
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    const init = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
    return init && ts.isNumericLiteral(init) ? Number(init.text) : undefined;
  }
  if (ts.isPropertyAccessExpression(n) && n.name.text === 'length') {
    const list = constantList(tree, listOfSameLength(tree, n.expression));
    return list && !list.elements.some((x) => ts.isSpreadElement(x)) ? list.elements.length : undefined;
  }
  return undefined;
}

/** The list a const copies element for element (`const names = classList.map((c) => c.name)`): as long as that list. */
function listOfSameLength(tree: SyntaxTree, node: TS.Expression, depth = 0): TS.Expression {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  if (depth > 4 || !ts.isIdentifier(n)) return n;
  const d = resolveIdentifier(tree, n);
  const init = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  const copied = init ? copiedList(tree, init) : undefined;
  // A copy changed afterwards (`CLASS_NAMES.push('none')`) is not as long as what it copies.
  return copied && d?.kind === 'variable' && unchanged(tree, n.text, d) ? listOfSameLength(tree, copied, depth + 1) : n;
}

/**
 * Whether a const list is only read where it is seen: never grown, shrunk or set element by element, never handed to a
 * function (which may change it; `setter` is the one call that may take it), and never given another name.
 */
function unchanged(tree: SyntaxTree, name: string, decl: Declaration & { kind: 'variable' }, setter?: string): boolean {
  const ts = tree.ts;
  if (grows(tree, name, decl.container)) return false;
  for (const r of referencesTo(tree, decl.container, name, decl)) {
    const parent = tree.parent(r);
    if (!parent) continue;
    const set = tree.parent(parent);
    if (ts.isElementAccessExpression(parent) && parent.expression === r && set && ts.isBinaryExpression(set) && set.left === parent && set.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && set.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
    if (ts.isCallExpression(parent) && parent.arguments.includes(r as TS.Expression) && !(setter && ts.isIdentifier(parent.expression) && parent.expression.text === setter)) return false;
    if ((ts.isVariableDeclaration(parent) && parent.initializer === r) || (ts.isBinaryExpression(parent) && parent.right === r && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) return false;
  }
  return true;
}

/** `list.map(f)` or `[...list]`: the list it copies element for element. */
function copiedList(tree: SyntaxTree, e: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'map' && e.arguments.length >= 1) return e.expression.expression;
  const [only] = ts.isArrayLiteralExpression(e) && e.elements.length === 1 ? e.elements : [];
  return only && ts.isSpreadElement(only) ? only.expression : undefined;
}

/**
 * A React state list (`const [classList, setClassList] = useState([…four classes…])`) whose setter is only ever given
 * copies of it (`setClassList([...classList])`, a const holding one, a `map` of it): renamed entries, never more or
 * fewer, so its initial list says how many there are.
 */
function stateList(tree: SyntaxTree, element: TS.BindingElement): TS.Expression | undefined {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const decl = pattern && tree.parent(pattern);
  if (!pattern || !ts.isArrayBindingPattern(pattern) || pattern.elements[0] !== element || !decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const init = unwrapExpression(ts, decl.initializer);
  const setter = pattern.elements[1];
  if (!ts.isCallExpression(init) || !/^(React\.)?useState$/.test(tree.compactSource(init.expression)) || !init.arguments[0] || !setter || !ts.isBindingElement(setter) || !ts.isIdentifier(setter.name) || !ts.isIdentifier(element.name)) return undefined;
  const state = element.name.text;
  const setterName = setter.name.text;
  const scope = [...tree.ancestors(decl)].find((a) => ts.isBlock(a) || ts.isSourceFile(a)) ?? tree.file;
  // `[...classList]`, `classList.map(f)`, a const holding one that is never changed before it is set (`const next =
  // [...classList]; next[i].name = v` renames; `next.push(c)` does not keep the count), or an updater returning a copy
  // of the list it is given (`setClassList((prev) => prev.map(…))`).
  const copyOf = (arg: TS.Expression | undefined, list: string): boolean => {
    const a = arg && unwrapExpression(ts, arg);
    if (!a) return false;
    if (ts.isIdentifier(a)) {
      const d = resolveIdentifier(tree, a);
      return d?.kind === 'variable' && d.isConst && !!d.initializer && unchanged(tree, a.text, d, setterName) && copyOf(d.initializer, list);
    }
    const copied = copiedList(tree, a);
    if (copied) return ts.isIdentifier(unwrapExpression(ts, copied)) && (unwrapExpression(ts, copied) as TS.Identifier).text === list;
    const given = isFunctionNode(ts, a) ? a.parameters[0] : undefined;
    const returned = isFunctionNode(ts, a) && a.body && !ts.isBlock(a.body) ? a.body : undefined;
    return !!given && ts.isIdentifier(given.name) && !!returned && copyOf(returned as TS.Expression, given.name.text);
  };
  let ok = true;
  const visit = (node: TS.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(node) && node.text === setterName && node !== setter.name) {
      const call = tree.parent(node);
      if (!call || !ts.isCallExpression(call) || call.expression !== node || !copyOf(call.arguments[0], state)) ok = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return ok ? init.arguments[0] : undefined;
}

/** Methods that change a list in place. */
const GROWS = /^(push|pop|shift|unshift|splice|fill|length)$/;

/** A list written out that nothing changes: a variable's array literal, or a class field's that the class never assigns or grows. */
function constantList(tree: SyntaxTree, node: TS.Expression): TS.ArrayLiteralExpression | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  let init: TS.Expression | undefined;
  let name: string;
  let scope: TS.Node;
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    if (d?.kind === 'binding') {
      // A React state list only ever set to copies of itself.
      const state = stateList(tree, d.node);
      if (!state) return undefined;
      init = state;
    } else {
      // A const, or a `let`/`var` no code assigns again (`let class_names = []` that nothing fills).
      if (d?.kind !== 'variable' || !d.initializer || !keepsItsValue(tree, n.text, d)) return undefined;
      // An element set (`names[k] = …`) grows it.
      if (new RegExp(`(?<![\\w$.])${escapeRegExp(n.text)}\\s*\\[[^\\]]*\\]\\s*=[^=]`).test(tree.source(d.container))) return undefined;
      init = d.initializer;
    }
    name = n.text;
    scope = d.container;
  } else if (ts.isPropertyAccessExpression(n) && n.name.text === 'value' && ts.isIdentifier(n.expression)) {
    // A Vue ref of a list (`const CLASSES = ref(['a', 'b', 'c'])`, read as `CLASSES.value`), never given another.
    const d = resolveIdentifier(tree, n.expression);
    if (d?.kind !== 'variable' || !d.isConst || !d.initializer) return undefined;
    const made = unwrapExpression(ts, d.initializer);
    if (!ts.isCallExpression(made) || !ts.isIdentifier(made.expression) || !/^(?:ref|shallowRef)$/.test(made.expression.text) || !made.arguments[0]) return undefined;
    name = `${n.expression.text}.value`;
    scope = d.container;
    if (new RegExp(`(?<![\\w$.])${escapeRegExp(name)}\\s*(?:\\[[^\\]]*\\]\\s*)?=[^=]`).test(tree.source(scope))) return undefined;
    init = made.arguments[0];
  } else if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(tree, n);
    const field = cls?.members.find((m): m is TS.PropertyDeclaration => ts.isPropertyDeclaration(m) && !!m.name && ts.isIdentifier(m.name) && m.name.text === n.name.text);
    if (!cls || !field?.initializer) return undefined;
    init = field.initializer;
    name = n.name.text;
    scope = cls;
    // Assigned again anywhere in the class: not constant.
    if (new RegExp(`this\\s*\\.\\s*${escapeRegExp(name)}\\s*=[^=]`).test(tree.source(cls))) return undefined;
  } else return undefined;
  const list = unwrapExpression(ts, init);
  return ts.isArrayLiteralExpression(list) && !grows(tree, name, scope) ? list : undefined;
}

/** Whether a list of this name is grown, emptied or resized in place anywhere in the scope (`names.push(…)`, `names.length = 0`). */
function grows(tree: SyntaxTree, name: string, scope: TS.Node): boolean {
  const uses = [...tree.source(scope).matchAll(new RegExp(`(?<![\\w$])${escapeRegExp(name)}\\s*\\.\\s*(\\w+)(\\s*=[^=])?`, 'g'))];
  return uses.some((m) => GROWS.test(m[1]!) && (m[1] !== 'length' || m[2] !== undefined));
}

/** Names of a loss's flag that asks for its derivative instead (`prime`, `derivative`, `deriv`, `isDerivative`). */
export const DERIVATIVE_FLAG_NAMES = 'prime|derivative|deriv|derivate|isDerivative|isPrime|derive|der|backward|gradient|grad';
export const DERIVATIVE_FLAG = new RegExp(`^(?:${DERIVATIVE_FLAG_NAMES})$`, 'i');

/**
 * `prime` in `if (prime)` of `loss(yTrue, yPred, prime = false)`: a parameter named for a derivative whose default is
 * `false`, so the function's own value, unasked, is the loss.
 */
export function asksForDerivative(tree: SyntaxTree, test: TS.Expression): boolean {
  const ts = tree.ts;
  const e = unwrapExpression(ts, test);
  const d = ts.isIdentifier(e) && DERIVATIVE_FLAG.test(e.text) ? resolveIdentifier(tree, e) : undefined;
  if (d?.kind !== 'parameter' || !d.node.initializer) return false;
  return unwrapExpression(ts, d.node.initializer).kind === ts.SyntaxKind.FalseKeyword && !isParameterWritten(tree, d.node);
}
