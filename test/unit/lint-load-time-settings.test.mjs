// A browser script's setting held in a top-level `let` that an event handler changes later (`let act = 'sigmoid'`,
// `function actchange() { act = select.value }`): the layers the script builds at load read its first value.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text) => {
  const r = lint.lintText(text, '/web/js/main.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

const page = ({ before = '', build = 'top' } = {}) => {
  const layers = `const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: act }));
model.add(tf.layers.dense({ units: 1, activation: act }));`;
  return `let act = 'sigmoid';
function actchange() {
  const s = document.getElementById('activation');
  act = s.options[s.selectedIndex].value;
}
${before}
${build === 'top' ? layers : `function build() {\n${layers}\n}\nbuild();`}
function main() {
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  model.fit(tf.tensor2d([[0, 1, 0], [1, 0, 1], [1, 1, 1]]), tf.tensor2d([[1], [0], [1]]));
}
`;
};

test("a top-level let a handler changes later: layers built at load take its first value", () => {
  assert.deepEqual(findings(page()), ['activation-mismatch:11']);
});

test('the handler registered after the layers are built cannot have run: still the first value', () => {
  const registered = page() + "document.getElementById('activation').addEventListener('change', actchange);\n";
  assert.deepEqual(findings(registered), ['activation-mismatch:11']);
});

test('not when the handler may already have run, or the layers are built later', () => {
  // Run at the top level before the layers are built, however: the select's value, unknown.
  for (const before of ['actchange();', '(function init() { actchange(); })();', "document.querySelectorAll('select').forEach(actchange);", "window.addEventListener('x', actchange); window.dispatchEvent(new Event('x'));", 'const h = actchange; h();', 'function setup() { actchange(); }\nsetup();']) {
    assert.deepEqual(findings(page({ before })), [], before);
  }
  // A callback in a function declared below but called above (hoisted): it runs first.
  assert.deepEqual(findings(page({ before: 'setup();' }) + "function setup() { [0].forEach(() => { act = 'relu'; }); }\n"), []);
  // A top-level await between: the user may change the select while it waits.
  assert.deepEqual(findings(page({ before: "const rows = await (await fetch('data.json')).json();" })), []);
  // Built in a function run at some time: any value the handler gave.
  assert.deepEqual(findings(page({ build: 'function' })), []);
});
