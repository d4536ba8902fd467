/**
 * Which function an expression stands for, the way losses and model builders are passed around: a function
 * literal, a name bound to one, `this.method` (or `this.method.bind(this)`), a property of a const object, and a
 * wrapper that only forwards its parameters (`(a, b) => this.loss(a, b)`), seen through to what it calls.
 */
import type * as TS from 'typescript';
import { reactState, vueMethod } from './componentState';
import { callsByName } from './namedCalls';
import { isPlaceholder } from './objectValues';
import { assignmentsTo, globalPropertyWritten, implicitGlobalReferences, implicitGlobalValues, isAssignedTo, isParameterWritten, isWrittenTo, referencesTo, resolveIdentifier, type Declaration } from './scope';
import { isFunctionNode, propertyName, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { constructorMethod, constructorOfThis, thisAliasOf } from './thisBindings';
import { literalField } from './literalFields';
import { promisedValues } from './promisedValues';
import { factoryClass } from './staticFactories';
import type { TfBindings } from './tfBindings';

export { callsByName };

const MAX_DEPTH = 6;

/** The class a node is in, if any. */
export function enclosingClass(tree: SyntaxTree, node: TS.Node): TS.ClassLikeDeclaration | undefined {
  const ts = tree.ts;
  return [...tree.ancestors(node)].find((a) => ts.isClassLike(a)) as TS.ClassLikeDeclaration | undefined;
}

/**
 * The class of the file an object is an instance of: `new Net(3)` itself, a variable, or a field where the class sets
 * `this.actor = new ActorNet(…)` (or declares `actor = new ActorNet()`), every time with the same class. Used for the
 * methods it calls and the model it keeps (`agent.actor.compile(…)`, `this.net.actor.compile(…)`).
 */
export function instanceClass(tree: SyntaxTree, holder: TS.Expression): TS.ClassLikeDeclaration | undefined {
  return sameClass(tree, madeFrom(tree, holder));
}

/** The name of the class an object is every time made with (`new TransformerModel(…)`), a class of another file too. */
export function instanceOf(tree: SyntaxTree, holder: TS.Expression): TS.Identifier | undefined {
  const ts = tree.ts;
  const names = madeFrom(tree, holder).filter((v) => !isEmptyValue(ts, unwrapExpression(ts, v))).map((v) => {
    const e = unwrapExpression(ts, v);
    const callee = ts.isNewExpression(e) ? unwrapExpression(ts, e.expression) : undefined;
    return callee && ts.isIdentifier(callee) ? callee : undefined;
  });
  const [first] = names;
  return first && names.every((n) => n?.text === first.text) ? first : undefined;
}

/** The constructor function (`function Net(…) { this.w = … }`) of the values an object is made with, `new Net(…)`. */
function constructorFunctionOf(tree: SyntaxTree, madeWith: readonly TS.Expression[]): TS.FunctionDeclaration | undefined {
  const ts = tree.ts;
  const fns = madeWith.filter((m) => !isEmptyValue(ts, unwrapExpression(ts, m))).map((m) => {
    const v = unwrapExpression(ts, m);
    const callee = ts.isNewExpression(v) ? unwrapExpression(ts, v.expression) : undefined;
    const d = callee && ts.isIdentifier(callee) ? resolveIdentifier(tree, callee) : undefined;
    return d?.kind === 'function' && ts.isFunctionDeclaration(d.node) ? d.node : undefined;
  });
  return fns.length > 0 && fns.every((f) => f && f === fns[0]) ? fns[0] : undefined;
}

/** The values an object is given: itself when it is a `new`, a variable's, or a field's in its class. */
function madeFrom(tree: SyntaxTree, holder: TS.Expression): TS.Expression[] {
  const ts = tree.ts;
  const h = unwrapExpression(ts, holder);
  if (ts.isNewExpression(h)) return [h];
  // `const k = new Classifier(…); k.train(set)`: a variable only ever given instances of one class.
  if (ts.isIdentifier(h)) {
    const d = resolveIdentifier(tree, h);
    // `async function train(model, …) { … model.call(x) … }` called with `new SequenceModel(…)` (or a const holding one)
    // at every call in the file.
    if (d?.kind === 'parameter' && ts.isIdentifier(d.node.name)) {
      return instancesAmong(tree, parameterValues(tree, d.node) ?? [], false);
    }
    // `const [network, setNetwork] = useState(null)` given `setNetwork(new NeuralNetwork())`: what the state holds.
    if (d?.kind === 'binding') return stateInstances(tree, d.node);
    // `net = new Network(…)` in a script that never declares `net` (a sloppy-mode global): what it is given, unless it
    // is also written another way (`[net] = …`, `net ??= …`, `window.net = …`).
    if (!d) {
      const refs = implicitGlobalReferences(tree, h.text);
      return refs.length === 0 || refs.some((r) => isWrittenTo(ts, tree, r) && !isAssignedTo(ts, tree, r)) || globalPropertyWritten(tree, h.text) ? [] : implicitGlobalValues(tree, h.text);
    }
    if (d?.kind !== 'variable') return [];
    // Asked of every `x.method` the lint follows: only a name made with `new`, or declared empty (`let agent;`), is
    // looked at further.
    // A start that only holds the place (`var net = "";`, `= null`, `= 0`) until `net = new Net(…)` is no value.
    const start = d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
    const init = start && !isPlaceholderStart(ts, start) ? start : undefined;
    if (init ? !ts.isNewExpression(init) : d.isConst) return [];
    return [...(init ? [init] : []), ...(d.isConst ? [] : assignmentsTo(tree, h.text, d).map((a) => a.right))];
  }
  if (ts.isPropertyAccessExpression(h) && ts.isIdentifier(h.expression)) return literalField(tree, h.expression, h.name.text);
  if (!ts.isPropertyAccessExpression(h) || h.expression.kind !== ts.SyntaxKind.ThisKeyword) return [];
  const owner = enclosingClass(tree, h);
  if (!owner) return [];
  const key = h.name.text;
  const made: TS.Expression[] = [];
  const visit = (n: TS.Node): void => {
    if (made.length > 4) return;
    if (ts.isPropertyDeclaration(n) && n.initializer && n.name && propertyName(ts, n.name) === key) made.push(n.initializer);
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrapExpression(ts, n.left);
      if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === key) made.push(n.right);
    }
    if (!ts.isClassLike(n) || n === owner) ts.forEachChild(n, visit);
  };
  visit(owner);
  return made;
}

