/**
 * The server's open documents as the service's tiny document interface: plain text documents and the cells
 * of notebooks (LSP 3.17 notebook sync), each cell carrying its notebook's URI and index. One wrapper per
 * URI reads the current text and version, as VS Code's documents do.
 */
import type { NotebookDocuments, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceDocument } from '../service';

export interface ServerDocument extends ServiceDocument {
  /** The document as it is now (the text document manager replaces or updates it on every change). */
  readonly current: TextDocument;
}

export class ServerDocuments {
  private readonly wrappers = new Map<string, ServerDocument>();

  constructor(
    private readonly texts: TextDocuments<TextDocument>,
    private readonly notebooks?: NotebookDocuments<TextDocument>,
  ) {}

  /** The open document (or notebook cell) with this URI; one opened without text (a malformed didOpen) is not. */
  get(uri: string): ServerDocument | undefined {
    const document = this.texts.get(uri) ?? this.notebooks?.cellTextDocuments.get(uri);
    if (!document || typeof document.getText() !== 'string') {
      this.wrappers.delete(uri);
      return undefined;
    }
    let wrapper = this.wrappers.get(uri);
    if (!wrapper) {
      wrapper = this.wrap(uri);
      this.wrappers.set(uri, wrapper);
    }
    return wrapper;
  }

  all(): ServerDocument[] {
    const uris = [...this.texts.keys(), ...(this.notebooks?.cellTextDocuments.keys() ?? [])];
    return uris.map((uri) => this.get(uri)).filter((d): d is ServerDocument => d !== undefined);
  }

  forget(uri: string): void {
    this.wrappers.delete(uri);
  }

  private wrap(uri: string): ServerDocument {
    const lookUp = (): TextDocument => {
      const document = this.texts.get(uri) ?? this.notebooks?.cellTextDocuments.get(uri);
      if (!document) throw new Error(`${uri} is not open`);
      return document;
    };
    const notebooks = this.notebooks;
    const cellOf = (): ServiceDocument['notebook'] => {
      const notebook = notebooks?.findNotebookDocumentForCell(uri);
      if (!notebook) return undefined;
      return { uri: notebook.uri, cell: notebook.cells.findIndex((c) => c.document === uri) };
    };
    return {
      uri,
      get current() {
        return lookUp();
      },
      get version() {
        return lookUp().version;
      },
      get languageId() {
        return lookUp().languageId;
      },
      get notebook() {
        return cellOf();
      },
      getText: () => lookUp().getText(),
    };
  }
}
