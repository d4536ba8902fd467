// A loop inside a training step is read pass by pass, the way projects write them: a pass may skip itself
// (`if (…) continue`), hold an `if` inside an `if`, run an inner loop that fills a list, and add to its own locals
// before adding to the total; a statement the lint cannot read leaves unknown only what it sets.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const found = (text, code) => lint.lintText(text, 'step.ts').diagnostics.filter((d) => d.code === code).map((d) => d.line);
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

// A card game's PPO update: one pass per step of the mini-batch, a discard phase (its scores filled by an inner loop)
// and a draw phase (a sigmoid), each with the PPO clip and min.
const PPO = `${HEADER}export class Trainer {
  update(batch: any[], entropyCoeff: number) {
    this.optimizer.minimize(() => {
      let totalLoss = tf.scalar(0);
      let count = 0;
      const outputs = this.model.apply(states, { training: true }) as tf.Tensor[];
      const allCardLogits = outputs[0];
      const allDrawLogits = outputs[1];
      for (let b = 0; b < batch.length; b++) {
        const step = batch[b];
        const cardLogits = allCardLogits.slice([b, 0], [1, 52]).squeeze();
        const drawLogit = allDrawLogits.slice([b, 0], [1, 1]).squeeze();
        if (step.isDiscardPhase) {
          const scores: tf.Tensor[] = [];
          for (const comboMask of step.masks) {
            const mask = tf.tensor1d(comboMask);
            scores.push(cardLogits.mul(mask).sum());
            mask.dispose();
          }
          if (step.canCall) {
            scores.push(cardLogits.sum());
          }
          if (scores.length === 0) continue;
          const logSoftmax = tf.logSoftmax(tf.stack(scores));
          const newLogProb = logSoftmax.gather(step.chosen);
          const ratio = tf.exp(newLogProb.sub(step.oldLogProb));
          const surr2 = tf.clipByValue(ratio, 1 - this.config.clipEpsilon, 1 + this.config.clipEpsilon).mul(step.advantage);
          const policyLoss = tf.minimum(ratio.mul(step.advantage), surr2).neg();
          totalLoss = totalLoss.add(policyLoss);
          count++;
          for (const s of scores) s.dispose();
        } else {
          const prob = tf.sigmoid(drawLogit);
          const newLogProb = step.drew ? tf.log(prob.add(1e-8)) : tf.log(tf.scalar(1).sub(prob).add(1e-8));
          const ratio = tf.exp(newLogProb.sub(step.oldLogProb));
          const surr2 = tf.clipByValue(ratio, 1 - this.config.clipEpsilon, 1 + this.config.clipEpsilon).mul(step.advantage);
          const policyLoss = tf.minimum(ratio.mul(step.advantage), surr2).neg();
          totalLoss = totalLoss.add(policyLoss);
          count++;
        }
      }
      return count > 0 ? totalLoss.div(count) : totalLoss;
    });
  }
}
`;

test('a PPO pass with continue, an inner loop filling a list and an if inside an if: both phases\' clips and mins are found', () => {
  const kinks = found(PPO, 'non-differentiable');
  const clips = PPO.split('\n').flatMap((l, i) => (l.includes('tf.clipByValue(ratio') ? [i + 1] : []));
  const mins = PPO.split('\n').flatMap((l, i) => (l.includes('tf.minimum(ratio') ? [i + 1] : []));
  assert.deepEqual(kinks, [clips[0], mins[0], clips[1], mins[1]]);
  const site = lint.lintText(PPO, 'step.ts').sites.find((s) => s.kind === 'minimize');
  assert.equal(site.unreadable, undefined);
});

test('a local a pass adds to before the total is read with what was added', () => {
  const text = `${HEADER}export function train(opt, model, xs, ys, n) {
  opt.minimize(() => {
    const probs = model.predict(xs);
    let total = tf.scalar(0);
    for (let i = 0; i < n; i++) {
      let stepLoss = tf.square(probs.sub(ys));
      stepLoss = stepLoss.add(tf.log(probs).mul(-0.1));
      total = total.add(stepLoss);
    }
    return total.div(n);
  });
}
`;
  assert.deepEqual(found(text, 'log-of-zero'), [lineOf(text, 'tf.log(probs)')]);
});

test('a statement the lint cannot read in a pass leaves unknown only what it sets', () => {
  const text = `${HEADER}export function train(opt, model, xs, ys, n, mode) {
  opt.minimize(() => {
    const probs = model.predict(xs);
    let total = tf.scalar(0);
    let label = '';
    for (let i = 0; i < n; i++) {
      switch (mode) {
        case 0: label = 'a'; break;
        default: label = 'b';
      }
      total = total.add(tf.log(probs).mul(ys).neg());
    }
    return total;
  });
}
`;
  assert.deepEqual(found(text, 'log-of-zero'), [lineOf(text, 'tf.log(probs)')]);
});

