/**
 * A loss list given per output (`model.compile({ loss: ['categoricalCrossentropy', 'meanSquaredError'] })` for outputs
 * `[value, policy]`): each entry's site learns every entry, its written text, loss and output, so the activation rule
 * can tell two losses given in each other's place and offer to swap them back.
 */
import type { SiteFacts } from '../../engine/frontEnd';
import type { CompileLoss } from './compileSite';
import type { SyntaxTree } from './syntaxTree';

/** Gives each site of a list, one site per entry (none chosen among several ways), the list. */
export function attachLossList(tree: SyntaxTree, losses: readonly CompileLoss[], made: readonly { site: SiteFacts; given: CompileLoss }[]): void {
  if (losses.length < 2 || made.length !== losses.length || made.some((m, i) => m.given !== losses[i] || m.given.output !== i)) return;
  const entries = made.map(({ site, given }) => ({
    start: tree.start(given.value),
    end: given.value.end,
    text: tree.source(given.value),
    ...(site.frameworkLoss ? { loss: site.frameworkLoss } : {}),
    ...(site.model ? { model: site.model } : {}),
  }));
  made.forEach(({ site }, index) => (site.lossList = { index, entries }));
}