/** The instances React state holds (its start and what its setter is given), when every one is a `new` or empty. */
function stateInstances(tree: SyntaxTree, element: TS.BindingElement): TS.Expression[] {
  const pattern = tree.parent(element);
  const held = pattern && tree.ts.isArrayBindingPattern(pattern) ? reactState(tree, pattern, element) : undefined;
  return instancesAmong(tree, (held ?? []).map((v) => v.node as TS.Expression), true);
}

/**
 * What each of `values` is made with: a `new`, or a variable's (madeFrom), and with `empty` a null kept as it is
 * (sameClass passes over it). Nothing when one of them is anything else.
 */
function instancesAmong(tree: SyntaxTree, values: readonly TS.Expression[], empty: boolean): TS.Expression[] {
  const ts = tree.ts;
  const made = values.map((v) => unwrapExpression(ts, v)).flatMap((v) => (ts.isNewExpression(v) || (empty && isEmptyValue(ts, v)) ? [v] : ts.isIdentifier(v) && resolveIdentifier(tree, v)?.kind === 'variable' ? madeFrom(tree, v) : []));
  return made.length === values.length ? made : [];
}

/** A start that only holds the place: `null`, `undefined`, `void 0`, `""` or `0`. */
function isPlaceholderStart(ts: typeof TS, e: TS.Expression): boolean {
  return isPlaceholder(ts, e) || (ts.isStringLiteralLike(e) && e.text === '') || (ts.isNumericLiteral(e) && Number(e.text) === 0);
}

function isEmptyValue(ts: typeof TS, e: TS.Expression): boolean {
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
}

