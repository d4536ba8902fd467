/**
 * The layers a reference to a sequential model adds: `model.add(layer)` on it, and on another name for the same model
 * (`const model = this.model = tf.sequential()` and `const model = this.model` make `model.add(layer)` add to
 * `this.model`: one object, two names).
 */
import type * as TS from 'typescript';
import { isAssignedTo, referencesTo, resolveIdentifier } from './scope';
import type { SyntaxTree } from './syntaxTree';

/** The `.add(…)` calls made on `ref` itself or through a variable that holds the same model. */
export function addCalls(tree: SyntaxTree, ref: TS.Node): TS.CallExpression[] {
  return [...(addCallOn(tree, ref) ?? []), ...addsThroughAlias(tree, ref)];
}

/** `ref.add(…)`. */
function addCallOn(tree: SyntaxTree, ref: TS.Node): [TS.CallExpression] | undefined {
  const ts = tree.ts;
  const access = tree.parent(ref);
  const call = access && ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'add' ? tree.parent(access) : undefined;
  return call && ts.isCallExpression(call) && call.expression === access ? [call] : undefined;
}

/** The `.add(…)` calls made through a variable that holds the same model as `ref`. */
function addsThroughAlias(tree: SyntaxTree, ref: TS.Node): TS.CallExpression[] {
  const ts = tree.ts;
  const isAssignment = (n: TS.Node | undefined): n is TS.BinaryExpression => !!n && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  let e: TS.Node = ref;
  let p = tree.parent(e);
  // `this.model = …` inside `const model = this.model = …`: from the assignment up.
  if (isAssignment(p) && p.left === ref) [e, p] = [p, tree.parent(p)];
  while (p && (ts.isParenthesizedExpression(p) || (isAssignment(p) && p.right === e))) [e, p] = [p, tree.parent(p)];
  if (!p || !ts.isVariableDeclaration(p) || p.initializer !== e || !ts.isIdentifier(p.name)) return [];
  const decl = resolveIdentifier(tree, p.name);
  // A `let` may be given another model later (`model = this.critic = tf.sequential()`): only a const is one model.
  if (decl?.kind !== 'variable' || !decl.isConst) return [];
  return referencesTo(tree, decl.container, p.name.text, decl).flatMap((r) => addCallOn(tree, r) ?? []);
}

/** Whether a reference gives its model another value or layers here: `net = …`, `net.add(…)`. */
export function changedAt(tree: SyntaxTree, ref: TS.Node): boolean {
  return (tree.ts.isIdentifier(ref) && isAssignedTo(tree.ts, tree, ref)) || addCallOn(tree, ref) !== undefined;
}
