/**
 * The notebook notifications (LSP 3.17 notebook sync) as the notebook manager receives them: one whose params are
 * not what LSP says is dropped whole with one clear warning. Passed on, the manager would throw halfway through it
 * (a notebook registered without its cells, cells spliced without their text documents), and the log would only
 * say "Cannot read properties of null". A change of cell data for a cell the notebook does not have is dropped too:
 * the manager's search for it reads past the end of the cell list.
 */
import type { Connection, NotebookCell } from 'vscode-languageserver/node';
import { changeProblem, documentProblem, isObject, listProblem, type Params } from './paramChecks';
import { checkedRegistration } from './textSync';

type Synchronization = Connection['notebooks']['synchronization'];

const cellProblem = (cell: unknown, where: string): string | undefined =>
  isObject(cell) && (cell.kind === 1 || cell.kind === 2) && typeof cell.document === 'string' ? undefined : `${where} is not { kind: 1 | 2, document: uri }`;
const item = (d: unknown, where: string) => documentProblem(d, where, { item: true });
const uriOnly = (d: unknown, where: string) => documentProblem(d, where);

function openProblem(p: Params): string | undefined {
  const notebook = p?.notebookDocument;
  return (
    documentProblem(notebook, 'params.notebookDocument', { version: true }) ??
    listProblem(isObject(notebook) ? notebook.cells : undefined, 'params.notebookDocument.cells', cellProblem) ??
    listProblem(p?.cellTextDocuments, 'params.cellTextDocuments', item)
  );
}

function cellsChangeProblem(cells: unknown, known: readonly NotebookCell[] | undefined): string | undefined {
  if (cells === undefined) return undefined;
  if (!isObject(cells)) return 'params.change.cells is not an object';
  const { structure, data, textContent } = cells;
  if (structure !== undefined) {
    const array = isObject(structure) ? structure.array : undefined;
    if (!isObject(array) || !Number.isInteger(array.start) || !Number.isInteger(array.deleteCount) || (array.start as number) < 0 || (array.deleteCount as number) < 0) {
      return 'params.change.cells.structure.array is not { start, deleteCount } of non-negative integers';
    }
    const problem =
      (array.cells === undefined ? undefined : listProblem(array.cells, 'params.change.cells.structure.array.cells', cellProblem)) ??
      (isObject(structure) && structure.didOpen !== undefined ? listProblem(structure.didOpen, 'params.change.cells.structure.didOpen', item) : undefined) ??
      (isObject(structure) && structure.didClose !== undefined ? listProblem(structure.didClose, 'params.change.cells.structure.didClose', uriOnly) : undefined);
    if (problem) return problem;
  }
  if (data !== undefined) {
    const problem = listProblem(data, 'params.change.cells.data', cellProblem);
    if (problem) return problem;
    const added = isObject(structure) && isObject(structure.array) && Array.isArray(structure.array.cells) ? (structure.array.cells as NotebookCell[]) : [];
    const cellsNow = known && [...known, ...added];
    const unknown = (data as NotebookCell[]).find((cell) => cellsNow !== undefined && !cellsNow.some((c) => c.document === cell.document));
    if (unknown) return `params.change.cells.data changes ${unknown.document}, which is not a cell of the notebook`;
  }
  if (textContent === undefined) return undefined;
  return listProblem(textContent, 'params.change.cells.textContent', (content, where) => {
    if (!isObject(content)) return `${where} is not { document, changes }`;
    return documentProblem(content.document, `${where}.document`, { version: true }) ?? listProblem(content.changes, `${where}.changes`, changeProblem);
  });
}

/**
 * What the notebook manager listens to, with the notebook notifications checked first. `cellsOf` gives the cells
 * the manager holds for a notebook (undefined for one that is not open: the manager ignores its changes).
 */
export function checkedNotebookSync(connection: Connection, cellsOf: (uri: string) => readonly NotebookCell[] | undefined, warn: (message: string) => void): Connection {
  const sync = connection.notebooks.synchronization;
  const changeProblem = (p: Params): string | undefined => {
    const notebook = p?.notebookDocument;
    const problem = documentProblem(notebook, 'params.notebookDocument', { version: true }) ?? (isObject(p?.change) ? undefined : 'params.change is not an object');
    return problem ?? cellsChangeProblem((p?.change as Record<string, unknown>).cells, cellsOf((notebook as { uri: string }).uri));
  };
  const synchronization: Partial<Synchronization> = {
    onDidOpenNotebookDocument: checkedRegistration('notebookDocument/didOpen', openProblem, (h) => sync.onDidOpenNotebookDocument(h), warn),
    onDidChangeNotebookDocument: checkedRegistration('notebookDocument/didChange', changeProblem, (h) => sync.onDidChangeNotebookDocument(h), warn),
    onDidSaveNotebookDocument: checkedRegistration('notebookDocument/didSave', (p) => documentProblem(p?.notebookDocument, 'params.notebookDocument'), (h) => sync.onDidSaveNotebookDocument(h), warn),
    onDidCloseNotebookDocument: checkedRegistration(
      'notebookDocument/didClose',
      (p) => documentProblem(p?.notebookDocument, 'params.notebookDocument') ?? listProblem(p?.cellTextDocuments, 'params.cellTextDocuments', uriOnly),
      (h) => sync.onDidCloseNotebookDocument(h),
      warn,
    ),
  };
  return { notebooks: { synchronization } } as unknown as Connection;
}
