/**
 * What the names of a Python file refer to in the four libraries: `import torch.nn.functional as F`,
 * `from keras import backend as K`, `import numpy as np`, `from tensorflow.keras.layers import Dense` … A dotted
 * expression resolves to one canonical path (`F.softmax` → `torch.nn.functional.softmax`, `tf.keras.layers.Dense`
 * → `keras.layers.Dense`, `K.log` → `keras.backend.log`). Snippets without imports (notebook cells, articles) use
 * the conventional aliases, which apply only to names the file does not bind itself.
 */
import type { Framework } from '../../engine/frontEnd';
import { callArgs, dottedPath, unparen, type PyNode, type PySource } from './syntax';

const CONVENTIONAL: Readonly<Record<string, string>> = {
  np: 'numpy', numpy: 'numpy', torch: 'torch', nn: 'torch.nn', F: 'torch.nn.functional', tf: 'tensorflow', K: 'keras.backend',
  keras: 'keras', jnp: 'jax.numpy', jax: 'jax', optax: 'optax', ops: 'keras.ops',
};

/** `tensorflow.keras.x`, `tf.keras.x`, `tensorflow.python.keras.x`, `keras.api.x`, `tf_keras.x` → `keras.x`. */
export function canonicalPath(path: string): string {
  return path
    .replace(/^tensorflow\.(python\.)?keras(\.|$)/, 'keras$2')
    .replace(/^tf_keras(\.|$)/, 'keras$1')
    .replace(/^keras\.(api|src)\./, 'keras.')
    .replace(/^keras\.src$/, 'keras')
    .replace(/^keras\.(backend|ops)\.numpy\./, 'keras.ops.')
    .replace(/^jax\.numpy\.numpy\./, 'jax.numpy.');
}

export class PyBindings {
  /** Local name → canonical module or object path. */
  private readonly names = new Map<string, string>();
  /** Local name → dotted path of a module of the project (`.network.Net`, `models.net.Net`). */
  private readonly local = new Map<string, string>();
  /** Local name → a project module imported whole (`import network as net`). */
  private readonly modules = new Map<string, string>();
  /** Project modules imported with `from module import *`, in order. */
  readonly starModules: string[] = [];
  /** Names the file binds to something else (an assignment, a def, a parameter at module level). */
  private readonly shadowed = new Set<string>();

  constructor(private readonly src: PySource) {
    for (const imp of src.all('ImportStatement')) this.readImport(imp);
    for (const def of [...src.all('FunctionDefinition'), ...src.all('ClassDefinition')]) {
      const name = def.children.find((c) => c.type === 'VariableName');
      if (name && def.parent?.type === 'Script') this.shadowed.add(src.source(name));
    }
  }

  private readImport(imp: PyNode): void {
    const src = this.src;
    const kids = imp.children;
    let i = 1;
    const dotted = (): string => {
      let path = '';
      while (i < kids.length && (kids[i].type === 'VariableName' || kids[i].type === '.')) {
        path += kids[i].type === '.' ? '.' : src.source(kids[i]);
        i++;
      }
      return path;
    };
    const alias = (): string | undefined => {
      if (kids[i]?.type === 'as' && kids[i + 1]?.type === 'VariableName') {
        i += 2;
        return src.source(kids[i - 1]);
      }
      return undefined;
    };
    if (kids[0]?.type === 'from') {
      const module = dotted();
      if (kids[i]?.type !== 'import') return;
      i++;
      if (i < kids.length && src.source(kids[i]) === '*' && !isLibrary(module)) this.starModules.push(module);
      while (i < kids.length) {
        if (kids[i].type === 'VariableName') {
          const name = src.source(kids[i]);
          i++;
          const local = alias() ?? name;
          if (!module.startsWith('.') && isLibrary(module)) this.names.set(local, canonicalPath(`${module}.${name}`));
          else this.local.set(local, module.endsWith('.') ? `${module}${name}` : `${module}.${name}`);
        } else {
          i++;
        }
      }
      return;
    }
    while (i < kids.length) {
      const path = dotted();
      const local = alias();
      if (path && !isLibrary(path)) this.modules.set(local ?? path.split('.')[0], local ? path : path.split('.')[0]);
      else if (path && local) this.names.set(local, canonicalPath(path));
      else if (path) this.names.set(path.split('.')[0], canonicalPath(path.split('.')[0]));
      while (i < kids.length && kids[i].type !== 'VariableName') i++;
    }
  }

  /** The canonical path a name was explicitly imported as (no conventional aliases). */
  importedName(name: string): string | undefined {
    return this.names.get(name);
  }

  /** Whether the file imports anything at all (a snippet without imports relies on the conventional aliases). */
  get hasImports(): boolean {
    return this.names.size > 0 || this.local.size > 0 || this.modules.size > 0 || this.starModules.length > 0;
  }

  /** Whether the file defines `name` itself at module level. */
  shadows(name: string): boolean {
    return this.shadowed.has(name);
  }

  /** The project module a name stands for (`import network as net` → `network`). */
  projectModule(name: string): string | undefined {
    return this.modules.get(name);
  }

  /** The project module path a name was imported from (`.network.Net`), when it is not a library's. */
  projectImport(name: string): string | undefined {
    return this.local.get(name);
  }

  /** The canonical path a local name stands for, when it names a library module or object. */
  resolveName(name: string): string | undefined {
    const imported = this.names.get(name);
    if (imported) return imported;
    if (this.shadowed.has(name)) return undefined;
    return Object.hasOwn(CONVENTIONAL, name) ? CONVENTIONAL[name] : undefined;
  }

  /** `F.softmax` → `torch.nn.functional.softmax`; undefined when the head is not a library name. */
  resolve(n: PyNode): string | undefined {
    const path = dottedPath(this.src, n);
    if (!path) return undefined;
    const head = this.resolveName(path[0]);
    return head ? canonicalPath([head, ...path.slice(1)].join('.')) : undefined;
  }

  /** The canonical path of a call's callee. */
  callee(call: PyNode): string | undefined {
    const c = unparen(call);
    return c.type === 'CallExpression' ? this.resolve(c.children[0]) : undefined;
  }

  /** Whether the file imports or conventionally uses any of the library's modules. */
  uses(library: 'torch' | 'numpy' | 'keras' | 'tensorflow' | 'jax'): boolean {
    for (const v of this.names.values()) if (v === library || v.startsWith(`${library}.`)) return true;
    return false;
  }

  get args() {
    return (call: PyNode) => callArgs(this.src, call);
  }
}

const LIBRARIES = /^(torch|torchvision|numpy|scipy|jax|optax|flax|keras|tensorflow|tf_keras|sklearn|math|os|sys|typing|collections|functools)(\.|$)/;

function isLibrary(module: string): boolean {
  return LIBRARIES.test(module);
}

/** The framework a canonical path belongs to. */
export function frameworkOf(path: string): Framework | undefined {
  if (path.startsWith('torch')) return 'pytorch';
  if (path.startsWith('numpy') || path.startsWith('scipy')) return 'numpy';
  if (path.startsWith('jax') || path.startsWith('optax') || path.startsWith('flax')) return 'jax';
  if (path.startsWith('keras')) return 'keras';
  if (path.startsWith('tensorflow')) return 'tensorflow';
  return undefined;
}
