/**
 * The TypeScript compiler API, loaded on first use so that the extension activates without it. Only the
 * parser is used: no program, no type checker.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { requireWithCodeCache } from '../../engine/codeCache';
import { EMBEDDING_EXTENSIONS } from './embeddedScripts';

let loaded: typeof TS | undefined;

export function typescript(): typeof TS {
  loaded ??= loadTypeScript();
  return loaded;
}

/** The bundle's own copy beside it (dist/typescript.cjs) through V8's code cache; the package otherwise (tests from source). */
function loadTypeScript(): typeof TS {
  const beside = typeof __dirname === 'string' ? path.join(__dirname, 'typescript.cjs') : undefined;
  if (beside && existsSync(beside)) {
    try {
      return requireWithCodeCache(beside) as typeof TS;
    } catch {
      // Fall through to the plain require below.
    }
  }
  return require('typescript') as typeof TS;
}

const SCRIPT_KINDS: Record<string, keyof typeof TS.ScriptKind> = {
  '.ts': 'TS',
  '.mts': 'TS',
  '.cts': 'TS',
  '.tsx': 'TSX',
  '.js': 'JS',
  '.mjs': 'JS',
  '.cjs': 'JS',
  '.jsx': 'JSX',
};

/** Script files, and the pages and components whose `<script>` blocks are read (embeddedScripts.ts). */
export const LINTABLE_EXTENSIONS: readonly string[] = [...Object.keys(SCRIPT_KINDS), ...EMBEDDING_EXTENSIONS];

function extensionOf(fileName: string): string {
  const m = /\.[A-Za-z]+$/.exec(fileName);
  return m ? m[0].toLowerCase() : '';
}

/**
 * Parses one file, in the dialect its extension says unless `kind` is given (a page's scripts). Parent pointers are
 * not set (see `syntaxTree.ts`); JSDoc is not parsed (annotations are read from the text).
 */
export function parseSource(text: string, fileName: string, kind: keyof typeof TS.ScriptKind = SCRIPT_KINDS[extensionOf(fileName)] ?? 'TS'): TS.SourceFile {
  const ts = typescript();
  return ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    ts.ScriptKind[kind],
  );
}
