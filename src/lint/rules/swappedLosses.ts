/**
 * Two losses of a list given per output in each other's place (`loss: ['categoricalCrossentropy', 'meanSquaredError']`
 * for outputs `[value, policy]`, a one-unit tanh value head and a softmax policy head): this output's entry suits the
 * other output, and the other's suits this one. Swapping them back is the fix that keeps both heads as they are;
 * changing a layer or a loss to suit the wrong one (a tanh value head made sigmoid) is not.
 */
import type { FrameworkLoss, ModelFacts, SiteFacts } from '../engine/frontEnd';
import type { SourceFix } from '../engine/types';
import { frameworkLossFamily, matchRule } from './activationTable';

export function swappedLosses(site: SiteFacts): SourceFix | undefined {
  const list = site.lossList;
  const own = list?.entries[list.index];
  if (!list || !own) return undefined;
  const suits = (model: ModelFacts | undefined, loss: FrameworkLoss | undefined): boolean => {
    const family = loss && frameworkLossFamily(loss);
    if (!model?.activation || !model.activationName || !loss || !family || family === 'other') return false;
    return !matchRule({ family, loss: loss.label, shortLoss: loss.label, activation: model.activation, activationName: model.activationName, units: model.units, clips: loss.clips }, site.framework);
  };
  for (const [j, other] of list.entries.entries()) {
    if (j === list.index || !suits(own.model, other.loss) || !suits(other.model, own.loss)) continue;
    const edits = [
      { start: own.start, end: own.end, text: other.text },
      { start: other.start, end: other.end, text: own.text },
    ].sort((a, b) => a.start - b.start);
    const [a, b] = [list.index + 1, j + 1].sort((x, y) => x - y);
    return { title: `Swap the losses of outputs ${a} and ${b}: ${other.text} for output ${list.index + 1}`, edits };
  }
  return undefined;
}
