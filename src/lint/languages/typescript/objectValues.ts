/**
 * What a property read gives, the way configuration travels in real code: `CONFIG.loss` of a const object,
 * `this.cfg.activation` where the constructor set `this.cfg = Object.assign({}, DEFAULTS, options)` or
 * `{ ...DEFAULTS, ...options }`, nested objects (`CONFIG.model.activation`), a field the class assigns
 * (`this.ys = tf.tensor(labels)`). Later sources win, as at run time; a source the file cannot read (options
 * given in another file) is passed over, so a default stands unless an override is visible.
 */
import type * as TS from 'typescript';
import { argumentsAtCalls, argumentsOf, calledOnlyHere, functionValue, returnedExpressions } from './functionValues';
import { componentData, reactState, vueComponent } from './componentState';
import { constValueOf, implicitGlobalValues, isIdentifierName, isParameterWritten, referencesTo, resolveIdentifier } from './scope';
import { keepsOuterThis, literalPrototypeConstructor, methodHolder, prototypeConstructor, prototypeParts, thisAliasOf } from './thisBindings';
import { bindingKey, propertyName, stringValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { after, afterWord, wordsAt } from './wordSearch';
import { forOfElements, iteratedElements } from './iteratedArrays';
// The properties an owner name's object holds (`modelRef.current`) live in their own module; read here as before.
export { objectPropertyAssignments, objectPropertyReferences } from './objectProperties';

const MAX_DEPTH = 8;
const MAX_REFERENCES = 200;
const MAX_VALUES = 8;
/** Steps one property search may take. */
const MAX_STEPS = 200;
/** Words a search for a path spelled out looks at (`dino.training` among every `training` of the file). */
const MAX_PATH_LOOKS = 200;

/** An expression with the file it is in: a value may come from another file (`new Net(config)` there). */
export interface Located {
  tree: SyntaxTree;
  node: TS.Expression;
}

/** The arguments a parameter receives where its own file cannot see the calls (another file's `new Net(config)`). */
export type OuterArguments = (tree: SyntaxTree, parameter: TS.ParameterDeclaration) => Located[];

/** The class a name of a file imports from another file of the project (`import { Data } from './data'`). */
export type ImportedClass = (tree: SyntaxTree, id: TS.Identifier) => { tree: SyntaxTree; node: TS.ClassLikeDeclaration } | undefined;

/** The function a name of a file imports from another file of the project (`import { loadData } from './data'`). */
export type ImportedFunction = (tree: SyntaxTree, id: TS.Identifier) => { tree: SyntaxTree; node: FunctionNode } | undefined;

/** What other files add to a property's values: the arguments they give, the classes and functions they export. */
export interface OtherFiles {
  outer?: OuterArguments;
  importedClass?: ImportedClass;
  importedFunction?: ImportedFunction;
}

/** Every expression the code shows property `key` of `obj` may hold, the one that wins at run time first. */
function memberValues(tree: SyntaxTree, obj: TS.Expression, key: string, search: Search, depth: number): Located[] {
  const ts = tree.ts;
  if (depth > MAX_DEPTH || --search.left < 0) return [];
  const o = unwrapExpression(ts, obj);
  const here = (nodes: TS.Expression[]): Located[] => nodes.map((node) => ({ tree, node }));
  const firstOf = (sources: Located[]): Located[] => {
    for (const source of sources) {
      const v = memberValues(source.tree, source.node, key, search, depth + 1);
      if (v.length) return v;
    }
    return [];
  };
  if (o.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = thisOwner(tree, o);
    return owner ? here(ownMemberValues(tree, owner, key)) : [];
  }
  if (ts.isObjectLiteralExpression(o)) return literalMember(tree, o, key, search, depth);
  if (ts.isNewExpression(o) && ts.isIdentifier(o.expression)) {
    // A property the class's constructor or methods assign: `new Data(rows).ys`.
    const d = resolveIdentifier(tree, o.expression);
    const cls = d?.kind === 'other' && ts.isClassDeclaration(d.node) ? d.node : d?.kind === 'variable' && d.initializer && ts.isClassExpression(d.initializer) ? d.initializer : undefined;
    if (cls) return here(ownMemberValues(tree, cls, key));
    // `import { ControllerDataset } from './controller_dataset'`: the fields the class assigns in its own file.
    const imported = search.other?.importedClass?.(tree, o.expression);
    return imported ? ownMemberValues(imported.tree, imported.node, key).map((node) => ({ tree: imported.tree, node })) : [];
  }
  if (ts.isIdentifier(o)) {
    const d = resolveIdentifier(tree, o);
    let held: Located[] = [];
    if (d?.kind === 'variable' && d.initializer) held = memberValues(tree, d.initializer, key, search, depth + 1);
    // `for (const sample of XOR_DATA) { … sample.target … }`: each row of the array the file writes out.
    else if (d?.kind === 'variable') held = forOfElements(tree, d.node).flatMap((v) => memberValues(tree, v, key, search, depth + 1)).slice(0, MAX_VALUES);
    else if (d?.kind === 'parameter') {
      // Every call may pass its own object: the values of all of them, or the parameter's default when none shows one.
      const passed = givenTo(tree, d.node, search).flatMap((a) => memberValues(a.tree, a.node, key, search, depth + 1)).slice(0, MAX_VALUES);
      held = passed.length || !d.node.initializer ? passed : memberValues(tree, d.node.initializer, key, search, depth + 1);
    }
    // A sloppy-mode global (`data = generateData(n)` with no declaration): each value it is assigned.
    else if (!d) held = implicitGlobalValues(tree, o.text).flatMap((v) => memberValues(tree, v, key, search, depth + 1)).slice(0, MAX_VALUES);
    // Else what the file sets on it (`dino.training = …` of an object the game hands over, an imported `Blast`).
    return held.length ? held : here(pathAssignments(tree, o, key));
  }
  if (ts.isPropertyAccessExpression(o) || ts.isElementAccessExpression(o)) {
    const inner = firstOf(membersRead(tree, o, search, depth + 1));
    return inner.length || !ts.isPropertyAccessExpression(o) ? inner : here(pathAssignments(tree, o, key));
  }
  if (ts.isCallExpression(o) && isObjectAssign(ts, o.expression)) return firstOf([...o.arguments].reverse().map((node) => ({ tree, node })));
  if (ts.isCallExpression(o)) {
    // What a function of the file returns: `const data = await loadData(); data.labels`.
    return callReturns(tree, o, search.other).flatMap((r) => memberValues(r.tree, r.node, key, search, depth + 1)).slice(0, MAX_VALUES);
  }
  return [];
}

/**
 * The values the file assigns to `obj.key` spelled as one path (`dino.training = { inputs: [], labels: [] }` where
 * `dino` is whichever object the game passes its handlers, under the same name in each): how a script keeps state on an
 * object it is handed. Only a path spelled the same way counts.
 */
function pathAssignments(tree: SyntaxTree, obj: TS.Identifier | TS.PropertyAccessExpression, key: string): TS.Expression[] {
  const ts = tree.ts;
  const path = `${tree.compactSource(obj)}.${key}`;
  // Asked again for every read of the same path: found once per parse.
  let byPath = pathAssignmentsFound.get(tree);
  if (!byPath) pathAssignmentsFound.set(tree, (byPath = new Map()));
  const known = byPath.get(path);
  if (known) return known;
  const out: TS.Expression[] = [];
  byPath.set(path, out);
  for (const access of accessesSpelled(tree, path, key)) {
    const assignment = tree.parent(access);
    if (assignment && ts.isBinaryExpression(assignment) && assignment.left === access && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) out.push(assignment.right);
    if (out.length >= MAX_VALUES) break;
  }
  return out;
}

/** The accesses of the file spelled `path` (without spaces), whose last name is `key`: `dino.training.labels`. */
export function accessesSpelled(tree: SyntaxTree, path: string, key: string): TS.PropertyAccessExpression[] {
  const ts = tree.ts;
  const out: TS.PropertyAccessExpression[] = [];
  let looked = 0;
  for (const k of wordsAt(tree.text, key)) {
    if (++looked > MAX_PATH_LOOKS) break;
    const id = tree.nodeAt(k, k + key.length);
    const access = ts.isIdentifier(id) ? tree.parent(id) : undefined;
    if (access && ts.isPropertyAccessExpression(access) && access.name === id && tree.compactSource(access) === path) out.push(access);
  }
  return out;
}

const pathAssignmentsFound = new WeakMap<SyntaxTree, Map<string, TS.Expression[]>>();

/** What `a.b` or `a['b']` reads, when the code shows one value for it (one call passes the object, or none and a default stands). */
export function readMember(tree: SyntaxTree, access: TS.PropertyAccessExpression | TS.ElementAccessExpression, other?: OtherFiles): Located | undefined {
  const values = readMemberValues(tree, access, other);
  return values.length === 1 ? values[0] : undefined;
}

/**
 * The one value a member is given, not counting a placeholder (`this.compileOptions = null` in the constructor, then
 * `this.compileOptions = options` in a setter): a compile of the placeholder would throw, so the value it reads is the
 * other one.
 */
export function setMemberValue(tree: SyntaxTree, n: TS.PropertyAccessExpression | TS.ElementAccessExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const values = readMemberValues(tree, n);
  if (values.length === 1) return values[0]!.node;
  const set = values.filter((v) => !isPlaceholder(ts, v.node));
  return set.length === 1 && set.length < values.length && set[0]!.tree === tree ? set[0]!.node : undefined;
}

/** The one value this file gives a member, placeholders aside (`this.output = tf.layers.dense(…)` over `output: null`). */
export function heldMemberValue(tree: SyntaxTree, n: TS.PropertyAccessExpression): TS.Expression | undefined {
  const held = readMemberValues(tree, n).filter((v) => v.tree === tree && !isPlaceholder(tree.ts, v.node));
  return held.length === 1 ? (held[0]!.node as TS.Expression) : undefined;
}

/**
 * The values `this.a.b` is given where the object `this.a` holds is set up field by field: assignments to `this.a.b`
 * in the class or component (a Vue method's `this.layers.outputLayer = tf.layers.dense(…)` beside `data()`'s
 * `layers: { outputLayer: null }`). Placeholders are left out.
 */
export function nestedThisMemberValues(tree: SyntaxTree, n: TS.PropertyAccessExpression): TS.Expression[] {
  const ts = tree.ts;
  const holder = n.expression;
  if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== ts.SyntaxKind.ThisKeyword) return [];
  const owner = thisOwner(tree, holder);
  if (!owner) return [];
  const key = n.name.text;
  return thisMemberReferences(tree, owner, holder.name.text).flatMap((ref) => {
    const access = tree.parent(ref);
    const assignment = access && tree.parent(access);
    return access && ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === key && assignment && ts.isBinaryExpression(assignment) && assignment.left === access && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken && !isPlaceholder(ts, assignment.right) ? [assignment.right] : [];
  });
}

