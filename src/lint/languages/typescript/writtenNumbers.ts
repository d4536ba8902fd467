/**
 * The numbers a target value is written out as, when the code makes it of nothing else: number literals and arrays
 * of them, arrays filled one element at a time (`labels[i] = 0`, `labels.push([1])`), `tf.ones` / `tf.zeros`,
 * `tf.concat` of such parts, `parseInt` / `Number` of them, and the column of a table of rows a callback picks
 * (`data.map((r) => r[1])` over rows `[[0, 0], [0]]`). Two data sets of 0s and 1s joined (leaked passwords labelled
 * 0, the others 1; `concat([ones([100]), zeros([100])])`) are 0/1 labels though no one literal says so.
 */
import type * as TS from 'typescript';
import { argumentsByParameter, literalText } from './configurationChoices';
import { argumentsOf, functionValue, returnedExpressions } from './functionValues';
import { accessesSpelled, destructuredValues, isPlaceholder, readMemberValues, thisMemberReferences, thisOwner } from './objectValues';
import { iteratedBy } from './layerLoops';
import { listsOfParameterType } from './typedRows';
import { forOfArray } from './syntaxTree';
import { filledThroughBuffer, implicitGlobalReferences, implicitGlobalValues, referencesTo, resolveIdentifier, undeclaredReferences, type Declaration } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const MAX_DEPTH = 10;
/** Nodes one search may look at: an array filled from arrays filled from … stays cheap. */
const MAX_STEPS = 120;
const MAX_REFERENCES = 50;
/** Tensor methods that keep the values (and so the evidence, or the activation they end in) of their receiver. */
export const SAME_VALUES = new Set(['toFloat', 'cast', 'reshape', 'expandDims', 'squeeze', 'asType', 'clone', 'flatten', 'as1D', 'as2D', 'slice', 'gather', 'transpose', 'dataSync', 'arraySync']);
/** TF.js calls whose values are their first argument's (or, for `concat` and `stack`, its parts'). */
export const SAME_VALUES_TF = new Set(['tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'cast', 'reshape', 'expandDims', 'squeeze', 'stack', 'concat', 'keep']);
/** Plain JavaScript that keeps a number (or reads one from a string the data holds). */
const NUMBER_OF = new Set(['parseInt', 'parseFloat', 'Number']);

/** What is in the array a variable names: what it is given, element by element or whole. */
export function valuesGiven(tree: SyntaxTree, name: string, d: Declaration & { kind: 'variable' }): TS.Expression[] {
  const values: TS.Expression[] = [];
  const typedArray = isTypedArray(tree.ts, d.initializer);
  for (const ref of referencesTo(tree, d.container, name, d, MAX_REFERENCES)) givenAt(tree, ref, typedArray, values);
  return values;
}

/** What a sloppy-mode global (`adjust_output = []` with no declaration) is given: assigned, element by element or pushed. */
export function implicitGlobalGiven(tree: SyntaxTree, name: string): TS.Expression[] {
  const values: TS.Expression[] = [];
  for (const ref of implicitGlobalReferences(tree, name).slice(0, MAX_REFERENCES)) givenAt(tree, ref, false, values);
  return values;
}

/**
 * What the code gives an array where it names it (`target`, a name or a field): `target = v`, `target[i] = v`,
 * `target.push(v, …)`, and for a typed array `target.set(row, offset)` (the row copied in).
 */
function givenAt(tree: SyntaxTree, target: TS.Expression, typedArray: boolean, values: TS.Expression[]): void {
  const ts = tree.ts;
  const parent = tree.parent(target);
  if (!parent) return;
  if (isAssignment(ts, parent) && parent.left === target) values.push(parent.right);
  // `labels[i] = 0`, `target[0][0] = r + γ·v`: an element of it, at any depth.
  let access: TS.Node = target;
  while (ts.isElementAccessExpression(tree.parent(access) ?? access) && (tree.parent(access) as TS.ElementAccessExpression).expression === access) access = tree.parent(access)!;
  const element = access !== target ? tree.parent(access) : undefined;
  if (element && isAssignment(ts, element) && element.left === access) values.push(element.right);
  const method = ts.isPropertyAccessExpression(parent) && parent.expression === target ? parent.name.text : undefined;
  const call = method === 'push' || (typedArray && method === 'set') ? tree.parent(parent) : undefined;
  if (!call || !ts.isCallExpression(call) || call.expression !== parent) return;
  const given = call.arguments.filter((a) => !ts.isSpreadElement(a));
  values.push(...(method === 'set' ? given.slice(0, 1) : given));
}

/** `new Float32Array(n)`, `new Uint8Array(…)`: an array of numbers whose `set` copies values in. */
function isTypedArray(ts: typeof TS, e: TS.Expression | undefined): boolean {
  const x = e && unwrapExpression(ts, e);
  return !!x && ts.isNewExpression(x) && ts.isIdentifier(x.expression) && /^(?:Float(?:32|64)|U?Int(?:8|16|32)|Uint8Clamped)Array$/.test(x.expression.text);
}

function isAssignment(ts: typeof TS, node: TS.Node): node is TS.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** The numbers `node` is made of, or undefined when any part of it is something else (or the search runs out). */
export function writtenNumbers(tree: SyntaxTree, tf: TfBindings, node: TS.Expression, bound?: ReadonlyMap<TS.ParameterDeclaration, TS.Expression>): number[] | undefined {
  const ts = tree.ts;
  const seen = new Set<TS.Node>();
  let steps = MAX_STEPS;
  const all = (nodes: readonly TS.Expression[], depth: number): number[] | undefined => {
    const out: number[] = [];
    for (const n of nodes) {
      const v = of(n, depth + 1);
      if (!v) return undefined;
      out.push(...v);
    }
    return out;
  };
  const of = (expr: TS.Expression, depth: number): number[] | undefined => {
    if (depth > MAX_DEPTH || --steps < 0) return undefined;
    const e = unwrapExpression(ts, expr);
    if (seen.has(e)) return [];
    seen.add(e);
    if (ts.isNumericLiteral(e)) return [Number(e.text)];
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return [-Number(e.operand.text)];
    // `[...XOR_LABELS]`: a spread copy holds the numbers of what it spreads.
    if (ts.isArrayLiteralExpression(e)) return e.elements.some((x) => ts.isOmittedExpression(x)) ? undefined : all(e.elements.map((x) => (ts.isSpreadElement(x) ? x.expression : x)), depth);
    if (ts.isConditionalExpression(e)) return all([e.whenTrue, e.whenFalse], depth);
    if (ts.isIdentifier(e)) return ofName(e, depth);
    if (ts.isElementAccessExpression(e)) return ofColumn(e, depth) ?? of(e.expression, depth + 1);
    if (ts.isCallExpression(e)) return ofCall(e, depth);
    return undefined;
  };
  const ofName = (id: TS.Identifier, depth: number): number[] | undefined => {
    const d = resolveIdentifier(tree, id);
    if (d?.kind === 'parameter') {
      const b = bound?.get(d.node);
      return b ? of(b, depth + 1) : undefined;
    }
    if (d?.kind === 'variable') {
      if (filledThroughBuffer(tree, id.text, d)) return undefined;
      const values = [...(d.initializer ? [d.initializer] : []), ...valuesGiven(tree, id.text, d)];
      return values.length > 0 ? all(values, depth) : undefined;
    }
    if (d) return undefined;
    const globals = implicitGlobalValues(tree, id.text);
    return globals.length > 0 ? all(globals, depth) : undefined;
  };
  // `r[1]` where `r` runs over rows written out as arrays (`data.map((r) => r[1])`, `for (const r of data)`): that
  // column of every row.
  const ofColumn = (access: TS.ElementAccessExpression, depth: number): number[] | undefined => {
    const index = unwrapExpression(ts, access.argumentExpression);
    const row = unwrapExpression(ts, access.expression);
    if (!ts.isNumericLiteral(index) || !ts.isIdentifier(row)) return undefined;
    const source = iteratedArray(tree, row);
    const rows = source ? writtenRows(tree, source) : undefined;
    if (!rows?.every((r): r is TS.ArrayLiteralExpression => ts.isArrayLiteralExpression(r))) return undefined;
    return cellsOf(rows, Number(index.text), Number(index.text) + 1, depth);
  };
  // `r.slice(2)` where `r` runs over rows written out (`data.map((r) => r.slice(2))`): those columns of every row.
  const ofColumns = (call: TS.CallExpression, row: TS.Identifier, depth: number): number[] | undefined => {
    const [from, to] = call.arguments.map((a) => columnIndex(tree, a));
    if (from === undefined || from < 0 || (call.arguments.length > 1 && (to === undefined || to < 0)) || call.arguments.length > 2) return undefined;
    const source = iteratedArray(tree, row);
    const rows = source ? writtenRows(tree, source) : undefined;
    if (!rows?.length || !rows.every((r): r is TS.ArrayLiteralExpression => ts.isArrayLiteralExpression(r))) return undefined;
    return cellsOf(rows, from, to, depth);
  };
  const cellsOf = (rows: readonly TS.ArrayLiteralExpression[], from: number, to: number | undefined, depth: number): number[] | undefined => {
    // A row that spreads another, or is too short to hold the columns, says nothing of them.
    const cells = rows.flatMap((r) => (r.elements.some((c) => ts.isSpreadElement(c)) || r.elements.length < (to ?? from + 1) ? [undefined] : r.elements.slice(from, to ?? r.elements.length)));
    return cells.length > 0 && cells.every((c): c is TS.Expression => c !== undefined) ? all(cells, depth) : undefined;
  };
  const ofCall = (call: TS.CallExpression, depth: number): number[] | undefined => {
    const path = tf.path(call.expression);
    if (path === 'ones' || path === 'onesLike') return [1];
    if (path === 'zeros' || path === 'zerosLike') return [0];
    if (path === 'fill') return call.arguments[1] ? of(call.arguments[1], depth + 1) : undefined;
    if (path !== undefined) return SAME_VALUES_TF.has(path) && call.arguments[0] ? of(call.arguments[0], depth + 1) : undefined;
    const callee = unwrapExpression(ts, call.expression);
    if (ts.isIdentifier(callee) && NUMBER_OF.has(callee.text)) return call.arguments[0] ? of(call.arguments[0], depth + 1) : undefined;
    // `decide() { if (…) return 1; return 0; }`: a function of this file that returns numbers, all of them together
    // (each return alone is one number, which says nothing).
    const fn = functionValue(tree, call.expression);
    if (fn) {
      const returned = returnedExpressions(tree, fn);
      return returned.length > 0 ? all(returned, depth) : undefined;
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'Math' && (method === 'round' || method === 'floor') && call.arguments[0]) return of(call.arguments[0], depth + 1);
    const row = unwrapExpression(ts, callee.expression);
    if (method === 'slice' && ts.isIdentifier(row)) {
      const columns = ofColumns(call, row, depth);
      if (columns) return columns;
    }
    if (SAME_VALUES.has(method)) return of(callee.expression, depth + 1);
    if (method === 'concat') return all([callee.expression, ...call.arguments], depth);
    // `data.map((r) => r[1])`: what the callback returns, each time.
    if (method === 'map' && call.arguments[0]) {
      const fn = unwrapExpression(ts, call.arguments[0]);
      return ts.isArrowFunction(fn) && !ts.isBlock(fn.body) ? of(fn.body as TS.Expression, depth + 1) : undefined;
    }
    return undefined;
  };
  return of(node, 0);
}

/**
 * The rows a variable holds, unwrapped: the elements of the array literal it is initialised with (`const rows = [[0, 1],
 * …]`), the rows pushed into it when it starts empty, or those of the array a function of this file returns to it;
 * through the copies and parts of an array (`[...data]`, `slice`, `filter`, `sort`), a parameter given one array, and a
 * field destructured from what a function returns (`const { train } = split(rows)`). Rows made by `map` are the
 * objects or arrays its callback returns (`rows.map((d) => ({ input: …, output: [d.y / 10] }))`), one per way it returns.
 */
export function writtenRows(tree: SyntaxTree, source: TS.Expression, depth = 0, given: Given = new Map()): TS.Expression[] | undefined {
  const ts = tree.ts;
  const table = unwrapExpression(ts, source);
  if (depth > MAX_ROW_HOPS) return undefined;
  if (ts.isPropertyAccessExpression(table) && table.expression.kind === ts.SyntaxKind.ThisKeyword) return fieldRows(tree, table);
  // `w.trainingData` of an object literal that holds a page's state (`let w = { trainingData: [{ input, output: 0 }, …] }`).
  // … or of a table of such objects (`train_configs.deep.data`, `c.data` of `const c = train_configs[id]`).
  if (ts.isPropertyAccessExpression(table) && (ts.isIdentifier(table.expression) || ts.isPropertyAccessExpression(table.expression))) {
    const held = readMemberValues(tree, table);
    return held.length === 1 && held[0]!.tree === tree ? rowsOfValue(tree, held[0]!.node as TS.Expression, depth + 1, given) : undefined;
  }
  if (!ts.isIdentifier(table)) return rowsOfValue(tree, table, depth, given);
  const holder = resolveIdentifier(tree, table);
  // A global another script declares (`var data = []` in the page), filled here (`data.push({ x1, x2, y: Y })`).
  if (!holder) return rowsPushedAt(tree, undeclaredReferences(tree, table.text, MAX_REFERENCES), true);
  // `function split(data) { … }` reached through one of its calls (`const { train } = split(enemyRows)`): the rows that
  // call gives, though other calls give others; else, called once with the rows: those rows.
  if (holder?.kind === 'parameter') {
    const atCall = given.get(holder.node);
    if (atCall) return writtenRows(tree, atCall, depth + 1);
    const passed = argumentsOf(tree, holder.node);
    if (passed.length === 1) return writtenRows(tree, passed[0]!, depth + 1);
    // Called from elsewhere with a list of the file's own type (`data: DataPoint[]`): the rows the file writes of it.
    const typed = passed.length === 0 ? listsOfParameterType(tree, holder.node).map((list) => writtenRows(tree, list, depth + 1)) : [];
    return typed.length && typed.every((rows) => rows?.length) ? typed.flatMap((rows) => rows!) : undefined;
  }
  if (holder?.kind === 'binding') {
    // (An empty start, `useState([])` before the rows are set, holds no rows.)
    const values = destructuredValues(tree, holder.node).filter((v) => v.tree === tree && !isEmptyArray(ts, v.node));
    return values.length === 1 ? writtenRows(tree, values[0]!.node as TS.Expression, depth + 1, callArguments(tree, holder.node)) : undefined;
  }
  const init = holder?.kind === 'variable' && holder.initializer ? unwrapExpression(ts, holder.initializer) : undefined;
  if (!init || holder?.kind !== 'variable') return undefined;
  // `const data = []; for (…) data.push({ input, output })`: the rows pushed, when every use of the array is a push or
  // a read (an element assigned or the array replaced could hold anything).
  if (ts.isArrayLiteralExpression(init) && init.elements.length === 0) return pushedRows(tree, table.text, holder);
  if (ts.isArrayLiteralExpression(init) && !init.elements.some((e) => ts.isSpreadElement(e))) return rowsOfValue(tree, init, depth, given);
  // Copies and parts of another array, and rows made by map, only of a const (always these).
  const fn = ts.isCallExpression(init) ? functionValue(tree, init.expression) : undefined;
  return holder.isConst || fn ? rowsOfValue(tree, init, depth, given) : undefined;
}

function rowsOfValue(tree: SyntaxTree, value: TS.Expression, depth: number, given: Given = new Map()): TS.Expression[] | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, value);
  // `const data = dataRef.current` (a React ref set in another callback), `const rows = page.rows`: what the member holds.
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return writtenRows(tree, e, depth + 1, given);
  if (ts.isArrayLiteralExpression(e)) {
    const [first] = e.elements;
    // `[...data]`: the same rows.
    if (e.elements.length === 1 && first && ts.isSpreadElement(first)) return writtenRows(tree, first.expression, depth + 1, given);
    return e.elements.length > 0 && !e.elements.some((x) => ts.isSpreadElement(x)) ? e.elements.map((x) => unwrapExpression(ts, x as TS.Expression)) : undefined;
  }
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrapExpression(ts, e.expression);
  if (ts.isPropertyAccessExpression(callee) && SAME_ROWS.has(callee.name.text)) return writtenRows(tree, callee.expression, depth + 1, given);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && e.arguments[0]) {
    const mapper = functionValue(tree, e.arguments[0]);
    const made = mapper ? returnedExpressions(tree, mapper).map((r) => unwrapExpression(ts, r)) : [];
    return made.length > 0 && made.every((r) => ts.isObjectLiteralExpression(r) || ts.isArrayLiteralExpression(r)) ? made : undefined;
  }
  // `const rows = makeRows(1000)`: the rows the function of this file returns.
  const fn = functionValue(tree, e.expression);
  const returned = fn ? returnedExpressions(tree, fn) : [];
  return returned.length === 1 ? rowsOfValue(tree, returned[0]!, depth + 1) : undefined;
}

