// A training step that optimises an input rather than a model's weights: the image of a style transfer, a deep dream
// or a "make it look like a cloud" page (`genImg = tf.variable(basis.clone())`, `optimizer.minimize(f, true,
// [genImg])`). Its loss is a function of that image as a model's loss is of the model's output (holdout145).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const page = (made, tv) => `const model = await tf.loadGraphModel('model/model.json');
async function run(basis) {
  const optimizer = tf.train.adam(0.01);
  let genImg = null;
  genImg = ${made};
  for (let i = 0; i < 100; i++) {
    optimizer.minimize(() => tf.tidy(() => {
      const pred = model.execute(genImg.mul(2).sub(1));
      const lossCloud = pred.slice([0, 0], [1, 1]).squeeze().mul(-1);
      const lossStruct = genImg.sub(basis).square().mean();
      const h1 = genImg.slice([0, 0, 0, 0], [1, 224, 223, 3]);
      const h2 = genImg.slice([0, 0, 1, 0], [1, 224, 223, 3]);
      const lossTV = ${tv};
      return lossCloud.add(lossStruct).add(lossTV);
    }), true, [genImg]);
  }
}
`;
const kinks = (text) => lint.lintText(text, 'page.js').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => d.line);

test('a total variation with abs of the image a step optimises is a kink of what it trains', () => {
  assert.deepEqual(kinks(page('tf.variable(basis.clone())', 'h1.sub(h2).abs().sum()')), [13]);
  // The squared form is smooth.
  assert.deepEqual(kinks(page('tf.variable(basis.clone())', 'h1.sub(h2).square().sum()')), []);
});

test('a variable made by an initializer is a weight, not an optimised input', () => {
  assert.deepEqual(kinks(page('tf.variable(tf.randomNormal([1, 224, 224, 3]))', 'h1.sub(h2).abs().sum()')), []);
  assert.deepEqual(kinks(page('tf.variable(basis.clone(), false)', 'h1.sub(h2).abs().sum()')), []);
});

test('a step that runs no model and optimises an image: the image is what it trains', () => {
  const text = `function denoise(noisy) {
  const img = tf.variable(noisy.clone());
  const opt = tf.train.adam(0.05);
  for (let i = 0; i < 50; i++) {
    opt.minimize(() => {
      const dx = img.slice([0, 1], [-1, -1]).sub(img.slice([0, 0], [-1, 255]));
      return img.sub(noisy).square().mean().add(dx.abs().mean().mul(0.1));
    });
  }
  return img;
}
`;
  assert.deepEqual(kinks(text), [7]);
});

test('weights scaled after their initializer, or held in a const first, are weights: an L1 penalty on them is not read as a kink of what is trained', () => {
  const step = (made) => `const w0 = tf.randomNormal([4, 1]);
const w = tf.variable(${made});
const opt = tf.train.sgd(0.1);
opt.minimize(() => {
  const pred = xs.matMul(w);
  return pred.sub(ys).square().mean().add(w.abs().sum().mul(0.01));
});
`;
  for (const made of ['tf.randomNormal([4, 1]).mul(0.01)', 'w0', 'tf.initializers.glorotNormal({}).apply([4, 1])']) {
    assert.deepEqual(kinks(step(made)), [], made);
  }
});
