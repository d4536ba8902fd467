/**
 * The project the CLI lints: other files are read from the disk when the lint follows an import, each at most
 * once per run and only up to a size, so a folder of thousands of files is read once.
 */
import { readFileSync, statSync } from 'node:fs';
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
  return { readFile: read, version: (p) => read(p)?.length };
}