/** The class of the file every one of `made` is a `new` of (undefined when they differ, or none is). */
function sameClass(tree: SyntaxTree, made: readonly TS.Expression[]): TS.ClassLikeDeclaration | undefined {
  const ts = tree.ts;
  let found: TS.ClassLikeDeclaration | undefined;
  for (const value of made) {
    const e = unwrapExpression(ts, value);
    // `this.nn = null` in a constructor, before `this.nn = new NeuralNetwork(…)`: a field not yet made, no other class.
    if (isEmptyValue(ts, e)) continue;
    const callee = ts.isNewExpression(e) ? unwrapExpression(ts, e.expression) : undefined;
    const d = callee && ts.isIdentifier(callee) ? resolveIdentifier(tree, callee) : undefined;
    const cls = d?.kind === 'other' && ts.isClassDeclaration(d.node) ? d.node : factoryClass(tree, e);
    if (!cls || (found && found !== cls)) return undefined;
    found = cls;
  }
  return found;
}

/** A class member holding a function: a method, or a property initialised with one (with `instanceOnly`, not a static one). */
export function memberFunction(tree: SyntaxTree, cls: TS.ClassLikeDeclaration, name: string, depth = 0, instanceOnly = false): FunctionNode | undefined {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return undefined;
  for (const m of cls.members) {
    if (!m.name || propertyName(ts, m.name) !== name) continue;
    if (instanceOnly && ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword)) continue;
    if (ts.isMethodDeclaration(m) && m.body) return m;
    // `lossFn = (yTrue, yPred) => …`, or a method bound to the instance (`lossFn = this.focalLoss.bind(this)`).
    if (ts.isPropertyDeclaration(m) && m.initializer) return functionValue(tree, m.initializer, depth + 1);
  }
  // `constructor() { this.lossFn = this.focalLoss.bind(this); }`
  const ctor = cls.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  for (const st of ctor?.body?.statements ?? []) {
    const e = ts.isExpressionStatement(st) ? unwrapExpression(ts, st.expression) : undefined;
    if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = unwrapExpression(ts, e.left);
    if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) return functionValue(tree, e.right, depth + 1);
  }
  // `class IterativeAttack extends Attack` calling `this.createSurrogateModel(…)` that Attack defines.
  const base = superclassOf(tree, cls);
  return base ? memberFunction(tree, base, name, depth + 1, instanceOnly) : undefined;
}

/** The class of this file a class extends (`class B extends A`), when it is one. */
function superclassOf(tree: SyntaxTree, cls: TS.ClassLikeDeclaration): TS.ClassLikeDeclaration | undefined {
  const ts = tree.ts;
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const d = base && ts.isIdentifier(base) ? resolveIdentifier(tree, base) : undefined;
  return d?.kind === 'other' && ts.isClassLike(d.node) && d.node !== cls ? d.node : undefined;
}

/** React's `useCallback(fn, deps)` (also as `React.useCallback`), or another call that hands back the function it wraps. */
function isCallbackHook(tree: SyntaxTree, call: TS.Node): call is TS.CallExpression {
  const ts = tree.ts;
  if (!ts.isCallExpression(call)) return false;
  if (/^(?:React\.)?useCallback$/.test(tree.compactSource(call.expression))) return true;
  // A wrapper that hands back the function it is given (`predict = autoDispose((x) => …)`, `const f = memoize(function …)`),
  // as the value of a declaration.
  const callee = unwrapExpression(ts, call.expression);
  const holder = tree.parent(call);
  return ts.isIdentifier(callee) && !NOT_WRAPPERS.test(callee.text) && call.arguments.length === 1 && isFunctionNode(ts, unwrapExpression(ts, call.arguments[0]!)) && !!holder && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === call;
}

/** Calls that take a function and give back something else: TF.js's (a value, a gradient function), timers, framework hooks. */
const NOT_WRAPPERS = /^(?:tidy|grad|grads|valueAndGrad|valueAndGrads|customGrad|variableGrads|setTimeout|setInterval|setImmediate|requestAnimationFrame|requestIdleCallback|queueMicrotask|computed|reactive|ref|readable|writable|derived|memo|useMemo|useEffect|useLayoutEffect|useState|watch|watchEffect|onMounted|describe|it|test|Promise|require|eval)$/;

