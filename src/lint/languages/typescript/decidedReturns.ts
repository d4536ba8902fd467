/**
 * What a function returns when a setting it tests is fixed by the file: `derivative(y) { switch (this.activation) {
 * case 'sigmoid': return y * (1 - y); case 'tanh': … } }` with `this.activation` set to 'sigmoid' (a constructor
 * parameter's default no call overrides, a field written once). Also `if (this.activation === 'sigmoid') return …`.
 */
import type * as TS from 'typescript';
import { stringOf } from './layers';
import { stringValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** The one expression a function returns for the value its leading `switch` or `if` chain tests, when the file fixes that value. */
export function returnedWhenDecided(tree: SyntaxTree, fn: FunctionNode): TS.Expression | undefined {
  const ts = tree.ts;
  if (!fn.body || !ts.isBlock(fn.body)) return undefined;
  for (const st of fn.body.statements) {
    if (ts.isSwitchStatement(st)) {
      const value = stringOf(tree, st.expression);
      if (value === undefined) return undefined;
      const clause = st.caseBlock.clauses.find((c) => ts.isCaseClause(c) && stringValue(ts, unwrapExpression(ts, c.expression)) === value);
      const ret = clause?.statements.find((s) => ts.isReturnStatement(s)) as TS.ReturnStatement | undefined;
      return ret?.expression;
    }
    if (ts.isIfStatement(st)) return chosenIf(tree, st);
    if (!ts.isVariableStatement(st)) return undefined;
  }
  return undefined;
}

/** `if (x === 'sigmoid') return a; else if (x === 'tanh') return b;`: the return of the branch the fixed value takes. */
function chosenIf(tree: SyntaxTree, st: TS.IfStatement): TS.Expression | undefined {
  const ts = tree.ts;
  const test = unwrapExpression(ts, st.expression);
  if (!ts.isBinaryExpression(test) || ![ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(test.operatorToken.kind)) return undefined;
  const [subject, literal] = stringValue(ts, unwrapExpression(ts, test.right)) !== undefined ? [test.left, test.right] : [test.right, test.left];
  const wanted = stringValue(ts, unwrapExpression(ts, literal));
  const value = wanted !== undefined ? stringOf(tree, subject) : undefined;
  if (value === undefined) return undefined;
  const branch = value === wanted ? st.thenStatement : st.elseStatement;
  if (!branch) return undefined;
  if (ts.isIfStatement(branch)) return chosenIf(tree, branch);
  const ret = ts.isReturnStatement(branch) ? branch : ts.isBlock(branch) && branch.statements.length === 1 && ts.isReturnStatement(branch.statements[0]!) ? branch.statements[0] : undefined;
  return ret?.expression;
}