/** `null`, `undefined`, `void 0`: a value a field is given until it is set (`this.compileOptions = null`). */
export function isPlaceholder(ts: typeof TS, node: TS.Node): boolean {
  const n = unwrapExpression(ts, node as TS.Expression);
  return n.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(n) && n.text === 'undefined') || ts.isVoidExpression(n);
}

/** Every value `a.b` or `a['b']` may read: one per call that passes the object, the one that wins at run time first. */
export function readMemberValues(tree: SyntaxTree, access: TS.PropertyAccessExpression | TS.ElementAccessExpression, other?: OtherFiles): Located[] {
  return membersRead(tree, access, { ...(other ? { other } : {}), left: MAX_STEPS, given: new Map() }, 0);
}

/** Every value a name destructured from an object may take (`const { xs, ys } = loadData(rows)` reads `ys` of it). */
export function destructuredValues(tree: SyntaxTree, element: TS.BindingElement, other?: OtherFiles): Located[] {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const decl = pattern && tree.parent(pattern);
  if (!pattern || !decl || element.dotDotDotToken) return [];
  // `({ trainingData, outputData }) => …` called as `f({ trainingData, outputData })`: what each call passes.
  // `for (const [x, t] of data)` of `const data = [[[0, 1], [1]], …]`: each element of the array written out.
  const sources = ts.isVariableDeclaration(decl) ? (decl.initializer ? [decl.initializer] : forOfElements(tree, decl)) : ts.isParameter(decl) ? argumentsOf(tree, decl) : [];
  if (ts.isArrayBindingPattern(pattern)) {
    const state = reactState(tree, pattern, element);
    if (state) return state;
    return sources.flatMap((source) => elementValues(tree, source, pattern.elements.indexOf(element), other, 0));
  }
  if (!ts.isObjectBindingPattern(pattern)) return [];
  const key = bindingKey(ts, element);
  return key === undefined ? [] : sources.flatMap((source) => memberValues(tree, source, key, { ...(other ? { other } : {}), left: MAX_STEPS, given: new Map() }, 0));
}

