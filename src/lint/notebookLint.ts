/**
 * Lints a Jupyter notebook with the Python front end: the code cells are read as one program (definitions of
 * earlier cells are in scope in later ones), and every position found is carried back to its cell: diagnostics,
 * sites and fix edits get `cell` and offsets, lines and columns within that cell, as the CLI's JSON and SARIF and
 * the editor's notebook cells expect. The file's budget starts before its JSON is read, so reading the JSON, joining
 * the cells and parsing them all count against it.
 */
import { Budget } from './engine/budget';
import { lintDocument } from './engine/lintDocument';
import { resolveLintOptions } from './engine/lintOptions';
import { LineMap } from './engine/positions';
import type { LintDiagnostic, LintOptions, LintResult, LossSite, SourceFix } from './engine/types';
import type * as PythonModule from './languages/python';
import { cellOf } from './languages/python/notebook';

export function notebookLint(python: typeof PythonModule, options: LintOptions) {
  const lintCells = (cells: readonly string[], fileName: string, budget: Budget): LintResult => {
    const { text, starts } = python.joinCells(cells);
    const result = lintDocument(python.pythonFrontEnd, text, fileName.replace(/\.ipynb$/i, '.py'), options, budget);
    return toCells(result, cells, starts, text);
  };
  const startBudget = () => new Budget(resolveLintOptions(options).budgetMs);
  return {
    lintCells: (cells: readonly string[], fileName: string) => lintCells(cells, fileName, startBudget()),
    lintJson(json: string, fileName: string): LintResult {
      const budget = startBudget();
      const nb = python.notebookCodeCells(json);
      if ('error' in nb) return { sites: [], diagnostics: [], incomplete: true, incompleteReason: nb.error };
      return lintCells(nb.cells, fileName, budget);
    },
  };
}

function toCells(result: LintResult, cells: readonly string[], starts: readonly number[], joined: string): LintResult {
  const lines = cells.map((c) => new LineMap(c));
  const at = (offset: number) => cellOf(starts, cells, offset);
  const lineStarts = [0];
  for (let i = 0; i < joined.length; i++) if (joined[i] === '\n') lineStarts.push(i + 1);
  /** "(output layer at line 12)" of the joined text, as the cell and the line within it. */
  const message = (m: string) =>
    m.replace(/\bat line (\d+)\)/g, (all, n: string) => {
      const offset = lineStarts[Number(n) - 1];
      if (offset === undefined) return all;
      const c = at(offset);
      return `in cell ${c.cell + 1}, line ${lines[c.cell].line(c.offset)})`;
    });
  /** The fix with its edits in cell coordinates; undefined when an edit runs past its cell (it would rewrite two cells as one). */
  const fix = (f: SourceFix): SourceFix | undefined => {
    const edits = f.edits.map((e) => {
      const c = at(e.start);
      return { ...e, start: c.offset, end: c.offset + (e.end - e.start), cell: c.cell };
    });
    return edits.every((e) => e.end <= cells[e.cell].length) ? { ...f, edits } : undefined;
  };
  const fixes = (all: readonly SourceFix[]): SourceFix[] => {
    const kept = all.map(fix).filter((f): f is SourceFix => f !== undefined);
    if (kept.length && kept.length < all.length && !kept.some((f) => f.preferred)) kept[0] = { ...kept[0], preferred: true };
    return kept;
  };
  const diagnostics: LintDiagnostic[] = result.diagnostics.map((d) => {
    const s = at(d.start);
    const end = Math.min(s.offset + (d.end - d.start), cells[s.cell].length);
    const a = lines[s.cell].position(s.offset);
    const b = lines[s.cell].position(end);
    return { ...d, message: message(d.message), ...(d.detail ? { detail: message(d.detail) } : {}), cell: s.cell, start: s.offset, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, fixes: fixes(d.fixes) };
  });
  const sites: LossSite[] = result.sites.map((site) => {
    const s = at(site.anchorStart);
    const shift = starts[s.cell];
    const local = (o: number) => Math.max(0, Math.min(o - shift, cells[s.cell].length));
    const out: LossSite = { ...site, cell: s.cell, start: local(site.start), end: local(site.end), anchorStart: local(site.anchorStart), anchorEnd: local(site.anchorEnd) };
    if (site.outputLayer) {
      const l = at(site.outputLayer.start);
      if (l.cell === s.cell) out.outputLayer = { start: l.offset, end: Math.min(l.offset + (site.outputLayer.end - site.outputLayer.start), cells[l.cell].length) };
      else delete out.outputLayer;
    }
    if (site.subexpressions) {
      // Pieces computed in another cell than the site's own have no place in this cell's text.
      const inCell = site.subexpressions.filter((p) => p.fileStart >= shift && p.fileEnd <= shift + cells[s.cell].length);
      if (inCell.length) out.subexpressions = inCell.map((p) => ({ ...p, fileStart: p.fileStart - shift, fileEnd: p.fileEnd - shift }));
      else delete out.subexpressions;
    }
    return out;
  });
  /** "read up to line 9120 of 40000" of the joined text, as the cell and the line within it. */
  const reason = result.incompleteReason?.replace(/\bup to line (\d+) of \d+/, (all, n: string) => {
    const offset = lineStarts[Number(n) - 1];
    if (offset === undefined) return all;
    const c = at(offset);
    return `up to cell ${c.cell + 1} of ${cells.length}, line ${lines[c.cell].line(c.offset)}`;
  });
  return { ...result, sites, diagnostics, ...(reason !== undefined ? { incompleteReason: reason } : {}) };
}
