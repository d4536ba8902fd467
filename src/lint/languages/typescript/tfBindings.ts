/** The TF.js names of a file: which identifiers are the tf namespace or imported tf functions. */
import type * as TS from 'typescript';
import { keepsItsValue, resolveIdentifier } from './scope';
import { stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { namespaceFunction } from './tfNamespaceFunctions';
import { wordsAt } from './wordSearch';

/** TF.js and its backends and parts; not the packages beside it with APIs of their own (`tfvis.metrics`, `tflite`). */
const TF_MODULE_NAME = /^@tensorflow\/tfjs(?!-(?:vis|react-native|tflite|automl)$)(-[a-z-]+)?$/;
/** A file inside a TF.js package: `@tensorflow/tfjs-layers/dist/losses`. */
const TF_DEEP_MODULE_NAME = /^@tensorflow\/tfjs(?:-[a-z-]+)?\/(.+)$/;
/**
 * Where a specifier names a package by URL or registry (Deno, browser ES modules): `npm:`, `https://esm.sh/`,
 * `esm.sh/`, `https://cdn.jsdelivr.net/npm/`, `https://cdn.skypack.dev/`, before the package's own name.
 */
const PACKAGE_HOST = /^(?:npm:|(?:https?:\/\/)?(?:[\w-]+\.)+[a-z]{2,}\/(?:npm\/)?)(?=@tensorflow\/)/;

/** A module specifier as a package path: its host, version (`@4.14.0`), `/+esm` and query (`?target=es2022`) dropped. */
function packagePath(spec: string): string {
  return spec.replace(PACKAGE_HOST, '').replace(/\?.*$/, '').replace(/^(@tensorflow\/[\w-]+)@[^/]+/, '$1').replace(/\/\+esm$/, '');
}

/** Whether a specifier names a TF.js package (`@tensorflow/tfjs`, `@tensorflow/tfjs-node`, by URL too). */
export function isTfModule(spec: string): boolean {
  // deeplearn.js, TF.js's predecessor, whose ops TF.js kept.
  return spec === 'deeplearn' || TF_MODULE_NAME.test(packagePath(spec));
}
/** A relative module named like a TF.js op file (`../abs`, `./compute_weighted_loss`); its op is named after it. */
const OP_MODULE = /^\.{1,2}\/(?:[\w.-]+\/)*([a-z][a-z0-9_]*)$/;

function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** TF.js's namespaces of functions, which code destructures (`const { dense } = tf.layers`). */
const NAMESPACES = new Set(['layers', 'losses', 'metrics', 'train', 'initializers', 'regularizers', 'constraints', 'data', 'io', 'image', 'linalg', 'signal', 'spectral', 'math', 'nn', 'util']);

/**
 * How a file names TensorFlow.js: namespace imports (`import * as tf`), `require`, named imports
 * (`import { layers, sequential } from '@tensorflow/tfjs'`) and the global `tf` of browser scripts.
 * `path()` turns a callee into the TF.js name it refers to: `tf.layers.dense` → `layers.dense`.
 */
/** `require('@tensorflow/tfjs…')` or `import('@tensorflow/tfjs…')`, wherever it is written. */
const TF_PACKAGE = '@tensorflow/tfjs';
/** What comes before a package name that is loaded by a call: `require(`, `import(`, then the quote. */
const LOAD_BEFORE = /\b(?:require|import)\s{0,40}\(\s{0,40}['"`]$/;

/** How many times the text loads TF.js by a call (`require('@tensorflow/tfjs')`, `import('@tensorflow/tfjs-node')`): found by the package name, then a look back. */
function tfLoadCalls(text: string): number {
  let loads = 0;
  for (let at = text.indexOf(TF_PACKAGE); at >= 0; at = text.indexOf(TF_PACKAGE, at + 1)) {
    if (LOAD_BEFORE.test(text.slice(Math.max(0, at - 100), at))) loads++;
  }
  return loads;
}

/**
 * A TF.js loss or metric kept under a name of a function's own (`const error = tf.losses.meanSquaredError;` in a
 * training function, then `error(yPred, ys)`): candidates by text, each use resolved to its declaration.
 */
const LOCAL_ALIAS = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*[A-Za-z_$][\w$]*\s*\.\s*(?:losses|metrics)\s*\.\s*[A-Za-z]+\s*(?:;|\r?\n)/g;

/** A class field that holds TF.js (`this.tf`, `this.tfjs`, `this._tf`), and its use in a file's text. */
const TF_FIELD = /^_?(?:tf|tfjs)$/;
const TF_FIELD_USE = /\bthis\.(_?(?:tf|tfjs))\s*\./;
/** A field given TF.js itself under another name: `tensorflow = require('@tensorflow/tfjs')` in a class, `this.lib = tf`. */
const FIELD_GIVEN_MODULE = /(?<![\w$.])(?:this\s*\.\s*)?([A-Za-z_$][\w$]*)\s*(?::[^=;\n]{1,80})?=\s*(?:require\s*\(\s*['"]@tensorflow\/tfjs(?:-node(?:-gpu)?|-core)?['"]\s*\)|([A-Za-z_$][\w$]*)\s*(?:;|$))/gm;

/**
 * deeplearn.js 0.x (TF.js's predecessor) built a graph and trained it with a Session: `const g = new Graph();
 * g.softmax(g.add(g.matmul(w, x), b))`, `g.softmaxCrossEntropyCost(logits, labels)`. Its ops, by their TF.js names;
 * the costs keep names of their own (their arguments are not in tf.losses' order).
 */
const GRAPH_OPS: Readonly<Record<string, string>> = {
  add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div', matmul: 'matMul', exp: 'exp', log: 'log', relu: 'relu',
  sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', square: 'square', reduceSum: 'sum', reshape: 'reshape',
  meanSquaredCost: 'graph.meanSquaredCost', softmaxCrossEntropyCost: 'graph.softmaxCrossEntropyCost',
};
/** `globalThis.tf`, `window.tf`, `self.tf`: the global a `<script>` tag of TF.js defines, read off the global object. */
function isGlobalTf(ts: typeof TS, e: TS.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'tf' && ts.isIdentifier(e.expression) && /^(?:globalThis|window|self)$/.test(e.expression.text);
}

/** A use of deeplearn.js's browser global `dl` by names only it has: `dl.variable(`, `dl.train.sgd(`, `dl.tidy(`. */
const DL_GLOBAL_USE = /(?<![\w$.])dl\s{0,40}\.\s{0,40}(?:variable|train|tidy|tensor[1-6]?d?|scalar|losses|ENV|setBackend|sequential|layers|Graph)\b/;
/** `graph = new Graph()`, `this.g = new dl.Graph()`: the name a deeplearn.js graph is held in. */
const GRAPH_MADE = /([A-Za-z_$][\w$]*)\s{0,40}=\s{0,40}new\s{1,40}(?:[A-Za-z_$][\w$]*\s{0,40}\.\s{0,40})?Graph\s{0,40}\(\s{0,40}\)/g;

export class TfBindings {
  readonly namespaces = new Set<string>(['tf']);
  /** Names holding a deeplearn.js Graph (see GRAPH_OPS); empty unless the file uses deeplearn. */
  private readonly graphs = new Set<string>();
  readonly named = new Map<string, string>();
  /** The name fixes use for `tf.*` calls; undefined when the file only imports names. */
  readonly namespace: string | undefined;
  /** Whether the file names TF.js at all (an import, a `require`, the page's `tf` global, a field holding it): a fix may write TF.js. */
  readonly inFile: boolean;
  /** Names a function gives a TF.js loss or metric (LOCAL_ALIAS), read through `tree` where used. */
  private readonly aliases = new Set<string>();
  /** Fields that hold TF.js under a name TF_FIELD does not know (`this.tensorflow`). */
  private readonly moduleFields = new Set<string>();

  constructor(
    private readonly ts: typeof TS,
    file: TS.SourceFile,
    text: string,
    private readonly tree?: SyntaxTree,
  ) {
    let imported: string | undefined;
    let importsNames = false;
    let topLevelLoads = 0;
    for (const st of file.statements) {
      const deep = ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) ? TF_DEEP_MODULE_NAME.exec(packagePath(st.moduleSpecifier.text)) : null;
      if (deep && ts.isImportDeclaration(st)) {
        // `import { categoricalCrossentropy } from '@tensorflow/tfjs-layers/dist/exports_metrics'`: a file of the package
        // whose name says which namespace its functions are in.
        const group = /metric/i.test(deep[1]) ? 'metrics.' : /loss/i.test(deep[1]) ? 'losses.' : undefined;
        const bindings = st.importClause?.namedBindings;
        if (group && bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) this.named.set(el.name.text, group + (el.propertyName ?? el.name).text);
      } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && isTfModule(st.moduleSpecifier.text)) {
        const clause = st.importClause;
        if (!clause) continue;
        if (clause.name) {
          this.namespaces.add(clause.name.text);
          imported ??= clause.name.text;
        }
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          this.namespaces.add(bindings.name.text);
          imported ??= bindings.name.text;
        } else if (bindings && ts.isNamedImports(bindings)) {
          importsNames = true;
          for (const el of bindings.elements) this.named.set(el.name.text, (el.propertyName ?? el.name).text);
        }
      } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && OP_MODULE.test(st.moduleSpecifier.text)) {
        // TF.js's own sources import each op from the file named after it (`import { abs } from '../abs'`), and
        // convertToTensor, which every op applies to its inputs, from tensor_util_env.
        const bindings = st.importClause?.namedBindings;
        const file = camelCase(OP_MODULE.exec(st.moduleSpecifier.text)![1]);
        // TF.js 0.x–1.x's sources import every op at once, `import * as ops from './ops'`.
        if (bindings && ts.isNamespaceImport(bindings) && file === 'ops') this.namespaces.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            const exported = (el.propertyName ?? el.name).text;
            // … or, in TF.js 1.x, from a file of ops of one kind (`import { ones, scalar } from './tensor_ops'`).
            if (exported === file || /[a-z]Ops$/.test(file) || (exported === 'convertToTensor' && (file === 'tensorUtilEnv' || file === 'tensorUtil'))) this.named.set(el.name.text, exported);
          }
        }
      } else if (ts.isExpressionStatement(st) && this.isTfModuleExpression(unwrapExpression(ts, st.expression))) {
        // `require('@tensorflow/tfjs-node')` for its side effect (the native backend): a load that names nothing.
        topLevelLoads++;
      } else if (ts.isVariableStatement(st)) {
        for (const decl of st.declarationList.declarations) {
          // `const { dense } = tf.layers`, `const { meanSquaredError } = tf.losses`, `const losses = tf.losses`, `const T = tf`.
          const group = decl.initializer ? this.groupOf(unwrapExpression(ts, decl.initializer)) : undefined;
          if (group !== undefined) {
            // `const tfOps = tf as any`: the namespace under another name.
            if (ts.isIdentifier(decl.name) && group === '') this.namespaces.add(decl.name.text);
            else if (ts.isIdentifier(decl.name)) this.named.set(decl.name.text, group);
            else if (ts.isObjectBindingPattern(decl.name)) for (const el of decl.name.elements) if (ts.isIdentifier(el.name) && !el.dotDotDotToken) this.named.set(el.name.text, `${group}${group ? '.' : ''}${el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text}`);
            continue;
          }
          // `const TF = globalThis.tf` (or `window.tf`, `self.tf`): the script-tag global under another name.
          if (decl.initializer && ts.isIdentifier(decl.name) && isGlobalTf(ts, unwrapExpression(ts, decl.initializer))) {
            this.namespaces.add(decl.name.text);
            imported ??= decl.name.text;
            continue;
          }
          if (!decl.initializer || !this.isTfModuleExpression(unwrapExpression(ts, decl.initializer))) continue;
          topLevelLoads++;
          if (ts.isIdentifier(decl.name)) {
            this.namespaces.add(decl.name.text);
            imported ??= decl.name.text;
          } else if (ts.isObjectBindingPattern(decl.name)) {
            importsNames = true;
            for (const el of decl.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const exported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
              this.named.set(el.name.text, exported);
            }
          }
        }
      }
    }
    // `const tf = require('@tensorflow/tfjs')` or `await import('@tensorflow/tfjs')` inside a function (a route handler,
    // a lazily loaded page): looked for only when the text loads TF.js more often than the top level does.
    const loads = tfLoadCalls(text);
    if (loads > topLevelLoads) {
      const visit = (n: TS.Node): void => {
        if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(n.name) && this.isTfModuleExpression(unwrapExpression(ts, n.initializer))) {
          this.namespaces.add(n.name.text);
          imported ??= n.name.text;
        }
        ts.forEachChild(n, visit);
      };
      for (const st of file.statements) if (!ts.isImportDeclaration(st)) visit(st);
    }
    // deeplearn.js imported, or its script-tag global: each name given a `new Graph()` is a graph.
    if (text.includes('Graph') && /['"]deeplearn['"]|\b(?:dl|deeplearn)\s*\.\s*Graph\b/.test(text)) for (const m of text.matchAll(GRAPH_MADE)) this.graphs.add(m[1]!);
    const usesTf = imported === undefined && /(?<![\w$.])tf\s*\./.test(text);
    const field = imported === undefined && !usesTf ? TF_FIELD_USE.exec(text)?.[1] : undefined;
    // deeplearn.js's script-tag global, `dl` (`dl.variable(…)`, `dl.train.momentum(…)`), in a page script that uses no `tf`.
    const dl = imported === undefined && !field && !importsNames && !usesTf && DL_GLOBAL_USE.test(text);
    if (dl) this.namespaces.add('dl');
    if (tree && (text.includes('losses') || text.includes('metrics'))) for (const m of text.matchAll(LOCAL_ALIAS)) if (!this.named.has(m[1]!)) this.aliases.add(m[1]!);
    if (tree && text.includes('this.')) for (const m of text.matchAll(FIELD_GIVEN_MODULE)) if ((m[2] === undefined || this.namespaces.has(m[2])) && this.holdsModule(tree, m[1]!)) this.moduleFields.add(m[1]!);
    this.namespace = imported ?? (field ? `this.${field}` : dl ? 'dl' : importsNames && !/\btf\s*\./.test(text) ? undefined : 'tf');
    this.inFile = imported !== undefined || usesTf || field !== undefined || dl || importsNames;
  }

  /**
   * Whether a field is given TF.js and nothing else: every class property declaration of that name and every
   * `this.name = …` assignment has the module (or a namespace name) as its whole value. A local of that name is no field.
   */
  private holdsModule(tree: SyntaxTree, name: string): boolean {
    const ts = this.ts;
    let given = 0;
    for (const at of wordsAt(tree.text, name)) {
      const id = tree.nodeAt(at, at + name.length);
      const parent = id && ts.isIdentifier(id) ? tree.parent(id) : undefined;
      let value: TS.Expression | undefined;
      let assigned = false;
      if (parent && ts.isPropertyDeclaration(parent) && parent.name === id) [assigned, value] = [true, parent.initializer];
      else if (parent && ts.isPropertyAccessExpression(parent) && parent.name === id && parent.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const assignment = tree.parent(parent);
        if (assignment && ts.isBinaryExpression(assignment) && assignment.left === parent && assignment.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && assignment.operatorToken.kind <= ts.SyntaxKind.LastAssignment) [assigned, value] = [true, assignment.right];
      }
      if (!assigned) continue;
      const v = value && unwrapExpression(ts, value);
      if (!v || !(this.isTfModuleExpression(v) || (ts.isIdentifier(v) && this.namespaces.has(v.text)))) return false;
      given++;
    }
    return given > 0;
  }

  /** `tf.layers` → 'layers', `tf` itself → '' (its names are TF.js's top-level ones); undefined for anything else. */
  private groupOf(node: TS.Expression): string | undefined {
    const ts = this.ts;
    if (ts.isIdentifier(node) && this.namespaces.has(node.text)) return '';
    const path = ts.isPropertyAccessExpression(node) ? this.path(node) : undefined;
    return path !== undefined && NAMESPACES.has(path) ? path : undefined;
  }

  private isTfModuleExpression(node: TS.Expression): boolean {
    const ts = this.ts;
    if (!ts.isCallExpression(node) || node.arguments.length !== 1) return false;
    const callee = node.expression;
    const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    if (!isRequire && !isImport) return false;
    const spec = stringValue(ts, node.arguments[0]);
    return spec !== undefined && isTfModule(spec);
  }

  /** `tf.layers.dense` → `layers.dense`, `tf.sub` → `sub`, an imported `sub` → `sub`; undefined for anything else. */
  path(node: TS.Expression): string | undefined {
    const ts = this.ts;
    const n = unwrapExpression(ts, node);
    if (ts.isIdentifier(n)) return this.named.get(n.text) ?? (this.aliases.has(n.text) ? this.aliasPath(n) : undefined);
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.name)) {
      const left = unwrapExpression(ts, n.expression);
      if (ts.isIdentifier(left) && this.namespaces.has(left.text)) return n.name.text;
      // `graph.softmax(…)`, `this.graph.add(…)` of a deeplearn.js graph.
      const held = ts.isIdentifier(left) ? left.text : ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword ? left.name.text : undefined;
      if (held !== undefined && this.graphs.has(held)) return Object.hasOwn(GRAPH_OPS, n.name.text) ? GRAPH_OPS[n.name.text] : undefined;
      // TF.js handed to a class and kept in a field (`constructor(tf) { this.tf = tf }`, then `this.tf.tidy(…)`).
      if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && (TF_FIELD.test(left.name.text) || this.moduleFields.has(left.name.text))) return n.name.text;
      const prefix = this.path(left);
      return prefix ? `${prefix}.${n.name.text}` : undefined;
    }
    return undefined;
  }

  /** The TF.js loss or metric a local name keeps (`const error = tf.losses.meanSquaredError`), when it is never given another value. */
  private aliasPath(id: TS.Identifier): string | undefined {
    const d = this.tree && resolveIdentifier(this.tree, id);
    if (d?.kind !== 'variable' || !d.initializer || !this.ts.isPropertyAccessExpression(unwrapExpression(this.ts, d.initializer)) || !keepsItsValue(this.tree!, id.text, d)) return undefined;
    // Only a function TF.js has: a missing one is reported where the name takes it (unknownTfCalls.ts), once.
    const held = namespaceFunction(this.path(d.initializer));
    return held?.exists ? `${held.group}.${held.name}` : undefined;
  }

  /** A call's TF.js name: `tf.layers.dense({…})` → `layers.dense`. */
  callPath(node: TS.Node): string | undefined {
    const ts = this.ts;
    return ts.isCallExpression(node) ? this.path(node.expression) : undefined;
  }
}
