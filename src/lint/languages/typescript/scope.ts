/**
 * Lexical name resolution within one file, enough to follow a loss to its helpers and a model to its
 * layers: the nearest enclosing parameter, variable, function, class or import of that name.
 */
import type * as TS from 'typescript';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { wordsAt } from './wordSearch';

export type Declaration =
  | {
      kind: 'variable';
      node: TS.VariableDeclaration;
      initializer?: TS.Expression;
      isConst: boolean;
      container: TS.Node;
      /** A `var` written in several blocks of its function (`if (a) { var loss = …; } else { var loss = …; }`): each declaration, the first being `node`. */
      redeclared?: readonly TS.VariableDeclaration[];
    }
  | { kind: 'function'; node: FunctionNode; container: TS.Node }
  | { kind: 'parameter'; node: TS.ParameterDeclaration; fn: TS.SignatureDeclaration }
  | { kind: 'binding'; node: TS.BindingElement; container: TS.Node }
  | { kind: 'other'; node: TS.Node };

export function resolveName(tree: SyntaxTree, at: TS.Node, name: string): Declaration | undefined {
  const ts = tree.ts;
  let previous: TS.Node = at;
  for (const scope of tree.ancestors(at)) {
    if (ts.isFunctionLike(scope)) {
      for (const p of scope.parameters) {
        if (ts.isIdentifier(p.name) && p.name.text === name) return { kind: 'parameter', node: p, fn: scope };
        if (!ts.isIdentifier(p.name)) {
          const el = findBindingElement(ts, p.name, name);
          if (el) return { kind: 'binding', node: el, container: scope };
        }
      }
      if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === name && isFunctionNode(ts, scope)) {
        return { kind: 'function', node: scope, container: scope };
      }
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
      const found = declaredIn(tree, scope.statements, scope, name, previous.pos);
      if (found) return found;
    } else if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      const found = fromDeclarationList(ts, scope.initializer, scope, name);
      if (found) return found;
    } else if (ts.isCatchClause(scope) && scope.variableDeclaration && ts.isIdentifier(scope.variableDeclaration.name) && scope.variableDeclaration.name.text === name) {
      return { kind: 'other', node: scope.variableDeclaration };
    }
    previous = scope;
  }
  return undefined;
}

export function resolveIdentifier(tree: SyntaxTree, id: TS.Identifier): Declaration | undefined {
  return resolveName(tree, id, id.text);
}

/** The names a statement list declares, each with the declarations in order; built once per list. */
const statementIndex = new WeakMap<TS.Node, Map<string, { pos: number; decl: Declaration }[]>>();

function indexStatements(tree: SyntaxTree, statements: TS.NodeArray<TS.Statement>, container: TS.Node): Map<string, { pos: number; decl: Declaration }[]> {
  let index = statementIndex.get(container);
  if (index) return index;
  const ts = tree.ts;
  index = new Map();
  const add = (name: string, pos: number, decl: Declaration) => {
    const list = index!.get(name);
    if (list) list.push({ pos, decl });
    else index!.set(name, [{ pos, decl }]);
  };
  for (const st of statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        for (const name of bindingNames(ts, d.name)) {
          const decl = fromDeclarationList(ts, st.declarationList, container, name);
          if (decl) add(name, st.pos, decl);
        }
      }
    } else if (ts.isFunctionDeclaration(st) && st.name) add(st.name.text, st.pos, { kind: 'function', node: st, container });
    else if ((ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) add(st.name.text, st.pos, { kind: 'other', node: st });
    else if (ts.isImportDeclaration(st)) for (const name of importedNames(ts, st)) add(name, st.pos, { kind: 'other', node: st });
  }
  // A `var` belongs to its function (or the file), wherever in it it is written.
  if (isFunctionScope(ts, container) && hasVarKeyword(tree, container.pos, container.end)) addNestedVars(tree, statements, container, index);
  statementIndex.set(container, index);
  return index;
}

const VAR_KEYWORD = /\bvar\s/g;
/** Where `var ` is written in each file's text, in order: found once per text. */
const varPositions = new WeakMap<SyntaxTree, number[]>();

