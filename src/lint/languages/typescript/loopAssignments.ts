/**
 * The assignments a loop body makes that are no sum: a pass counter (`count++`, `n += 1`), a variable set anew
 * (`observation = nextObservation`), fields destructured anew (`({ state, done } = env.step(a))`).
 */
import type * as TS from 'typescript';
import { unwrapExpression } from './syntaxTree';

/**
 * A step counter (`this.steps += 1`, `t++`, `--left`, `n = n + 1`), a number the loss does not add up: the variable it
 * counts ('' for a property), or undefined for anything else.
 */
export function isCounter(ts: typeof TS, e: TS.Expression): string | undefined {
  const counted = (x: TS.Expression) => (ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? '' : undefined);
  if ((ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) && (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken)) return counted(e.operand);
  if (!ts.isBinaryExpression(e)) return undefined;
  const step = (x: TS.Expression) => ts.isNumericLiteral(unwrapExpression(ts, x));
  if (e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || e.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken) return step(e.right) ? counted(e.left) : undefined;
  // `n = n + 1`
  const r = unwrapExpression(ts, e.right);
  if (e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left) || !ts.isBinaryExpression(r)) return undefined;
  const plusMinus = r.operatorToken.kind === ts.SyntaxKind.PlusToken || r.operatorToken.kind === ts.SyntaxKind.MinusToken;
  return plusMinus && ts.isIdentifier(r.left) && r.left.text === e.left.text && step(r.right) ? e.left.text : undefined;
}

/** `n++`, `++n`, `n += 1`, `n = n + 1`: a count of passes (what isCounter found, counting up by exactly one). */
export function countsUpByOne(ts: typeof TS, e: TS.Expression): boolean {
  if (ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) return e.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(e.operand);
  if (!ts.isBinaryExpression(e) || !ts.isIdentifier(e.left)) return false;
  const one = (x: TS.Expression) => {
    const u = unwrapExpression(ts, x);
    return ts.isNumericLiteral(u) && Number(u.text) === 1;
  };
  if (e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) return one(e.right);
  const r = unwrapExpression(ts, e.right);
  return e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isBinaryExpression(r) && r.operatorToken.kind === ts.SyntaxKind.PlusToken && one(r.right);
}

/** A variable set to a value that does not read it (`observation = nextObservation`): its name. */
export function overwrite(ts: typeof TS, e: TS.Expression): string | undefined {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left)) return undefined;
  const name = e.left.text;
  let reads = false;
  const visit = (n: TS.Node): void => {
    if (reads) return;
    if (ts.isIdentifier(n) && n.text === name) reads = true;
    else if (ts.isPropertyAccessExpression(n)) visit(n.expression);
    else ts.forEachChild(n, visit);
  };
  visit(e.right);
  return reads ? undefined : name;
}

/** The names `({ a, b } = x)` sets, when every property is a plain name. */
export function destructuredOverwrite(ts: typeof TS, e: TS.Expression): string[] | undefined {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isObjectLiteralExpression(e.left)) return undefined;
  const names = e.left.properties.map((p) => (ts.isShorthandPropertyAssignment(p) ? p.name.text : ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) ? p.initializer.text : undefined));
  return names.length > 0 && names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}