/** A name destructured from a value of this file (`const { a } = f()`), or from a parameter of a function no other file calls. */
export function destructuredHere(tree: SyntaxTree, element: TS.BindingElement): boolean {
  const decl = tree.parent(tree.parent(element) ?? element);
  const fn = decl && tree.ts.isParameter(decl) ? tree.parent(decl) : undefined;
  return !fn || calledOnlyHere(tree, fn);
}

/**
 * Every value a destructured name may take, its default among them: `constructor({ activation = 'sigmoid' } = {})`
 * called as `new NN({ inputShape })` (or not called in this file) gets 'sigmoid'; a caller that passes `activation`
 * gives its value. Undefined when a source may hold the key without the file showing it (a spread, an object read
 * from elsewhere).
 */
export function destructuredWithDefault(tree: SyntaxTree, element: TS.BindingElement): Located[] | undefined {
  const ts = tree.ts;
  const pattern = tree.parent(element);
  const decl = pattern && tree.parent(pattern);
  if (!element.initializer || !pattern || !decl || !ts.isObjectBindingPattern(pattern)) return undefined;
  const key = bindingKey(ts, element);
  if (key === undefined) return undefined;
  let sources = ts.isVariableDeclaration(decl) ? [decl.initializer] : ts.isParameter(decl) ? argumentsAtCalls(tree, decl) : undefined;
  // `function build(opts) { const { loss = 'mse' } = opts; … }`: what the calls give the parameter destructured.
  const from = sources?.length === 1 && sources[0] && ts.isIdentifier(unwrapExpression(ts, sources[0])) ? resolveIdentifier(tree, unwrapExpression(ts, sources[0]) as TS.Identifier) : undefined;
  if (from?.kind === 'parameter' && !isParameterWritten(tree, from.node)) sources = argumentsAtCalls(tree, from.node).map((a) => a ?? from.node.initializer);
  if (!sources) return undefined;
  const out: Located[] = [];
  // A parameter no call of this file gives (`new NN()`, or no call here at all) holds its default.
  if (sources.length === 0 || sources.includes(undefined)) out.push({ tree, node: element.initializer });
  for (const source of sources) {
    if (!source) continue;
    const o = unwrapExpression(ts, source);
    if (!ts.isObjectLiteralExpression(o)) return undefined;
    if (o.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
    const given = literalMember(tree, o, key, { left: MAX_STEPS, given: new Map() }, 0);
    out.push(...(given.length ? given : [{ tree, node: element.initializer }]));
  }
  return out;
}

/**
 * The values at `index` of the arrays an expression may hold: `const [xs, ys] = getData()` with `return [xs, ys]`, a
 * `tf.tidy(() => …)` around it, a helper imported from another file.
 */
function elementValues(tree: SyntaxTree, expr: TS.Expression, index: number, other: OtherFiles | undefined, depth: number): Located[] {
  const ts = tree.ts;
  const e = unwrapExpression(ts, expr);
  if (depth > MAX_DEPTH) return [];
  if (ts.isArrayLiteralExpression(e)) {
    const el = e.elements[index];
    return el && !ts.isSpreadElement(el) && !ts.isOmittedExpression(el) ? [{ tree, node: el }] : [];
  }
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' && d.initializer ? elementValues(tree, d.initializer, index, other, depth + 1) : [];
  }
  if (!ts.isCallExpression(e)) return [];
  return callReturns(tree, e, other).flatMap((r) => elementValues(r.tree, r.node, index, other, depth + 1)).slice(0, MAX_VALUES);
}

