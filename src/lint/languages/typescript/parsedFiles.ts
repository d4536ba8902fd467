/**
 * Parsed files shared by the whole process: the file being linted and the files its imports lead to are parsed
 * once per text. Linting a project file by file (the CLI, the editor's open files) then parses each file once,
 * although a training file reads the model and the loss it imports from their own files. Entries are reused only
 * for the same path and the same text, and the cache is bounded by the text it holds.
 */
import { parseSource } from './compiler';
import { SyntaxTree } from './syntaxTree';
import { TfBindings } from './tfBindings';

/** A parsed file of the project with its TF.js names. */
export interface ModuleFile {
  path: string;
  tree: SyntaxTree;
  tf: TfBindings;
}

/** At most this much text (in UTF-16 units) is kept parsed; the least recently used file goes first. */
const MAX_CACHED_TEXT = 8_000_000;
const MAX_CACHED_FILES = 256;

const cache = new Map<string, { text: string; file: ModuleFile }>();
let cachedText = 0;

/** The parsed file for this path and text, from the cache or parsed now (and then cached). */
export function parsedFile(text: string, path: string): ModuleFile {
  const hit = cache.get(path);
  if (hit && hit.text === text) {
    cache.delete(path);
    cache.set(path, hit);
    return hit.file;
  }
  const source = parseSource(text, path);
  const tree = new SyntaxTree(source, text);
  const file: ModuleFile = { path, tree, tf: new TfBindings(tree.ts, source, text) };
  if (hit) forget(path, hit.text);
  if (text.length <= MAX_CACHED_TEXT / 4) {
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
