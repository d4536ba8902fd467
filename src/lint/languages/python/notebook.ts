/**
 * Jupyter notebooks: the code cells of an `.ipynb` file (nbformat 4, and 3's worksheets), joined into one
 * Python text so that a loss in a later cell sees the models, imports and helpers of earlier ones, and the
 * offsets of each cell in it to carry findings back. IPython magics and shell lines (`%matplotlib inline`,
 * `!pip install …`) are blanked to spaces of the same length, so offsets stay put.
 */

export type NotebookCells = { cells: string[] } | { error: string };

function sourceText(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return undefined;
}

/** The code cells of a notebook's JSON text, or why it cannot be read. */
export function notebookCodeCells(json: string): NotebookCells {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (err) {
    return { error: `the notebook is not valid JSON: ${(err as Error).message}` };
  }
  if (!nb || typeof nb !== 'object') return { error: 'the notebook is not a JSON object' };
  const doc = nb as { cells?: unknown; worksheets?: { cells?: unknown }[] };
  const raw = Array.isArray(doc.cells) ? doc.cells : Array.isArray(doc.worksheets) && Array.isArray(doc.worksheets[0]?.cells) ? doc.worksheets[0].cells : undefined;
  if (!Array.isArray(raw)) return { error: 'the notebook has no cells list (is it an .ipynb file?)' };
  const cells: string[] = [];
  for (const c of raw as { cell_type?: unknown; source?: unknown; input?: unknown }[]) {
    if (!c || typeof c !== 'object' || c.cell_type !== 'code') continue;
    cells.push(sourceText(c.source ?? c.input) ?? '');
  }
  return { cells };
}

/** A magic or shell line, or a cell magic's body (`%%bash`): not Python. */
function blankMagics(cell: string): string {
  if (/^\s*%%/.test(cell)) return cell.replace(/[^\n]/g, ' ');
  return cell.replace(/^([ \t]*)([%!?][^\n]*)$/gm, (_, indent: string, rest: string) => indent + ' '.repeat(rest.length));
}

/** The cells as one text, each starting on a line of its own, with where each starts (one join: linear in the cells' size). */
export function joinCells(cells: readonly string[]): { text: string; starts: number[] } {
  const parts: string[] = [];
  const starts: number[] = [];
  let length = 0;
  let endsWithNewline = true;
  for (const c of cells) {
    if (length > 0 && !endsWithNewline) {
      parts.push('\n');
      length++;
      endsWithNewline = true;
    }
    starts.push(length);
    const blanked = blankMagics(c);
    parts.push(blanked);
    length += blanked.length;
    if (blanked.length > 0) endsWithNewline = blanked.endsWith('\n');
  }
  return { text: parts.join(''), starts };
}

/** The cell an offset of the joined text falls in, and the offset within it. */
export function cellOf(starts: readonly number[], cells: readonly string[], offset: number): { cell: number; offset: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { cell: lo, offset: Math.min(offset - (starts[lo] ?? 0), cells[lo]?.length ?? 0) };
}