/** What a call of a function of the file returns, or of one imported from another file (`import { loadData } from './data'`). */
function callReturns(tree: SyntaxTree, call: TS.CallExpression, other: OtherFiles | undefined): Located[] {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, call.expression);
  // `tf.tidy(() => ({ xs, ys }))`, `tf.tidy('name', fn)`: what the function it runs returns (a data helper's wrapper).
  const tidy = ts.isPropertyAccessExpression(callee) && callee.name.text === 'tidy' && callee.expression.kind !== ts.SyntaxKind.ThisKeyword && call.arguments.length ? functionValue(tree, call.arguments[call.arguments.length - 1]!) : undefined;
  if (tidy) return returnedExpressions(tree, tidy).map((node) => ({ tree, node }));
  const local = functionValue(tree, call.expression);
  const found = local ? { tree, node: local } : ts.isIdentifier(callee) ? other?.importedFunction?.(tree, callee) : undefined;
  return found ? returnedExpressions(found.tree, found.node).map((node) => ({ tree: found.tree, node })) : [];
}

/**
 * One search for a property's values: how many steps it may still take (callers that pass objects built from their
 * own parameters multiply the paths, so the search is bounded however the code is written) and the arguments each
 * parameter was found to receive.
 */
interface Search {
  other?: OtherFiles;
  left: number;
  given: Map<TS.ParameterDeclaration, Located[]>;
}

