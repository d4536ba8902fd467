/**
 * The tiny document interface the service works over (as vscode-markdown-languageservice does): each host
 * (the VS Code extension, the language server, the tests) wraps its own documents in it. Positions are
 * offsets into `getText()`; the host turns them into its own line/character positions.
 */
import { fileURLToPath } from 'node:url';

export interface ServiceDocument {
  /** The document's URI as a string (`file:///…`, `untitled:…`, `vscode-notebook-cell:…`). */
  readonly uri: string;
  /** Grows with every change; results computed for an older version are dropped. */
  readonly version: number;
  /** The editor's language id (`typescript`, `javascriptreact`, `python` …). */
  readonly languageId: string;
  getText(): string;
  /** The path the host knows the document by, when it differs from what the URI says (VS Code's `fileName`). */
  readonly fileName?: string;
  /** A notebook cell: its notebook's URI and its index among the notebook's cells. */
  readonly notebook?: { readonly uri: string; readonly cell: number };
}

/** A host's cancellation token, reduced to what the service reads. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}

/** A range of a document as offsets into its text. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** The scheme of a URI string (`file`, `untitled` …), lower case. */
export function uriScheme(uri: string): string {
  const m = /^([a-z][\w+.-]*):/i.exec(uri);
  return m ? m[1].toLowerCase() : '';
}

/** The file system path of a `file:` URI, else undefined. */
export function filePath(uri: string): string | undefined {
  if (uriScheme(uri) !== 'file') return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The name the document is known by: the host's file name, the path of a `file:` URI, else the URI's path. */
export function documentFileName(document: ServiceDocument): string {
  if (document.fileName) return document.fileName;
  const path = filePath(document.uri);
  if (path) return path;
  const rest = document.uri.replace(/^[a-z][\w+.-]*:(\/\/[^/]*)?/i, '').replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(rest) || document.uri;
  } catch {
    return rest || document.uri;
  }
}
