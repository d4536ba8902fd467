/**
 * Calls of functions of a module the file imports whole, other than TF.js (`import * as K from './backend'`,
 * `const ops = require('./ops')`): `K.square(x)` is a call of the module's function `square`, not a method of a
 * tensor `K`. A function named as a TF.js op is read as that op (a backend that wraps TF.js, as tfjs-layers' `K`
 * does); Keras-style backend names and tfjs-layers' old backend helpers are read as the ops they are.
 */
import type * as TS from 'typescript';
import { escapeRegExp, resolveIdentifier } from './scope';
import { destructuredFrom, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';

/**
 * Other libraries' names of TF.js's element-wise ops, as module functions (Keras-style `K.subtract`, `K.clip`, mathjs's
 * `dotMultiply`) or as a matrix class's methods (`m.elementWiseMultiplication(n)`, `a.addMatrices(b)`, onegrad's
 * `x.negative()`). A `multiply` may be a matrix product in some libraries; either way the loss reads the same hazards
 * (its logs, divisions and kinks), which is what these ops are read for.
 */
export const OP_ALIASES: Readonly<Record<string, string>> = {
  subtract: 'sub', substract: 'sub', minus: 'sub', subtractMatrices: 'sub', divide: 'div', dividedBy: 'div', clip: 'clipByValue', negative: 'neg', negate: 'neg',
  multiply: 'mul', times: 'mul', elementWiseMultiplication: 'mul', elementwiseMultiply: 'mul', multiplyElementwise: 'mul', hadamard: 'mul',
  plus: 'add', addMatrices: 'add', dotMultiply: 'mul', dotDivide: 'div', dotPow: 'pow',
};

/** tfjs-layers' backend helpers of its 0.x versions, vendored in many projects, and the aliases: the TF.js op each one is. */
const BACKEND_HELPERS: Readonly<Record<string, string>> = { getScalar: 'scalar', scalarPlusArray: 'add', scalarTimesArray: 'mul', ...OP_ALIASES };

/**
 * Ops an object a project module exports by name may be read as (`vectorTs.log(x)`): element-wise ops and reductions
 * whose meaning libraries share. Not `max`/`min` (a reduction in TF.js, an element-wise clip in numpy-style helpers).
 */
const OBJECT_OPS = new Set(['exp', 'log', 'log1p', 'sigmoid', 'softplus', 'tanh', 'abs', 'sqrt', 'square', 'neg', 'add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'clipByValue', 'pow', 'relu', 'mean', 'sum', 'squaredDifference']);

/**
 * Whether `id` (a lower-case name: a capitalised one is a class) names an object of ops: its method `method` is one of
 * OBJECT_OPS, and the file calls at least two different such ops of it besides `add` and `log` (a logger's `log` and
 * `add` make no tensor library).
 */
export function isOpsObject(tree: SyntaxTree, id: TS.Identifier, method: string, isOp: (name: string) => boolean): boolean {
  const op = moduleFunctionOp(method, isOp);
  if (!/^[a-z]/.test(id.text) || op === undefined || !OBJECT_OPS.has(op)) return false;
  let known = opsObjects.get(tree);
  if (!known) opsObjects.set(tree, (known = new Map()));
  let many = known.get(id.text);
  if (many === undefined) {
    const used = new Set<string>();
    for (const m of tree.text.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(id.text)}\\s*\\.\\s*([A-Za-z_$][\\w$]*)\\s*\\(`, 'g'))) {
      const o = moduleFunctionOp(m[1]!, isOp);
      // Not `add` or `log`, which loggers have too (winston's `logger.add(transport)`).
      if (o !== undefined && OBJECT_OPS.has(o) && o !== 'add' && o !== 'log') used.add(o);
      if (used.size >= 2) break;
    }
    known.set(id.text, (many = used.size >= 2));
  }
  return many;
}

const opsObjects = new WeakMap<SyntaxTree, Map<string, boolean>>();

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
  const from = destructuredFrom(tree, d.node);
  const module = from ? requiredModule(ts, from) : undefined;
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