function membersRead(tree: SyntaxTree, access: TS.PropertyAccessExpression | TS.ElementAccessExpression, search: Search, depth: number): Located[] {
  const ts = tree.ts;
  const key = ts.isPropertyAccessExpression(access) ? access.name.text : stringValue(ts, unwrapExpression(ts, access.argumentExpression));
  if (key !== undefined) return memberValues(tree, access.expression, key, search, depth);
  // `TABLE[id]` of a const table the file writes out (`train_configs[id]`): any of its entries.
  const table = unwrapExpression(ts, access.expression);
  const init = ts.isIdentifier(table) ? constValueOf(tree, table) : undefined;
  if (!init || !ts.isObjectLiteralExpression(init) || !init.properties.every((p) => ts.isPropertyAssignment(p))) return [];
  return init.properties.slice(0, MAX_VALUES).map((p) => ({ tree, node: (p as TS.PropertyAssignment).initializer }));
}

/** The arguments a parameter receives, in its file and (through `outer`) in others; looked up once per search. */
function givenTo(tree: SyntaxTree, parameter: TS.ParameterDeclaration, search: Search): Located[] {
  const known = search.given.get(parameter);
  if (known) return known;
  const given = [...argumentsOf(tree, parameter).map((node) => ({ tree, node })), ...iteratedElements(tree, parameter), ...(search.other?.outer?.(tree, parameter) ?? [])];
  search.given.set(parameter, given);
  return given;
}

/** The values assigned to `this.key` in the class (or object of methods) around `at`, and its field initialiser. */
export function thisMemberValues(tree: SyntaxTree, at: TS.Node, key: string): TS.Expression[] {
  const owner = thisOwner(tree, at);
  return owner ? ownMemberValues(tree, owner, key) : [];
}

/**
 * The value a class declares a member with: a field's initializer (`model = tf.sequential()`) or a parameter
 * property's default (`constructor(readonly model = tf.sequential())`).
 */
