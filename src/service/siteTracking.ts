/** Following one loss site through edits of its file, so that an open preview keeps showing the same loss. */

export interface TrackedSite {
  id: number;
  kind: string;
  name?: string;
  /** Offset of the site's anchor in the latest text. */
  anchor: number;
}

export interface SiteExtent {
  id: number;
  kind: string;
  name?: string;
  start: number;
  end: number;
  anchorStart: number;
  anchorEnd: number;
}

export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * Where an offset moves when the changes (non-overlapping, in the coordinates of the text before them,
 * as in a TextDocumentChangeEvent) are applied. An offset inside a replaced range moves to its start.
 */
export function shiftOffset(offset: number, changes: readonly TextChange[]): number {
  let shifted = offset;
  for (const c of changes) {
    const end = c.rangeOffset + c.rangeLength;
    if (end <= offset) shifted += c.text.length - c.rangeLength;
    else if (c.rangeOffset < offset) shifted -= offset - c.rangeOffset;
  }
  return Math.max(0, shifted);
}

/**
 * The site in a new lint result that is the tracked one: of the same kind, preferably the one whose anchor
 * or extent holds the tracked anchor, else the one with the same name, else the one with the same id.
 */
export function followSite<S extends SiteExtent>(sites: readonly S[], tracked: TrackedSite): S | undefined {
  const sameKind = sites.filter((s) => s.kind === tracked.kind);
  const at = tracked.anchor;
  return (
    sameKind.find((s) => s.anchorStart <= at && at <= s.anchorEnd) ??
    innermost(sameKind.filter((s) => s.start <= at && at <= s.end)) ??
    (tracked.name !== undefined ? sameKind.find((s) => s.name === tracked.name) : undefined) ??
    sameKind.find((s) => s.id === tracked.id)
  );
}

function innermost<S extends SiteExtent>(sites: readonly S[]): S | undefined {
  return sites.reduce<S | undefined>((best, s) => (!best || s.end - s.start < best.end - best.start ? s : best), undefined);
}

export function trackSite(site: SiteExtent): TrackedSite {
  return { id: site.id, kind: site.kind, ...(site.name !== undefined ? { name: site.name } : {}), anchor: site.anchorStart };
}

/**
 * The site a cursor or selection designates: for a cursor, the innermost site around it; for a selection,
 * the outermost site whose anchor it covers (a function's name selected, a whole function, a whole
 * compile call). A selection inside a loss that misses its anchor designates no site: it is an
 * expression of its own.
 */
export function siteAtSelection<S extends SiteExtent>(sites: readonly S[], start: number, end: number): S | undefined {
  if (start === end) return innermost(sites.filter((s) => s.start <= start && start <= s.end));
  return sites
    .filter((s) => start <= s.anchorStart && s.anchorEnd <= end)
    .reduce<S | undefined>((best, s) => (!best || s.end - s.start > best.end - best.start ? s : best), undefined);
}