/** Whether `var ` is written in [pos, end): a function without one has no `var` to hoist. */
function hasVarKeyword(tree: SyntaxTree, pos: number, end: number): boolean {
  let at = varPositions.get(tree);
  if (!at) {
    at = [...tree.text.matchAll(VAR_KEYWORD)].map((m) => m.index!);
    varPositions.set(tree, at);
  }
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < at.length && at[lo]! < end;
}

function isVar(ts: typeof TS, list: TS.VariableDeclarationList): boolean {
  return (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using)) === 0;
}

/** A function's body, the file or a namespace: where a `var` written in any of its blocks lives. */
function isFunctionScope(ts: typeof TS, container: TS.Node): boolean {
  return ts.isSourceFile(container) || ts.isModuleBlock(container) || (ts.isBlock(container) && !!container.parent && ts.isFunctionLike(container.parent));
}

/**
 * A `var` written in a block of a function (`if (lf == 'softmax') { var loss = …; }`, `for (var i …)`), not in a
 * function it defines, and read after that block: the function's variable.
 */
function addNestedVars(tree: SyntaxTree, statements: TS.NodeArray<TS.Statement>, container: TS.Node, index: Map<string, { pos: number; decl: Declaration }[]>): void {
  const ts = tree.ts;
  const found = new Map<string, TS.VariableDeclaration[]>();
  const note = (list: TS.VariableDeclarationList) => {
    for (const d of list.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      const known = found.get(d.name.text);
      if (known) known.push(d);
      else found.set(d.name.text, [d]);
    }
  };
  // A `var` is a statement (or a loop's head): only statements are walked, never expressions (nor the functions in them).
  const visit = (st: TS.Statement | undefined): void => {
    if (!st) return;
    if (ts.isVariableStatement(st)) {
      if (isVar(ts, st.declarationList)) note(st.declarationList);
    } else if (ts.isBlock(st)) st.statements.forEach(visit);
    else if (ts.isIfStatement(st)) {
      visit(st.thenStatement);
      visit(st.elseStatement);
    } else if (ts.isForStatement(st) || ts.isForInStatement(st) || ts.isForOfStatement(st)) {
      if (st.initializer && ts.isVariableDeclarationList(st.initializer) && isVar(ts, st.initializer)) note(st.initializer);
      visit(st.statement);
    } else if (ts.isWhileStatement(st) || ts.isDoStatement(st) || ts.isLabeledStatement(st) || ts.isWithStatement(st)) visit(st.statement);
    else if (ts.isTryStatement(st)) {
      visit(st.tryBlock);
      visit(st.catchClause?.block);
      visit(st.finallyBlock);
    } else if (ts.isSwitchStatement(st)) for (const clause of st.caseBlock.clauses) clause.statements.forEach(visit);
  };
  statements.forEach(visit);
  for (const [name, all] of found) {
    // Declared at the top of the function, or by a `let`, a function or an import there: indexed above.
    if (index.has(name)) continue;
    const [first] = all;
    // Written in several blocks: one variable, whose values are its declarations' (configurationChoices reads them as
    // the branches they are in); a use inside one of those blocks still finds that block's own declaration.
    const decl: Declaration = all.length === 1 ? { kind: 'variable', node: first!, initializer: first!.initializer, isConst: false, container } : { kind: 'variable', node: first!, isConst: false, container, redeclared: all };
    index.set(name, [{ pos: first!.pos, decl }]);
  }
}

function declaredIn(tree: SyntaxTree, statements: TS.NodeArray<TS.Statement>, container: TS.Node, name: string, usePos: number): Declaration | undefined {
  const list = indexStatements(tree, statements, container).get(name);
  if (!list) return undefined;
  let before: Declaration | undefined;
  for (const entry of list) if (entry.pos <= usePos) before = entry.decl;
  return before ?? list[0].decl;
}

/** The identifiers a declaration's name binds: `x`, or each name of `{ a, b: [c, d] }`. */
export function bindingIdentifiers(ts: typeof TS, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingIdentifiers(ts, el.name)));
}

export function bindingNames(ts: typeof TS, name: TS.BindingName): string[] {
  return bindingIdentifiers(ts, name).map((id) => id.text);
}

/**
 * The value an expression stands for, one const deep: the initializer a const name holds (`const row = x.gather(i)`),
 * or the expression itself; undefined for a name that holds no const value.
 */
