// A PPO surrogate written out in plain numbers: `Math.min(ratio * adv, clipped * adv)` where one side holds the ratio
// clamped to [1 − ε, 1 + ε] is the clipped surrogate whatever the code around it tests (a hand gradient that compares
// the minimum with `===`, or none), and a `clamp` imported from the project's math utilities is that clamp.
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

test("the minimum of a ratio and its own clip is PPO's clipped surrogate: its kinks are found, with an imported clamp too", () => {
  assert.deepEqual(kinks(agent(IMPORTED, 'clamp(ratio, 1 - this.clipRatio, 1 + this.clipRatio)')), [10, 11]);
  assert.deepEqual(kinks(agent('', 'Math.max(1 - this.clipRatio, Math.min(1 + this.clipRatio, ratio))')), [10, 10, 11]);
  assert.ok(kinks(agent(LOCAL, 'clamp(ratio, 1 - this.clipRatio, 1 + this.clipRatio)')).includes(11));
  // A minimum of two values neither of which is a clipped ratio says nothing of PPO: silent.
  assert.deepEqual(kinks(agent(IMPORTED, '(1 + this.clipRatio)')), []);
});
