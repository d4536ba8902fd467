/**
 * The findings of `loss-lens analyze` as text: findings that say the same thing are one group, the source is shown
 * once per group with every place marked, and a long source is shown as a window around the places, so that a sum
 * of 200 terms does not print itself 200 times.
 */
import type { Diagnostic } from '../core';

/** Sources up to this long are shown whole; longer ones as a window. */
const WHOLE_SOURCE = 120;
const WINDOW_BEFORE = 24;
const WINDOW = 100;
const LISTED_PLACES = 6;

export function formatFindings(source: string, diagnostics: readonly Diagnostic[]): string[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    // The same finding with and without its fix (the budget for fixes can run out part way) is one group.
    const key = `${d.severity}\u0000${d.code}\u0000${d.message.replace(/ Fix: [^]*$/, '')}`;
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    lines.push('');
    lines.push(`${first.severity} ${first.code} (${places(group)}): ${first.message}`);
    lines.push(...marked(source, group));
    const fixes = new Map<string, string>();
    for (const d of group) {
      const e = d.fix?.edits[0];
      if (e && d.fix?.edits.length === 1) fixes.set(`${source.slice(e.start, e.end)}\u0000${e.text}`, `${source.slice(e.start, e.end)} → ${e.text}`);
    }
    if (group.length === 1 && first.fix?.expression && source.length <= WHOLE_SOURCE) lines.push(`  fixed: ${first.fix.expression}`);
    else for (const f of fixes.values()) lines.push(`  fix: ${f}${group.length > 1 ? ` (in each place)` : ''}`);
  }
  return lines;
}

function places(group: readonly Diagnostic[]): string {
  const cols = group.map((d) => `${d.span.start + 1}-${d.span.end}`);
  if (group.length === 1) return `columns ${cols[0]}`;
  const shown = cols.slice(0, LISTED_PLACES).join(', ');
  return `${group.length} places, columns ${shown}${group.length > LISTED_PLACES ? ', …' : ''}`;
}

/** The source (or a window of it) with a line of carets under every place of the group that it shows. */
function marked(source: string, group: readonly Diagnostic[]): string[] {
  let from = 0;
  let to = source.length;
  if (source.length > WHOLE_SOURCE) {
    from = Math.max(0, group[0].span.start - WINDOW_BEFORE);
    to = Math.min(source.length, from + WINDOW);
  }
  const lead = from > 0 ? '…' : '';
  const carets = Array.from({ length: to - from }, () => ' ');
  for (const d of group) {
    for (let i = Math.max(d.span.start, from); i < Math.min(Math.max(d.span.end, d.span.start + 1), to); i++) carets[i - from] = '^';
  }
  return [`  ${lead}${source.slice(from, to)}${to < source.length ? '…' : ''}`, `  ${' '.repeat(lead.length)}${carets.join('').trimEnd()}`];
}
