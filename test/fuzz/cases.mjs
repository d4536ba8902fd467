// One fuzz case from a seed and its number: a mutated file (TS/JS, Python or a notebook, as text or as separate
// cells) with the options it is linted with. Everything comes from `Random.forCase(seed, index)`, so a case is
// rebuilt exactly from those two numbers.
import { languageOf } from './corpus.mjs';
import { PROTOTYPE_NAMES } from './hostileValues.mjs';
import { mutateSource } from './mutations.mjs';
import { Random } from './random.mjs';

const HOSTILE_OPTIONS = [
  { epsilon: '1e-3' }, { epsilon: NaN }, { epsilon: -1 }, { epsilon: Infinity }, { epsilon: 0 }, { epsilon: 1e-300 }, { epsilon: 2 },
  { defaultActivation: 'constructor' }, { defaultActivation: 'bogus' }, { defaultActivation: 42 }, { defaultActivation: null },
  { budgetMs: -5 }, { budgetMs: NaN }, { budgetMs: '200' }, { budgetMs: 0 }, { budgetMs: Infinity },
  { precision: 'float128' }, { precision: '__proto__' }, { precision: null },
  { project: null }, { project: {} }, { project: { readFile: () => 42 } }, { project: { readFile: () => { throw new Error('disk on fire'); } } },
  { project: { readFile: () => 'export const model = tf.sequential({layers: [tf.layers.dense({units: Infinity, activation: "constructor"})]});' } },
  { __proto__: { epsilon: 1e-3 } }, Object.create(null), { severity: { constructor: 'off' } },
];

const FILE_NAMES = {
  typescript: ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts'],
  python: ['.py', '.pyw', '.pyi'],
};

function fileNameFor(r, seedPath, language) {
  const ext = /\.[A-Za-z]+$/.exec(seedPath)?.[0] ?? '.ts';
  if (!r.chance(0.1)) return `/fuzz/case${ext}`;
  if (language === 'notebook') return r.pick(['/fuzz/constructor.ipynb', '/fuzz/NB.IPYNB', '/fuzz/__proto__.ipynb']);
  return `/fuzz/${r.pick([...PROTOTYPE_NAMES, 'case', 'weird name', 'ŷ'])}${r.pick(FILE_NAMES[language])}`;
}

function splitCells(r, text) {
  const cells = [];
  let current = [];
  for (const line of text.split('\n')) {
    current.push(line);
    if (line.trim() === '' && r.chance(0.5)) {
      cells.push(current.join('\n'));
      current = [];
    }
  }
  cells.push(current.join('\n'));
  return cells;
}

function notebookCells(seedText) {
  try {
    const nb = JSON.parse(seedText);
    return (nb.cells ?? []).filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : String(c.source ?? '')));
  } catch {
    return [seedText];
  }
}

function notebookJson(r, cells) {
  const entries = cells.map((source) => ({
    cell_type: 'code',
    metadata: {},
    execution_count: null,
    outputs: [],
    source: r.chance(0.5) ? source.split(/(?<=\n)/) : source,
  }));
  if (r.chance(0.1)) {
    entries.splice(r.int(0, entries.length), 0, r.pick([null, 42, { cell_type: 'code', source: 42 }, { cell_type: 'code', source: ['a', 3] }, { cell_type: 'code' }, { cell_type: 'markdown', source: '# @loss p' }, { cell_type: 'code', input: 'import torch' }, { cell_type: '__proto__', source: 'x' }]));
  }
  const doc = r.chance(0.05) ? { worksheets: [{ cells: entries }], nbformat: 3 } : { cells: entries, metadata: {}, nbformat: 4, nbformat_minor: 5 };
  return JSON.stringify(doc, null, r.chance(0.5) ? 1 : undefined);
}

/** A project of the case's file and one to three mutated donors in its folder, listed; some import the case's file. */
function siblingProject(r, fileName, text, donors, context) {
  const folder = fileName.slice(0, fileName.lastIndexOf('/')) || '/';
  const base = fileName.slice(fileName.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const files = new Map([[fileName, text]]);
  for (let k = r.int(1, 3); k > 0; k--) {
    const sibling = mutateSource(r, r.pick(donors), context).text;
    const header = r.pick(['', `import { model, build, Net } from './${base}';\n`, `const m = require('./${base}');\n`]);
    files.set(`${folder}/sibling${k}${r.pick(['.js', '.ts', '.mjs'])}`, header + sibling);
  }
  return {
    readFile: (p) => files.get(p),
    version: (p) => files.get(p)?.length,
    listDirectory: (d) => [...files.keys()].filter((p) => p.slice(0, p.lastIndexOf('/')) === d),
  };
}

/**
 * Case `index` of a run with `seed` over `seeds` (files from corpus.mjs). `budgetMs` is the budget a plain case
 * gets; one case in ten gets hostile options instead.
 */
export function makeCase(seeds, seed, index, { budgetMs, limits }) {
  const r = Random.forCase(seed, index);
  const source = seeds[r.int(0, seeds.length - 1)];
  const language = languageOf(source.path) === 'python' && r.chance(0.25) ? 'notebook' : languageOf(source.path);
  const donors = seeds.filter((s) => languageOf(s.path) === language || (language === 'notebook' && languageOf(s.path) === 'python')).map((s) => s.text);
  const context = { python: language !== 'typescript', limits, donors: r.chance(0.3) ? [r.pick(donors)] : [] };
  const options = r.chance(0.1) ? { budgetMs, ...r.pick(HOSTILE_OPTIONS) } : { budgetMs };
  const fileName = language === 'notebook' && !/\.ipynb$/i.test(source.path) ? '/fuzz/case.ipynb' : fileNameFor(r, source.path, language);
  if (language !== 'notebook') {
    const { text, applied } = mutateSource(r, source.text, context);
    if (language === 'typescript' && donors.length && r.chance(0.25)) {
      // Files beside it, some importing it, so imports, companion files and folder listings are fuzzed too.
      const project = siblingProject(r, fileName, text, donors, context);
      return { index, seedFile: source.path, language, fileName, text, options: { ...options, project }, applied: [...applied, 'with-siblings'] };
    }
    return { index, seedFile: source.path, language, fileName, text, options, applied };
  }
  const applied = [];
  const seedCells = /\.ipynb$/i.test(source.path) ? notebookCells(source.text) : splitCells(r, source.text);
  const cells = seedCells.map((cell) => {
    if (!r.chance(0.4)) return cell;
    const m = mutateSource(r, cell, context);
    applied.push(...m.applied);
    return m.text;
  });
  if (r.chance(0.3)) {
    const m = mutateSource(r, source.text, context);
    cells.push(...splitCells(r, m.text));
    applied.push(...m.applied);
  }
  if (r.chance(0.3)) return { index, seedFile: source.path, language, fileName, cells, options, applied: [...applied, 'as-cells'] };
  let text = notebookJson(r, cells);
  if (r.chance(0.15)) {
    const m = mutateSource(r, text, { ...context, python: false });
    text = m.text;
    applied.push(...m.applied.map((a) => `json:${a}`));
  }
  return { index, seedFile: source.path, language, fileName, text, options, applied };
}