const MAX_ROW_HOPS = 8;

/** The arguments of the call being followed into a function of this file, by the parameter they are given to. */
type Given = ReadonlyMap<TS.Node, TS.Expression>;

/** For a name destructured from a call of a function of this file (`const { train } = split(rows, 0.8)`), that call's arguments by parameter. */
function callArguments(tree: SyntaxTree, element: TS.BindingElement): Given {
  const ts = tree.ts;
  const decl = tree.parent(tree.parent(element) ?? element);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrapExpression(ts, decl.initializer) : undefined;
  const call = init && ts.isAwaitExpression(init) ? unwrapExpression(ts, init.expression) : init;
  const fn = call && ts.isCallExpression(call) ? functionValue(tree, call.expression) : undefined;
  if (!fn || !call || !ts.isCallExpression(call)) return new Map();
  const given = argumentsByParameter(tree, fn, call);
  // A rest parameter holds all the arguments from its place on, not the one there.
  for (const p of fn.parameters) if (p.dotDotDotToken) given.delete(p);
  return given;
}
/** Array methods whose result holds some of the array's own rows. */
const SAME_ROWS = new Set(['slice', 'filter', 'concat', 'reverse', 'sort']);

function pushedRows(tree: SyntaxTree, name: string, holder: Declaration & { kind: 'variable' }): TS.Expression[] | undefined {
  return rowsPushedAt(tree, referencesTo(tree, holder.container, name, holder, MAX_REFERENCES), false);
}

