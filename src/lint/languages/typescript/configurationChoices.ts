/**
 * Values chosen by configuration, with the conditions under which each is chosen: an output activation written
 * `numClasses === 2 ? 'sigmoid' : 'softmax'`, a `let lossFunction` set in the branches of `if (numClasses === 2)`, a
 * `getLoss(config)` that switches on `config.task`. A loss and a model chosen by the same setting go together: the
 * binary branch's loss is checked against the binary branch's activation, never against the other branch's.
 *
 * A condition says that a setting (a subject: a variable, a parameter, `this.opts.loss`, `config.output.task`, named
 * by its declaration so that two functions reading the same parameter agree) has, or has not, a value. Two lists of
 * conditions are consistent when no setting is asked to have two values, or a value and not it.
 */
import type * as TS from 'typescript';
import { exclusiveBranches } from './branchedLayers';
import { functionValue } from './functionValues';
import { activationDomain } from './layers';
import type { ModelInfo } from './modelResolution';
import { thisOwner } from './objectValues';
import { assignmentsTo, referencesTo, resolveIdentifier } from './scope';
import { comparisonOf } from './targetShapes';
import { isFunctionNode, stringValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { numericValue } from './translationEnv';

export interface Condition {
  /** The setting tested, by its declaration. */
  subject: string;
  /** The value compared with (`TRUTHY` for a bare test). */
  value: string;
  /** Whether the setting has that value (or is truthy) under the condition. */
  holds: boolean;
  /** A numeric comparison (`numClasses > 2`, a test kept whole): the setting compared and where the test holds. */
  compares?: { subject: string; range: Interval };
}

/** Numbers from `lo` to `hi`, each end in or out. */
interface Interval {
  lo: number;
  hi: number;
  loIn: boolean;
  hiIn: boolean;
}

/** A setting tested bare (`if (useLogits)`): truthiness, not a value. */
export const TRUTHY = '\u0000truthy';
/** A test the code decides itself (`task === 'binary'` with `task` given 'binary') that fails: the way cannot run. */
const NEVER: Condition = { subject: '\u0000never', value: TRUTHY, holds: true };

/** Whether a way's conditions include a test the code decides against: the way never runs. */
export function cannotRun(when: readonly Condition[] | undefined): boolean {
  return !!when?.includes(NEVER);
}

/** One value a configured expression may take, and when. */
export interface Choice {
  node: TS.Expression;
  when: Condition[];
}

/** Parameters of a function read for one call: each parameter's argument, so that conditions name the caller's setting. */
type Arguments = ReadonlyMap<TS.Node, TS.Expression>;

const MAX_DEPTH = 6;
const MAX_CHOICES = 8;
/** Expressions one reading of a configured value may look at (returns of functions that call others fan out). */
const MAX_STEPS = 64;

interface Work {
  left: number;
}

/** Whether two lists of conditions can hold together. */
export function consistent(a: readonly Condition[], b: readonly Condition[]): boolean {
  for (const x of a) {
    for (const y of b) {
      // `numClasses === 2` and `numClasses > 2`: no number is both.
      const [nx, ny] = [numericCondition(x), numericCondition(y)];
      if (nx && ny && nx.subject === ny.subject && !nx.intervals.some((i) => ny.intervals.some((j) => overlap(i, j)))) return false;
      if (x.subject !== y.subject || (x.value === TRUTHY) !== (y.value === TRUTHY)) continue;
      if (x.holds && y.holds && x.value !== y.value) return false;
      if (x.value === y.value && x.holds !== y.holds) return false;
    }
  }
  return true;
}

/**
 * Whether a way of building a model may go with a loss chosen by configuration: only when the two are chosen by a
 * common setting (and agree on it). A loss and a head chosen by settings the lint cannot relate (`numClasses > 2` and
 * `task === 'binary'`, a test it cannot read) are not paired at all: which goes with which is unknown. (Numeric tests
 * of one setting, `numClasses > 2` and `numClasses === 2`, only rule a pairing out in `consistent`: pairing them on
 * that alone would read the counts no one uses, 0 or 1 class, as ways.)
 */
export function pairable(way: readonly Condition[], loss: readonly Condition[]): boolean {
  return way.some((w) => loss.some((l) => l.subject === w.subject && (l.value === TRUTHY) === (w.value === TRUTHY)));
}

/** The numbers a condition on a number allows: `n === 2` holding is [2, 2], failing is all but 2; `n > 2` holding is (2, ∞). */
function numericCondition(c: Condition): { subject: string; intervals: Interval[] } | undefined {
  const all = { lo: -Infinity, hi: Infinity, loIn: false, hiIn: false };
  if (c.compares) {
    const r = c.compares.range;
    const outside = [{ ...all, hi: r.lo, hiIn: !r.loIn }, { ...all, lo: r.hi, loIn: !r.hiIn }].filter((i) => i.lo < i.hi || (i.lo === i.hi && i.loIn && i.hiIn));
    return { subject: c.compares.subject, intervals: c.holds ? [r] : outside };
  }
  const v = c.value === TRUTHY || c.value.trim() === '' ? NaN : Number(c.value);
  if (!Number.isFinite(v)) return undefined;
  return { subject: c.subject, intervals: c.holds ? [{ lo: v, hi: v, loIn: true, hiIn: true }] : [{ ...all, hi: v }, { ...all, lo: v }] };
}

function overlap(i: Interval, j: Interval): boolean {
  const lo = Math.max(i.lo, j.lo);
  const hi = Math.min(i.hi, j.hi);
  if (lo < hi) return true;
  if (lo > hi) return false;
  return contains(i, lo) && contains(j, lo);
}

function contains(k: Interval, x: number): boolean {
  return (x > k.lo || (x === k.lo && k.loIn)) && (x < k.hi || (x === k.hi && k.hiIn));
}

/** `n > 2`, `2 <= n`: the setting compared with a number, and the numbers for which the test holds. */
function comparedWithNumber(tree: SyntaxTree, e: TS.BinaryExpression, args?: Arguments): Condition['compares'] {
  const ts = tree.ts;
  const op = comparisonOf(ts, e.operatorToken.kind);
  if (op !== '<' && op !== '<=' && op !== '>' && op !== '>=') return undefined;
  const [l, r] = [numericValue(ts, e.left), numericValue(ts, e.right)];
  if ((l === undefined) === (r === undefined)) return undefined;
  // Written with the number on the right: `n > 2`; on the left, `2 < n` is `n > 2`.
  const bound = (r ?? l)!;
  const greater = r !== undefined ? op === '>' || op === '>=' : op === '<' || op === '<=';
  const inclusive = op === '<=' || op === '>=';
  const range = greater ? { lo: bound, hi: Infinity, loIn: inclusive, hiIn: false } : { lo: -Infinity, hi: bound, loIn: false, hiIn: inclusive };
  return { subject: subjectKey(tree, r !== undefined ? e.left : e.right, args), range };
}

/** The setting an expression reads, named by its declaration: `config.output.task` in two functions given the same `config`. */
export function subjectKey(tree: SyntaxTree, expr: TS.Expression, args?: Arguments, depth = 0): string {
  const ts = tree.ts;
  const e = unwrapExpression(ts, expr);
  const path: string[] = [];
  let root: TS.Expression = e;
  for (;;) {
    if (ts.isPropertyAccessExpression(root)) path.unshift(root.name.text);
    else if (ts.isElementAccessExpression(root) && literalText(tree, root.argumentExpression) !== undefined) path.unshift(literalText(tree, root.argumentExpression)!);
    else break;
    root = unwrapExpression(ts, root.expression);
  }
  const rest = path.map((p) => `.${p}`).join('');
  if (root.kind === ts.SyntaxKind.ThisKeyword) {
    const owner = thisOwner(tree, root);
    return `this@${owner ? tree.start(owner) : -1}${rest}`;
  }
  if (ts.isIdentifier(root)) {
    const d = resolveIdentifier(tree, root);
    if (d?.kind === 'parameter' && args?.has(d.node) && depth < MAX_DEPTH) return `${subjectKey(tree, args.get(d.node)!, undefined, depth + 1)}${rest}`;
    // `const task = config.task`: the setting it copies.
    if (d?.kind === 'variable' && d.isConst && d.initializer && depth < MAX_DEPTH) {
      const init = unwrapExpression(ts, d.initializer);
      if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) return `${subjectKey(tree, init, args, depth + 1)}${rest}`;
    }
    return `${d ? `@${tree.start(d.node)}` : `global:${root.text}`}${rest}`;
  }
  return testSubject(tree, e);
}

