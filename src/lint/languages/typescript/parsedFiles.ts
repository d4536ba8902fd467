/**
 * Parsed files kept for the process: the files imports lead to (a model builder, a loss module) are parsed once per
 * text, however many files import them and however often the importing file is linted again while it is edited.
 * The file being linted reuses such an entry but is not added itself: keeping every linted file's tree alive makes
 * it outlive the collector's young generation, and on a real project (2,500 files of TF.js's own packages) that
 * collector work cost more than twice what the cache saved. Entries are reused only for the same path and text,
 * and the cache is bounded by the files and the text it holds.
 */
import { parseSource } from './compiler';
import { embeddedScripts, type AttributeCode } from './embeddedScripts';
import { SyntaxTree } from './syntaxTree';
import { TfBindings } from './tfBindings';

/** A parsed file of the project with its TF.js names. */
export interface ModuleFile {
  path: string;
  tree: SyntaxTree;
  tf: TfBindings;
  /** A page's inline handlers read as code (embeddedScripts.ts). */
  attributes?: readonly AttributeCode[];
}

/** At most this much text (in UTF-16 units) is kept parsed; the least recently used file goes first. */
const MAX_CACHED_TEXT = 4_000_000;
const MAX_CACHED_FILES = 64;

const cache = new Map<string, { text: string; file: ModuleFile }>();
let cachedText = 0;

/** The parsed file for this path and text, from the cache or parsed now (and cached when `keep`). */
export function parsedFile(text: string, path: string, keep: boolean): ModuleFile {
  const hit = cache.get(path);
  if (hit && hit.text === text) {
    cache.delete(path);
    cache.set(path, hit);
    return hit.file;
  }
  // A page or component is read as its scripts, at their own offsets (embeddedScripts.ts).
  const embedded = embeddedScripts(text, path);
  const code = embedded?.text ?? text;
  const source = parseSource(code, path, embedded?.kind);
  const tree = new SyntaxTree(source, code);
  const file: ModuleFile = { path, tree, tf: new TfBindings(tree.ts, source, code, tree), ...(embedded?.attributes ? { attributes: embedded.attributes } : {}) };
  if (hit) forget(path, hit.text);
  if (keep && text.length <= MAX_CACHED_TEXT / 4) {
    cache.set(path, { text, file });
    cachedText += text.length;
    for (const [oldest, entry] of cache) {
      if (cachedText <= MAX_CACHED_TEXT && cache.size <= MAX_CACHED_FILES) break;
      forget(oldest, entry.text);
    }
  }
  return file;
}

function forget(path: string, text: string): void {
  cache.delete(path);
  cachedText -= text.length;
}

/** Empties the cache (tests that measure a cold start, or a host that wants the memory back). */
export function clearParsedFiles(): void {
  cache.clear();
  cachedText = 0;
}
