// Times lintText on a generated 10,000-line Python file (ordinary code with a Keras model, a PyTorch module and a
// custom loss every ~1000 lines) against the parser the Python front end uses, @lezer/python, parsing the same
// text (the baseline; aim ≤ 1.5), and per file over the Python lint fixtures. "warm" keeps the analysis cache
// between runs, as the editor does while a file is edited; "cold" clears it before every run.
// Run directly (`node bench/lintPython.mjs`) to print the table.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { round, stats, time } from './stats.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lint = require(path.join(root, 'dist/lint.cjs'));
const { parser } = require('@lezer/python');

const RUNS = 15;
const TARGET_LINES = 10_000;

/** Ordinary application code: a dataclass-like class, helpers, I/O (about 40 lines). */
function plainBlock(i) {
  return `class Record${i}:
    def __init__(self, ident, label, values, tags=None):
        self.ident = ident
        self.label = label
        self.values = list(values)
        self.tags = tags or []

    def summary(self):
        total = sum(self.values)
        return {"count": len(self.values), "mean": total / max(len(self.values), 1)}

    def has_tag(self, tag):
        return tag in self.tags


def normalise_${i}(values, scale=${(i % 7) + 1}):
    biggest = max(abs(v) for v in values) if values else 1.0
    return [round(v / biggest * scale, 3) for v in values]


def load_${i}(path):
    rows = []
    with open(path) as f:
        for line in f:
            ident, label, *rest = line.strip().split(",")
            rows.append(Record${i}(int(ident), label, map(float, rest)))
    return rows


def chunk_${i}(items, size):
    return [items[k:k + size] for k in range(0, len(items), size)]


`;
}

/** Models and losses (about 40 lines); each block's constants differ, so each loss is a new expression. */
function modelBlock(i) {
  return `def weighted_bce_${i}(y_true, y_pred):
    p = K.clip(y_pred, K.epsilon(), 1 - K.epsilon())
    pos = ${(i % 5) + 1.5} * y_true * K.log(p)
    neg = (1 - y_true) * K.log(1 - p)
    return -K.mean(pos + neg)


def build_model_${i}(features):
    model = Sequential()
    model.add(Dense(${16 + i}, activation="relu", input_shape=(features,)))
    model.add(Dropout(0.2))
    model.add(Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss=weighted_bce_${i}, metrics=["accuracy"])
    return model


class Net${i}(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, ${32 + i})
        self.fc2 = nn.Linear(${32 + i}, 5)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


def train_${i}(loader):
    model = Net${i}()
    criterion = nn.CrossEntropyLoss()
    for inputs, labels in loader:
        loss = criterion(model(inputs), labels)
        loss.backward()


`;
}

export function generatedPython(lines = TARGET_LINES) {
  const parts = ['import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom tensorflow.keras import backend as K\nfrom tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense, Dropout\n\n'];
  let count = 7;
  for (let i = 0; count < lines; i++) {
    const block = i % 25 === 12 ? modelBlock(i) : plainBlock(i);
    const n = block.split('\n').length - 1;
    if (count + n > lines) break;
    parts.push(block);
    count += n;
  }
  while (count < lines) {
    parts.push(`filler_${count} = ${count}\n`);
    count++;
  }
  return { text: parts.join(''), lines: count };
}

export async function benchLintPython() {
  const { text, lines } = generatedPython();
  const name = 'generated.py';
  const first = time(() => lint.lintText(text, name));
  const result = lint.lintText(text, name);
  const parse = [];
  const warm = [];
  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    parse.push(time(() => parser.parse(text)));
    warm.push(time(() => lint.lintText(text, name)));
    lint.clearAnalysisCache();
    cold.push(time(() => lint.lintText(text, name)));
  }
  const p = stats(parse);
  const w = stats(warm);
  const c = stats(cold);
  const rows = [
    { case: `@lezer/python parse, ${lines} lines`, medianMs: p.median, p95Ms: p.p95, ratioToParse: 1, note: 'the baseline' },
    { case: `lintText warm, ${lines} lines, ${result.sites.length} loss sites`, medianMs: w.median, p95Ms: w.p95, ratioToParse: round(w.median / p.median), note: `aim ≤ 1.5; ${result.diagnostics.length} diagnostics` },
    { case: `lintText cold, ${lines} lines`, medianMs: c.median, p95Ms: c.p95, ratioToParse: round(c.median / p.median), note: `the very first lint in the process took ${round(first)} ms (loads dist/python.cjs)` },
  ];
  const dir = path.join(root, 'test/fixtures/lint-python');
  const files = ['flagged', 'silent'].flatMap((k) => readdirSync(path.join(dir, k)).filter((f) => f.endsWith('.py')).map((f) => path.join(dir, k, f)));
  const perFile = files.map((f) => {
    const t = readFileSync(f, 'utf8');
    lint.lintText(t, f);
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(time(() => lint.lintText(t, f)));
    return stats(runs).median;
  });
  const pf = stats(perFile);
  rows.push({ case: `Python fixtures, per file (${files.length} files), warm`, medianMs: pf.median, p95Ms: pf.p95, ratioToParse: null, note: `slowest ${round(Math.max(...perFile))} ms` });
  return { rows };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const { rows } = await benchLintPython();
  console.table(rows);
}
