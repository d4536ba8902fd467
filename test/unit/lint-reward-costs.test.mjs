// Costs and penalties an environment's step folds into the reward it returns (`transactionCost = Math.abs(change) *
// price * fee`, `riskPenalty = Math.abs(exposure) > limit ? -0.1 : 0`, then `return reward + riskPenalty`) shape an
// agent's reward; no model descends them, so their Math.abs is no kink of a loss (functionNames.ts inRewardFunction).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'env.ts').diagnostics.map((d) => `${d.line}: ${d.code}`);

const env = (returned) => `export class TradingEnvironment {
  private position = 0;
  private cash = 10000;
  constructor(private config: { transactionCost: number; limit: number }) {}
  executeAction(change: number, price: number, nextPrice: number): number {
    const transactionCost = Math.abs(change) * price * this.config.transactionCost;
    this.position += change;
    this.cash -= change * price + transactionCost;
    const reward = (this.position * (nextPrice - price)) / price;
    const riskPenalty = Math.abs(this.position * price) > this.config.limit ? -0.1 : 0;
    const penalty = Math.max(0, Math.abs(this.position) - this.config.limit);
    ${returned}
  }
}
`;

test("an environment step's costs and penalties, returned with its reward, are no loss", () => {
  assert.deepEqual(found(env('return reward + riskPenalty - penalty;')), []);
  assert.deepEqual(found(env('return { reward: reward + riskPenalty - penalty, done: false };')), []);
});

test('the same terms in a function that returns a cost, or reports a loss beside the reward, are read as a loss', () => {
  for (const returned of ['return transactionCost + penalty;', 'return { loss: transactionCost + penalty, reward };']) {
    const codes = found(env(returned));
    assert.ok(codes.includes('6: non-differentiable'), `${returned}\n${codes.join('\n')}`);
  }
});

// A recommender's ranking after training: each candidate's score loses a penalty for a year far from the user's taste.
const ranking = (returned) => `import * as tf from '@tensorflow/tfjs';
export async function recommend(model: tf.LayersModel, items: { year: number; popularity: number }[], userYear: number) {
  const scores = (model.predict(tf.tensor2d(items.map((i) => [i.year, i.popularity]))) as tf.Tensor).dataSync();
  return items.map((item, k) => {
    const yearPenalty = Math.abs(item.year - userYear) / 30;
    const finalScore = scores[k] - yearPenalty;
    ${returned}
  });
}
`;

test("a ranking's score, or a fitness, a penalty is folded into is no loss", () => {
  assert.deepEqual(found(ranking('return { item, score: scores[k] - yearPenalty };')), []);
  assert.deepEqual(found(ranking('return finalScore;')), []);
  assert.deepEqual(found(ranking('return { item, fitness: scores[k] - yearPenalty };')), []);
});

test('the same penalty returned as a cost, or beside a loss, is read as one', () => {
  for (const returned of ['return yearPenalty;', 'return { loss: yearPenalty, score: finalScore };']) {
    const codes = found(ranking(returned));
    assert.ok(codes.includes('5: non-differentiable'), `${returned}\n${codes.join('\n')}`);
  }
});
