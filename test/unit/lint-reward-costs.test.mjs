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
