/**
 * Calls of functions of a module the file imports whole, other than TF.js (`import * as K from './backend'`,
 * `const ops = require('./ops')`): `K.square(x)` is a call of the module's function `square`, not a method of a
 * tensor `K`. A function named as a TF.js op is read as that op (a backend that wraps TF.js, as tfjs-layers' `K`
 * does); Keras-style backend names and tfjs-layers' old backend helpers are read as the ops they are.
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';

/**
 * Keras-style backend names (`K.subtract`, `K.clip`) and tfjs-layers' backend helpers of its 0.x versions, vendored in
 * many projects: the TF.js op each one is.
 */
const BACKEND_HELPERS: Readonly<Record<string, string>> = {
  getScalar: 'scalar', scalarPlusArray: 'add', scalarTimesArray: 'mul', subtract: 'sub', divide: 'div', multiply: 'mul', clip: 'clipByValue', negative: 'neg', negate: 'neg',
  // mathjs's element-wise forms.
  dotMultiply: 'mul', dotDivide: 'div', dotPow: 'pow',
};

/** A loss library's reduction of a per-element loss by its `reduction` option: `reduce(loss, reduction)`. */
export const REDUCTION_HELPER = /^(?:reduce|reduceLoss|applyReduction|reduction|reduced|computeReduction)$/;

/** The module specifier `id` names as a whole (`K` of `import * as K from './backend'`), when it does. */
export function wholeModule(tree: SyntaxTree, id: TS.Identifier): string | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  if (d?.kind === 'other' && ts.isImportDeclaration(d.node)) {
    const bindings = d.node.importClause?.namedBindings;
    return bindings && ts.isNamespaceImport(bindings) && bindings.name.text === id.text ? stringValue(ts, d.node.moduleSpecifier) : undefined;
  }
  return d?.kind === 'variable' && d.initializer ? requiredModule(ts, d.initializer) : undefined;
}

/** `Math`, or mathjs's `math` global of a page's script tag (a name the file does not declare). */
export function isMathGlobal(tree: SyntaxTree, recv: TS.Expression): recv is TS.Identifier {
  return tree.ts.isIdentifier(recv) && (recv.text === 'Math' || (recv.text === 'math' && !resolveIdentifier(tree, recv)));
}

/** The module a `require('…')` call names. */
export function requiredModule(ts: typeof TS, value: TS.Expression): string | undefined {
  const init = unwrapExpression(ts, value);
  return ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments.length === 1 ? stringValue(ts, init.arguments[0]) : undefined;
}

/** The TF.js op a module's function `name` is read as, if any (`isOp` says whether TF.js has an op of that name). */
export function moduleFunctionOp(name: string, isOp: (name: string) => boolean): string | undefined {
  if (Object.hasOwn(BACKEND_HELPERS, name)) return BACKEND_HELPERS[name];
  return isOp(name) ? name : undefined;
}

/**
 * The function a name imports by name from a module other than TF.js (`import { abs, sub } from './tensor'`,
 * `const { log } = require('mathjs')`), with its name in that module: read like the same function of the module
 * imported whole.
 */
export function namedImport(tree: SyntaxTree, id: TS.Identifier): { module: string; name: string } | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  if (d?.kind === 'other' && ts.isImportDeclaration(d.node)) {
    const bindings = d.node.importClause?.namedBindings;
    const spec = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => e.name.text === id.text) : undefined;
    const module = stringValue(ts, d.node.moduleSpecifier);
    return spec && module !== undefined && !spec.isTypeOnly ? { module, name: (spec.propertyName ?? spec.name).text } : undefined;
  }
  if (d?.kind !== 'binding') return undefined;
  const pattern = tree.parent(d.node);
  const holder = pattern && tree.parent(pattern);
  const module = holder && ts.isVariableDeclaration(holder) && holder.initializer ? requiredModule(ts, holder.initializer) : undefined;
  const key = d.node.propertyName ?? d.node.name;
  return module !== undefined && ts.isIdentifier(key) ? { module, name: key.text } : undefined;
}

/**
 * Whether a compile's receiver is a model another package makes (`const lm = tfs.models.gptModel(…)` of `import * as
 * tfs from '@stellarapp/tfjs-stellar'`, `new Library.Model(…)`): its `compile` is that package's, whose names TF.js's
 * lists do not decide. A package is a bare specifier other than TF.js's; the project's own modules (`./model`,
 * `@/lib/model`) may well hand back a TF.js model.
 */
export function madeByOtherPackage(tree: SyntaxTree, receiver: TS.Expression, isTfModule: (spec: string) => boolean): boolean {
  const ts = tree.ts;
  let e = unwrapExpression(ts, receiver);
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    if (d?.kind !== 'variable' || !d.isConst || !d.initializer) return false;
    e = unwrapExpression(ts, d.initializer);
  }
  if (ts.isAwaitExpression(e)) e = unwrapExpression(ts, e.expression);
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return false;
  let root: TS.Expression = unwrapExpression(ts, e.expression);
  while (ts.isPropertyAccessExpression(root)) root = unwrapExpression(ts, root.expression);
  if (!ts.isIdentifier(root)) return false;
  const spec = wholeModule(tree, root) ?? namedImport(tree, root)?.module ?? defaultImport(tree, root);
  // The project's own modules: relative, or through a path alias (`@/lib/model`, `~/model`, `#model`).
  return spec !== undefined && !/^(?:[./~#]|@\/)/.test(spec) && !isTfModule(spec);
}

/** The module a default import names (`GPT` of `import GPT from 'gpt-lib'`). */
function defaultImport(tree: SyntaxTree, id: TS.Identifier): string | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  return d?.kind === 'other' && ts.isImportDeclaration(d.node) && d.node.importClause?.name?.text === id.text ? stringValue(ts, d.node.moduleSpecifier) : undefined;
}
