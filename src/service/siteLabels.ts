import type { ShownSeverity } from './severity';

/** The parts of a loss site (lint's LossSite) that its labels are made of. */
export interface LabelledSite {
  kind: 'custom-function' | 'compile' | 'annotation' | 'minimize' | 'operation';
  name?: string;
  /** Minimize sites: the training call the loss is given to (`optimizer.minimize`, `tf.grads`). */
  via?: string;
  lossName?: string;
  expression?: string;
  /** The library of the site's code: a PyTorch criterion or an optax loss is not a `model.compile`. */
  framework?: string;
}

const MAX_EXPRESSION_IN_TITLE = 48;

/**
 * What the hover, the preview and `lint --report-unread` say about a loss the lint found but could not read: that
 * nothing in it was checked, so its silence is not a clean bill of health, and why.
 */
export function unreadNote(reason: string): string {
  const why = reason.trim().replace(/[.\s]+$/, '');
  return `Loss Lens sees a loss here but cannot read it, so nothing in it is checked: ${why}.`;
}

/**
 * Said of a loss read in part: the terms it could not read (left out) or read only as an unknown function of the
 * model's output, and what that means.
 */
export function partlyUnreadNote(left: string): string {
  return `Part of this loss could not be read: ${left.trim().replace(/[.\s]+$/, '')}. The rest is checked for hazards; the loss as a whole is not recognised.`;
}

/** A short heading for a site: the function's name, the compiled loss, or the annotation's expression. */
export function siteTitle(site: LabelledSite): string {
  switch (site.kind) {
    case 'custom-function':
      return site.name ?? 'Custom loss';
    case 'compile':
      if (site.framework === 'pytorch' || site.framework === 'jax') return site.lossName ?? site.name ?? 'loss';
      return `${site.lossName ?? site.name ?? 'loss'} in model.compile`;
    case 'minimize':
      return site.name ? `${site.name} in ${site.via ?? 'optimizer.minimize'}` : `${site.via ?? 'optimizer.minimize'} loss`;
    case 'annotation':
      return site.name ?? `@loss ${shorten(site.expression ?? '')}`.trim();
    case 'operation':
      return shorten(site.expression ?? 'operation');
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_EXPRESSION_IN_TITLE ? flat : `${flat.slice(0, MAX_EXPRESSION_IN_TITLE - 1)}…`;
}

/** "1 error, 2 warnings" (only the kinds that occur), or "" when nothing is shown. */
export function problemSummary(severities: readonly ShownSeverity[]): string {
  const count = (s: ShownSeverity) => severities.filter((x) => x === s).length;
  const parts: string[] = [];
  const add = (n: number, one: string, many: string) => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(count('error'), 'error', 'errors');
  add(count('warning'), 'warning', 'warnings');
  add(count('info') + count('hint'), 'note', 'notes');
  return parts.join(', ');
}

/** The CodeLens above a loss site: what opens, and what the lint found there. */
export function codeLensTitle(site: LabelledSite, severities: readonly ShownSeverity[]): string {
  const summary = problemSummary(severities);
  return `$(graph-line) Preview loss: ${siteTitle(site)}${summary ? ` · ${summary}` : ''}`;
}

/** Binary cross-entropies by the catalog's name: over a two-unit softmax on one-hot rows each is categorical cross-entropy. */
const BINARY_CROSS_ENTROPY = new Set(['binaryCrossentropy', 'logLoss', 'focal']);

/**
 * Why a pairing that looks like a mismatch is none: a softmax over two units with binary cross-entropy (the
 * transfer-learning codelab's two-class head). Said in the hover, where the user looks for the missing warning.
 */
export function pairingNote(site: { activation?: string | null; units?: number | null; analysis?: { match: { id: string } | null } }): string | undefined {
  const id = site.analysis?.match?.id;
  if (site.activation !== 'softmax' || site.units !== 2 || id === undefined || !BINARY_CROSS_ENTROPY.has(id)) return undefined;
  return "Over two softmax units, binary cross-entropy on one-hot rows is categorical cross-entropy: each unit's term is -log p of the true class, so this pairing is fine.";
}
