import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';
import { loadTsModule } from './extension-support.mjs';

const previewState = await loadTsModule('src/service/previewState.ts');
const tracking = await loadTsModule('src/service/siteTracking.ts');
const messages = await loadTsModule('src/extension/preview/pageMessages.ts');
const images = await loadTsModule('src/extension/preview/imageFile.ts');
const check = await loadTsModule('src/extension/preview/expressionCheck.ts');

const bce = '-(y_true * log(y_pred) + (1 - y_true) * log(1 - y_pred))';
const site = { id: 2, kind: 'custom-function', name: 'bce', analysis: core.analyze(bce, { activation: 'sigmoid' }) };
const diagnostics = [
  { code: 'log-of-zero', severity: 'error', message: 'log(y_pred) can be log(0)', line: 7, siteId: 2, fixes: [{ title: 'Clip', edits: [], preferred: true }, { title: 'Use logits', edits: [] }] },
  { code: 'non-differentiable', severity: 'info', message: 'kink', line: 8, siteId: 2, fixes: [] },
  { code: 'unknown-loss', severity: 'error', message: 'other site', line: 20, siteId: 3, fixes: [] },
];

test('a site becomes the state the page needs to redo the same analysis', () => {
  const { state, listed } = previewState.stateForSite({ site, diagnostics, uri: 'file:///w/m.ts', line: 5, label: 'm.ts:5', samples: 300, severity: {} });
  assert.equal(state.expression, bce);
  assert.deepEqual(state.options, { wrt: 'y_pred', activation: 'sigmoid' });
  assert.equal(state.title, 'bce');
  assert.deepEqual(state.source, { uri: 'file:///w/m.ts', line: 5, siteId: 2, label: 'm.ts:5' });
  assert.equal(state.samples, 300);
  assert.deepEqual(listed.map((d) => d.code), ['log-of-zero', 'non-differentiable']);
  assert.deepEqual(state.sourceDiagnostics[0].fixes, [{ title: 'Clip', preferred: true }, { title: 'Use logits' }]);
  const redone = core.analyze(state.expression, { wrt: state.options.wrt, activation: state.options.activation });
  assert.equal(redone.latex, site.analysis.latex);
});

test('severity overrides apply to the listed diagnostics, and their numbering follows the list', () => {
  const { state, listed } = previewState.stateForSite({ site, diagnostics, uri: 'u', line: 1, label: 'l', samples: 400, severity: { 'log-of-zero': 'off', 'non-differentiable': 'hint' } });
  assert.deepEqual(listed.map((d) => d.code), ['non-differentiable']);
  assert.deepEqual(state.sourceDiagnostics.map((d) => [d.code, d.severity]), [['non-differentiable', 'info']]);
});

test('set parameters, a domain without activation, the person\'s slider values and an unreadable note are carried over', () => {
  const huber = core.analyze('abs(p - y) <= delta ? 0.5 * (p - y)^2 : delta * (abs(p - y) - 0.5 * delta)', { set: { delta: 2 }, domain: [0, null] });
  const previous = { expression: 'x', options: {}, title: 't', values: { y: 0.3 }, overlay: 'huber' };
  const { state } = previewState.stateForSite({ site: { id: 0, kind: 'annotation', analysis: huber, expression: 'e' }, diagnostics: [], uri: 'u', line: 1, label: 'l', samples: 400, severity: {}, previous });
  assert.deepEqual(state.options, { wrt: 'p', domain: [0, null], set: { delta: 2 } });
  assert.deepEqual(state.values, { y: 0.3 });
  assert.equal(state.overlay, 'huber');
  const unreadable = previewState.stateForSite({ site: { id: 1, kind: 'compile', lossName: 'mse', unreadable: 'Unknown loss' }, diagnostics: [], uri: 'u', line: 1, label: 'l', samples: 400, severity: {} });
  assert.equal(unreadable.state.note, 'Loss Lens sees a loss here but cannot read it, so nothing in it is checked: Unknown loss.');
  assert.equal(unreadable.state.expression, '');
});

test('a restored state is checked field by field', () => {
  assert.equal(previewState.restoredState(undefined), undefined);
  assert.equal(previewState.restoredState({ expression: 1, title: 't' }), undefined);
  const restored = previewState.restoredState({ expression: 'p^2', title: 't', options: { wrt: 'p' }, source: { uri: 'file:///a.ts', line: 3, label: 'a.ts:3', siteId: 1 }, values: { y: 'bad' }, samples: 200, extra: 1 });
  assert.deepEqual(restored, { expression: 'p^2', title: 't', options: { wrt: 'p' }, source: { uri: 'file:///a.ts', line: 3, label: 'a.ts:3', siteId: 1 }, samples: 200 });
  assert.deepEqual(previewState.stateForExpression('p^2', { samples: 10 }), { expression: 'p^2', options: {}, title: 'p^2', samples: 10 });
  assert.deepEqual(previewState.stateForExpression('p^2', { activation: 'relu', samples: 10 }).options, { activation: 'relu' });
});

