/**
 * The methods a call in loss code names, when the file declares them: `this.bce(…)` of the class the call is in,
 * `Losses.dice(…)` a static method, `losses.bce(…)` of `const losses = new Losses()`, and `this.losses.bce(…)` of a
 * field the class sets to an instance of a class of the file.
 */
import type * as TS from 'typescript';
import { functionValue } from './functionValues';
import { thisMemberValues } from './objectValues';
import { SCALAR_WRAPPER } from './plainValues';
import { resolveIdentifier } from './scope';
import { isFunctionNode, unwrapExpression, type FunctionNode } from './syntaxTree';
import type { Translator } from './translate';
import { TENSOR_OPS } from './tensorOps';

/**
 * `Losses.dice(…)`: a static method of a class declared in the file; `trainer.loss(…)` with `const trainer = new
 * Trainer()`: that class's own method.
 */
export function namedClassMethod(t: Translator, recv: TS.Identifier, name: string): FunctionNode | undefined {
  const ts = t.tree.ts;
  const decl = resolveIdentifier(t.tree, recv);
  const made = decl?.kind === 'variable' && decl.initializer ? unwrapExpression(ts, decl.initializer) : undefined;
  const instanceOf = made && ts.isNewExpression(made) && ts.isIdentifier(made.expression) ? resolveIdentifier(t.tree, made.expression) : undefined;
  const cls = decl?.kind === 'other' ? decl.node : instanceOf?.kind === 'other' ? instanceOf.node : undefined;
  return cls && ts.isClassDeclaration(cls) ? methodOf(ts, cls, name, cls === decl?.node) : undefined;
}

/** `this.losses.dice(…)` where the class sets `this.losses = new Losses()`, a class of the file: that class's method. */
export function fieldInstanceMethod(t: Translator, field: TS.PropertyAccessExpression, name: string): FunctionNode | undefined {
  const ts = t.tree.ts;
  if (field.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const made = thisMemberValues(t.tree, field, field.name.text).map((v) => unwrapExpression(ts, v));
  const classes = new Set(made.map((v) => (ts.isNewExpression(v) && ts.isIdentifier(v.expression) ? resolveIdentifier(t.tree, v.expression)?.node : undefined)));
  if (classes.size !== 1) return undefined;
  const [cls] = classes;
  return cls && ts.isClassDeclaration(cls) ? methodOf(ts, cls, name, false) : undefined;
}

/**
 * The method `name` of a class declaration with a body, static or of its instances. Not an op of a scalar autograd's
 * node (micrograd's `Value`, with its `backward` and `grad`): `a.mul(b)` there computes what a tensor's `mul` does,
 * while its body only wraps `this.data * other.data` and records the step back.
 */
function methodOf(ts: typeof TS, cls: TS.ClassDeclaration, name: string, isStatic: boolean): FunctionNode | undefined {
  const method = cls.members.find(
    (m): m is TS.MethodDeclaration =>
      ts.isMethodDeclaration(m) && m.body !== undefined && m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === name &&
      (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false) === isStatic,
  );
  // Only an op on the node itself (`a.mul(b)`: the receiver is the op's first operand, the method takes the rest); a
  // helper that is given its operand (`helper.log(t)`) is read as written.
  const spec = !isStatic && method && Object.hasOwn(TENSOR_OPS, name) ? TENSOR_OPS[name]! : undefined;
  if (spec && method!.parameters.length <= spec.args.length - 1 && isAutogradNode(ts, cls)) return undefined;
  return method;
}

/**
 * `this.name` inside a class: its method, or a property holding a function. Outside one, a method of the constructor
 * function `this` is built by (`Model.prototype.h = function (x, theta) { … }` called as `this.h(x, theta)` in
 * `Model.prototype.cost`), or of the object literal it is written in.
 */
export function classMethod(t: Translator, at: TS.Node, name: string): FunctionNode | undefined {
  const ts = t.tree.ts;
  const cls = [...t.tree.ancestors(at)].find((a) => ts.isClassLike(a)) as TS.ClassLikeDeclaration | undefined;
  if (!cls) return ts.isPropertyAccessExpression(at) ? functionValue(t.tree, at) : undefined;
  for (const m of cls.members) {
    if (!m.name || !ts.isIdentifier(m.name) || m.name.text !== name) continue;
    if (ts.isMethodDeclaration(m) && m.body) return m;
    if (ts.isPropertyDeclaration(m) && m.initializer) {
      const init = unwrapExpression(ts, m.initializer);
      if (isFunctionNode(ts, init)) return init;
    }
  }
  return undefined;
}

/** A node of a scalar autograd: a class with a `backward` method and a `grad` (or `_backward`) field. */
export function isAutogradNode(ts: typeof TS, cls: TS.ClassLikeDeclaration): boolean {
  const names = new Set(cls.members.flatMap((m) => (m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) ? [m.name.text.replace(/^#/, '')] : [])));
  // Plain JavaScript sets its fields in the constructor (`this.grad = 0; this._backward = () => {}`).
  const ctor = cls.members.find((m) => ts.isConstructorDeclaration(m));
  for (const st of ctor && ts.isConstructorDeclaration(ctor) ? (ctor.body?.statements ?? []) : []) {
    const e = ts.isExpressionStatement(st) ? st.expression : undefined;
    const target = e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken ? e.left : undefined;
    if (target && ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) names.add(target.name.text);
  }
  return names.has('backward') && (names.has('grad') || names.has('_backward') || names.has('gradient'));
}

/**
 * A name of a scalar autograd's node class: a class of the file with a backward pass, or one imported under a name such
 * classes have (`import { Value } from './Value'`), whose static helpers (`Value.mean(diffs)`) compute on the values given.
 */
export function namesAutogradClass(t: Translator, recv: TS.Expression): boolean {
  const ts = t.tree.ts;
  if (!ts.isIdentifier(recv)) return false;
  const d = resolveIdentifier(t.tree, recv);
  if (d?.kind !== 'other') return false;
  if (ts.isClassDeclaration(d.node)) return isAutogradNode(ts, d.node);
  return ts.isImportDeclaration(d.node) && SCALAR_WRAPPER.test(recv.text);
}
