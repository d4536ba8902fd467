/**
 * File paths as the hosts give them: POSIX (`/p/model.js`), Windows (`C:\p\model.js`), or Windows written with
 * forward slashes, as TypeScript's module resolution returns them (`C:/p/model.js`). The lint compares and splits
 * paths only through these.
 */

/** A path with forward slashes and a lower-case drive letter, for comparing. */
export function normalPath(path: string): string {
  const slashes = path.replace(/\\/g, '/');
  return /^[A-Za-z]:/.test(slashes) ? slashes[0].toLowerCase() + slashes.slice(1) : slashes;
}

export function samePath(a: string, b: string): boolean {
  return a === b || normalPath(a) === normalPath(b);
}

/** The folder a path is in ('' for a bare name). */
export function parentFolder(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : i === 0 ? path.slice(0, 1) : '';
}

/** The last part of a path: the file's name. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