/**
 * The rows pushed where an array is used (`rows.push({ input, output })`), when every other use only reads it; an
 * assignment or an element set may put anything there, except, where `emptied` allows, an empty array (a reset).
 */
function rowsPushedAt(tree: SyntaxTree, refs: readonly TS.Expression[], emptied: boolean): TS.Expression[] | undefined {
  const ts = tree.ts;
  const rows: TS.Expression[] = [];
  for (const ref of refs) {
    const access = tree.parent(ref);
    const push = access && ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'push' ? tree.parent(access) : undefined;
    if (push && ts.isCallExpression(push) && push.expression === access) rows.push(...push.arguments.map((a) => unwrapExpression(ts, a)));
    else if (access && ts.isBinaryExpression(access) && access.left === ref && !(emptied && isEmptyArray(ts, access.right))) return undefined;
    else if (access && ts.isElementAccessExpression(access) && access.expression === ref && isAssigned(tree, access)) return undefined;
  }
  return rows.length ? rows : undefined;
}

/**
 * `this.trainingData` of a class that empties it (`this.trainingData = []`) and fills it with rows
 * (`this.trainingData.push({ input, output })`): the rows pushed, when every other use only reads it.
 */
function fieldRows(tree: SyntaxTree, field: TS.PropertyAccessExpression): TS.Expression[] | undefined {
  const owner = thisOwner(tree, field);
  return owner ? rowsPushedAt(tree, thisMemberReferences(tree, owner, field.name.text), true) : undefined;
}

