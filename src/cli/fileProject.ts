/**
 * The project the CLI lints: other files are read from the disk when the lint follows an import, each at most
 * once per run and only up to a size, so a folder of thousands of files is read once; a folder is listed once too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ProjectFiles } from '../lint/index';

const MAX_FILE = 2_000_000;

export function fileProject(): ProjectFiles {
  const texts = new Map<string, string | undefined>();
  const read = (p: string): string | undefined => {
    if (texts.has(p)) return texts.get(p);
    let text: string | undefined;
    try {
      text = statSync(p).size <= MAX_FILE ? readFileSync(p, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    texts.set(p, text);
    return text;
  };
  const listings = new Map<string, { files: string[]; folders: string[] } | undefined>();
  const entries = (dir: string) => {
    if (listings.has(dir)) return listings.get(dir);
    let found: { files: string[]; folders: string[] } | undefined;
    try {
      const all = readdirSync(dir, { withFileTypes: true });
      found = {
        files: all.filter((e) => e.isFile()).map((e) => path.join(dir, e.name)),
        folders: all.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)),
      };
    } catch {
      found = undefined;
    }
    listings.set(dir, found);
    return found;
  };
  return { readFile: read, version: (p) => read(p)?.length, listDirectory: (d) => entries(d)?.files, listFolders: (d) => entries(d)?.folders };
}