/** The variable a function is held in through `const f = useCallback(fn, [])` or another wrapper (`p = autoDispose(fn)`). */
export function hookHolder(tree: SyntaxTree, fn: FunctionNode): TS.VariableDeclaration | TS.PropertyDeclaration | undefined {
  const ts = tree.ts;
  const call = tree.parent(fn);
  const holder = call && isCallbackHook(tree, call) && call.arguments[0] === fn ? tree.parent(call) : undefined;
  return holder && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && ts.isIdentifier(holder.name) ? holder : undefined;
}

export function functionValue(tree: SyntaxTree, expr: TS.Expression, depth = 0): FunctionNode | undefined {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return undefined;
  const v = unwrapExpression(ts, expr);
  if (isFunctionNode(ts, v)) return v;
  if (isCallbackHook(tree, v) && v.arguments[0]) return functionValue(tree, v.arguments[0], depth + 1);
  if (ts.isIdentifier(v)) {
    const d = resolveIdentifier(tree, v);
    if (d?.kind === 'function') return d.node;
    if (d?.kind === 'variable' && d.initializer) return functionValue(tree, d.initializer, depth + 1);
    // `loss = (input, output) => …` in a script that never declares `loss`: the one function it is given.
    const given = d ? [] : implicitGlobalValues(tree, v.text);
    return given.length === 1 ? functionValue(tree, given[0]!, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(v)) {
    const self = v.expression.kind === ts.SyntaxKind.ThisKeyword ? v.expression : ts.isIdentifier(v.expression) ? thisAliasOf(tree, v.expression) : undefined;
    // `this.createModel()` in a constructor function or its prototype methods (`Net.prototype.createModel = …`).
    const ctor = self && constructorOfThis(tree, self);
    const method = ctor && constructorMethod(tree, ctor, v.name.text);
    if (method) return functionValue(tree, method, depth + 1);
    if (v.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(tree, v);
      if (cls) return memberFunction(tree, cls, v.name.text, depth + 1);
      // A method of an object literal (`Net.prototype = { build() { this.extractor(x) } }`): `this` is that object.
      const holder = [...tree.ancestors(v)].find((a) => ts.isObjectLiteralExpression(a)) as TS.ObjectLiteralExpression | undefined;
      // In a Vue component's options `this` is the component: a method of its `methods` group, called from `mounted()`,
      // a watcher or another group.
      const prop = holder && (propertyOf(ts, holder, v.name.text) ?? vueMethod(tree, holder, v.name.text));
      return prop ? functionValue(tree, prop, depth + 1) : undefined;
    }
    const obj = objectLiteral(tree, v.expression, depth + 1);
    const prop = obj && propertyOf(ts, obj, v.name.text);
    if (prop) return functionValue(tree, prop, depth + 1);
    // `this.actor.forward(s)` with `this.actor = new ActorNet(…)`: the method of that class of the file.
    // An instance has the class's methods, not its static ones.
    const made = madeFrom(tree, v.expression);
    const cls = made.length ? sameClass(tree, made) : undefined;
    if (cls) return memberFunction(tree, cls, v.name.text, depth + 1, true);
    // `nn.train(…)` with `nn = new NeuralNetwork(…)` of a constructor function: `NeuralNetwork.prototype.train = …`.
    const maker = made.length ? constructorFunctionOf(tree, made) : undefined;
    const ofPrototype = maker && constructorMethod(tree, maker, v.name.text);
    if (ofPrototype) return functionValue(tree, ofPrototype, depth + 1);
    // `Factory.create()`: a static method of a class of the file.
    const named = ts.isIdentifier(v.expression) ? resolveIdentifier(tree, v.expression) : undefined;
    const statics = named?.kind === 'other' && ts.isClassDeclaration(named.node) ? named.node.members : undefined;
    return statics?.find((m): m is TS.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && !!m.name && propertyName(ts, m.name) === v.name.text && !!ts.getModifiers(m)?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword));
  }
  if (ts.isCallExpression(v)) {
    const callee = unwrapExpression(ts, v.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return functionValue(tree, callee.expression, depth + 1);
  }
  return undefined;
}

/** The function of the file a function's only statement returns a call of, with two arguments or more (`() => myLoss(y, p)`). */
export function soleCallee(tree: SyntaxTree, fn: FunctionNode): FunctionNode | undefined {
  const ts = tree.ts;
  const body = fn.body;
  let returned: TS.Expression | undefined;
  if (body && ts.isBlock(body)) {
    const statements = body.statements;
    const last = statements[statements.length - 1];
    if (statements.length === 1 && last && ts.isReturnStatement(last)) returned = last.expression;
  } else if (body) {
    returned = body as TS.Expression;
  }
  const inner = returned ? unwrapExpression(ts, returned) : undefined;
  if (!inner || !ts.isCallExpression(inner) || inner.arguments.length < 2) return undefined;
  return functionValue(tree, inner.expression);
}

/** `(a, b) => f(a, b)` or `function (a, b) { return this.f(a, b); }`: the function it forwards to. */
export function forwardedFunction(tree: SyntaxTree, fn: FunctionNode): FunctionNode | undefined {
  const ts = tree.ts;
  const body = fn.body;
  if (!body) return undefined;
  let returned: TS.Expression | undefined;
  if (ts.isBlock(body)) {
    const [only] = body.statements;
    if (body.statements.length === 1 && only && ts.isReturnStatement(only)) returned = only.expression;
  } else {
    returned = body as TS.Expression;
  }
  const call = returned && unwrapExpression(ts, returned);
  if (!call || !ts.isCallExpression(call)) return undefined;
  const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  if (names.length < 2 || call.arguments.length !== names.length) return undefined;
  const forwards = call.arguments.every((a, i) => {
    const x = unwrapExpression(ts, a);
    return ts.isIdentifier(x) && x.text === names[i];
  });
  if (!forwards) return undefined;
  const target = functionValue(tree, call.expression);
  return target && target !== fn ? target : undefined;
}

export function objectLiteral(tree: SyntaxTree, expr: TS.Expression, depth = 0): TS.ObjectLiteralExpression | undefined {
  const ts = tree.ts;
  if (depth > MAX_DEPTH) return undefined;
  const v = unwrapExpression(ts, expr);
  if (ts.isObjectLiteralExpression(v)) return v;
  if (ts.isIdentifier(v)) {
    const d = resolveIdentifier(tree, v);
    if (d?.kind === 'variable' && d.initializer) return objectLiteral(tree, d.initializer, depth + 1);
  }
  // `const f = this.f()` with `f() { return { p: fp, v: fv } }`: the one object the function returns.
  if (ts.isCallExpression(v)) {
    const fn = functionValue(tree, v.expression, depth + 1);
    const returned = fn ? returnedExpressions(tree, fn) : [];
    return returned.length === 1 ? objectLiteral(tree, returned[0]!, depth + 1) : undefined;
  }
  return undefined;
}

/** The value of an object literal's property `name` (a method counts as its function). */
export function propertyOf(ts: typeof TS, obj: TS.ObjectLiteralExpression, name: string): TS.Expression | undefined {
  let found: TS.Expression | undefined;
  for (const p of obj.properties) {
    if (!p.name || propertyName(ts, p.name) !== name) continue;
    if (ts.isPropertyAssignment(p)) found = p.initializer;
    else if (ts.isShorthandPropertyAssignment(p)) found = p.name;
    else if (ts.isMethodDeclaration(p)) found = p as unknown as TS.Expression;
  }
  return found;
}

/** Every expression a function returns (nested functions excluded). */
export function returnedExpressions(tree: SyntaxTree, fn: FunctionNode): TS.Expression[] {
  const ts = tree.ts;
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body as TS.Expression];
  const out: TS.Expression[] = [];
  const visit = (n: TS.Node): void => {
    if (isFunctionNode(ts, n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out.flatMap((e) => promisedValues(tree, e) ?? [e]);
}

/** The name a function is called by: its own, or that of the variable or property holding it. */
export function nameOfFunction(tree: SyntaxTree, fn: FunctionNode): string | undefined {
  const ts = tree.ts;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return propertyName(ts, fn.name);
  const parent = tree.parent(fn);
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  // `Net.prototype.train = function (…) { … }`: called as `net.train(…)`.
  const left = parent && ts.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? unwrapExpression(ts, parent.left) : undefined;
  if (left && ts.isPropertyAccessExpression(left) && /\.prototype$/.test(tree.compactSource(left.expression))) return left.name.text;
  return (hookHolder(tree, fn)?.name as TS.Identifier | undefined)?.text;
}

/** Calls of `fn` in this file (`f(…)`, `this.f(…)`, `obj.f(…)`), at most `limit`. */
export function callsOf(tree: SyntaxTree, fn: FunctionNode, limit = 20): TS.CallExpression[] {
  const name = nameOfFunction(tree, fn);
  const out: TS.CallExpression[] = [];
  for (const call of name ? callsByName(tree, name) : []) {
    if (out.length >= limit) break;
    if (functionValue(tree, call.expression) === fn) out.push(call as TS.CallExpression);
  }
  return out;
}

/** The arguments a parameter receives at the calls of its function (or `new` of its class) in this file. */
export function argumentsOf(tree: SyntaxTree, parameter: TS.ParameterDeclaration): TS.Expression[] {
  return argumentsAtCalls(tree, parameter).filter((a): a is TS.Expression => a !== undefined);
}

/** What each call of its function (or `new` of its class) in this file gives a parameter; undefined where it gives nothing. */
export function argumentsAtCalls(tree: SyntaxTree, parameter: TS.ParameterDeclaration): (TS.Expression | undefined)[] {
  const ts = tree.ts;
  const fn = tree.parent(parameter);
  if (!fn || !(isFunctionNode(ts, fn) || ts.isConstructorDeclaration(fn))) return [];
  const index = fn.parameters.indexOf(parameter);
  if (index < 0 || parameter.dotDotDotToken) return [];
  const cls = ts.isConstructorDeclaration(fn) ? tree.parent(fn) : undefined;
  const calls = cls ? (ts.isClassLike(cls) ? constructionsOf(tree, cls) : []) : callsOf(tree, fn as FunctionNode);
  return calls.map((c) => c.arguments?.[index]);
}

/**
 * What a parameter holds, at each call of its function (or `new` of its class) in this file: the argument or, where the
 * call gives none (or `undefined`), the default. Undefined where other code may call it (the function or class is
 * exported, or no call of it is seen here), where the body assigns the parameter, or where a call leaves it unset.
 */
export function parameterValues(tree: SyntaxTree, parameter: TS.ParameterDeclaration): TS.Expression[] | undefined {
  const ts = tree.ts;
  const fn = tree.parent(parameter);
  if (!fn || !ts.isIdentifier(parameter.name) || !calledOnlyHere(tree, fn)) return undefined;
  const decl = { kind: 'parameter', node: parameter, fn } as Declaration;
  if (referencesTo(tree, fn, parameter.name.text, decl).some((r) => isAssignmentTarget(ts, tree, r))) return undefined;
  const given = givenAtCalls(tree, parameter);
  return given.length > 0 && given.every((v) => v !== undefined) ? (given as TS.Expression[]) : undefined;
}

/** What each call of this file gives a parameter: its argument, or its default where the call gives none (or `undefined`). */
function givenAtCalls(tree: SyntaxTree, parameter: TS.ParameterDeclaration): (TS.Expression | undefined)[] {
  const ts = tree.ts;
  return argumentsAtCalls(tree, parameter).map((a) => (a && !(ts.isIdentifier(a) && a.text === 'undefined') ? a : parameter.initializer));
}

/**
 * The values a parameter with a default may hold, each once: what the calls of this file give it, and the default too
 * where other code may call the function (exported, or no call here). Undefined without a default, or where the body
 * gives the parameter another value.
 */
export function parameterWays(tree: SyntaxTree, parameter: TS.ParameterDeclaration): TS.Expression[] | undefined {
  const fn = tree.parent(parameter);
  if (!fn || !parameter.initializer || isParameterWritten(tree, parameter)) return undefined;
  const given = givenAtCalls(tree, parameter) as TS.Expression[];
  if (given.length === 0 || !calledOnlyHere(tree, fn)) given.push(parameter.initializer);
  return [...new Set(given.map((a) => unwrapExpression(tree.ts, a)))];
}

/** Whether a function (or a class's constructor) has a name no other file can call it by: not exported. */
export function calledOnlyHere(tree: SyntaxTree, fn: TS.Node): boolean {
  const ts = tree.ts;
  // A constructor's or a method's class: `new Net(…)`, `net.build(…)` of a class no other file can name.
  const owner = ts.isConstructorDeclaration(fn) || ts.isMethodDeclaration(fn) ? tree.parent(fn) : fn;
  const holder = owner && tree.parent(owner);
  const name = owner && (ts.isFunctionDeclaration(owner) || ts.isClassDeclaration(owner)) ? owner.name : holder && ts.isVariableDeclaration(holder) ? holder.name : undefined;
  return !!name && ts.isIdentifier(name) && !isExported(tree, name.text);
}

/** Whether a top-level name of the file is exported (`export function`, `export { a }`, `module.exports = { a }`, `exports.a = …`). */
function isExported(tree: SyntaxTree, name: string): boolean {
  let names = exportedByFile.get(tree.file);
  if (!names) exportedByFile.set(tree.file, (names = exportedNames(tree)));
  return names.has(name);
}

/** The names a file exports, read once per parse: declarations marked `export`, export lists, CommonJS assignments. */
function exportedNames(tree: SyntaxTree): Set<string> {
  const ts = tree.ts;
  const out = new Set<string>();
  for (const st of tree.file.statements) {
    if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) out.add(st.name.text);
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.add(d.name.text);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) out.add((e.propertyName ?? e.name).text);
    } else if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) {
      out.add(st.expression.text);
    } else if (ts.isExpressionStatement(st) && /\b(?:module\.)?exports\b/.test(tree.source(st))) {
      // `module.exports = { a, b: c }`, `exports.a = a`: every name the statement mentions.
      for (const word of tree.source(st).match(/[A-Za-z_$][\w$]*/g) ?? []) out.add(word);
    }
  }
  return out;
}