export function constValueOf(tree: SyntaxTree, node: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, node);
  if (!ts.isIdentifier(e)) return e;
  const d = resolveIdentifier(tree, e);
  return d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
}

/** Whether a variable keeps the value it is declared with: a const, or a `let`/`var` no code assigns again. */
export function keepsItsValue(tree: SyntaxTree, name: string, decl: Declaration & { kind: 'variable' }): boolean {
  return decl.isConst || assignmentsTo(tree, name, decl).length === 0;
}

function fromDeclarationList(ts: typeof TS, list: TS.VariableDeclarationList, container: TS.Node, name: string): Declaration | undefined {
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  for (const decl of list.declarations) {
    if (ts.isIdentifier(decl.name)) {
      if (decl.name.text === name) return { kind: 'variable', node: decl, initializer: decl.initializer, isConst, container };
    } else {
      const el = findBindingElement(ts, decl.name, name);
      if (el) return { kind: 'binding', node: el, container };
    }
  }
  return undefined;
}

function findBindingElement(ts: typeof TS, pattern: TS.BindingName, name: string): TS.BindingElement | undefined {
  if (ts.isIdentifier(pattern)) return undefined;
  for (const el of pattern.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (ts.isIdentifier(el.name) && el.name.text === name) return el;
    const inner = findBindingElement(ts, el.name, name);
    if (inner) return inner;
  }
  return undefined;
}

function importedNames(ts: typeof TS, st: TS.ImportDeclaration): string[] {
  const clause = st.importClause;
  if (!clause) return [];
  const out = clause.name ? [clause.name.text] : [];
  const b = clause.namedBindings;
  if (b && ts.isNamespaceImport(b)) out.push(b.name.text);
  else if (b) for (const e of b.elements) out.push(e.name.text);
  return out;
}

/**
 * Whether a tensor variable's values are written after it is made, through a buffer over them (`const adv =
 * tf.zeros([n]); adv.bufferSync().set(a, i)`: on the CPU backend the buffer shares the tensor's memory): its
 * constructor (`tf.zeros`) then says nothing about the values it holds.
 */
export function filledThroughBuffer(tree: SyntaxTree, name: string, decl: Declaration & { kind: 'variable' }): boolean {
  const ts = tree.ts;
  if (!tree.mayHaveName('bufferSync', 'buffer')) return false;
  return referencesTo(tree, decl.container, name, decl).some((ref) => {
    const access = tree.parent(ref);
    return !!access && ts.isPropertyAccessExpression(access) && access.expression === ref && (access.name.text === 'bufferSync' || access.name.text === 'buffer');
  });
}

/** Whether a text is a JavaScript identifier (what can follow a `.` or be called by name). */
export function isIdentifierName(s: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(s);
}

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
}

/** Identifiers inside `within` that name the same declaration as `decl` (found by text, confirmed by resolution). */
export function referencesTo(tree: SyntaxTree, within: TS.Node, name: string, decl: Declaration, limit = 200): readonly TS.Identifier[] {
  // Asked again and again of the same names (every compile call follows every fit call's model): found once per parse.
  let known = referencesByDeclaration.get(decl.node);
  if (!known) referencesByDeclaration.set(decl.node, (known = new Map()));
  const key = `${within.pos}:${within.end}:${name}:${limit}`;
  let found = known.get(key);
  if (!found) known.set(key, (found = findReferences(tree, within, name, decl, limit)));
  return found;
}

/** The references of each declaration asked for, by the span searched, the name and the limit. */
const referencesByDeclaration = new WeakMap<TS.Node, Map<string, readonly TS.Identifier[]>>();

function findReferences(tree: SyntaxTree, within: TS.Node, name: string, decl: Declaration, limit: number): TS.Identifier[] {
  return identifiersNamed(tree, within, name, limit, (node) => resolveIdentifier(tree, node)?.node === decl.node);
}

/** The identifiers spelt `name` inside `within` (found by text, not after a `.`) that `keep` accepts, at most `limit`. */
function identifiersNamed(tree: SyntaxTree, within: TS.Node, name: string, limit: number, keep: (id: TS.Identifier) => boolean): TS.Identifier[] {
  const ts = tree.ts;
  const out: TS.Identifier[] = [];
  // An identifier the parser made up while recovering (`export function (a, b)` has a name of length 0): its pattern
  // would match everywhere without moving on.
  if (name.length === 0) return out;
  for (const k of wordsAt(tree.text, name, within.pos, within.end, true)) {
    if (out.length >= limit) break;
    const node = tree.nodeAt(k, k + name.length);
    if (ts.isIdentifier(node) && node.text === name && keep(node)) out.push(node);
  }
  return out;
}