/** A test the lint cannot take apart (`numClasses > 2`): its text, in the function it is in (another function's is another setting). */
function testSubject(tree: SyntaxTree, e: TS.Expression): string {
  const fn = [...tree.ancestors(e)].find((a) => isFunctionNode(tree.ts, a));
  return `test:${fn ? tree.start(fn) : -1}:${tree.compactSource(e)}`;
}

/** A literal's text: a string, a number, true or false (a const holding one counts). */
export function literalText(tree: SyntaxTree, node: TS.Expression, depth = 0): string | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, node);
  const s = stringValue(ts, n);
  if (s !== undefined) return s;
  const v = numericValue(ts, n);
  if (v !== undefined) return String(v);
  if (n.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (n.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (ts.isIdentifier(n) && depth < MAX_DEPTH) {
    const d = resolveIdentifier(tree, n);
    if (d?.kind === 'variable' && d.isConst && d.initializer) return literalText(tree, d.initializer, depth + 1);
  }
  // `classLabels.length` of a const array the file writes out and never changes: a count the code decides.
  if (ts.isPropertyAccessExpression(n) && n.name.text === 'length' && ts.isIdentifier(n.expression)) {
    const length = fixedArrayLength(tree, n.expression);
    if (length !== undefined) return String(length);
  }
  return undefined;
}

/** How many elements a const array literal has, when nothing in the file can change it (no push, splice, index write). */
function fixedArrayLength(tree: SyntaxTree, id: TS.Identifier): number | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  const init = d?.kind === 'variable' && d.isConst && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  if (!init || !ts.isArrayLiteralExpression(init) || init.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) return undefined;
  const container = 'container' in d! ? d.container : tree.file;
  const changed = referencesTo(tree, container, id.text, d!).some((ref) => {
    const parent = tree.parent(ref);
    if (!parent) return false;
    // Handed to other code, a method that changes it, or an element or its length written.
    if (ts.isCallExpression(parent) && parent.arguments.includes(ref as TS.Expression)) return true;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref && MUTATORS.has(parent.name.text)) return true;
    const written = ts.isElementAccessExpression(parent) || (ts.isPropertyAccessExpression(parent) && parent.name.text === 'length') ? tree.parent(parent) : undefined;
    return !!written && ts.isBinaryExpression(written) && written.left === parent && written.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && written.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  });
  return changed ? undefined : init.elements.length;
}

