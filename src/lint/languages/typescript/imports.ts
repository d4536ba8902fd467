/**
 * Following an import into another file of the project: `import { buildModel } from './model'`,
 * `const { diceLoss } = require('./losses')`, a default or namespace import. The module is found with TypeScript's
 * own module resolution over the project's files, parsed once per version, and the exported declaration found
 * (ES exports, `export { a as b }`, CommonJS `module.exports` / `exports.x`). Only the project's own files are
 * followed; packages in node_modules are not read.
 */
import type * as TS from 'typescript';
import type { ProjectFiles } from '../../engine/project';
import { wholeModule } from './moduleCalls';
import { keepsItsValue, resolveIdentifier } from './scope';
import { parsedFile, type ModuleFile } from './parsedFiles';
import { propertyName, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';

export type { ModuleFile } from './parsedFiles';

/** What an imported name is in its own file: an expression (a function, a call, an object …) there. */
export interface ImportedValue {
  file: ModuleFile;
  value: TS.Expression | TS.FunctionDeclaration | TS.ClassDeclaration;
  /** The top-level variable the value initialises (`export const model = tf.sequential()`), whose later uses build it. */
  variable?: TS.Identifier;
}

const MAX_HOPS = 4;
const COMPILE_CALL = /\.\s*compile\s*\(/;
const MAX_REMEMBERED_MODULES = 4_096;
/** Modules by path, with the version they were read at: whether they call `.compile(` (see callsCompile). */
const compilingModules = new Map<string, { version: string | number; compiles: boolean }>();
/** The file a relative specifier resolved to, by the importing folder and the specifier (see callsCompile). */
const resolvedSpecs = new Map<string, string>();

/** Forgets what callsCompile remembered (with the other caches of parsed files). */
export function clearCompilingModules(): void {
  compilingModules.clear();
  resolvedSpecs.clear();
}

export class ImportResolver {
  constructor(
    private readonly ts: typeof TS,
    private readonly project: ProjectFiles,
  ) {}

  /** The value an identifier of `tree` (in `fileName`) imports, followed through re-exports. */
  valueOf(tree: SyntaxTree, fileName: string, id: TS.Identifier, hops = 0): ImportedValue | undefined {
    if (hops > MAX_HOPS) return undefined;
    const decl = resolveIdentifier(tree, id);
    if (!decl) return undefined;
    const ts = this.ts;
    if (decl.kind === 'other' && ts.isImportDeclaration(decl.node)) return this.fromImport(fileName, decl.node, id.text, hops);
    if (decl.kind === 'variable' && decl.initializer) return this.fromRequire(fileName, decl.node, decl.initializer, id.text, hops);
    if (decl.kind === 'binding') {
      const list = tree.parent(tree.parent(decl.node)!);
      if (list && ts.isVariableDeclaration(list) && list.initializer) return this.fromRequire(fileName, list, list.initializer, id.text, hops);
    }
    return undefined;
  }

  /** `lib.model` where `lib` is a whole module (`import * as lib from './m'`, `const lib = require('./m')`): what it exports as `member`. */
  memberOf(tree: SyntaxTree, fileName: string, object: TS.Identifier, member: string): ImportedValue | undefined {
    const spec = wholeModule(tree, object);
    const file = spec !== undefined ? this.load(spec, fileName) : undefined;
    return file ? this.exported(file, member, 0) : undefined;
  }

  private fromImport(fileName: string, st: TS.ImportDeclaration, local: string, hops: number): ImportedValue | undefined {
    const ts = this.ts;
    const spec = stringValue(ts, st.moduleSpecifier);
    const clause = st.importClause;
    if (spec === undefined || !clause || clause.isTypeOnly) return undefined;
    const file = this.load(spec, fileName);
    if (!file) return undefined;
    if (clause.name?.text === local) return this.exported(file, 'default', hops);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      const el = bindings.elements.find((e) => e.name.text === local);
      if (el) return this.exported(file, (el.propertyName ?? el.name).text, hops);
    }
    return undefined;
  }

  /** `const x = require('./m')` (the module's exports: its `module.exports = …`), `const { a } = require('./m')`, `require('./m').a`. */
  private fromRequire(fileName: string, decl: TS.VariableDeclaration, init: TS.Expression, local: string, hops: number): ImportedValue | undefined {
    const ts = this.ts;
    let e = unwrapExpression(ts, init);
    let member: string | undefined;
    if (ts.isPropertyAccessExpression(e)) {
      member = e.name.text;
      e = unwrapExpression(ts, e.expression);
    }
    if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require' || e.arguments.length !== 1) return undefined;
    const spec = stringValue(ts, e.arguments[0]);
    const file = spec !== undefined ? this.load(spec, fileName) : undefined;
    if (!file) return undefined;
    if (member) return this.exported(file, member, hops);
    if (ts.isObjectBindingPattern(decl.name)) {
      const el = decl.name.elements.find((b) => ts.isIdentifier(b.name) && b.name.text === local);
      const key = el?.propertyName ? propertyName(ts, el.propertyName) : local;
      return key ? this.exported(file, key, hops) : undefined;
    }
    // `const Trainer = require('./trainer')` of `module.exports = Trainer`: what the module exports as a whole.
    return ts.isIdentifier(decl.name) ? this.exported(file, 'default', hops) : undefined;
  }

  /** The module file a specifier names, parsed; undefined for packages and files outside the project. */
  load(spec: string, fromFile: string): ModuleFile | undefined {
    const resolved = this.resolve(spec, fromFile);
    return resolved ? this.parse(resolved) : undefined;
  }

  /**
   * Whether the module a specifier names calls `.compile(` somewhere: read as text, not parsed, and remembered per
   * path and version, so the modules a project imports everywhere are looked at once.
   */
  callsCompile(spec: string, fromFile: string): boolean {
    if (!spec.startsWith('.') && !spec.startsWith('/')) return false;
    // Where a specifier led from a folder before, while that file is still there; else resolved anew.
    const key = `${fromFile.replace(/[\\/][^\\/]*$/, '')}\n${spec}`;
    const before = resolvedSpecs.get(key);
    const resolved = before !== undefined && this.project.readFile(before) !== undefined ? before : this.resolve(spec, fromFile);
    if (resolved && resolved !== before) {
      if (resolvedSpecs.size >= MAX_REMEMBERED_MODULES) resolvedSpecs.clear();
      resolvedSpecs.set(key, resolved);
    }
    if (!resolved) return false;
    // Remembered by the file's version (the host's, which changes with its text), not by holding the text.
    const version = this.project.version?.(resolved);
    const known = compilingModules.get(resolved);
    if (known && version !== undefined && known.version === version) return known.compiles;
    const text = this.project.readFile(resolved);
    if (text === undefined) return false;
    const compiles = COMPILE_CALL.test(text);
    if (version !== undefined) {
      if (compilingModules.size >= MAX_REMEMBERED_MODULES) compilingModules.clear();
      compilingModules.set(resolved, { version, compiles });
    }
    return compiles;
  }

  private resolve(spec: string, fromFile: string): string | undefined {
    if (!spec.startsWith('.') && !spec.startsWith('/')) return undefined;
    const ts = this.ts;
    const host: TS.ModuleResolutionHost = {
      fileExists: (p) => this.project.readFile(p) !== undefined,
      readFile: (p) => this.project.readFile(p),
    };
    const options: TS.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Node10, allowJs: true, resolveJsonModule: false };
    const resolved = ts.resolveModuleName(spec, fromFile, options, host).resolvedModule?.resolvedFileName;
    if (!resolved || resolved.includes('/node_modules/') || /\.d\.[cm]?ts$/.test(resolved)) return undefined;
    return resolved;
  }

  private parse(path: string): ModuleFile | undefined {
    const text = this.project.readFile(path);
    if (text === undefined || text.length > 2_000_000) return undefined;
    return parsedFile(text, path, true);
  }

  /** The declaration a module exports under `name` ('default' for the default export). */
  private exported(file: ModuleFile, name: string, hops: number): ImportedValue | undefined {
    const ts = this.ts;
    const { tree } = file;
    for (const st of tree.file.statements) {
      const exportedHere = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const isDefault = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (exportedHere && (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st))) {
        if ((isDefault && name === 'default') || st.name?.text === name) return { file, value: st };
      }
      if (exportedHere && ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return { file, value: d.initializer, variable: d.name };
      }
      // `export default NeuralNetwork`: the declaration that name makes in the file, as `export { NeuralNetwork }` gives.
      if (ts.isExportAssignment(st) && name === 'default') return this.named(file, st.expression);
      if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
        const el = st.exportClause.elements.find((e) => e.name.text === name);
        if (el) {
          const local = (el.propertyName ?? el.name).text;
          if (st.moduleSpecifier) {
            const spec = stringValue(ts, st.moduleSpecifier);
            const next = spec !== undefined ? this.load(spec, file.path) : undefined;
            return next && hops < MAX_HOPS ? this.exported(next, local, hops + 1) : undefined;
          }
          return this.local(file, local);
        }
      }
      const cjs = ts.isExpressionStatement(st) ? this.commonJsExport(file, st.expression, name) : undefined;
      if (cjs) return cjs;
    }
    return undefined;
  }

  /** A top-level declaration of the file by name. */
  private local(file: ModuleFile, name: string): ImportedValue | undefined {
    const ts = this.ts;
    for (const st of file.tree.file.statements) {
      if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) return { file, value: st };
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
          // A `let` the file assigns again (`if (flag) build = other`) holds no one value: not its initializer.
          const decl = resolveIdentifier(file.tree, d.name);
          return decl?.kind === 'variable' && keepsItsValue(file.tree, name, decl) ? { file, value: d.initializer, variable: d.name } : undefined;
        }
      }
    }
    return undefined;
  }

  /** A value exported whole (`module.exports = Trainer`): the file's declaration of that name, or the value itself. */
  private named(file: ModuleFile, value: TS.Expression): ImportedValue {
    const v = unwrapExpression(this.ts, value);
    return (this.ts.isIdentifier(v) ? this.local(file, v.text) : undefined) ?? { file, value };
  }

  /** `module.exports = { a, b: c }`, `module.exports.a = …`, `exports.a = …`. */
  private commonJsExport(file: ModuleFile, e: TS.Expression, name: string): ImportedValue | undefined {
    const ts = this.ts;
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    const left = e.left;
    const text = file.tree.compactSource(left);
    if (text === 'module.exports') {
      const obj = unwrapExpression(ts, e.right);
      if (!ts.isObjectLiteralExpression(obj)) return name === 'default' ? this.named(file, obj) : undefined;
      for (const p of obj.properties) {
        if (!p.name || propertyName(ts, p.name) !== name) continue;
        if (ts.isShorthandPropertyAssignment(p)) return this.local(file, name);
        if (ts.isPropertyAssignment(p)) {
          const v = unwrapExpression(ts, p.initializer);
          return ts.isIdentifier(v) ? this.local(file, v.text) ?? { file, value: v } : { file, value: v };
        }
      }
      return undefined;
    }
    if (text === `module.exports.${name}` || text === `exports.${name}`) return { file, value: e.right };
    return undefined;
  }
}
