/**
 * The layers a reference to a sequential model adds: `model.add(layer)` on it, and on another name for the same model
 * (`const model = this.model = tf.sequential()` and `const model = this.model` make `model.add(layer)` add to
 * `this.model`: one object, two names).
 */
import type * as TS from 'typescript';
import { exclusiveBranches } from './branchedLayers';
import { isAssignedTo, referencesTo, resolveIdentifier } from './scope';
import { functionValue } from './functionValues';
import { isFunctionNode, type SyntaxTree } from './syntaxTree';

/** The `.add(…)` calls made on `ref` itself or through a variable that holds the same model. */
export function addCalls(tree: SyntaxTree, ref: TS.Node): TS.CallExpression[] {
  return [...(addCallOn(tree, ref) ?? []), ...addsThroughAlias(tree, ref)];
}

/**
 * The layers a function of this file adds to a model it is given (`addHead(net)` with `function addHead(model) {
 * model.add(…) }`), through helpers it hands the model on to; `call` is where they run. In the order they run.
 */
export function addsInHelpers(tree: SyntaxTree, ref: TS.Node, depth = 0): { add: TS.CallExpression; call: TS.CallExpression }[] {
  const ts = tree.ts;
  const call = tree.parent(ref);
  if (depth > MAX_HELPER_DEPTH || !call || !ts.isCallExpression(call) || call.expression === ref) return [];
  const index = call.arguments.indexOf(ref as TS.Expression);
  const fn = index >= 0 ? functionValue(tree, call.expression) : undefined;
  const parameter = fn?.parameters[index];
  if (!fn?.body || !parameter || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return [];
  const decl = resolveIdentifier(tree, parameter.name);
  if (decl?.kind !== 'parameter') return [];
  // Each add at its place in the helper: its own, or that of the call handing the model on.
  const found: { add: TS.CallExpression; at: number }[] = [];
  for (const r of referencesTo(tree, fn.body, parameter.name.text, decl)) {
    for (const add of addCallOn(tree, r) ?? []) found.push({ add, at: add.pos });
    for (const inner of addsInHelpers(tree, r, depth + 1)) found.push({ add: inner.add, at: r.pos });
  }
  return found.sort((a, b) => a.at - b.at).map(({ add }) => ({ add, call }));
}

const MAX_HELPER_DEPTH = 3;

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

/**
 * The adds that may have run when `use` (a compile, a return) runs: not one in the other branch of an `if`, not one
 * after the use in the same function (unless a loop runs both), and not one in a block that returns or throws before
 * the code reaches the use (`if (binary) { model.add(sigmoid); return model; } model.add(softmax)`).
 */
export function addsBefore(tree: SyntaxTree, adds: readonly TS.CallExpression[], use: TS.Node, initializer: TS.Node | undefined): TS.CallExpression[] {
  const ts = tree.ts;
  const home = enclosingFunction(tree, use);
  // A model kept outside the function (a module's `let cached`, `this.model`) may have its layers added after this
  // use in source order, on an earlier call: only the branch rule applies to it.
  const outside = !initializer || enclosingFunction(tree, initializer) !== home;
  const aroundUse = new Set(tree.ancestors(use));
  // The model's own name where it is declared or exported (`export const net = tf.sequential()`, read by an importer)
  // is no point in the code's flow: every add counts.
  const parent = tree.parent(use);
  const named = !!parent && ((ts.isVariableDeclaration(parent) && parent.name === use) || ts.isExportSpecifier(parent) || ts.isBindingElement(parent));
  return adds.filter((add) => {
    if (exclusiveBranches(tree, add, use)) return false;
    if (named || outside || enclosingFunction(tree, add) !== home) return true;
    if (add.pos >= use.end) return [...tree.ancestors(add)].some((a) => aroundUse.has(a) && ts.isIterationStatement(a, false));
    // The block the add is in, up to the one that also holds the use: left by a return or throw after the add.
    let child: TS.Node = add;
    for (const a of tree.ancestors(add)) {
      if (aroundUse.has(a)) break;
      if (ts.isBlock(a) && a.statements.some((st) => st.pos >= child.end && (ts.isReturnStatement(st) || ts.isThrowStatement(st)))) return false;
      child = a;
    }
    return true;
  });
}

function enclosingFunction(tree: SyntaxTree, node: TS.Node): TS.Node | undefined {
  return [...tree.ancestors(node)].find((a) => isFunctionNode(tree.ts, a));
}
