/**
 * The other files of a project that train a model this file builds, so the targets they fit it on count as
 * evidence here: a file beside it (in its folder, the one above or a sibling folder) that imports this module (`import { buildModel } from
 * './model'`, `new NeuralNetwork(config)` of an imported class), and for a browser script (no imports or exports:
 * its top-level names are globals shared with the page's other scripts) the scripts beside it. Only the folders
 * next to the file are listed, at most a few dozen files each, and a file is parsed only when its text names this
 * one (a module) or is itself a script; the search runs only when this file's own code says nothing.
 */
import type * as TS from 'typescript';
import { baseName, normalPath, parentFolder, samePath } from '../../engine/paths';
import type { ProjectFiles } from '../../engine/project';
import { compiledModel, type CompileCall } from './compileSite';
import { callsByName, functionValue } from './functionValues';
import { ImportResolver } from './imports';
import { thisMemberValues, type Located } from './objectValues';
import { parsedFile, type ModuleFile } from './parsedFiles';
import { assignmentsTo, isIdentifierName, resolveIdentifier } from './scope';
import { propertyName, stringValue, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';
import { fitCalls, targetsOfFit } from './fitCalls';
import type { CrossFile } from './targetEvidence';
import type { TfBindings } from './tfBindings';
import { after, wordsAt } from './wordSearch';

const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const MODULE_SYNTAX = /(?:^|[\n;])\s*(?:import|export)\b|\brequire\s*\(|\bmodule\.exports\b/;
const MAX_LISTED = 60;
const MAX_COMPANIONS = 12;
const MAX_SIBLING_FOLDERS = 8;
const MAX_TEXT = 300_000;
const MAX_INDEXED_TEXT = 4_000_000;
const MAX_CALLS = 20;
const MAX_DEPTH = 6;
/** Steps all searches for where a value comes from may take in one reading (a name assigned from many names, each from many). */
const MAX_STEPS = 2_000;

/** A declaration of the linted file that other files may refer to: its span, and its name when it is a global. */
interface Anchor {
  start: number;
  end: number;
  name?: string;
}

export class CompanionFiles implements CrossFile {
  private readonly ts: typeof TS;
  private readonly resolver: ImportResolver;
  private readonly script: boolean;
  private found?: ModuleFile[];
  /** Files a class was imported from in this reading, whose fields the evidence may then read. */
  private readonly imports: ModuleFile[] = [];
  /** Steps left for all the searches of where a value comes from, in every file, for this reading. */
  private readonly work = { left: MAX_STEPS };

  constructor(
    private readonly tree: SyntaxTree,
    private readonly tf: TfBindings,
    private readonly fileName: string,
    private readonly project: ProjectFiles,
    private readonly outOfTime: () => boolean,
  ) {
    this.ts = tree.ts;
    this.resolver = new ImportResolver(tree.ts, project);
    this.script = !MODULE_SYNTAX.test(tree.text);
  }

  bindings(tree: SyntaxTree): TfBindings | undefined {
    if (tree === this.tree) return this.tf;
    return this.files().find((f) => f.tree === tree)?.tf ?? this.imports.find((f) => f.tree === tree)?.tf;
  }

  importedClass = (tree: SyntaxTree, id: TS.Identifier): { tree: SyntaxTree; node: TS.ClassLikeDeclaration } | undefined => {
    const ts = this.ts;
    return this.importedValue(tree, id, (value) => {
      const v = ts.isClassDeclaration(value) || ts.isFunctionDeclaration(value) ? value : unwrapExpression(ts, value as TS.Expression);
      return ts.isClassDeclaration(v) || ts.isClassExpression(v) ? v : undefined;
    });
  };

  importedFunction = (tree: SyntaxTree, id: TS.Identifier): { tree: SyntaxTree; node: FunctionNode } | undefined =>
    this.importedValue(tree, id, (value, file) => (this.ts.isFunctionDeclaration(value) ? value : functionValue(file, value as TS.Expression)));

  /** What a name of a file imports from another file of the project, when `pick` takes it; that file is then read. */
  private importedValue<T extends TS.Node>(tree: SyntaxTree, id: TS.Identifier, pick: (value: TS.Node, file: SyntaxTree) => T | undefined): { tree: SyntaxTree; node: T } | undefined {
    const path = tree === this.tree ? this.fileName : [...this.files(), ...this.imports].find((f) => f.tree === tree)?.path;
    if (path === undefined || this.exhausted()) return undefined;
    const imported = this.resolver.valueOf(tree, path, id);
    const node = imported ? pick(imported.value, imported.file.tree) : undefined;
    if (!imported || !node) return undefined;
    if (!this.imports.includes(imported.file)) this.imports.push(imported.file);
    return { tree: imported.file.tree, node };
  }

  fitTargets(cc: CompileCall): Located[] {
    const anchors = this.modelAnchors(cc);
    if (!anchors.length) return [];
    const out: Located[] = [];
    for (const file of this.files()) {
      for (const call of fitCalls(file.tree).slice(0, MAX_CALLS)) {
        if (this.exhausted()) return out;
        const receiver = (call.expression as TS.PropertyAccessExpression).expression;
        if (this.comesFrom(file, receiver, anchors, 0)) out.push(...targetsOfFit(file.tree, file.tf, call).map((node) => ({ tree: file.tree, node })));
      }
    }
    return out;
  }

  outer = (tree: SyntaxTree, parameter: TS.ParameterDeclaration): Located[] => {
    const ts = this.ts;
    if (tree !== this.tree || parameter.dotDotDotToken || this.exhausted()) return [];
    const fn = tree.parent(parameter);
    if (!fn || !ts.isFunctionLike(fn)) return [];
    const index = fn.parameters.indexOf(parameter);
    const owner = tree.parent(fn);
    const out: Located[] = [];
    const take = (file: ModuleFile, args: TS.NodeArray<TS.Expression> | undefined) => {
      const a = args?.[index];
      if (a && !ts.isSpreadElement(a)) out.push({ tree: file.tree, node: a });
    };
    if (ts.isConstructorDeclaration(fn) && owner && ts.isClassLike(owner) && owner.name) {
      const cls = this.anchorOf(owner, owner.name.text);
      for (const file of this.files()) for (const n of callsByName(file.tree, owner.name.text, 'new', MAX_CALLS)) if (ts.isNewExpression(n) && this.refersTo(file, n.expression, [cls])) take(file, n.arguments);
    } else if (ts.isMethodDeclaration(fn) && owner && ts.isClassLike(owner) && owner.name) {
      const name = propertyName(ts, fn.name);
      const cls = this.anchorOf(owner, owner.name.text);
      for (const file of this.files()) {
        for (const n of name ? callsByName(file.tree, name, 'call', MAX_CALLS) : []) {
          const callee = ts.isCallExpression(n) ? unwrapExpression(ts, n.expression) : undefined;
          if (callee && ts.isPropertyAccessExpression(callee) && this.comesFrom(file, callee.expression, [cls], 0)) take(file, (n as TS.CallExpression).arguments);
        }
      }
    } else if (ts.isFunctionDeclaration(fn) && fn.name && owner && ts.isSourceFile(owner)) {
      const f = this.anchorOf(fn, fn.name.text);
      for (const file of this.files()) for (const n of callsByName(file.tree, fn.name.text, 'call', MAX_CALLS)) if (ts.isCallExpression(n) && this.refersTo(file, n.expression, [f])) take(file, n.arguments);
    }
    return out;
  };

  /** Whether the reading's time or this search's steps are spent. */
  private exhausted(): boolean {
    return this.work.left <= 0 || this.outOfTime();
  }

  /** The files that may use this one, found and parsed once. */
  private files(): ModuleFile[] {
    if (this.found) return this.found;
    this.found = [];
    const list = this.project.listDirectory;
    if (!list) return this.found;
    const here = parentFolder(this.fileName);
    const folders = (this.script ? [here] : [here, parentFolder(here), ...this.siblingFolders(here)]).filter((d, i, all) => d !== '' && all.indexOf(d) === i);
    const base = moduleBase(this.fileName);
    for (const folder of folders) {
      const index = folderIndex(this.project, list.call(this.project, folder));
      for (const path of this.script ? index.scripts : (index.importers.get(base) ?? [])) {
        if (samePath(path, this.fileName)) continue;
        if (this.found.length >= MAX_COMPANIONS || this.outOfTime()) return this.found;
        const text = this.project.readFile(path);
        if (text === undefined || text.length > MAX_TEXT) continue;
        const file = parsedFile(text, path, true);
        if (this.script || this.importsThisFile(file)) this.found.push(file);
      }
    }
    return this.found;
  }

  /** The folders beside a module's folder (`src/train/` beside `src/models/`), at most a few, in order. */
  private siblingFolders(here: string): string[] {
    const parent = parentFolder(here);
    const listed = parent ? this.project.listFolders?.(parent) : undefined;
    if (!listed) return [];
    return listed
      .filter((f) => !samePath(f, here) && !/^(?:\.|node_modules$)/.test(baseName(f)))
      .sort()
      .slice(0, MAX_SIBLING_FOLDERS);
  }

  /** Whether one of a module's imports (or requires) resolves to the linted file. */
  private importsThisFile(file: ModuleFile): boolean {
    const ts = this.ts;
    const specs: string[] = [];
    for (const st of file.tree.file.statements) {
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier) {
        const spec = stringValue(ts, st.moduleSpecifier);
        if (spec !== undefined) specs.push(spec);
      }
    }
    for (const m of file.tree.text.matchAll(/\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g)) specs.push(m[2]);
    return specs.some((spec) => {
      const resolved = this.resolver.load(spec, file.path)?.path;
      return resolved !== undefined && samePath(resolved, this.fileName);
    });
  }

  /** The declarations of this file a compiled model comes from: its variable, or the function or class that builds it. */
  private modelAnchors(cc: CompileCall): Anchor[] {
    const ts = this.ts;
    const anchors: Anchor[] = [];
    const top = [...this.tree.ancestors(cc.call)].find((a) => this.tree.parent(a) && ts.isSourceFile(this.tree.parent(a)!));
    if (top && (ts.isFunctionDeclaration(top) || ts.isClassDeclaration(top))) anchors.push(this.anchorOf(top, top.name?.text));
    if (top && ts.isVariableStatement(top)) for (const d of top.declarationList.declarations) if (d.initializer) anchors.push(this.anchorOf(d.initializer, ts.isIdentifier(d.name) ? d.name.text : undefined));
    if (top && ts.isExportAssignment(top)) anchors.push(this.anchorOf(top.expression));
    const compiled = compiledModel(ts, cc);
    const receiver = compiled && unwrapExpression(ts, compiled);
    if (receiver && ts.isIdentifier(receiver)) {
      const d = resolveIdentifier(this.tree, receiver);
      const parent = d?.kind === 'variable' ? this.tree.parent(this.tree.parent(d.node)!) : undefined;
      if (d?.kind === 'variable' && parent && this.tree.parent(parent) && ts.isSourceFile(this.tree.parent(parent)!)) {
        anchors.push(this.anchorOf(d.node, receiver.text));
        if (d.initializer) anchors.push(this.anchorOf(d.initializer));
      }
    }
    return anchors;
  }

  private anchorOf(node: TS.Node, name?: string): Anchor {
    return { start: this.tree.start(node), end: node.end, ...(name ? { name } : {}) };
  }

  /** Whether a name in another file is one of the anchors: imported from this file, or the same global. */
  private refersTo(file: ModuleFile, expr: TS.Expression, anchors: readonly Anchor[]): boolean {
    const ts = this.ts;
    const id = unwrapExpression(ts, expr);
    if (!ts.isIdentifier(id)) return false;
    const d = resolveIdentifier(file.tree, id);
    if (!d) return this.script && anchors.some((a) => a.name === id.text);
    const imported = this.resolver.valueOf(file.tree, file.path, id);
    if (!imported || !samePath(imported.file.path, this.fileName)) return false;
    const start = imported.file.tree.start(imported.value);
    return anchors.some((a) => a.start === start && a.end === imported.value.end);
  }

  /** Whether a value in another file comes from one of the anchors: `model`, `buildModel()`, `new Net()`, `net.model`. */
  private comesFrom(file: ModuleFile, expr: TS.Expression, anchors: readonly Anchor[], depth: number): boolean {
    const ts = this.ts;
    if (depth > MAX_DEPTH || --this.work.left < 0) return false;
    const e = unwrapExpression(ts, expr);
    if (ts.isIdentifier(e)) {
      if (this.refersTo(file, e, anchors)) return true;
      const d = resolveIdentifier(file.tree, e);
      // A script's undeclared name is a global set by assignment (`nn = new NeuralNetwork(2, 2, 1)` in setup()).
      if (!d && this.script) return globalAssignments(file.tree, e.text).some((v) => this.comesFrom(file, v, anchors, depth + 1));
      if (d?.kind !== 'variable') return false;
      const values = [...(d.initializer ? [d.initializer] : []), ...assignmentsTo(file.tree, e.text, d).map((a) => a.right)];
      return values.some((v) => this.comesFrom(file, v, anchors, depth + 1));
    }
    if (ts.isPropertyAccessExpression(e)) {
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return thisMemberValues(file.tree, e, e.name.text).some((v) => this.comesFrom(file, v, anchors, depth + 1));
      return this.comesFrom(file, e.expression, anchors, depth + 1);
    }
    if (ts.isCallExpression(e)) return this.comesFrom(file, e.expression, anchors, depth + 1);
    if (ts.isNewExpression(e)) return this.refersTo(file, e.expression, anchors);
    return false;
  }

}

/**
 * What a folder's source files (at most MAX_LISTED, in order) may say about another file: its browser scripts (no
 * imports or exports), and by module name (`model` of './model', '../src/model.js') the modules that import one of
 * that name. Built once per listing and kept for as long as the host keeps the listing (a CLI run), so a folder of
 * hundreds of files is read once, not once per file linted in it.
 */
interface FolderIndex {
  scripts: string[];
  importers: Map<string, string[]>;
}

const folderIndexes = new WeakMap<readonly string[], FolderIndex>();
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])([^'"`\n]+)\1/g;

function folderIndex(project: ProjectFiles, listing: readonly string[] | undefined): FolderIndex {
  const index: FolderIndex = { scripts: [], importers: new Map() };
  if (!listing) return index;
  const known = folderIndexes.get(listing);
  if (known) return known;
  const files = listing.filter((p) => SOURCE_FILE.test(p) && !DECLARATION_FILE.test(p) && !normalPath(p).includes('/node_modules/')).sort().slice(0, MAX_LISTED);
  let read = 0;
  for (const path of files) {
    // A folder of data written as scripts (`data.js` with megabytes of arrays) is read only up to a total.
    if (read > MAX_INDEXED_TEXT) break;
    const text = project.readFile(path);
    read += text?.length ?? 0;
    if (text === undefined || text.length > MAX_TEXT) continue;
    if (!MODULE_SYNTAX.test(text)) {
      index.scripts.push(path);
      continue;
    }
    for (const m of text.matchAll(SPECIFIER)) {
      const name = moduleBase(m[2]);
      const importers = index.importers.get(name) ?? [];
      if (!importers.includes(path)) importers.push(path);
      index.importers.set(name, importers);
    }
  }
  folderIndexes.set(listing, index);
  return index;
}

/** The name a module is imported by: `model` of '/p/src/model.ts' and of './src/model.js'. */
function moduleBase(path: string): string {
  return baseName(path).replace(SOURCE_FILE, '');
}

/** The values assigned to an undeclared (global) name in a script: `name = value` where nothing declares `name`. */
function globalAssignments(tree: SyntaxTree, name: string): TS.Expression[] {
  const ts = tree.ts;
  const out: TS.Expression[] = [];
  if (!isIdentifierName(name)) return out;
  for (const k of wordsAt(tree.text, name, 0, tree.text.length, true)) {
    if (out.length >= MAX_CALLS) break;
    const end = after(tree.text, k + name.length, '=');
    if (end < 0 || tree.text[end] === '=' || tree.text[end] === '>') continue;
    const id = tree.nodeAt(k, k + name.length);
    const assignment = tree.parent(id);
    if (ts.isIdentifier(id) && assignment && ts.isBinaryExpression(assignment) && assignment.left === id && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken && !resolveIdentifier(tree, id)) out.push(assignment.right);
  }
  return out;
}