const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'fill', 'copyWithin']);

/** What a test says when it holds (or fails): `task === 'binary'`, `!useLogits`, `a && b` (when it holds). */
export function conditionsOfTest(tree: SyntaxTree, test: TS.Expression, holds: boolean, args?: Arguments): Condition[] {
  const ts = tree.ts;
  const e = unwrapExpression(ts, test);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return conditionsOfTest(tree, e.operand, !holds, args);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    // Both sides hold when `a && b` does; neither when `a || b` fails. The other ways are a choice of sides.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return holds ? [...conditionsOfTest(tree, e.left, true, args), ...conditionsOfTest(tree, e.right, true, args)] : [];
    if (op === ts.SyntaxKind.BarBarToken) return holds ? [] : [...conditionsOfTest(tree, e.left, false, args), ...conditionsOfTest(tree, e.right, false, args)];
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (equal || unequal) {
      const [left, right] = [literalText(tree, e.right), literalText(tree, e.left)];
      const side = left !== undefined ? e.left : right !== undefined ? e.right : undefined;
      const value = left ?? right;
      if (side && value !== undefined) {
        // The setting's own value written in the code (a literal argument, a const): the test is decided.
        const id = unwrapExpression(ts, side);
        const param = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
        const known = param?.kind === 'parameter' && args?.has(param.node) ? literalText(tree, args.get(param.node)!) : literalText(tree, side);
        if (known !== undefined) return (known === value) === (equal === holds) ? [] : [NEVER];
        return [{ subject: subjectKey(tree, side, args), value, holds: equal === holds }];
      }
    }
    const compares = comparedWithNumber(tree, e, args);
    return [{ subject: testSubject(tree, e), value: TRUTHY, holds, ...(compares ? { compares } : {}) }];
  }
  return [{ subject: subjectKey(tree, e, args), value: TRUTHY, holds }];
}

/** Whether a statement always leaves the block: a return or throw, or a block ending in one. */
function exits(ts: typeof TS, st: TS.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  if (ts.isBlock(st)) {
    const last = st.statements[st.statements.length - 1];
    return !!last && exits(ts, last);
  }
  return false;
}

/**
 * The conditions under which a node runs, from the `if`s, `?:`s, `switch` cases and early returns around it, up to
 * `stop` (or the function it is in).
 */