export function declaredClassMember(ts: typeof TS, cls: TS.ClassLikeDeclaration, key: string): TS.Expression | undefined {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.initializer && m.name && propertyName(ts, m.name) === key) return m.initializer;
    if (ts.isConstructorDeclaration(m)) {
      const p = m.parameters.find((p) => p.initializer && ts.isIdentifier(p.name) && p.name.text === key && ts.isParameterPropertyDeclaration(p, m));
      if (p) return p.initializer;
    }
  }
  return undefined;
}

/** The values a class (or object of methods) assigns to its own property `key`. */
function ownMemberValues(tree: SyntaxTree, owner: TS.Node, key: string): TS.Expression[] {
  const ts = tree.ts;
  const values: TS.Expression[] = [];
  if (ts.isClassLike(owner)) {
    const declared = declaredClassMember(ts, owner, key);
    if (declared) values.push(declared);
  }
  // A Vue component's `data() { return { model: tf.sequential() } }`: the state its methods' `this` holds.
  if (ts.isObjectLiteralExpression(owner)) values.push(...componentData(tree, owner, key));
  for (const ref of thisMemberReferences(tree, owner, key)) {
    const parent = tree.parent(ref);
    if (parent && ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) values.push(parent.right);
  }
  return values;
}

/**
 * What `this` is where a node is, as the code around it says: the class of a method, the object literal whose method
 * it is (`Net.prototype = { build() { … } }`, `{ build: function () { … } }`) or a constructor function
 * (`function Net() { this.model = … }`). Arrow functions see through; an object literal that is only a value
 * (`compile({ loss: this.lossName })`) is not `this`.
 */
export function thisOwner(tree: SyntaxTree, at: TS.Node): TS.Node | undefined {
  const ts = tree.ts;
  for (const a of tree.ancestors(at)) {
    if (ts.isClassLike(a) || ts.isFunctionDeclaration(a)) return a;
    if (ts.isMethodDeclaration(a) || ts.isGetAccessorDeclaration(a) || ts.isSetAccessorDeclaration(a) || ts.isConstructorDeclaration(a)) {
      const holder = tree.parent(a);
      // `Net.prototype = { build() { … } }`: the object the constructor `Net` builds.
      return (holder && ts.isObjectLiteralExpression(holder) ? literalPrototypeConstructor(tree, holder) ?? vueComponent(tree, holder) : undefined) ?? holder;
    }
    if (ts.isFunctionExpression(a)) {
      const parent = tree.parent(a);
      // TypeScript's compiled async methods (`__awaiter(this, …, function* () { … this.model … })`), `.bind(this)`, a
      // callback given `this` (`forEach(function () { … }, this)`): the method's own `this`.
      if (keepsOuterThis(tree, a)) continue;
      const holder = methodHolder(tree, a);
      // `this.train = function () { … }` in a constructor: the object it builds.
      if (holder?.thisOf) return thisOwner(tree, holder.thisOf);
      // `Net.prototype.build = function () { … }`, `Net.prototype = { build: function () { … } }`: the object the
      // constructor `Net` of the file builds; a prototype of something else is an object the file does not spell out.
      const ctor = holder?.prototype && prototypeConstructor(tree, holder.prototype);
      if (ctor) return ctor;
      if (parent && ts.isPropertyAssignment(parent)) {
        const holder = tree.parent(parent);
        return (holder && ts.isObjectLiteralExpression(holder) ? vueComponent(tree, holder) : undefined) ?? holder;
      }
      return parent && ts.isBinaryExpression(parent) && parent.right === a ? undefined : a;
    }
  }
  return undefined;
}

/**
 * Every `this.key` inside `owner` (reads and writes), and in the prototype methods of a constructor function
 * (`Net.prototype.train = function () { this.model … }`), with `self.key` of an alias `var self = this`.
 */
