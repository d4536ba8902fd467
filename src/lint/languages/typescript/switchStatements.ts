/**
 * A `switch` in loss code. On a setting (`switch (algorithm.variant)`) each case is a configuration test, read in a
 * reading of its own (taken unless the reading was told otherwise); a case of the same subject taken before in the
 * reading rules out the others. `switch (true) { case e <= delta: … }` tests data: its cases are read as the `if`s
 * they are. A case runs, falling through, to its `break`.
 */
import type * as TS from 'typescript';
import { conditional, type Expr } from '../../engine/expression';
import { testKey } from './configurationTests';
import type { Translator } from './translate';
import { isLoop } from './translateLoops';
import { Unreadable, type Env } from './translationEnv';

type ReadStatements = (statements: readonly TS.Statement[], env: Env) => Expr;

export function translateSwitch(t: Translator, st: TS.SwitchStatement, rest: readonly TS.Statement[], env: Env, read: ReadStatements): Expr {
  const ts = t.tree.ts;
  const clauses = st.caseBlock.clauses;
  const onTruth = st.expression.kind === ts.SyntaxKind.TrueKeyword;
  const fallback = clauses.findIndex((c) => ts.isDefaultClause(c));
  const readFrom = (i: number): Expr => {
    if (i >= clauses.length) return read([...(fallback >= 0 ? runFrom(t, clauses, fallback) : []), ...rest], env);
    const clause = clauses[i]!;
    if (!ts.isCaseClause(clause)) return readFrom(i + 1);
    const test = onTruth ? t.choice(clause.expression, env) : caseTaken(t, st, clause);
    if (test === true) return read([...runFrom(t, clauses, i), ...rest], env);
    if (test === false) return readFrom(i + 1);
    return conditional(test, read([...runFrom(t, clauses, i), ...rest], env), readFrom(i + 1));
  };
  return readFrom(0);
}

/** The statements run from clause i, falling through, to the first `break` of the switch. */
function runFrom(t: Translator, clauses: readonly TS.CaseOrDefaultClause[], i: number): TS.Statement[] {
  const ts = t.tree.ts;
  const out: TS.Statement[] = [];
  for (const clause of clauses.slice(i)) {
    for (const s of clause.statements.flatMap((x) => (ts.isBlock(x) ? [...x.statements] : [x]))) {
      if (ts.isBreakStatement(s) && !s.label) return out;
      if (breaksInside(ts, s)) throw new Unreadable('a case of the switch leaves it from inside a branch', s);
      out.push(s);
    }
  }
  return out;
}

/**
 * Whether a case of a switch on a setting is taken in this reading: as told, as the same case went before in this
 * function, not when another case of the same subject was taken, else taken.
 */
function caseTaken(t: Translator, st: TS.SwitchStatement, clause: TS.CaseClause): boolean {
  const subject = `${testKey(t.tree, st.expression).key}===`;
  const key = `${subject}${t.tree.compactSource(clause.expression)}`;
  const forced = t.options.choices?.get(clause);
  const met = t.choicePoints.find((p) => p.key === key);
  if (forced === undefined && !met && t.choicePoints.some((p) => p.value && p.key !== key && p.key.startsWith(subject))) return false;
  const value = forced ?? met?.value ?? true;
  if (!met) t.choicePoints.push({ node: clause, value, key, negated: false });
  return value;
}

/** A `break` of the switch inside a branch of a case (`if (x) break;`): the way out depends on a test this does not follow. */
function breaksInside(ts: typeof TS, st: TS.Statement): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || ts.isFunctionLike(n) || isLoop(ts, n as TS.Statement) || ts.isSwitchStatement(n)) return;
    if (ts.isBreakStatement(n) && !n.label) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(st);
  return found;
}
