/**
 * The other files of a project, as the lint may read them to follow an import: a host-neutral view that the
 * CLI backs with the file system, and the editor with its open documents first, then the disk.
 */
import { normalPath, parentFolder, samePath } from './paths';

export interface ProjectFiles {
  /** The text of a file by absolute path (open editor buffers win over the disk), or undefined. */
  readFile(path: string): string | undefined;
  /** A version for a file's text, to reuse what was read from it; any value that changes with the text. */
  version?(path: string): string | number | undefined;
  /**
   * The files directly in a folder, as absolute paths, or undefined when the host cannot list it. The lint lists
   * the folder of the file it reads, and its parent, to find the files that train a model built there (a script
   * that imports the model's module, or a browser script beside it that shares its globals).
   */
  listDirectory?(dir: string): readonly string[] | undefined;
  /** The folders directly in a folder, as absolute paths (the lint looks in a model's sibling folders too). */
  listFolders?(dir: string): readonly string[] | undefined;
}

/**
 * Project files from a plain map of path to text, for tests and for linting a set of files in memory. Paths are
 * looked up as a file system would find them: `C:\p\a.js` and `C:/p/a.js` are the same file.
 */
export function projectFromMap(files: ReadonlyMap<string, string>): ProjectFiles {
  const byNormalPath = new Map([...files].map(([p, text]) => [normalPath(p), text]));
  const read = (p: string) => files.get(p) ?? byNormalPath.get(normalPath(p));
  return {
    readFile: read,
    version: (p) => read(p)?.length,
    listDirectory: (dir) => [...files.keys()].filter((p) => samePath(parentFolder(p), dir)),
    listFolders: (dir) => {
      const folders = new Set<string>();
      for (const p of files.keys()) {
        for (let f = parentFolder(p); f && !samePath(f, dir); f = parentFolder(f)) {
          if (samePath(parentFolder(f), dir)) folders.add(f);
          if (parentFolder(f) === f) break;
        }
      }
      return [...folders];
    },
  };
}