/** The `name = value` assignments in a variable's scope (a `let` declared without a value and set later). */
export function assignmentsTo(tree: SyntaxTree, name: string, decl: Declaration & { kind: 'variable' | 'parameter' }): TS.BinaryExpression[] {
  const ts = tree.ts;
  const out: TS.BinaryExpression[] = [];
  for (const ref of referencesTo(tree, decl.kind === 'variable' ? decl.container : decl.fn, name, decl)) {
    const parent = tree.parent(ref);
    if (parent && ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) out.push(parent);
  }
  return out;
}

/**
 * The value of the last `name = value` before `use` in a block that encloses the use, when there is one: how an
 * operation is read in place (`let action; … action = tf.tanh(raw);`) and a functional model's output followed back
 * (`let x = lstm.apply(input); x = dense.apply(x);`, or a head helper's own parameter `x = dense.apply(x); return x;`),
 * where only the assignment the use follows counts.
 */
export function lastAssignmentBefore(tree: SyntaxTree, use: TS.Identifier, decl: Declaration & { kind: 'variable' | 'parameter' }): TS.Expression | undefined {
  const ts = tree.ts;
  const enclosing = new Set(tree.ancestors(use));
  let best: TS.BinaryExpression | undefined;
  for (const parent of assignmentsTo(tree, use.text, decl)) {
    if (parent.end > tree.start(use)) continue;
    const statement = tree.parent(parent);
    const block = statement && ts.isExpressionStatement(statement) ? tree.parent(statement) : undefined;
    if (block && enclosing.has(block) && (!best || parent.pos > best.pos)) best = parent;
  }
  return best?.right;
}

/** The uses of a name no declaration of the file gives (a global another script declares: `data.push(row)`). */
export function undeclaredReferences(tree: SyntaxTree, name: string, limit = 200): readonly TS.Identifier[] {
  return identifiersNamed(tree, tree.file, name, limit, (node) => !isPropertyName(tree.ts, tree, node) && !resolveIdentifier(tree, node));
}

/**
 * The uses of a name no declaration in the file introduces, in a script that assigns it anyway (`model =
 * tf.sequential()` in a p5 sketch's `setup`, `ys = tf.tensor(…)` at the top of a Node script): sloppy-mode globals,
 * one variable for the whole file. Empty when the name is never assigned (a browser or library global).
 */
export function implicitGlobalReferences(tree: SyntaxTree, name: string, limit = 200): readonly TS.Identifier[] {
  let known = globalsByTree.get(tree);
  if (!known) globalsByTree.set(tree, (known = new Map()));
  let found = known.get(name);
  if (!found) {
    const ts = tree.ts;
    const refs = identifiersNamed(tree, tree.file, name, limit, (node) => !isPropertyName(ts, tree, node) && !resolveIdentifier(tree, node));
    const assigned = refs.some((r) => isAssignedTo(ts, tree, r));
    known.set(name, (found = assigned ? refs : []));
  }
  return found;
}

/**
 * The value a sloppy-mode global was last given before `use`, by a statement of a block around the use
 * (`retmodel = h.matMul(w).sigmoid(); return retmodel;`, a beginner's missing `const`); undefined when an assignment
 * elsewhere in the function comes between.
 */
export function implicitAssignmentBefore(tree: SyntaxTree, use: TS.Identifier): TS.Expression | undefined {
  const ts = tree.ts;
  const enclosing = new Set(tree.ancestors(use));
  const fn = [...enclosing].find((a) => ts.isFunctionLike(a) || ts.isSourceFile(a));
  let best: TS.BinaryExpression | undefined;
  const others: TS.BinaryExpression[] = [];
  for (const ref of implicitGlobalReferences(tree, use.text)) {
    const assignment = tree.parent(ref);
    if (!assignment || !isAssignedTo(ts, tree, ref) || assignment.end > tree.start(use)) continue;
    const statement = tree.parent(assignment);
    const block = statement && ts.isExpressionStatement(statement) ? tree.parent(statement) : undefined;
    if (block && enclosing.has(block)) {
      if (!best || assignment.pos > best.pos) best = assignment as TS.BinaryExpression;
    } else if (fn && [...tree.ancestors(assignment)].includes(fn)) others.push(assignment as TS.BinaryExpression);
  }
  return best && !others.some((o) => o.pos > best!.pos) ? best.right : undefined;
}

