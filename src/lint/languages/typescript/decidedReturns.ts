/**
 * What a function returns when a setting it tests is fixed by the file: `derivative(y) { switch (this.activation) {
 * case 'sigmoid': return y * (1 - y); case 'tanh': … } }` with `this.activation` set to 'sigmoid' (a constructor
 * parameter's default no call overrides, a field written once). Also `if (this.activation === 'sigmoid') return …`.
 */
import type * as TS from 'typescript';
import { reactStateStart } from './componentState';
import { DERIVATIVE_FLAG } from './configurationTests';
import { stringOf } from './layers';
import { stringValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** The one expression a function returns for the value its leading `switch` or `if` chain tests, when the file fixes that value. */
export function returnedWhenDecided(tree: SyntaxTree, fn: FunctionNode): TS.Expression | undefined {
  // A component's setting kept in React state (`switch (config.activation)`) is what the state starts as, until the
  // page's controls change it.
  return decidedReturn(tree, fn, (subject) => {
    const fixed = stringOf(tree, subject);
    if (fixed !== undefined) return fixed;
    const start = reactStateStart(tree, subject);
    return start ? stringOf(tree, start) : undefined;
  });
}

/**
 * What a call returns when the function's leading `switch` or `if` chain tests one of its parameters and the call gives
 * it a string: `derivative(y, 'sigmoid')` of `function derivative(x, name) { switch (name) { case 'sigmoid': … } }`.
 */
export function returnedForCall(tree: SyntaxTree, fn: FunctionNode, call: TS.CallExpression): TS.Expression | undefined {
  const ts = tree.ts;
  return decidedReturn(tree, fn, (subject) => {
    const u = unwrapExpression(ts, subject);
    const k = ts.isIdentifier(u) ? fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === u.text) : -1;
    const given = k >= 0 ? call.arguments[k] : undefined;
    return given ? stringOf(tree, given) : undefined;
  });
}

function decidedReturn(tree: SyntaxTree, fn: FunctionNode, valueOf: (subject: TS.Expression) => string | undefined): TS.Expression | undefined {
  const ts = tree.ts;
  if (!fn.body || !ts.isBlock(fn.body)) return undefined;
  for (const st of fn.body.statements) {
    if (ts.isSwitchStatement(st)) {
      const value = valueOf(st.expression);
      if (value === undefined) return undefined;
      const clauses = st.caseBlock.clauses;
      const at = clauses.findIndex((c) => ts.isCaseClause(c) && stringValue(ts, unwrapExpression(ts, c.expression)) === value);
      // `case 'sigmoid': case 'logistic': …`: an empty clause falls through to the next one with statements.
      const clause = at < 0 ? undefined : clauses.slice(at).find((c) => c.statements.length > 0);
      // `case 'sigmoid': { const s = f(x); return s * (1 - s); }`: a clause written as a block.
      const body = clause?.statements.length === 1 && ts.isBlock(clause.statements[0]!) ? clause.statements[0].statements : clause?.statements;
      const ret = body?.find((s) => ts.isReturnStatement(s)) as TS.ReturnStatement | undefined;
      return ret?.expression;
    }
    if (ts.isIfStatement(st)) return chosenIf(tree, st, valueOf);
    if (!ts.isVariableStatement(st)) return undefined;
  }
  return undefined;
}

