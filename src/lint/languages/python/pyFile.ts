/**
 * One Python file as the reader sees it: its tree, what its names refer to (libraries, its own definitions,
 * assignments), and the definitions it imports from other files of the project (`from .network import Net`,
 * `from models.net import build_model`), read through the project's files when the lint has them.
 */
import type { ProjectFiles } from '../../engine/project';
import { PyBindings } from './bindings';
import { PyScope } from './scope';
import { definedName, type PyNode, PySource } from './syntax';
import { ValueFinder } from './values';

const MAX_PROJECT_FILES = 16;
const MAX_PROJECT_TEXT = 1_000_000;

/** Files of the project already read in this lint, by path; `expired` is the file's budget, which their parses share. */
export class ProjectCache {
  readonly files = new Map<string, PyFile | null>();

  constructor(
    readonly project: ProjectFiles | undefined,
    readonly expired: () => boolean = () => false,
  ) {}
}

export class PyFile {
  readonly src: PySource;
  readonly bindings: PyBindings;
  readonly scope: PyScope;
  readonly values: ValueFinder;
  private bySource?: { calls: Map<string, PyNode[]>; assignments: Map<string, PyNode[]> };

  constructor(
    text: string | PySource,
    readonly fileName: string,
    private readonly cache: ProjectCache,
  ) {
    this.src = typeof text === 'string' ? new PySource(text) : text;
    this.bindings = new PyBindings(this.src);
    this.scope = new PyScope(this.src);
    this.values = new ValueFinder(this.src);
  }

  /**
   * The calls whose callee is written `callee` (`model.add`, `self.criterion`), in source order: indexed once, as a
   * file's loss functions and models each look theirs up (a scan per lookup was quadratic on notebooks of thousands of cells).
   */
  callsTo(callee: string): readonly PyNode[] {
    return this.index().calls.get(callee) ?? [];
  }

  /** The assignments whose target is written `target`, in source order (indexed with the calls). */
  assignmentsTo(target: string): readonly PyNode[] {
    return this.index().assignments.get(target) ?? [];
  }

  private index(): { calls: Map<string, PyNode[]>; assignments: Map<string, PyNode[]> } {
    if (this.bySource) return this.bySource;
    const group = (type: string) => {
      const out = new Map<string, PyNode[]>();
      for (const n of this.src.all(type)) {
        if (!n.children[0]) continue;
        const key = this.src.source(n.children[0]);
        const list = out.get(key);
        if (list) list.push(n);
        else out.set(key, [n]);
      }
      return out;
    };
    this.bySource = { calls: group('CallExpression'), assignments: group('AssignStatement') };
    return this.bySource;
  }

  /** The class or function a name is imported as, read from the project file that defines it. */
  importedDefinition(name: string): { file: PyFile; def: PyNode } | undefined {
    const dotted = name.split('.');
    const module = dotted.length === 2 ? this.bindings.projectModule(dotted[0]) : undefined;
    if (module) return this.definitionIn(module, dotted[1]);
    const path = this.bindings.projectImport(name);
    if (!path) {
      if (dotted.length !== 1 || this.bindings.shadows(name)) return undefined;
      for (const star of this.bindings.starModules) {
        const found = this.definitionIn(star, name);
        if (found) return found;
      }
      return undefined;
    }
    const dot = path.lastIndexOf('.');
    return this.definitionIn(path.slice(0, dot), path.slice(dot + 1));
  }

  /** A class or function `symbol` defined in the project module `module`. */
  private definitionIn(module: string, symbol: string): { file: PyFile; def: PyNode } | undefined {
    if (!this.cache.project) return undefined;
    for (const candidate of this.candidates(module)) {
      const file = this.load(candidate);
      if (!file) continue;
      const def = file.scope.classNamed(symbol) ?? file.scope.function(symbol, file.src.root);
      if (def && (def.type === 'ClassDefinition' || def.type === 'FunctionDefinition') && definedName(file.src, def) === symbol) return { file, def };
    }
    return undefined;
  }

  /** Where `module` (`.network`, `models.net`) can be: beside this file, or in a folder above it. */
  private candidates(module: string): string[] {
    const sep = this.fileName.includes('\\') && !this.fileName.includes('/') ? '\\' : '/';
    const dir = this.fileName.slice(0, Math.max(0, this.fileName.lastIndexOf(sep)));
    const leading = /^\.*/.exec(module)![0].length;
    const parts = module.slice(leading).split('.').filter(Boolean);
    const tail = (base: string) => [`${base}${sep}${parts.join(sep)}.py`, `${base}${sep}${parts.join(sep)}${sep}__init__.py`];
    if (leading > 0) {
      let base = dir;
      for (let i = 1; i < leading; i++) base = base.slice(0, Math.max(0, base.lastIndexOf(sep)));
      return parts.length ? tail(base) : [];
    }
    const out: string[] = [];
    let base = dir;
    for (let i = 0; i < 4 && base; i++) {
      out.push(...tail(base));
      const up = base.lastIndexOf(sep);
      if (up <= 0) break;
      base = base.slice(0, up);
    }
    return out;
  }

  private load(path: string): PyFile | undefined {
    const cached = this.cache.files.get(path);
    if (cached !== undefined) return cached ?? undefined;
    if (this.cache.files.size >= MAX_PROJECT_FILES || this.cache.expired()) return undefined;
    const text = this.cache.project?.readFile(path);
    const file = typeof text === 'string' && text.length <= MAX_PROJECT_TEXT ? new PyFile(new PySource(text, this.cache.expired), path, this.cache) : null;
    this.cache.files.set(path, file);
    return file ?? undefined;
  }
}
