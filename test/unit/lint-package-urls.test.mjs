// TF.js imported the way Deno and browser ES modules name it (a URL, a registry prefix, a version, a query), and a
// model kept in a constructor's parameter property: the code is read as when it imports '@tensorflow/tfjs'.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const MODEL = (spec, tf = 'ml') => `import * as ${tf} from '${spec}';
const model = ${tf}.sequential();
model.add(${tf}.layers.dense({ units: 5, inputShape: [7], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

function codes(text, file = '/p/train.ts') {
  const r = lint.lintText(text, file);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
}

test('TF.js by URL, registry prefix, version and query is TF.js', () => {
  for (const spec of [
    'esm.sh/@tensorflow/tfjs@4.14.0?target=es2022',
    'https://esm.sh/@tensorflow/tfjs',
    'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/+esm',
    'https://cdn.skypack.dev/@tensorflow/tfjs',
    'npm:@tensorflow/tfjs-node@4',
  ]) assert.deepEqual(codes(MODEL(spec)), ['activation-mismatch:4'], spec);
});

// (Imported under another name than tf, which a browser script's global makes TF.js whatever the import.)
test('other packages and files named like TF.js are not TF.js', () => {
  for (const spec of ['https://esm.sh/tfjs-lookalike', './@tensorflow/tfjs-local', 'https://example.com/lib/tf.js']) assert.deepEqual(codes(MODEL(spec)), [], spec);
});

test("a model in a constructor's parameter property is the model the class compiles", () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export class Trainer {
  constructor(readonly model = tf.sequential()) {
    this.model.add(tf.layers.dense({ units: 5, inputShape: [7], activation: 'softmax' }));
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
  }
}
`;
  assert.deepEqual(codes(text), ['activation-mismatch:5']);
  // A plain parameter (no modifier) is not a field: what the caller gives is unknown.
  assert.deepEqual(codes(text.replace('readonly model = tf.sequential()', 'model = tf.sequential()').replaceAll('this.model', 'this.net')), []);
});