/** `if (x === 'sigmoid') return a; else if (x === 'tanh') return b;`: the return of the branch the fixed value takes. */
function chosenIf(tree: SyntaxTree, st: TS.IfStatement, valueOf: (subject: TS.Expression) => string | undefined): TS.Expression | undefined {
  const ts = tree.ts;
  const test = unwrapExpression(ts, st.expression);
  if (!ts.isBinaryExpression(test) || ![ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(test.operatorToken.kind)) return undefined;
  const [subject, literal] = stringValue(ts, unwrapExpression(ts, test.right)) !== undefined ? [test.left, test.right] : [test.right, test.left];
  const wanted = stringValue(ts, unwrapExpression(ts, literal));
  const value = wanted !== undefined ? valueOf(subject) : undefined;
  if (value === undefined) return undefined;
  const branch = value === wanted ? st.thenStatement : st.elseStatement;
  if (!branch) return undefined;
  if (ts.isIfStatement(branch)) return chosenIf(tree, branch, valueOf);
  const ret = ts.isReturnStatement(branch) ? branch : ts.isBlock(branch) && branch.statements.length === 1 && ts.isReturnStatement(branch.statements[0]!) ? branch.statements[0] : undefined;
  return ret?.expression;
}

/**
 * What an activation that gives its derivative when asked returns unasked: `nonlin(x, deriv)` of `if (deriv) return x *
 * (1 - x); return 1 / (1 + Math.exp(-x));` (the classic minimal networks and their ports), `deriv ? d : f`. The flag is
 * a parameter named for a derivative that does not start true.
 */
export function returnedUnasked(tree: SyntaxTree, fn: FunctionNode): TS.Expression | undefined {
  const ts = tree.ts;
  const flag = derivativeFlagOf(ts, fn);
  if (!flag || !fn.body) return undefined;
  if (!ts.isBlock(fn.body)) return unaskedBranch(ts, fn.body, flag);
  const statements = fn.body.statements;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i]!;
    if (ts.isReturnStatement(st)) return st.expression && unaskedBranch(ts, st.expression, flag);
    if (!ts.isIfStatement(st)) continue;
    const asked = flagTest(ts, st.expression, flag);
    if (asked === undefined) return undefined;
    // `if (deriv) return d;` then the rest; `if (!deriv) return f;`; `if (deriv) { return d } else { return f }`.
    const unasked = asked ? st.elseStatement : st.thenStatement;
    if (unasked) return returnOf(ts, unasked);
    if (!asked) return undefined;
  }
  return undefined;
}

/** The parameter (after the first) named for a derivative, unless it starts true. */
function derivativeFlagOf(ts: typeof TS, fn: FunctionNode): string | undefined {
  const p = fn.parameters.slice(1).find((q) => ts.isIdentifier(q.name) && DERIVATIVE_FLAG.test(q.name.text));
  const starts = p?.initializer && unwrapExpression(ts, p.initializer);
  return p && ts.isIdentifier(p.name) && starts?.kind !== ts.SyntaxKind.TrueKeyword ? p.name.text : undefined;
}

/** Whether a test asks for the derivative (`deriv`, `deriv == true`, `deriv === true`: true; `!deriv`: false). */
function flagTest(ts: typeof TS, test: TS.Expression, flag: string): boolean | undefined {
  const e = unwrapExpression(ts, test);
  if (ts.isIdentifier(e)) return e.text === flag ? true : undefined;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = flagTest(ts, e.operand, flag);
    return inner === undefined ? undefined : !inner;
  }
  const equal = ts.isBinaryExpression(e) && [ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken].includes(e.operatorToken.kind);
  if (!equal || !ts.isIdentifier(unwrapExpression(ts, e.left)) || (unwrapExpression(ts, e.left) as TS.Identifier).text !== flag) return undefined;
  const right = unwrapExpression(ts, e.right).kind;
  return right === ts.SyntaxKind.TrueKeyword ? true : right === ts.SyntaxKind.FalseKeyword ? false : undefined;
}

function unaskedBranch(ts: typeof TS, e: TS.Expression, flag: string): TS.Expression | undefined {
  const u = unwrapExpression(ts, e);
  if (!ts.isConditionalExpression(u)) return u;
  const asked = flagTest(ts, u.condition, flag);
  return asked === undefined ? undefined : asked ? u.whenFalse : u.whenTrue;
}

function returnOf(ts: typeof TS, st: TS.Statement): TS.Expression | undefined {
  const only = ts.isBlock(st) && st.statements.length === 1 ? st.statements[0]! : st;
  return ts.isReturnStatement(only) ? only.expression : undefined;
}
