/**
 * A configuration picked from a table by key (`const config = CONFIGS[modelType]`, `TABLE[name]`,
 * `this.modelConfigs[name]`): a field read of it (`config.units`, `config.metrics`) is the field of the entries the key
 * may name: the one a key written out (or a const holding one) names, those every call of this file gives a parameter
 * key, or every entry when the code does not fix the key.
 */
import type * as TS from 'typescript';
import { functionValue, parameterValues, returnedExpressions } from './functionValues';
import { heldMemberValue } from './objectValues';
import { keepsItsValue, resolveIdentifier } from './scope';
import { propertyName, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';

const MAX_ENTRIES = 32;

/** The object-literal entries of the table `e` (or the const it holds) may read: those its key names, else all. */
export function computedKeyEntries(tree: SyntaxTree, e: TS.Expression): TS.ObjectLiteralExpression[] | undefined {
  const ts = tree.ts;
  let n = unwrapExpression(ts, e);
  if (ts.isIdentifier(n)) {
    const held = keptInitializer(tree, n);
    if (!held) return undefined;
    n = unwrapExpression(ts, held);
  }
  if (!ts.isElementAccessExpression(n)) return undefined;
  const keys = fixedKeys(tree, n.argumentExpression);
  const t = unwrapExpression(ts, n.expression);
  const table = ts.isIdentifier(t) ? keptInitializer(tree, t) : ts.isPropertyAccessExpression(t) && t.expression.kind === ts.SyntaxKind.ThisKeyword ? heldMemberValue(tree, t) : undefined;
  const literal = table && oneObject(tree, table);
  if (!literal) return undefined;
  const picked = literal.properties.slice(0, MAX_ENTRIES).filter((p) => !keys || (ts.isPropertyAssignment(p) && keys.includes(propertyName(ts, p.name) ?? '')));
  const entries = picked.flatMap((p) => {
    const value = ts.isPropertyAssignment(p) ? unwrapExpression(ts, p.initializer) : undefined;
    return value && ts.isObjectLiteralExpression(value) ? [value] : [];
  });
  return entries.length ? entries : undefined;
}

/** The keys a key written out, a const holding one, or a parameter every call of this file gives, names; undefined otherwise. */
function fixedKeys(tree: SyntaxTree, key: TS.Expression): string[] | undefined {
  const ts = tree.ts;
  const k = unwrapExpression(ts, key);
  const text = (e: TS.Expression) => { const u = unwrapExpression(ts, e); return ts.isNumericLiteral(u) ? u.text : stringValue(ts, u); };
  if (text(k) !== undefined) return [text(k)!];
  if (!ts.isIdentifier(k)) return undefined;
  const d = resolveIdentifier(tree, k);
  if (d?.kind === 'variable') {
    const held = keptInitializer(tree, k);
    const v = held && text(held);
    return v !== undefined ? [v] : undefined;
  }
  const given = d?.kind === 'parameter' ? parameterValues(tree, d.node)?.map(text) : undefined;
  return given?.length && given.every((g) => g !== undefined) ? (given as string[]) : undefined;
}

/** An object literal, or what a function of the file returns when that is one (`this.modelConfigs = this.initialConfigs()`). */
function oneObject(tree: SyntaxTree, e: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const ts = tree.ts;
  const n = unwrapExpression(ts, e);
  if (ts.isObjectLiteralExpression(n)) return n;
  const fn = ts.isCallExpression(n) ? functionValue(tree, n.expression) : undefined;
  const returned = fn ? returnedExpressions(tree, fn).map((r) => unwrapExpression(ts, r)) : [];
  return returned.length === 1 && ts.isObjectLiteralExpression(returned[0]!) ? returned[0] : undefined;
}

/** What a const, or a `let` nothing assigns again, holds. */
export function keptInitializer(tree: SyntaxTree, id: TS.Identifier): TS.Expression | undefined {
  const d = resolveIdentifier(tree, id);
  return d?.kind === 'variable' && d.initializer && keepsItsValue(tree, id.text, d) ? d.initializer : undefined;
}