/**
 * What goes into an array that starts empty as a field of a local object (`const res = { inputs: [], outputs: [] };
 * … res.outputs.push(row)`), or of an object set on a property (`dino.training = { inputs: [], labels: [] }`, then
 * `dino.training.labels.push(label)` in the function the game calls on a crash, with the same name for the same
 * object): the values pushed into it and given to it, or undefined when the field is not such a one.
 */
export function fieldValuesGiven(tree: SyntaxTree, empty: TS.ArrayLiteralExpression): TS.Expression[] | undefined {
  const ts = tree.ts;
  const field = tree.parent(empty);
  // `this.ys = []; … this.ys.push(v)`: a field set to an empty array and filled wherever the code spells it.
  if (field && ts.isBinaryExpression(field) && field.right === empty && field.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(field.left)) {
    const values: TS.Expression[] = [];
    for (const access of accessesSpelled(tree, tree.compactSource(field.left), field.left.name.text)) givenAt(tree, access, false, values);
    return values.filter((v) => v !== empty);
  }
  const object = field && ts.isPropertyAssignment(field) && field.initializer === empty && (ts.isIdentifier(field.name) || ts.isStringLiteral(field.name)) ? tree.parent(field) : undefined;
  const holder = object && ts.isObjectLiteralExpression(object) ? tree.parent(object) : undefined;
  if (!field || !ts.isPropertyAssignment(field) || !holder) return undefined;
  const name = (field.name as TS.Identifier | TS.StringLiteral).text;
  const values: TS.Expression[] = [];
  if (ts.isBinaryExpression(holder) && holder.right === object && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(holder.left)) {
    // Written wherever the code spells the same path (`dino.training.labels`), in any function.
    for (const access of accessesSpelled(tree, `${tree.compactSource(holder.left)}.${name}`, name)) givenAt(tree, access, false, values);
    return values;
  }
  if (!ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return undefined;
  const d = resolveIdentifier(tree, holder.name);
  if (d?.kind !== 'variable') return undefined;
  for (const ref of referencesTo(tree, d.container, holder.name.text, d, MAX_REFERENCES)) {
    const access = tree.parent(ref);
    if (access && ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === name) givenAt(tree, access, false, values);
  }
  return values;
}

/**
 * What a nested field is given wherever the code spells its path (`this.trainingSet.ys_tensor = tf.tensor2d(…)` in one
 * method of a component, read in another), leaving out the placeholders it starts as (`ys_tensor: null`).
 */
export function pathAssignedValues(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.Expression[] {
  const ts = tree.ts;
  if (!ts.isPropertyAccessExpression(unwrapExpression(ts, access.expression))) return [];
  // A path from `this` names the same object only in the same class or component (another class may spell it too).
  let root: TS.Expression = access;
  while (ts.isPropertyAccessExpression(root)) root = unwrapExpression(ts, root.expression);
  const owner = root.kind === ts.SyntaxKind.ThisKeyword ? thisOwner(tree, access) : undefined;
  const values: TS.Expression[] = [];
  for (const a of accessesSpelled(tree, tree.compactSource(access), access.name.text)) {
    const p = tree.parent(a);
    if (!p || !isAssignment(ts, p) || p.left !== a || isPlaceholder(ts, p.right)) continue;
    if (root.kind === ts.SyntaxKind.ThisKeyword && thisOwner(tree, a) !== owner) continue;
    values.push(p.right);
  }
  return values;
}

function isEmptyArray(ts: typeof TS, n: TS.Node): boolean {
  const u = ts.isExpression(n) ? unwrapExpression(ts, n) : n;
  return ts.isArrayLiteralExpression(u) && u.elements.length === 0;
}

function isAssigned(tree: SyntaxTree, n: TS.Node): boolean {
  const ts = tree.ts;
  const p = tree.parent(n);
  return !!p && ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/**
 * The array a loop variable or callback parameter runs over (`for (const r of rows)`, `rows.map((r) => …)`), or that a
 * variable picks one element of (`const d = rows[i % 4]`, p5's `random(rows)`).
 */
export function iteratedArray(tree: SyntaxTree, id: TS.Identifier): TS.Expression | undefined {
  const d = resolveIdentifier(tree, id);
  if (d?.kind === 'parameter') return iteratedBy(tree, d.node, 0);
  if (d?.kind !== 'variable') return undefined;
  return forOfArray(tree, d.node) ?? (d.initializer ? pickedFrom(tree.ts, d.initializer) : undefined);
}

const PICK = /^(?:random|sample|choice|pick|randomChoice|randomElement|randomItem)$/;

function pickedFrom(ts: typeof TS, init: TS.Expression): TS.Expression | undefined {
  const e = unwrapExpression(ts, init);
  if (ts.isElementAccessExpression(e) && !ts.isStringLiteralLike(e.argumentExpression)) return e.expression;
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return undefined;
  const callee = unwrapExpression(ts, e.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return PICK.test(name) ? e.arguments[0] : undefined;
}

/**
 * A column index as written: a number, a const, a fixed list's length (`NUM_FEATURES`, `inputs.length`), or the length
 * of a list an object holds (`c.inputs.length` of a config table naming the input columns).
 */
function columnIndex(tree: SyntaxTree, node: TS.Expression): number | undefined {
  const ts = tree.ts;
  const written = Number(literalText(tree, node) ?? NaN);
  if (Number.isInteger(written)) return written;
  const n = unwrapExpression(ts, node);
  if (!ts.isPropertyAccessExpression(n) || n.name.text !== 'length') return undefined;
  const list = unwrapExpression(ts, n.expression);
  const held = ts.isPropertyAccessExpression(list) ? readMemberValues(tree, list) : [];
  const value = held.length === 1 && held[0]!.tree === tree ? unwrapExpression(ts, held[0]!.node as TS.Expression) : undefined;
  return value && ts.isArrayLiteralExpression(value) && !value.elements.some((e) => ts.isSpreadElement(e)) ? value.elements.length : undefined;
}