export function enclosingConditions(tree: SyntaxTree, node: TS.Node, args?: Arguments, stop?: TS.Node): Condition[] {
  const ts = tree.ts;
  const out: Condition[] = [];
  let child: TS.Node = node;
  for (const a of tree.ancestors(node)) {
    if (a === stop || isFunctionNode(ts, a)) break;
    if (ts.isIfStatement(a) && child !== a.expression) out.push(...conditionsOfTest(tree, a.expression, child === a.thenStatement, args));
    else if (ts.isConditionalExpression(a) && child !== a.condition) out.push(...conditionsOfTest(tree, a.condition, child === a.whenTrue, args));
    else if (ts.isBinaryExpression(a) && child === a.right && a.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) out.push(...conditionsOfTest(tree, a.left, true, args));
    else if (ts.isCaseClause(a) || ts.isDefaultClause(a)) out.push(...caseConditions(tree, a, args));
    if (ts.isBlock(a) || ts.isCaseClause(a) || ts.isDefaultClause(a) || ts.isSourceFile(a)) {
      // `if (task === 'binary') return 'binaryCrossentropy';` above: the code below runs when the test failed.
      for (const st of a.statements) {
        if (st === child) break;
        if (ts.isIfStatement(st) && !st.elseStatement && exits(ts, st.thenStatement)) out.push(...conditionsOfTest(tree, st.expression, false, args));
      }
    }
    child = a;
  }
  return out;
}

/** A `case` says the switch's subject has its value (a case reached by falling through says nothing); `default` that it has none of the others. */
function caseConditions(tree: SyntaxTree, clause: TS.CaseClause | TS.DefaultClause, args?: Arguments): Condition[] {
  const ts = tree.ts;
  const block = tree.parent(clause);
  const sw = block && tree.parent(block);
  if (!sw || !ts.isSwitchStatement(sw)) return [];
  const subject = subjectKey(tree, sw.expression, args);
  const clauses = sw.caseBlock.clauses;
  const i = clauses.indexOf(clause);
  const previous = clauses[i - 1];
  // Reached by falling through from the case above (`case 'a': case 'b':`, or a case that does not leave): no one value.
  const leaves = (st: TS.Statement): boolean => exits(ts, st) || ts.isBreakStatement(st) || (ts.isBlock(st) && st.statements.length > 0 && leaves(st.statements[st.statements.length - 1]!));
  if (previous && !previous.statements.some(leaves)) return [];
  if (ts.isCaseClause(clause)) {
    const value = literalText(tree, clause.expression);
    return value === undefined ? [] : [{ subject, value, holds: true }];
  }
  return clauses.flatMap((c) => {
    const value = ts.isCaseClause(c) ? literalText(tree, c.expression) : undefined;
    return value === undefined ? [] : [{ subject, value, holds: false }];
  });
}

/** What a reading that took (or passed) a case of a switch says about its subject. */
export function caseTestConditions(tree: SyntaxTree, clause: TS.CaseClause, taken: boolean): Condition[] {
  const sw = tree.parent(tree.parent(clause) ?? clause);
  const value = literalText(tree, clause.expression);
  if (!sw || !tree.ts.isSwitchStatement(sw) || value === undefined) return [];
  return [{ subject: subjectKey(tree, sw.expression), value, holds: taken }];
}

/**
 * The values an expression may take by configuration, each with its conditions: the branches of a `?:`, the
 * assignments of a `let` set in the branches of an `if` or `switch`, the returns of a function of the file (whose
 * parameters then name the caller's settings). Undefined when the expression is not chosen (one value), or is chosen
 * in a way this does not follow (a loop, too many ways).
 */
export function configuredChoices(tree: SyntaxTree, expr: TS.Expression): Choice[] | undefined {
  const found = choices(tree, expr, [], undefined, 0, { left: MAX_STEPS });
  // Ways whose tests the code itself decides against are dropped: one way left is the value.
  const out = found?.filter((c) => !cannotRun(c.when));
  return out && out.length >= 1 && out.length <= MAX_CHOICES && (out.length > 1 || out[0]!.node !== unwrapExpression(tree.ts, expr)) ? out : undefined;
}