export function thisMemberReferences(tree: SyntaxTree, owner: TS.Node, key: string): TS.PropertyAccessExpression[] {
  const ts = tree.ts;
  const refs: TS.PropertyAccessExpression[] = [];
  // Only a name (or a private `#name`) can follow `this.`; a key read with brackets (`this['a b']`) is not searched for.
  if (!isIdentifierName(key.replace(/^#/, ''))) return refs;
  const regions = ts.isFunctionDeclaration(owner) || ts.isFunctionExpression(owner) ? [owner, ...prototypeParts(tree, owner)] : [owner];
  for (const region of regions) {
    for (const k of wordsAt(tree.text, 'this', region.pos, region.end)) {
      if (refs.length >= MAX_REFERENCES) break;
      const dot = after(tree.text, k + 4, '.', region.end);
      if (dot < 0) {
        refs.push(...aliasReferences(tree, owner, k, key));
        continue;
      }
      const end = afterWord(tree.text, dot, key, region.end);
      if (end < 0) continue;
      const node = tree.nodeAt(k, end);
      const pa = ts.isPropertyAccessExpression(node) ? node : tree.parent(node);
      if (pa && ts.isPropertyAccessExpression(pa) && pa.name.text === key && pa.expression.kind === ts.SyntaxKind.ThisKeyword) refs.push(pa);
    }
  }
  return refs.slice(0, MAX_REFERENCES);
}

/** `self.key` where the `this` at offset `at` starts `var self = this` of `owner`'s object. */
function aliasReferences(tree: SyntaxTree, owner: TS.Node, at: number, key: string): TS.PropertyAccessExpression[] {
  const ts = tree.ts;
  const self = tree.nodeAt(at, at + 4);
  const decl = tree.parent(self);
  if (self.kind !== ts.SyntaxKind.ThisKeyword || !decl || !ts.isVariableDeclaration(decl) || decl.initializer !== self || !ts.isIdentifier(decl.name)) return [];
  const alias = decl.name;
  if (!thisAliasOf(tree, alias) || thisOwner(tree, self) !== owner) return [];
  const d = resolveIdentifier(tree, alias);
  if (d?.kind !== 'variable') return [];
  const out: TS.PropertyAccessExpression[] = [];
  for (const ref of referencesTo(tree, d.container, alias.text, d)) {
    const pa = tree.parent(ref);
    if (pa && ts.isPropertyAccessExpression(pa) && pa.expression === ref && pa.name.text === key) out.push(pa);
  }
  return out;
}

function literalMember(tree: SyntaxTree, obj: TS.ObjectLiteralExpression, key: string, search: Search, depth: number): Located[] {
  const ts = tree.ts;
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i];
    if (ts.isSpreadAssignment(p)) {
      const v = memberValues(tree, p.expression, key, search, depth + 1);
      if (v.length) return v;
      continue;
    }
    if (!p.name || propertyName(ts, p.name) !== key) continue;
    if (ts.isPropertyAssignment(p)) return [{ tree, node: p.initializer }];
    if (ts.isShorthandPropertyAssignment(p)) return [{ tree, node: p.name }];
    return [];
  }
  return [];
}

function isObjectAssign(ts: typeof TS, callee: TS.Expression): boolean {
  const c = unwrapExpression(ts, callee);
  return ts.isPropertyAccessExpression(c) && c.name.text === 'assign' && ts.isIdentifier(c.expression) && c.expression.text === 'Object';
}

/**
 * Whether code may change an object's fields where the reading of `obj.field` does not look: the reference is passed
 * to a call (`swap(models)`, `Object.assign(models, …)`), given another name, or written through brackets
 * (`models['policy'] = reg`).
 */
export function handedOn(tree: SyntaxTree, ref: TS.Node): boolean {
  const ts = tree.ts;
  const parent = tree.parent(ref);
  if (!parent) return false;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.some((a) => a === ref)) return true;
  if ((ts.isVariableDeclaration(parent) && parent.initializer === ref) || ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === ref)) return true;
  if (ts.isBinaryExpression(parent) && parent.right === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
  const written = ts.isElementAccessExpression(parent) && parent.expression === ref ? tree.parent(parent) : undefined;
  return !!written && ts.isBinaryExpression(written) && written.left === parent && written.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
