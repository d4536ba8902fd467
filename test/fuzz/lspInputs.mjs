// What an editor sends while someone types, made from a seeded Random: positions inside and outside a text, content
// changes (whole texts and range edits, with ranges past the end or backwards, as clients do send), selections for
// code actions, and the lossLens settings a case is run with (hostile values included).
import { UNICODE } from './hostileValues.mjs';

const TYPED = ['(', ')', ' ', '\n', '\r\n', ',', '.', ';', ':', '=', '-', '1e-7', 'tf.', 'log(', 'np.', 'torch.', 'loss', "'mse'", '"', '#', '//', '/*', '"""', '    ', '\t'];

/** A position in the text, or near it, or far outside it (past the last line, past a line's end). */
export function randomPosition(r, mirror) {
  const roll = r.next();
  if (roll < 0.7) return mirror.positionAt(r.int(0, mirror.text.length));
  if (roll < 0.8) return { line: r.int(0, mirror.lineCount - 1), character: r.int(0, 10_000) };
  if (roll < 0.9) return { line: mirror.lineCount + r.int(0, 5), character: r.int(0, 50) };
  return { line: r.pick([mirror.lineCount - 1, 2 ** 31 - 1, 1e9]), character: r.pick([0, 2 ** 31 - 1, 1e9]) };
}

export function randomRange(r, mirror) {
  const start = randomPosition(r, mirror);
  if (r.chance(0.3)) return { start, end: start };
  const end = r.chance(0.8) ? mirror.positionAt(mirror.offsetAt(start) + r.span(400)) : randomPosition(r, mirror);
  return r.chance(0.1) ? { start: end, end: start } : { start, end };
}

/** Text typed or pasted: a character, a line break, a fragment of the document itself, odd unicode. */
function typedText(r, mirror) {
  const roll = r.next();
  if (roll < 0.15) return '';
  if (roll < 0.6) return r.pick(TYPED);
  if (roll < 0.8) {
    const at = r.int(0, mirror.text.length);
    return mirror.text.slice(at, at + r.span(300));
  }
  return r.pick(UNICODE);
}

/** One content change of a didChange: mostly a range edit, sometimes the whole new text or lines appended past the end. */
export function randomChange(r, mirror) {
  if (r.chance(0.15)) {
    const at = r.int(0, mirror.text.length);
    const cut = r.span(200);
    return { text: mirror.text.slice(0, at) + typedText(r, mirror) + mirror.text.slice(at + cut) };
  }
  if (r.chance(0.05)) {
    const lines = r.int(0, 2);
    const start = { line: mirror.lineCount + r.int(-1, 5), character: r.int(0, 3) };
    return { range: { start, end: { line: start.line + lines, character: 0 } }, text: `${'\n'.repeat(lines)}${typedText(r, mirror)}` };
  }
  const change = { range: randomRange(r, mirror), text: typedText(r, mirror) };
  if (r.chance(0.2)) change.rangeLength = r.int(0, 20);
  return change;
}

/** A case's options as the `lossLens` settings section (the lint's hostile options become hostile settings). */
export function settingsFor(r, options) {
  const section = { lint: { budgetMs: options.budgetMs, debounceMs: r.pick([0, 0, 5, 30, r.int(0, 200)]) } };
  if ('epsilon' in options) section.fix = { epsilon: options.epsilon };
  for (const key of ['defaultActivation', 'precision', 'severity']) if (key in options) section[key] = options[key];
  if (r.chance(0.05)) section.hover = { enable: r.pick([false, 'no', 0]) };
  if (r.chance(0.05)) section.codeLens = { enable: r.pick([false, null, 1]) };
  return JSON.parse(JSON.stringify(section));
}

/** Settings of the wrong types, as a broken client or settings file sends them. */
export function hostileSettings(r) {
  return r.pick([
    { lossLens: { precision: 7, fix: { epsilon: 'x' } } },
    { lossLens: { 'fix.epsilon': -1, 'lint.budgetMs': 'fast', 'lint.debounceMs': -5, precision: 'float64' } },
    { lossLens: { severity: 'all', defaultActivation: [], hover: { enable: 'yes' } } },
    { lossLens: { severity: { 'log-of-zero': 7, constructor: 'off', __proto__: 'error' }, lint: 'on' } },
    { lossLens: { lint: { budgetMs: 1e308, debounceMs: null, enable: 'true' }, preview: { samples: -1 } } },
    { lossLens: null },
    { lossLens: [1, 2] },
    42,
    'lossLens',
    null,
    [],
  ]);
}
