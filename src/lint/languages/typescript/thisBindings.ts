/**
 * What `this` is in the ES5 ways of writing a class, which older tutorials and p5/ml5-era code still use:
 * - a constructor function and its prototype methods: `function Net() { this.model = … }` with
 *   `Net.prototype.train = function () { this.model.compile(…) }`, or `Net.prototype = { train: function () { … } }`;
 * - methods set in the constructor: `this.train = function () { … }`;
 * - an alias of `this` kept for nested functions: `var self = this;` then `self.model.fit(…)`.
 * Each of those `this` is the one object the constructor builds, so its fields are searched in all of them.
 */
import type * as TS from 'typescript';
import { keepsItsValue, resolveIdentifier } from './scope';
import { isFunctionNode, propertyName, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { after, afterWord, wordsAt } from './wordSearch';

/** Prototype methods searched per constructor. */
const MAX_PROTOTYPE_PARTS = 100;

/**
 * The constructor function a prototype member belongs to: `Net` of `Net.prototype.train = …`, of
 * `Net.prototype = { … }` and of `Object.assign(Net.prototype, { … })`, when the file declares `Net` as a function
 * (`function Net() {}`, `var Net = function () {}`).
 */
export function prototypeConstructor(tree: SyntaxTree, prototype: TS.Expression): TS.FunctionLikeDeclaration | undefined {
  const ts = tree.ts;
  const p = unwrapExpression(ts, prototype);
  if (!ts.isPropertyAccessExpression(p) || p.name.text !== 'prototype' || !ts.isIdentifier(p.expression)) return undefined;
  const d = resolveIdentifier(tree, p.expression);
  if (d?.kind === 'function' && ts.isFunctionDeclaration(d.node) && d.node.body) return d.node;
  const init = d?.kind === 'variable' && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  return init && ts.isFunctionExpression(init) && init.body ? init : undefined;
}

/** The expression a method is assigned to or spelled in: `X.prototype` (member or whole object), or `this` of a constructor. */
export function methodHolder(tree: SyntaxTree, fn: TS.FunctionExpression): { prototype?: TS.Expression; thisOf?: TS.Node } | undefined {
  const ts = tree.ts;
  const parent = tree.parent(fn);
  if (!parent) return undefined;
  if (ts.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrapExpression(ts, parent.left);
    if (!ts.isPropertyAccessExpression(left)) return undefined;
    // `this.train = function () { … }` in a constructor: `this` is the object the constructor builds.
    if (left.expression.kind === ts.SyntaxKind.ThisKeyword) return { thisOf: left.expression };
    return { prototype: left.expression };
  }
  // `Net.prototype = { train: function () { … } }`, `Object.assign(Net.prototype, { … })`.
  const obj = ts.isPropertyAssignment(parent) ? tree.parent(parent) : undefined;
  const prototype = obj && ts.isObjectLiteralExpression(obj) ? literalPrototype(tree, obj) : undefined;
  return prototype ? { prototype } : undefined;
}

/** `Net.prototype` of `Net.prototype = { … }` or `Object.assign(Net.prototype, { … })`, for that object literal. */
function literalPrototype(tree: SyntaxTree, obj: TS.ObjectLiteralExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const holder = tree.parent(obj);
  if (holder && ts.isBinaryExpression(holder) && holder.right === obj && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) return holder.left;
  if (holder && ts.isCallExpression(holder) && holder.arguments.indexOf(obj) > 0) return holder.arguments[0];
  return undefined;
}

/** The constructor function of the file whose prototype an object literal spells out (`Net.prototype = { … }`). */
export function literalPrototypeConstructor(tree: SyntaxTree, obj: TS.ObjectLiteralExpression): TS.FunctionLikeDeclaration | undefined {
  const prototype = literalPrototype(tree, obj);
  return prototype ? prototypeConstructor(tree, prototype) : undefined;
}

/**
 * The parts of a file where `this` is the object a constructor function builds, besides the constructor itself: its
 * prototype methods (`Net.prototype.train = function …`) and prototype objects (`Net.prototype = { … }`).
 */
export function prototypeParts(tree: SyntaxTree, ctor: TS.FunctionLikeDeclaration): readonly TS.Node[] {
  const ts = tree.ts;
  let known = partsOf.get(ctor);
  if (known) return known;
  known = [];
  partsOf.set(ctor, known);
  const name = ctor.name && ts.isIdentifier(ctor.name) ? ctor.name : variableName(tree, ctor);
  if (!name) return known;
  const parts: TS.Node[] = [];
  for (const k of wordsAt(tree.text, name.text, 0, tree.text.length, true)) {
    if (parts.length >= MAX_PROTOTYPE_PARTS) break;
    const dot = after(tree.text, k + name.text.length, '.');
    const end = dot < 0 ? -1 : afterWord(tree.text, dot, 'prototype');
    if (end < 0) continue;
    const node = tree.nodeAt(k, end);
    const access = ts.isPropertyAccessExpression(node) ? node : tree.parent(node);
    if (!access || !ts.isPropertyAccessExpression(access) || prototypeConstructor(tree, access) !== ctor) continue;
    const up = tree.parent(access);
    if (!up) continue;
    // `Net.prototype.train = function () { … }`
    const assigned = ts.isPropertyAccessExpression(up) ? tree.parent(up) : up;
    if (assigned && ts.isBinaryExpression(assigned) && assigned.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const right = unwrapExpression(ts, assigned.right);
      if (isFunctionNode(ts, right) || ts.isObjectLiteralExpression(right)) parts.push(right);
    } else if (ts.isCallExpression(up) && up.arguments[0] === access) {
      // `Object.assign(Net.prototype, { … })`
      for (const a of up.arguments.slice(1)) if (ts.isObjectLiteralExpression(unwrapExpression(ts, a))) parts.push(a);
    }
  }
  known.push(...parts);
  return known;
}

const partsOf = new WeakMap<TS.Node, TS.Node[]>();

function variableName(tree: SyntaxTree, fn: TS.FunctionLikeDeclaration): TS.Identifier | undefined {
  const ts = tree.ts;
  const parent = tree.parent(fn);
  return parent && ts.isVariableDeclaration(parent) && parent.initializer === fn && ts.isIdentifier(parent.name) ? parent.name : undefined;
}

/**
 * `self` of `var self = this;` (or `const that = this`), never given another value: the `this` it keeps.
 * Undefined for any other name.
 */
export function thisAliasOf(tree: SyntaxTree, id: TS.Identifier): TS.Expression | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  if (d?.kind !== 'variable' || !d.initializer) return undefined;
  const init = unwrapExpression(ts, d.initializer);
  if (init.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  return keepsItsValue(tree, id.text, d) ? init : undefined;
}

/**
 * The constructor function whose object `this` is at a node, in the ES5 ways: inside the constructor itself (and
 * `this.train = function () { … }` there), or inside one of its prototype methods. Undefined in a class or elsewhere.
 */
export function constructorOfThis(tree: SyntaxTree, at: TS.Node): TS.FunctionLikeDeclaration | undefined {
  const ts = tree.ts;
  for (const a of tree.ancestors(at)) {
    if (ts.isArrowFunction(a)) continue;
    if (ts.isClassLike(a)) return undefined;
    if (ts.isFunctionDeclaration(a)) return a.body ? a : undefined;
    if (ts.isMethodDeclaration(a)) {
      const holder = tree.parent(a);
      return holder && ts.isObjectLiteralExpression(holder) ? literalPrototypeConstructor(tree, holder) : undefined;
    }
    if (ts.isFunctionExpression(a)) {
      if (keepsOuterThis(tree, a)) continue;
      const holder = methodHolder(tree, a);
      if (holder?.thisOf) continue;
      if (holder?.prototype) return prototypeConstructor(tree, holder.prototype);
      return variableName(tree, a) ? a : undefined;
    }
  }
  return undefined;
}

/**
 * A method of the object a constructor function builds: `Net.prototype.name = function …`, `name` of
 * `Net.prototype = { … }`, or `this.name = function …` in the constructor.
 */
export function constructorMethod(tree: SyntaxTree, ctor: TS.FunctionLikeDeclaration, name: string): TS.Expression | undefined {
  const ts = tree.ts;
  for (const part of prototypeParts(tree, ctor)) {
    if (ts.isObjectLiteralExpression(part)) {
      const member = part.properties.find((p) => p.name !== undefined && propertyName(ts, p.name) === name);
      if (member && ts.isPropertyAssignment(member)) return member.initializer;
      if (member && ts.isMethodDeclaration(member)) return member as unknown as TS.Expression;
      continue;
    }
    const assigned = tree.parent(part);
    const left = assigned && ts.isBinaryExpression(assigned) ? unwrapExpression(ts, assigned.left) : undefined;
    if (left && ts.isPropertyAccessExpression(left) && left.name.text === name) return part as TS.Expression;
  }
  for (const st of ctor.body && ts.isBlock(ctor.body) ? ctor.body.statements : []) {
    const e = ts.isExpressionStatement(st) ? unwrapExpression(ts, st.expression) : undefined;
    if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = unwrapExpression(ts, e.left);
    if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name) return e.right;
  }
  return undefined;
}

