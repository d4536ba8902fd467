/** Turning the lint's fixes (offset edits) into edits the editor can apply, and finding which fix a shown problem means. */

export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edits in document order, or undefined when they cannot be applied to a text of this length
 * (out of range, reversed, or overlapping each other): a fix computed for another version of the file.
 */
export function orderedEdits(edits: readonly OffsetEdit[], textLength: number): OffsetEdit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = 0;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < previousEnd || e.end < e.start || e.end > textLength) return undefined;
    previousEnd = e.end;
  }
  return sorted.length > 0 ? sorted : undefined;
}

/** Applies ordered edits to a text: what the document will read after the fix. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * The lint diagnostic a problem shown in the editor stands for: same code and same range, else the same
 * code over an overlapping range (the problem was drawn for a slightly older text), else none.
 */
export function findLintDiagnostic<T extends { code: string; start: number; end: number }>(
  diagnostics: readonly T[],
  shown: { code: string; start: number; end: number },
): T | undefined {
  const sameCode = diagnostics.filter((d) => d.code === shown.code);
  return (
    sameCode.find((d) => d.start === shown.start && d.end === shown.end) ??
    sameCode.find((d) => d.start < shown.end && shown.start < d.end) ??
    sameCode.find((d) => d.start === shown.start)
  );
}