test('an advantage computed by a loop the lint cannot follow is unknown, not zero: the PPO kinks stay', () => {
  const text = `${HEADER}export function learn(opt, actor, states, actions, oldLogp, rewards, values, clip) {
  opt.minimize(() => {
    const advantage = new Array(rewards.length).fill(0);
    let gae = 0;
    for (let t = rewards.length - 1; t >= 0; t--) {
      const delta = rewards[t] + 0.99 * values[t + 1] - values[t];
      gae = delta + 0.95 * gae;
      advantage[t] = gae;
    }
    const adv = tf.tensor1d(advantage);
    const logp = tf.logSoftmax(actor.predict(states)).mul(actions).sum(1);
    const ratio = tf.exp(logp.sub(oldLogp));
    const clipped = tf.clipByValue(ratio, 1 - clip, 1 + clip);
    return tf.minimum(ratio.mul(adv), clipped.mul(adv)).mean().neg();
  });
}
`;
  assert.deepEqual(found(text, 'non-differentiable'), [lineOf(text, 'tf.clipByValue'), lineOf(text, 'tf.minimum')]);
});

test('rows gathered at different indices are different values: a layout loss\'s difference of neighbours is not 0', () => {
  const text = `${HEADER}const x = tf.variable(tf.randomNormal([10, 2]));
function spreadLoss(x, neighbors) {
  return tf.tidy(() => {
    let total = tf.scalar(0);
    for (let i = 0; i < x.shape[0]; i++) {
      const v = x.gather(neighbors[i]).sub(x.gather(i));
      total = total.add(tf.sqrt(v.square().sum()));
    }
    return total;
  });
}
export function layout(opt, neighbors) {
  opt.minimize(() => spreadLoss(x, neighbors), false, [x]);
}
`;
  const site = lint.lintText(text, 'step.ts').sites.find((s) => s.name === 'spreadLoss');
  assert.ok(site && site.expression && !/\b(\w+) - \1\b/.test(site.expression), site?.expression);
  assert.deepEqual(found(text, 'sqrt-at-zero'), [lineOf(text, 'tf.sqrt')]);
});

test('a row gathered from a row is within it: dist.gather(m).gather(action) stays the prediction', () => {
  const text = `${HEADER}export function learn(opt, actor, states, actions, n) {
  opt.minimize(() => {
    const dist = actor.predict(states);
    const picked = [];
    for (let m = 0; m < n; m++) picked.push(dist.gather(m).gather(actions.gather(m)));
    return tf.stack(picked).log().mean().neg();
  });
}
`;
  const site = lint.lintText(text, 'step.ts').sites.find((s) => s.kind === 'minimize');
  assert.equal(site.wrt, 'yPred');
  assert.ok(!/yPred_2/.test(site.expression), site.expression);
});

test('a reduce whose callback returns acc.concat(term) is read per element: the log of the softmax policy is found', () => {
  const text = `${HEADER}export class Agent {
  private actor = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [8], activation: 'softmax' })] });
  private critic = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [8] })] });
  private optimizer = tf.train.adam(1e-3);
  private actorLoss(observations: number[][]): tf.Scalar {
    const logProbs = observations.reduce((lps, observation) => {
      const output = this.actor.predictOnBatch(tf.tensor2d([observation])) as tf.Tensor2D;
      const logits = output.squeeze().log();
      const action = tf.multinomial(logits as tf.Tensor1D, 1).dataSync()[0];
      return lps.concat(logits.gather([action]));
    }, tf.tensor1d([]));
    const values = (this.critic.predictOnBatch(tf.tensor2d(observations)) as tf.Tensor2D).squeeze();
    return logProbs.mul(values).sum().mul(-1).asScalar();
  }
  train(observations: number[][]) {
    this.optimizer.minimize(() => this.actorLoss(observations));
  }
}
`;
  assert.deepEqual(found(text, 'log-of-zero'), [lineOf(text, '.squeeze().log()')]);
});

test('a guard against an empty list the code fills (if (losses.length === 0) return tf.scalar(0)) is not the loss; a loop the lint cannot read leaves the list unknown', () => {
  const text = `${HEADER}export function batchLoss(cardIds, sequences, w, target) {
  return tf.tidy(() => {
    const losses = [];
    for (const cardId of cardIds) {
      const sequence = sequences.get(cardId);
      for (let i = 1; i < sequence.length; i++) losses.push(tf.losses.sigmoidCrossEntropy(target, sequence.step(w, i)));
    }
    if (losses.length === 0) return tf.scalar(0);
    return tf.mean(tf.stack(losses));
  });
}
export function fit(cardIds, sequences, target) {
  const w = tf.variable(tf.zeros([3]));
  tf.train.adam(0.1).minimize(() => batchLoss(cardIds, sequences, w, target), true, [w]);
}
`;
  const r = lint.lintText(text, 'fsrs.js');
  assert.deepEqual(r.diagnostics.map((d) => d.code), []);
  for (const s of r.sites.filter((x) => x.kind !== 'operation')) assert.ok(s.expression !== '0', JSON.stringify(s));
});