function choices(tree: SyntaxTree, expr: TS.Expression, when: Condition[], args: Arguments | undefined, depth: number, work: Work): Choice[] | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, expr);
  if (depth > MAX_DEPTH || --work.left < 0) return undefined;
  const leaf = [{ node: e, when }];
  if (ts.isConditionalExpression(e)) {
    const a = choices(tree, e.whenTrue, [...when, ...conditionsOfTest(tree, e.condition, true, args)], args, depth + 1, work);
    const b = choices(tree, e.whenFalse, [...when, ...conditionsOfTest(tree, e.condition, false, args)], args, depth + 1, work);
    return a && b ? bounded([...a, ...b]) : undefined;
  }
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    if (d?.kind === 'parameter' && args?.has(d.node)) return choices(tree, args.get(d.node)!, when, undefined, depth + 1, work);
    if (d?.kind !== 'variable') return leaf;
    if (d.isConst) return d.initializer ? choices(tree, d.initializer, when, args, depth + 1, work) : leaf;
    return assignedChoices(tree, e, d, when, args, depth, work) ?? leaf;
  }
  if (ts.isCallExpression(e)) {
    const fn = functionValue(tree, e.expression);
    return fn ? returnedChoices(tree, fn, e, when, args, depth, work) ?? leaf : leaf;
  }
  return leaf;
}

function bounded(list: Choice[]): Choice[] | undefined {
  return list.length <= MAX_CHOICES ? list : undefined;
}

/** A `let` set in branches before its use: each value, with the conditions of its branch. */
function assignedChoices(tree: SyntaxTree, use: TS.Identifier, d: Extract<ReturnType<typeof resolveIdentifier>, { kind: 'variable' }>, when: Condition[], args: Arguments | undefined, depth: number, work: Work): Choice[] | undefined {
  const ts = tree.ts;
  // `x = value` assignments, and a `var` declared again in each branch (`if (a) { var loss = …; } else { var loss = …; }`).
  const assignments: { node: TS.Node; right: TS.Expression }[] = [
    ...assignmentsTo(tree, use.text, d).map((a) => ({ node: a as TS.Node, right: a.right })),
    ...(d.redeclared ?? []).flatMap((v) => (v.initializer ? [{ node: v as TS.Node, right: v.initializer }] : [])),
  ].sort((a, b) => a.node.pos - b.node.pos);
  const container = d.container;
  const out: Choice[] = [];
  const branchTests: Condition[][] = [];
  for (const a of assignments) {
    if (a.node.end > tree.start(use)) return undefined;
    // Set in a loop or in a function it defines: when is unknown.
    for (const anc of tree.ancestors(a.node)) {
      if (anc === container) break;
      if (isFunctionNode(ts, anc) || ts.isIterationStatement(anc, false)) return undefined;
    }
    const conditions = enclosingConditions(tree, a.node, args, container);
    branchTests.push(conditions);
    // A later assignment under its own test overrides this one where that test holds (`if (multi) …; if (regression) …`).
    // One in another branch of the same `if … else if … else` never runs with this one.
    for (const later of assignments.filter((b) => b.node.pos > a.node.pos && !exclusiveBranches(tree, a.node, b.node))) {
      const c = enclosingConditions(tree, later.node, args, container);
      if (c.length > 1) return undefined;
      const negated = c[0] && { ...c[0], holds: !c[0].holds };
      if (negated && consistent([negated], conditions)) conditions.push(negated);
    }
    const got = choices(tree, a.right, [...when, ...conditions], args, depth + 1, work);
    if (!got) return undefined;
    out.push(...got);
  }
  // `let loss = 'N/A'; if (a) loss = …; else if (b) loss = …; else loss = …;`: every way assigns, the first value is gone.
  if (d.initializer && !assignedOnEveryWay(tree, assignments.map((a) => a.node), use, container)) {
    // `let act = 'softmax'; if (binary) act = 'sigmoid';`: the first value holds where no assignment's one test does.
    const negated: Condition[] = [];
    for (const c of branchTests) {
      if (c.length !== 1) return undefined;
      negated.push({ ...c[0]!, holds: !c[0]!.holds });
    }
    const got = choices(tree, d.initializer, [...when, ...negated], args, depth + 1, work);
    if (!got) return undefined;
    out.push(...got);
  }
  return bounded(out);
}

