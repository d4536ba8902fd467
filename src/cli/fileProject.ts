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
  const listings = new Map<string, string[] | undefined>();
  const list = (dir: string): string[] | undefined => {
    if (listings.has(dir)) return listings.get(dir);
    let files: string[] | undefined;
    try {
      files = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(dir, e.name));
    } catch {
      files = undefined;
    }
    listings.set(dir, files);
    return files;
  };
  return { readFile: read, version: (p) => read(p)?.length, listDirectory: list };
}
