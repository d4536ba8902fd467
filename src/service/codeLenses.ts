/** "Preview loss" above each loss site, with what the lint found there. */
import type { LintResult } from '../lint/index';
import { effectiveSeverity, type ShownSeverity } from './severity';
import type { Settings } from './settings';
import { codeLensTitle } from './siteLabels';

export interface SiteLens {
  /** The site's anchor (function name, `loss:` property, annotation), as offsets. */
  start: number;
  end: number;
  siteId: number;
  /** With VS Code's `$(graph-line)` icon when `icons` was asked for. */
  title: string;
}

export function siteLenses(result: LintResult, settings: Settings, icons: boolean): SiteLens[] {
  if (!settings.codeLens.enable) return [];
  // An operation site is a single op outside any loss (a policy's entropy): its problems show, it gets no lens.
  return result.sites.filter((site) => site.kind !== 'operation').map((site) => {
    const severities = result.diagnostics
      .filter((d) => d.siteId === site.id)
      .map((d) => effectiveSeverity(d.code, d.severity, settings.severity))
      .filter((s): s is ShownSeverity => s !== undefined);
    const title = codeLensTitle(site, severities);
    return { start: site.anchorStart, end: site.anchorEnd, siteId: site.id, title: icons ? title : title.replace(/^\$\([\w-]+\)\s*/, '') };
  });
}
