// A PPO surrogate written out in plain numbers, `const objective = Math.min(ratio * adv, clipped * adv)` with one side the
// ratio clamped to [1 − ε, 1 + ε], trained by a hand gradient that compares the minimum with a side
// (`if (unclipped === objective)`), and a `clamp` imported from the project's math utilities as that clamp. Computed
// only to be reported, it stays silent (as in lint-plain-javascript's PPO tests).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const kinks = (text) => {
  const r = lint.lintText(text, '/src/agents/PPOAgent.ts');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);
};

const agent = (clampLine, clipped) => `${clampLine}
export class Agent {
  clipRatio = 0.2;
  learn(episode: { logProb: number; advantage: number }[], newLogProbs: number[]) {
    let clipCount = 0;
    for (let i = 0; i < episode.length; i++) {
      const { logProb: oldLogProb, advantage } = episode[i];
      const ratio = Math.exp(newLogProbs[i] - oldLogProb);
      const unclippedObjective = ratio * advantage;
      const clippedObjective = ${clipped} * advantage;
      const objective = Math.min(unclippedObjective, clippedObjective);
      let dObj_dRatio = 0;
      if (unclippedObjective === objective) dObj_dRatio = advantage; else clipCount++;
    }
  }
}
`;
const IMPORTED = "import { clamp } from '../lib/mathUtils';";
const LOCAL = 'function clamp(v: number, lo: number, hi: number): number { return Math.max(lo, Math.min(hi, v)); }';

test("the minimum of a ratio and its own clip, followed by a hand gradient that compares it with a side, is PPO's clipped surrogate, with an imported clamp too", () => {
  assert.deepEqual(kinks(agent(IMPORTED, 'clamp(ratio, 1 - this.clipRatio, 1 + this.clipRatio)')), [10, 11]);
  assert.deepEqual(kinks(agent('', 'Math.max(1 - this.clipRatio, Math.min(1 + this.clipRatio, ratio))')), [10, 10, 11]);
  assert.ok(kinks(agent(LOCAL, 'clamp(ratio, 1 - this.clipRatio, 1 + this.clipRatio)')).includes(11));
  // Computed only, with no gradient chosen by it: silent.
  assert.deepEqual(kinks(agent(IMPORTED, 'clamp(ratio, 1 - this.clipRatio, 1 + this.clipRatio)').replace('if (unclippedObjective === objective) dObj_dRatio = advantage; else clipCount++;', 'clipCount += objective;')), []);
  // Sides written inline, the minimum only tested against a number for a warning (a review's case): silent.
  const warned = agent(IMPORTED, 'clamp(ratio, 1 - this.clipRatio, 1 + this.clipRatio)')
    .replace('Math.min(unclippedObjective, clippedObjective)', 'Math.min(ratio * advantage, clamp(ratio, 1 - this.clipRatio, 1 + this.clipRatio) * advantage)')
    .replace('if (unclippedObjective === objective) dObj_dRatio = advantage; else clipCount++;', "if (objective === 0) console.warn('zero advantage');\n      clipCount += objective;");
  assert.deepEqual(lint.lintText(warned, '/src/agents/PPOAgent.ts').diagnostics, []);
  // A minimum of two values neither of which is a clipped ratio says nothing of PPO: silent.
  assert.deepEqual(kinks(agent(IMPORTED, '(1 + this.clipRatio)')), []);
});