/**
 * Whether a function expression runs with the `this` of the code around it: TypeScript's compiled async methods
 * (`__awaiter(this, …, function () { … })`, `__generator(this, function (_a) { … })`), `function () { … }.bind(this)`,
 * and a callback given `this` as its thisArg (`items.forEach(function (x) { … }, this)`).
 */
export function keepsOuterThis(tree: SyntaxTree, fn: TS.FunctionExpression): boolean {
  const ts = tree.ts;
  const parent = tree.parent(fn);
  if (!parent) return false;
  const isThis = (e: TS.Expression | undefined) => e !== undefined && unwrapExpression(ts, e).kind === ts.SyntaxKind.ThisKeyword;
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn)) {
    if (isThis(parent.arguments[0]) && /^_*(?:awaiter|generator)$/.test(tree.compactSource(parent.expression))) return true;
    const callee = unwrapExpression(ts, parent.expression);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    return parent.arguments[0] === fn && isThis(parent.arguments[1]) && method !== undefined && THIS_ARG_METHODS.has(method);
  }
  const call = ts.isPropertyAccessExpression(parent) && parent.name.text === 'bind' ? tree.parent(parent) : undefined;
  return !!call && ts.isCallExpression(call) && call.expression === parent && isThis(call.arguments[0]);
}

/** Array methods whose second argument is the callback's `this`. */
const THIS_ARG_METHODS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'flatMap']);

/**
 * `this.model` of `const model = this.model` (or `self.model`, or a `let` no code assigns again): a local name for a
 * field, which holds the field's object wherever it is used.
 */
export function fieldAliasOf(tree: SyntaxTree, id: TS.Identifier): TS.PropertyAccessExpression | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  if (d?.kind !== 'variable' || !d.initializer) return undefined;
  const init = unwrapExpression(ts, d.initializer);
  if (!ts.isPropertyAccessExpression(init) || !keepsItsValue(tree, id.text, d)) return undefined;
  const self = init.expression.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(init.expression) && thisAliasOf(tree, init.expression) !== undefined);
  return self ? init : undefined;
}