test('an offset follows edits before it and snaps to the start of a replaced range around it', () => {
  assert.equal(tracking.shiftOffset(50, [{ rangeOffset: 10, rangeLength: 0, text: 'abc' }]), 53);
  assert.equal(tracking.shiftOffset(50, [{ rangeOffset: 60, rangeLength: 5, text: '' }]), 50);
  assert.equal(tracking.shiftOffset(50, [{ rangeOffset: 40, rangeLength: 20, text: 'x' }]), 40);
  assert.equal(tracking.shiftOffset(50, [{ rangeOffset: 45, rangeLength: 5, text: '' }, { rangeOffset: 0, rangeLength: 0, text: '12' }]), 47);
});

test('the tracked site is found again by anchor, then extent, then name, then id; never of another kind', () => {
  const sites = [
    { id: 0, kind: 'custom-function', name: 'a', start: 0, end: 100, anchorStart: 9, anchorEnd: 10 },
    { id: 1, kind: 'compile', name: 'mse', start: 120, end: 160, anchorStart: 130, anchorEnd: 140 },
    { id: 2, kind: 'custom-function', name: 'b', start: 200, end: 300, anchorStart: 209, anchorEnd: 210 },
  ];
  assert.equal(tracking.followSite(sites, { id: 9, kind: 'custom-function', anchor: 209 }).id, 2);
  assert.equal(tracking.followSite(sites, { id: 9, kind: 'custom-function', anchor: 250 }).id, 2);
  assert.equal(tracking.followSite(sites, { id: 9, kind: 'custom-function', name: 'a', anchor: 500 }).id, 0);
  assert.equal(tracking.followSite(sites, { id: 2, kind: 'custom-function', anchor: 500 }).id, 2);
  assert.equal(tracking.followSite(sites, { id: 1, kind: 'annotation', anchor: 135 }), undefined);
  assert.deepEqual(tracking.trackSite(sites[1]), { id: 1, kind: 'compile', name: 'mse', anchor: 130 });
});

test('a cursor designates the innermost site around it; a selection, the site whose anchor it covers', () => {
  const sites = [
    { id: 0, kind: 'compile', start: 0, end: 200, anchorStart: 150, anchorEnd: 160 },
    { id: 1, kind: 'custom-function', start: 20, end: 120, anchorStart: 29, anchorEnd: 47 },
  ];
  assert.equal(tracking.siteAtSelection(sites, 60, 60).id, 1);
  assert.equal(tracking.siteAtSelection(sites, 130, 130).id, 0);
  assert.equal(tracking.siteAtSelection(sites, 300, 300), undefined);
  assert.equal(tracking.siteAtSelection(sites, 29, 47).id, 1, 'the name selected');
  assert.equal(tracking.siteAtSelection(sites, 10, 125).id, 1, 'the whole function selected');
  assert.equal(tracking.siteAtSelection(sites, 60, 80), undefined, 'an expression inside the body');
  assert.equal(tracking.siteAtSelection(sites, 0, 200).id, 0);
});

test('page messages are checked against the protocol', () => {
  assert.deepEqual(messages.parsePageMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(messages.parsePageMessage({ type: 'applySourceFix', diagnostic: 1, fix: 0 }), { type: 'applySourceFix', diagnostic: 1, fix: 0 });
  assert.equal(messages.parsePageMessage({ type: 'applySourceFix', diagnostic: -1, fix: 0 }), undefined);
  assert.equal(messages.parsePageMessage({ type: 'saveImage', format: 'gif', data: '' }), undefined);
  assert.equal(messages.parsePageMessage({ type: 'copy', text: 1, what: 'x' }), undefined);
  assert.equal(messages.parsePageMessage({ type: 'runCode' }), undefined);
  assert.equal(messages.parsePageMessage('ready'), undefined);
});

test('saved images must be what they claim: SVG markup or a PNG data URL', () => {
  const svg = images.imageBytes('svg', '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  assert.match(new TextDecoder().decode(svg), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg/);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  assert.deepEqual([...images.imageBytes('png', `data:image/png;base64,${png.toString('base64')}`)], [...png]);
  assert.equal(typeof images.imageBytes('png', `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`), 'string');
  assert.equal(typeof images.imageBytes('svg', '<html><script>alert(1)</script></html>'), 'string');
  assert.equal(typeof images.imageBytes('png', '<svg></svg>'), 'string');
  assert.equal(images.imageFileName('focalLoss in model.compile', 'svg'), 'focalLoss-in-model-compile.svg');
  assert.equal(images.imageFileName('@loss -log(p)', 'png'), 'loss-log-p.png');
  assert.equal(images.imageFileName('∂∂', 'png'), 'loss.png');
});

test('the expression input explains a parse error with its column, and accepts good expressions', () => {
  assert.equal(check.expressionProblem(core, '-(y*log(p) + (1-y)*log(1-p))'), undefined);
  assert.match(check.expressionProblem(core, 'log(p'), /^Column \d+: /);
  assert.match(check.expressionProblem(core, 'p + * 2'), /^Column 5: /);
  assert.match(check.expressionProblem(core, '  '), /Type a loss/);
  assert.match(check.expressionProblem(core, 'a + b'), /prediction/);
});