/** The values a sloppy-mode global is given (`outputLayer = tf.layers.dense(…)`). */
export function implicitGlobalValues(tree: SyntaxTree, name: string): TS.Expression[] {
  return implicitGlobalReferences(tree, name).flatMap((r) => (isAssignedTo(tree.ts, tree, r) ? [(tree.parent(r) as TS.BinaryExpression).right] : []));
}

const globalsByTree = new WeakMap<SyntaxTree, Map<string, readonly TS.Identifier[]>>();

/** Whether the file writes a global as a property of the global object: `window.net = …`, `globalThis['net'] = …`. */
export function globalPropertyWritten(tree: SyntaxTree, name: string): boolean {
  let known = globalProperties.get(tree);
  if (!known) globalProperties.set(tree, (known = new Map()));
  let written = known.get(name);
  if (written === undefined) known.set(name, (written = globalPropertyWrite(tree, name)));
  return written;
}

const globalProperties = new WeakMap<SyntaxTree, Map<string, boolean>>();

function globalPropertyWrite(tree: SyntaxTree, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(`\\b(?:window|globalThis|self)\\s*(?:\\.\\s*${n}\\b|\\[\\s*['"\`]${n}['"\`]\\s*\\])\\s*(?:[-+*/%&|^?]{0,3})=(?!=)`).test(tree.text);
}

/** Whether `id` is the left side of a plain assignment (`id = …`). */
export function isAssignedTo(ts: typeof TS, tree: SyntaxTree, id: TS.Identifier): boolean {
  const parent = tree.parent(id);
  return !!parent && ts.isBinaryExpression(parent) && parent.left === id && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/**
 * Whether `id` is written: the target of any assignment (`=`, `+=`, `??=` …), `++`/`--`, a destructuring assignment
 * (`[id] = …`, `({ id } = …)`) or a `for (id of …)` loop.
 */
export function isWrittenTo(ts: typeof TS, tree: SyntaxTree, id: TS.Identifier): boolean {
  let child: TS.Node = id;
  for (let parent = tree.parent(id); parent; child = parent, parent = tree.parent(parent)) {
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      return parent.left === child && op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
    }
    if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
      return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
    }
    if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child) return true;
    // Inside a pattern being assigned to: `[a, id] = …`, `({ k: id } = …)`, `({ id } = …)`.
    const pattern = ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent)
      || (ts.isPropertyAssignment(parent) && parent.initializer === child) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || ts.isParenthesizedExpression(parent);
    if (!pattern) return false;
  }
  return false;
}

/** Whether a function's body gives its parameter another value anywhere (`kind += 'x'`, `output = clip(output)`). */
export function isParameterWritten(tree: SyntaxTree, p: TS.ParameterDeclaration): boolean {
  const ts = tree.ts;
  const fn = tree.parent(p);
  if (!fn || !ts.isIdentifier(p.name)) return true;
  return referencesTo(tree, fn, p.name.text, { kind: 'parameter', node: p, fn: fn as TS.SignatureDeclaration }).some((r) => isWrittenTo(ts, tree, r));
}

/** `x` of `obj . x`, `{ x: 1 }`, a method or class member name: not a use of a variable. */
export function isPropertyName(ts: typeof TS, tree: SyntaxTree, id: TS.Identifier): boolean {
  const parent = tree.parent(id);
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return true;
  return (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === id;
}

/** The assignments of a variable declared without a value (or with null), which hold all it is given. */
export function assignmentsOfDeclaredEmpty(tree: SyntaxTree, id: TS.Identifier): TS.BinaryExpression[] | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  if (d?.kind !== 'variable' || (d.initializer && unwrapExpression(ts, d.initializer).kind !== ts.SyntaxKind.NullKeyword)) return undefined;
  return assignmentsTo(tree, id.text, d);
}
