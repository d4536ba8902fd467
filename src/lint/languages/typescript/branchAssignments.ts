/**
 * An outer `let` given its value by the statements before its use: `let valueLoss; if (config.clipVLoss) { valueLoss =
 * clipped } else { valueLoss = plain }` above `variableGrads(() => policyLoss.add(valueLoss))`. Each `if` reads as a
 * conditional (a configuration test picks a branch per reading, as in a loss's own body), each plain assignment
 * replaces the value; any other statement that assigns it (a function it defines) leaves it unread, and a name
 * declared again inside (a shadowing `let`) is another variable. A loop that assigns it makes it `'changed'`: a value of
 * its own (a score summed over features), not the one it started with.
 */
import type * as TS from 'typescript';
import { conditional, type Expr } from '../../engine/expression';
import { referencesTo, resolveIdentifier, type Declaration } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { Env, Unreadable } from './translationEnv';

type Value = () => Expr;

export function valueAssignedBefore(t: Translator, use: TS.Identifier, decl: Declaration & { kind: 'variable' }): Expr | 'changed' | undefined {
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
  const isIt = (id: TS.Identifier) => id.text === name && resolveIdentifier(t.tree, id)?.node === decl.node;
  for (const st of statements.slice(first + 1, last)) {
    const how = assigns(ts, st, isIt);
    if (how === 'nested') return undefined;
    if (how === 'no') continue;
    const next = valueAfter(t, st, isIt, value);
    // A loop that adds to it (`let score = b; for (…) score += w[j] * x[j]`): no longer its first value.
    if (!next) return ts.isIterationStatement(st, false) ? 'changed' : undefined;
    value = next;
    changed = true;
  }
  return changed && value ? value() : undefined;
}

/** The value after one statement that assigns the name, when it is an assignment or an `if` whose branches are. */
function valueAfter(t: Translator, st: TS.Statement, isIt: (id: TS.Identifier) => boolean, before: Value | undefined): Value | undefined {
  const ts = t.tree.ts;
  if (ts.isBlock(st)) {
    let value = before;
    for (const s of st.statements) {
      if (assigns(ts, s, isIt) === 'no') continue;
      value = valueAfter(t, s, isIt, value);
      if (!value) return undefined;
    }
    return value;
  }
  if (ts.isExpressionStatement(st)) {
    const e = unwrapExpression(ts, st.expression);
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left) || !isIt(e.left)) return undefined;
    const right = e.right;
    return () => t.expression(right, Env.empty);
  }
  if (ts.isIfStatement(st)) {
    const then = valueAfter(t, st.thenStatement, isIt, before);
    // No else and no value before: the other way leaves it undefined and the code cannot run that way.
    const otherwise = st.elseStatement ? valueAfter(t, st.elseStatement, isIt, before) : before ?? then;
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

/** Whether a statement assigns the name: not, in its own code, or inside a function it defines (then when is unknown). */
function assigns(ts: typeof TS, st: TS.Node, isIt: (id: TS.Identifier) => boolean): 'no' | 'yes' | 'nested' {
  let found: 'no' | 'yes' | 'nested' = 'no';
  const visit = (n: TS.Node, nested: boolean): void => {
    if (found === 'nested') return;
    const inner = nested || ts.isFunctionLike(n);
    const assigned =
      (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left) && isIt(n.left)) ||
      ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && isIt(n.operand));
    if (assigned) found = inner ? 'nested' : 'yes';
    ts.forEachChild(n, (c) => visit(c, inner));
  };
  visit(st, false);
  return found;
}

/**
 * A number kept once computed (`let _epsilon; function epsilon() { if (_epsilon == null) _epsilon = tf.backend().epsilon();
 * return _epsilon; }`): a `let` that starts empty and is given one value in the whole file, which reads as a number.
 * That value is the only one it ever holds where a loss reads it.
 */
export function onlyNumberGiven(t: Translator, decl: Declaration & { kind: 'variable' }, name: string): Expr | undefined {
  const ts = t.tree.ts;
  if (decl.isConst || (decl.initializer && !/^(null|undefined)$/.test(t.tree.source(decl.initializer).trim()))) return undefined;
  let given: TS.Expression | undefined;
  for (const ref of referencesTo(t.tree, decl.container, name, decl)) {
    const parent = t.tree.parent(ref);
    if (parent && (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return undefined;
    const assignment = parent && ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? parent : undefined;
    if (!assignment) continue;
    if (given || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    given = assignment.right;
  }
  // Only a number or a fuzz factor written out (`tf.backend().epsilon()`, `K.epsilon()`): reading anything else here
  // could take a tensor of the step for its target.
  if (!given || !/^-?\s*[\d.]+(e-?\d+)?$|epsilon\(\s*\)$/i.test(t.tree.source(given).trim())) return undefined;
  try {
    const value = t.expression(given, Env.empty);
    return Number.isFinite(Number(value.text)) ? value : undefined;
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
}
