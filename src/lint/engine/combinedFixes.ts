/**
 * One fix for every finding of the same kind in one loss: when each `log` of a binary cross-entropy is fixed by
 * clipping the prediction where it enters, a person wants one action that clips it everywhere, not one per log.
 * The combined fix becomes the preferred one; the single fix stays as the next choice.
 */
import type { SourceEdit, SourceFix } from './types';

interface Fixable {
  code: string;
  siteId: number;
  fixes: SourceFix[];
}

export function addCombinedFixes<T extends Fixable>(diagnostics: T[]): void {
  const groups = new Map<string, T[]>();
  for (const d of diagnostics) {
    const preferred = d.fixes.find((f) => f.preferred);
    if (d.siteId < 0 || !preferred) continue;
    const key = `${d.siteId}\u0000${d.code}\u0000${preferred.title}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const single = group[0].fixes.find((f) => f.preferred)!;
    const edits = mergedEdits(group.map((d) => d.fixes.find((f) => f.preferred)!.edits));
    if (!edits) continue;
    const where = group.length === 2 ? 'in both places' : `in all ${group.length} places`;
    const colon = single.title.indexOf(': ');
    const title = colon > 0 ? `${single.title.slice(0, colon)} ${where}${single.title.slice(colon)}` : `${single.title} ${where}`;
    for (const d of group) {
      for (const f of d.fixes) delete f.preferred;
      d.fixes.unshift({ title, edits, preferred: true });
    }
  }
}

/** The edits of every fix, identical ones once; undefined when two of them overlap (one edit would undo another). */
function mergedEdits(all: readonly SourceEdit[][]): SourceEdit[] | undefined {
  const seen = new Map<string, SourceEdit>();
  for (const edits of all) for (const e of edits) seen.set(`${e.cell ?? ''}:${e.start}:${e.end}:${e.text}`, e);
  const edits = [...seen.values()].sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start || a.end - b.end);
  for (let i = 1; i < edits.length; i++) {
    const [a, b] = [edits[i - 1], edits[i]];
    if ((a.cell ?? 0) === (b.cell ?? 0) && b.start < a.end) return undefined;
  }
  return edits.length > 1 ? edits : undefined;
}
