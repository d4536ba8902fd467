// A loss picked by a test of the very setting the output activation reads, and a model whose layers are added by
// helpers called in the branches of a switch: each way of building the model meets only the loss of its own way.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const am = (text) => lint.lintText(text, 'model.ts').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

/** `activation: this.config.outputActivation` with a default merged under the caller's config, and the loss chosen by the same setting. */
const configured = ({ fallback = 'linear', sigmoidLoss = 'binaryCrossentropy' } = {}) => `import * as tf from '@tensorflow/tfjs';
export interface NetConfig { outputActivation?: 'linear' | 'sigmoid' | 'softmax'; }
export class Net {
  private config: NetConfig;
  private model: tf.Sequential | null = null;
  private outputShape = 1;
  constructor(config: NetConfig) {
    this.config = { ...{ outputActivation: '${fallback}' as const }, ...config };
  }
  build(inputs: number): void {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ inputShape: [inputs], units: 16, activation: 'relu' }));
    this.model.add(tf.layers.dense({ units: this.outputShape, activation: this.config.outputActivation! }));
    this.model.compile({ optimizer: 'adam', loss: this.lossFor(), metrics: ['accuracy'] });
  }
  private lossFor(): string {
    switch (this.config.outputActivation!) {
      case 'sigmoid':
        return '${sigmoidLoss}';
      case 'softmax':
        return 'categoricalCrossentropy';
      default:
        return 'meanSquaredError';
    }
  }
}
`;

test('a loss chosen by the setting the activation reads meets the default only in its own case', () => {
  // Before: binaryCrossentropy and categoricalCrossentropy were checked against the default linear head.
  assert.deepEqual(am(configured()), []);
});

test('the default value goes with the loss its case picks: a default sigmoid head with MSE in the sigmoid case is said', () => {
  const found = am(configured({ fallback: 'sigmoid', sigmoidLoss: 'meanSquaredError' }));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^14: meanSquaredError on a sigmoid output/);
});

/** A model whose layers helper methods add, one helper per case of a switch, compiled with a loss of the same switch. */
const byType = (anomalyLoss = 'meanSquaredError') => `import * as tf from '@tensorflow/tfjs';
export class Detector {
  build(type: string): tf.Sequential {
    const model = tf.sequential();
    switch (type) {
      case 'anomaly':
        this.autoencoder(model);
        break;
      case 'classification':
        this.classifier(model);
        break;
      default:
        throw new Error(type);
    }
    model.compile({ optimizer: 'adam', loss: this.lossFor(type) });
    return model;
  }
  private autoencoder(model: tf.Sequential): void {
    model.add(tf.layers.dense({ inputShape: [10], units: 4, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 10, activation: 'sigmoid' }));
  }
  private classifier(model: tf.Sequential): void {
    model.add(tf.layers.dense({ inputShape: [10], units: 16, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  }
  private lossFor(type: string): string {
    switch (type) {
      case 'anomaly':
        return '${anomalyLoss}';
      case 'classification':
        return 'binaryCrossentropy';
      default:
        return 'meanSquaredError';
    }
  }
}
`;

test('layers added by helpers called in the cases of a switch build one model per case, each paired with its own loss', () => {
  const r = lint.lintText(byType(), 'model.ts');
  assert.deepEqual(r.sites.filter((s) => s.kind === 'compile').map((s) => s.lossName).sort(), ['binaryCrossentropy', 'meanSquaredError', 'meanSquaredError']);
  assert.deepEqual(am(byType()), [], 'no loss is checked against the other case\'s head');
  // A mismatch inside one case is still said, for that case's head.
  const found = am(byType("categoricalCrossentropy"));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^15: categoricalCrossentropy on independent sigmoids/, "the autoencoder's ten sigmoids, not the classifier's one unit");
});

test('a way of a switch whose output activation is itself chosen (isClassifier ? softmax : linear) is read as each choice', () => {
  const text = (units) => `import * as tf from '@tensorflow/tfjs';
export function build(config: { type: string; target: string; features: string[] }): tf.Sequential {
  const model = tf.sequential();
  switch (config.type) {
    case 'NEURAL_NETWORK':
      model.add(tf.layers.dense({ units: 32, activation: 'relu', inputShape: [config.features.length] }));
      model.add(tf.layers.dense({ units: ${units}, activation: config.target.includes('classification') ? 'softmax' : 'linear' }));
      break;
    case 'CLASSIFICATION':
      model.add(tf.layers.dense({ units: 4, activation: 'softmax', inputShape: [config.features.length] }));
      break;
  }
  model.compile({ optimizer: 'adam', loss: lossFor(config.type) });
  return model;
}
function lossFor(type: string): string {
  switch (type) {
    case 'CLASSIFICATION':
      return 'categoricalCrossentropy';
    default:
      return 'meanSquaredError';
  }
}
`;
  const found = am(text(1));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^13: softmax over 1 unit always outputs 1/);
});

test("a shared 'accuracy' metric says nothing of the targets of an autoencoder the file never fits (a bottleneck between an input and an output of one width)", () => {
  const model = (hidden, out) => `import * as tf from '@tensorflow/tfjs';
export function build(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: ${hidden}, activation: 'relu' }));
  model.add(tf.layers.dense({ units: ${out}, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  return model;
}
`;
  assert.deepEqual(am(model(32, 784)), [], 'an autoencoder: its targets are its inputs');
  // No bottleneck, or an output of another width: the metric still says classes (an explicit binary accuracy over
  // several sigmoids, the bare one over one).
  assert.equal(am(model(1024, 784).replace("metrics: ['accuracy']", "metrics: ['binaryAccuracy']")).length, 1);
  assert.equal(am(model(32, 1)).length, 1);
});

test("a fallback activation (config.outputActivation || 'linear') meets no loss a test picks; a fixed loss still meets it", () => {
  const builder = (loss) => `import * as tf from '@tensorflow/tfjs';
export function createModel(config: { outputUnits: number; outputActivation?: string }): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: config.outputUnits, activation: (config.outputActivation || 'linear') as any }));
  model.compile({ optimizer: 'adam', loss: ${loss} });
  return model;
}
`;
  assert.deepEqual(am(builder("config.outputUnits === 1 ? 'meanSquaredError' : 'categoricalCrossentropy'")), []);
  const fixed = am(builder("'categoricalCrossentropy'"));
  assert.equal(fixed.length, 1, fixed.join('\n'));
  assert.match(fixed[0], /^6: categoricalCrossentropy wants probabilities, but the linear output is unbounded/);
});

test("a helper that always names an activation, mapActivation(cfg.activation) || 'relu', is read as its ways, never as the fallback", () => {
  const builder = (fallback) => `import * as tf from '@tensorflow/tfjs';
const mapActivation = (name: string) => {
  switch (name) {
    case 'logistic': return 'sigmoid';
    case 'identity': return 'linear';
    default: return 'sigmoid';
  }
};
export function build(cfg: { activation: string }): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 1, activation: mapActivation(cfg.activation)${fallback} }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
`;
  // The helper's linear way is said with or without the fallback; the fallback 'relu' it never returns is not.
  const plain = am(builder(''));
  assert.deepEqual(am(builder(" || 'relu'")), plain);
  assert.equal(plain.length, 1, plain.join('\n'));
  assert.match(plain[0], /linear/);
  // A fallback after a setting the file does not show is still the activation.
  assert.match(am(builder('').replace("mapActivation(cfg.activation)", "(cfg.activation || 'relu') as any")).join('\n'), /relu/);
});
