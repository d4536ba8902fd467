/**
 * A table of activations a name picks from, as from-scratch networks keep them: `const ACTIVATIONS = { sigmoid: { f,
 * df }, tanh: { … } }`, `this.act = ACTIVATIONS[activation]` with `activation = 'sigmoid'` by default, then
 * `this.act.df(out)` in the training step. The entry is the one every value the holder is given picks by the same key.
 */
import type * as TS from 'typescript';
import { objectLiteral, parameterWays, propertyOf } from './functionValues';
import { stringOf } from './layers';
import { thisMemberValues } from './objectValues';
import { fieldArgument } from './importedCompiles';
import { keepsItsValue, resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

/** The key and the entry of the table a holder (`this.act`, `act`) keeps, when every value it is given agrees on one. */
export function activationTableEntry(tree: SyntaxTree, holder: TS.Expression): { key: string; entry: TS.ObjectLiteralExpression } | undefined {
  const ts = tree.ts;
  const h = unwrapExpression(ts, holder);
  let values: TS.Expression[] = [];
  if (ts.isPropertyAccessExpression(h) && h.expression.kind === ts.SyntaxKind.ThisKeyword) values = thisMemberValues(tree, h, h.name.text);
  else if (ts.isIdentifier(h)) {
    const d = resolveIdentifier(tree, h);
    if (d?.kind === 'variable' && d.initializer && keepsItsValue(tree, h.text, d)) values = [d.initializer];
  }
  let found: { key: string; entry: TS.ObjectLiteralExpression } | undefined;
  for (const v of values) {
    const u = unwrapExpression(ts, v);
    if (!ts.isElementAccessExpression(u)) return undefined;
    const table = objectLiteral(tree, u.expression);
    const key = stringOf(tree, u.argumentExpression);
    const entry = table && key !== undefined ? propertyOf(ts, table, key) : undefined;
    const literal = entry ? objectLiteral(tree, entry) : undefined;
    if (!literal || key === undefined || (found && found.key !== key)) return undefined;
    found = { key, entry: literal };
  }
  return found;
}

/** How many names an activation object is followed through (`this.activation_function` → `func` → `sigmoid`). */
const MAX_HOLDER_STEPS = 4;

/**
 * The functions `holder.member` may be, where the holder keeps an activation object the file makes: the Coding Train's
 * `new ActivationFunction(x => …, y => y * (1 - y))` (the class's constructor stores each argument on `this`), an
 * object literal, through `this.activation_function = func` with `setActivationFunction(func = sigmoid)`. Undefined
 * when any value the holder may take is one the file does not show.
 */
export function heldActivationFunctions(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.Expression[] | undefined {
  const ts = tree.ts;
  const member = access.name.text;
  const out: TS.Expression[] = [];
  const follow = (values: readonly TS.Expression[], steps: number): boolean => values.length > 0 && values.every((v) => {
    const u = unwrapExpression(ts, v);
    if (steps > MAX_HOLDER_STEPS) return false;
    if (ts.isIdentifier(u)) {
      const d = resolveIdentifier(tree, u);
      if (d?.kind === 'parameter') {
        const ways = parameterWays(tree, d.node);
        return !!ways && follow(ways, steps + 1);
      }
      return d?.kind === 'variable' && !!d.initializer && keepsItsValue(tree, u.text, d) && follow([d.initializer], steps + 1);
    }
    if (ts.isObjectLiteralExpression(u)) {
      const f = propertyOf(ts, u, member);
      return !!f && out.push(f) > 0;
    }
    const f = ts.isNewExpression(u) ? constructorStored(tree, u, member) : undefined;
    return !!f && out.push(f) > 0;
  });
  const h = unwrapExpression(ts, access.expression);
  // The object or the derivative set from outside the class (`nn.activation_function = tanh`, `sigmoid.dfunc = …`):
  // what it keeps is not what the class shows.
  const held = ts.isPropertyAccessExpression(h) ? h.name.text : undefined;
  if ([held, member].some((m) => m !== undefined && setFromOutside(tree, m))) return undefined;
  const start = ts.isPropertyAccessExpression(h) && h.expression.kind === ts.SyntaxKind.ThisKeyword ? thisMemberValues(tree, h, h.name.text) : [h];
  return follow(start, 0) ? out : undefined;
}

/** The argument a `new C(…)` gives the field `member` its class stores from a constructor parameter (`this.dfunc = dfunc`). */
function constructorStored(tree: SyntaxTree, made: TS.NewExpression, member: string): TS.Expression | undefined {
  const ts = tree.ts;
  const callee = unwrapExpression(ts, made.expression);
  const d = ts.isIdentifier(callee) ? resolveIdentifier(tree, callee) : undefined;
  const cls = d?.kind === 'other' && ts.isClassDeclaration(d.node) ? d.node : undefined;
  const ctor = cls?.members.find((m): m is TS.ConstructorDeclaration => ts.isConstructorDeclaration(m));
  return cls && ctor ? fieldArgument(tree, cls, member, (p) => (tree.parent(p) === ctor ? made.arguments?.[ctor.parameters.indexOf(p)] : undefined)) : undefined;
}

/** Whether the file sets a field of this name on something other than `this` (`nn.activation_function = tanh`, `Object.assign(nn, { … })`): one scan per file and name. */
function setFromOutside(tree: SyntaxTree, name: string): boolean {
  let known = outsideSets.get(tree);
  if (!known) outsideSets.set(tree, (known = new Map()));
  let set = known.get(name);
  if (set === undefined) {
    const n = name.replace(/\$/g, '\\$');
    set = new RegExp(`(?<!\\bthis\\s*)\\.\\s*${n}\\s*=(?![=>])|\\bObject\\.assign\\([^;]*\\b${n}\\s*:`).test(tree.text);
    known.set(name, set);
  }
  return set;
}

const outsideSets = new WeakMap<SyntaxTree, Map<string, boolean>>();
