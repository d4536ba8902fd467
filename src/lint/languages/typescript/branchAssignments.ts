/**
 * An outer `let` given its value by the statements before its use: `let valueLoss; if (config.clipVLoss) { valueLoss =
 * clipped } else { valueLoss = plain }` above `variableGrads(() => policyLoss.add(valueLoss))`. Each `if` reads as a
 * conditional (a configuration test picks a branch per reading, as in a loss's own body), each plain assignment
 * replaces the value; any other statement that assigns it (a loop, a nested function) leaves it unread.
 */
import type * as TS from 'typescript';
import { conditional, type Expr } from '../../engine/expression';
import type { Declaration } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { Env } from './translationEnv';

type Value = () => Expr;

export function valueAssignedBefore(t: Translator, use: TS.Identifier, decl: Declaration & { kind: 'variable' }): Expr | undefined {
  const ts = t.tree.ts;
  const name = use.text;
  const statement = t.tree.parent(t.tree.parent(decl.node) ?? decl.node);
  const block = statement && t.tree.parent(statement);
  if (!statement || !ts.isVariableStatement(statement) || !block || !(ts.isBlock(block) || ts.isSourceFile(block))) return undefined;
  const statements = block.statements;
  const first = statements.indexOf(statement);
  const enclosing = new Set(t.tree.ancestors(use));
  const last = statements.findIndex((s) => enclosing.has(s));
  if (first < 0 || last <= first) return undefined;
  const init = decl.initializer;
  let value: Value | undefined = init ? () => t.expression(init, Env.empty) : undefined;
  let changed = false;
  for (const st of statements.slice(first + 1, last)) {
    if (!assigns(ts, st, name)) continue;
    const next = valueAfter(t, st, name, value);
    if (!next) return undefined;
    value = next;
    changed = true;
  }
  return changed && value ? value() : undefined;
}

/** The value after one statement that assigns `name`, when it is an assignment or an `if` whose branches are. */
function valueAfter(t: Translator, st: TS.Statement, name: string, before: Value | undefined): Value | undefined {
  const ts = t.tree.ts;
  if (ts.isBlock(st)) {
    let value = before;
    for (const s of st.statements) {
      if (!assigns(ts, s, name)) continue;
      value = valueAfter(t, s, name, value);
      if (!value) return undefined;
    }
    return value;
  }
  if (ts.isExpressionStatement(st)) {
    const e = unwrapExpression(ts, st.expression);
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left) || e.left.text !== name) return undefined;
    const right = e.right;
    return () => t.expression(right, Env.empty);
  }
  if (ts.isIfStatement(st)) {
    const then = valueAfter(t, st.thenStatement, name, before);
    // No else and no value before: the other way leaves it undefined and the code cannot run that way.
    const otherwise = st.elseStatement ? valueAfter(t, st.elseStatement, name, before) : before ?? then;
    if (!then || !otherwise) return undefined;
    const test = st.expression;
    return () => {
      const chosen = t.choice(test, Env.empty);
      if (typeof chosen === 'boolean') return chosen ? then() : otherwise();
      return conditional(chosen, then(), otherwise());
    };
  }
  return undefined;
}

/** Whether a statement assigns `name` anywhere (nested functions excluded). */
function assigns(ts: typeof TS, st: TS.Node, name: string): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    const assigned =
      (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left) && n.left.text === name) ||
      ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === name);
    if (assigned) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(st);
  return found;
}
