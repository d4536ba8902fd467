/**
 * `loss-lens lint --fix` for a Jupyter notebook. The lint gives a notebook's fix edits relative to its code cells
 * (`cell`, offsets within that cell's source), so they are applied to the cells' sources and the notebook's JSON
 * is written again, never to the JSON text itself. The rounds are the editors' Fix all: every preferred fix that
 * does not overlap another, lint again, repeat while that changes something (bounded).
 */
import type { LintDiagnostic, LintResult } from '../lint/index';
import { applyOffsetEdits, fixAllRound, MAX_FIX_ALL_ROUNDS, type Settings } from '../service';

interface NotebookCell {
  cell_type?: unknown;
  source?: unknown;
  input?: unknown;
}

export interface NotebookFixOutcome {
  json: string;
  applied: number;
  result: LintResult;
}

/** The code cells of a notebook (nbformat 4 `cells`, or nbformat 3 `worksheets[0].cells`), as the lint reads them. */
function codeCells(nb: unknown): NotebookCell[] | undefined {
  if (!nb || typeof nb !== 'object') return undefined;
  const doc = nb as { cells?: unknown; worksheets?: { cells?: unknown }[] };
  const raw = Array.isArray(doc.cells) ? doc.cells : Array.isArray(doc.worksheets) && Array.isArray(doc.worksheets[0]?.cells) ? doc.worksheets[0].cells : undefined;
  if (!Array.isArray(raw)) return undefined;
  return (raw as NotebookCell[]).filter((c) => c && typeof c === 'object' && c.cell_type === 'code');
}

function sourceText(source: unknown): string {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return '';
}

/** A cell's source in the form it had: Jupyter's list of lines (each keeping its newline), or one string. */
function writeSource(cell: NotebookCell, text: string): void {
  const key = cell.source === undefined && cell.input !== undefined ? 'input' : 'source';
  cell[key] = Array.isArray(cell[key]) ? (text.match(/[^\n]*\n|[^\n]+$/g) ?? []) : text;
}

/**
 * The diagnostics with their fix edits moved from cell offsets to offsets in the cells laid end to end, one
 * character apart (`starts`), so that one round can check the edits of all cells against each other.
 */
function laidOut(diagnostics: readonly LintDiagnostic[], starts: readonly number[]): LintDiagnostic[] {
  return diagnostics.map((d) => ({
    ...d,
    fixes: d.fixes.map((f) => ({
      ...f,
      edits: f.edits.map((e) => {
        const start = starts[e.cell ?? d.cell ?? -1];
        return start === undefined ? { ...e, start: -1 } : { ...e, start: start + e.start, end: start + e.end };
      }),
    })),
  }));
}

/**
 * Fixes a notebook's JSON text: undefined when it cannot be read as a notebook, else the JSON with its code cells
 * fixed (unchanged when nothing was applied), the number of fixes applied and the lint result of the fixed cells.
 */
export function fixNotebook(json: string, lintCells: (cells: string[]) => LintResult, settings: Settings, maxRounds = MAX_FIX_ALL_ROUNDS): NotebookFixOutcome | undefined {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch {
    return undefined;
  }
  const cellsOfNb = codeCells(nb);
  if (!cellsOfNb) return undefined;
  let cells = cellsOfNb.map((c) => sourceText(c.source ?? c.input));
  let result = lintCells(cells);
  let applied = 0;
  const seen = new Set([JSON.stringify(cells)]);
  for (let round = 0; round < maxRounds; round++) {
    const starts: number[] = [];
    let length = 0;
    for (const c of cells) {
      starts.push(length);
      length += c.length + 1;
    }
    const { edits, fixes } = fixAllRound(laidOut(result.diagnostics, starts), settings, length);
    if (edits.length === 0) break;
    const next = cells.map((text, i) =>
      applyOffsetEdits(
        text,
        edits.filter((e) => e.start >= starts[i] && e.end <= starts[i] + text.length).map((e) => ({ ...e, start: e.start - starts[i], end: e.end - starts[i] })),
      ),
    );
    const key = JSON.stringify(next);
    if (seen.has(key)) break;
    seen.add(key);
    cells = next;
    applied += fixes;
    result = lintCells(cells);
  }
  if (applied === 0) return { json, applied, result };
  cellsOfNb.forEach((cell, i) => writeSource(cell, cells[i]));
  const indent = /^\{\r?\n( +)"/.exec(json)?.[1].length ?? 1;
  return { json: `${JSON.stringify(nb, null, indent)}${json.endsWith('\n') ? '\n' : ''}`, applied, result };
}