/** Whether, whichever way the code goes, one of the assignments runs before `use` (an `if` whose every branch assigns). */
function assignedOnEveryWay(tree: SyntaxTree, assignments: readonly TS.Node[], use: TS.Node, container: TS.Node): boolean {
  const ts = tree.ts;
  const statements = new Set(assignments.map((a) => tree.parent(a)).filter((st): st is TS.Node => !!st && ts.isExpressionStatement(st)));
  // A statement after which the use sees an assignment: one, a block holding one, an if / switch (with a default) /
  // try whose every way assigns or leaves (`else throw new Error(…)`, `default: return`).
  const assigns = (st: TS.Statement | undefined, depth = 0): boolean => {
    if (!st || depth > 20) return false;
    if (statements.has(st) || ts.isThrowStatement(st) || ts.isReturnStatement(st)) return true;
    if (ts.isBlock(st)) return st.statements.some((x) => assigns(x, depth + 1));
    if (ts.isIfStatement(st)) return assigns(st.thenStatement, depth + 1) && assigns(st.elseStatement, depth + 1);
    if (ts.isTryStatement(st)) return assigns(st.tryBlock, depth + 1) && (!st.catchClause || assigns(st.catchClause.block, depth + 1));
    if (!ts.isSwitchStatement(st) || !st.caseBlock.clauses.some((c) => ts.isDefaultClause(c))) return false;
    // Each clause with code assigns (an empty one falls through to the next); the last one has code.
    const clauses = st.caseBlock.clauses;
    return clauses[clauses.length - 1]!.statements.length > 0 && clauses.every((c) => c.statements.length === 0 || c.statements.some((x) => assigns(x, depth + 1)));
  };
  let child: TS.Node = use;
  for (const a of tree.ancestors(use)) {
    if (ts.isBlock(a) || ts.isSourceFile(a)) {
      for (const st of a.statements) {
        if (st === child) break;
        if (assigns(st)) return true;
      }
    }
    if (a === container || isFunctionNode(ts, a)) break;
    child = a;
  }
  return false;
}

/**
 * The arguments a call gives a function's parameters; an argument that is a parameter of the outer function being read
 * (`inner(t)` inside `outer(t)`) is the outer call's own argument.
 */
export function argumentsByParameter(tree: SyntaxTree, fn: FunctionNode, call: TS.CallExpression, outer?: Arguments): Map<TS.Node, TS.Expression> {
  const ts = tree.ts;
  const args = new Map<TS.Node, TS.Expression>();
  fn.parameters.forEach((p, i) => {
    const arg = call.arguments[i];
    if (!arg || ts.isSpreadElement(arg)) return;
    const id = unwrapExpression(ts, arg);
    const d = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
    args.set(p, d?.kind === 'parameter' && outer?.has(d.node) ? outer.get(d.node)! : arg);
  });
  return args;
}

/** A function of the file read for one call: each return, under its conditions in the caller's settings. */
function returnedChoices(tree: SyntaxTree, fn: FunctionNode, call: TS.CallExpression, when: Condition[], outer: Arguments | undefined, depth: number, work: Work): Choice[] | undefined {
  const ts = tree.ts;
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return undefined;
  const returns: TS.ReturnStatement[] = [];
  const visit = (n: TS.Node): void => {
    if (isFunctionNode(ts, n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) returns.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  if (returns.length < 2 || returns.length > MAX_CHOICES || returns.some((r) => !r.expression)) return undefined;
  const args = argumentsByParameter(tree, fn, call, outer);
  const out: Choice[] = [];
  for (const r of returns) {
    for (const anc of tree.ancestors(r)) {
      if (anc === fn) break;
      if (ts.isIterationStatement(anc, false)) return undefined;
    }
    const got = choices(tree, r.expression!, [...when, ...enclosingConditions(tree, r, args, fn)], args, depth + 1, work);
    if (!got) return undefined;
    out.push(...got);
  }
  return bounded(out);
}

/** A compile call's loss chosen by a setting outside the call (a `let` set in branches, a `getLoss(config)`'s returns). */
export function chosenAway(cc: { call: TS.Node }, loss: { value: TS.Node; when?: Condition[] }): boolean {
  return loss.when !== undefined && (loss.value.end <= cc.call.pos || loss.value.pos >= cc.call.end);
}

/**
 * A model whose output layer's activation is chosen by configuration (`activation: numClasses === 2 ? 'sigmoid' :
 * 'softmax'`): unknown as one model, and each way an alternative with the conditions it is chosen under.
 */
export function withConfiguredActivation(model: ModelInfo | undefined, maxAlternatives: number): ModelInfo | undefined {
  const choices = model && !model.alternatives && model.activationName === null ? model.decidingLayer?.activationChoices : undefined;
  if (!model || !choices || choices.length > maxAlternatives) return model;
  const { range: _range, ...rest } = model;
  // A way that adds a layer of its own is that layer's: located, and fixed, there.
  const alternatives = choices.map((c) => ({ ...rest, ...(c.layer ? { decidingLayer: c.layer } : {}), activation: activationDomain(c.name), activationName: c.name, units: c.units ?? model.units, when: c.when }));
  return { ...model, alternatives };
}