const exportedByFile = new WeakMap<TS.SourceFile, Set<string>>();

function isAssignmentTarget(ts: typeof TS, tree: SyntaxTree, id: TS.Identifier): boolean {
  const parent = tree.parent(id);
  if (parent && ts.isBinaryExpression(parent) && parent.left === id && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  const step = parent && (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) ? parent.operator : undefined;
  return step === ts.SyntaxKind.PlusPlusToken || step === ts.SyntaxKind.MinusMinusToken;
}

/** `new C(…)` of a named class in this file, at most `limit`. */
export function constructionsOf(tree: SyntaxTree, cls: TS.ClassLikeDeclaration, limit = 20): TS.NewExpression[] {
  const ts = tree.ts;
  const out: TS.NewExpression[] = [];
  for (const created of cls.name ? callsByName(tree, cls.name.text, 'new') : []) {
    if (out.length >= limit) break;
    const id = unwrapExpression(ts, created.expression);
    const d = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
    if (d?.node === cls || (d?.kind === 'variable' && d.initializer === cls)) out.push(created as TS.NewExpression);
  }
  return out;
}

/** `tf.tidy(() => loss({ … }))`, `tf.tidy(() => { …; return x; })`: the one value the tidy's function returns. */
export function tidyReturned(tree: SyntaxTree, tf: TfBindings, e: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  if (!ts.isCallExpression(e) || tf.path(e.expression) !== 'tidy' || e.arguments.length !== 1) return undefined;
  const fn = unwrapExpression(ts, e.arguments[0]!);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const returned = returnedExpressions(tree, fn);
  return returned.length === 1 ? unwrapExpression(ts, returned[0]!) : undefined;
}
