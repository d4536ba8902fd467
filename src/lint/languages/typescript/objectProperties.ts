/**
 * The properties of an object a name holds, wherever the file spells them: a model kept in a React ref or a module's
 * state object (`modelRef.current = model`, `P.w0 = tf.variable(…)`), read and written as `owner.key`.
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import { after, afterWord, wordsAt } from './wordSearch';

const MAX_REFERENCES = 200;

/**
 * Every `owner.key` of the file (reads and writes) whose `owner` names the same declaration as the one of `access`: a
 * model kept in a React ref or a module's state object (`modelRef.current = model`).
 */
export function objectPropertyReferences(tree: SyntaxTree, access: TS.PropertyAccessExpression): readonly TS.PropertyAccessExpression[] {
  const ts = tree.ts;
  const owner = unwrapExpression(ts, access.expression);
  const decl = ts.isIdentifier(owner) ? resolveIdentifier(tree, owner) : undefined;
  // An object imported from another module (`import { Blast } from './game'`) whose properties this file sets is that
  // file's object as much as a local one.
  if (!ts.isIdentifier(owner) || !decl || (decl.kind === 'other' && !ts.isImportDeclaration(decl.node))) return [];
  const name = access.name.text;
  // Asked again for every access of the same property (a chain of assignments): found once per parse.
  let byName = propertyReferences.get(decl.node);
  if (!byName) propertyReferences.set(decl.node, (byName = new Map()));
  const known = byName.get(name);
  if (known) return known;
  const refs: TS.PropertyAccessExpression[] = [];
  for (const k of wordsAt(tree.text, owner.text, 0, tree.text.length, true)) {
    if (refs.length >= MAX_REFERENCES) break;
    const dot = after(tree.text, k + owner.text.length, '.');
    const end = dot < 0 ? -1 : afterWord(tree.text, dot, name);
    if (end < 0) continue;
    const node = tree.nodeAt(k, end);
    const pa = ts.isPropertyAccessExpression(node) ? node : tree.parent(node);
    if (!pa || !ts.isPropertyAccessExpression(pa) || pa.name.text !== name || !ts.isIdentifier(pa.expression)) continue;
    if (resolveIdentifier(tree, pa.expression)?.node === decl.node) refs.push(pa);
  }
  byName.set(name, refs);
  return refs;
}

const propertyReferences = new WeakMap<TS.Node, Map<string, readonly TS.PropertyAccessExpression[]>>();

/** The values the file assigns to `owner.key` (`modelRef.current = model`, `P.w0 = tf.variable(…)`). */
export function objectPropertyAssignments(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.Expression[] {
  const ts = tree.ts;
  return objectPropertyReferences(tree, access).flatMap((ref) => {
    const parent = tree.parent(ref);
    return parent && ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [parent.right] : [];
  });
}
