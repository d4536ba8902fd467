import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTsModule } from './extension-support.mjs';

const { Throttle } = await loadTsModule('src/service/throttle.ts');

test('the first trigger runs at once, a burst runs once after it pauses, keys are independent', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const runs = [];
  const throttle = new Throttle(() => 300);
  throttle.trigger('a', () => runs.push(['a', Date.now()]));
  t.mock.timers.tick(0);
  assert.deepEqual(runs, [['a', 0]]);
  for (let i = 0; i < 5; i++) {
    t.mock.timers.tick(100);
    throttle.trigger('a', () => runs.push(['a', Date.now()]));
  }
  throttle.trigger('b', () => runs.push(['b', Date.now()]));
  t.mock.timers.tick(0);
  assert.deepEqual(runs, [['a', 0], ['b', 500]]);
  t.mock.timers.tick(299);
  assert.equal(runs.length, 2);
  t.mock.timers.tick(1);
  assert.deepEqual(runs[2], ['a', 800]);
  t.mock.timers.tick(1000);
  throttle.trigger('a', () => runs.push(['a', Date.now()]));
  t.mock.timers.tick(0);
  assert.deepEqual(runs[3], ['a', 1800]);
  throttle.dispose();
});

test('cancel drops pending work', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  let runs = 0;
  const throttle = new Throttle(() => 50);
  throttle.trigger('a', () => runs++);
  throttle.cancel('a');
  t.mock.timers.tick(1000);
  assert.equal(runs, 0);
});
