// The language server (`node dist/cli.js lsp --stdio`) as an editor sees it: the time from didOpen to the
// publishDiagnostics for that document (first, cold, and warm), against the lint of the same text in-process
// measured in the same run; and the server's resident memory (its process, lint worker included) after 200
// open documents, against the same server with none open. Run `node build.mjs` first.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from '../test/unit/lsp-client.mjs';
import { round, stats, timeRuns } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const WARM_RUNS = 25;
const DOCUMENTS = 200;

const examples = ['faulty', 'correct'].flatMap((dir) =>
  readdirSync(path.join(root, 'examples', dir)).map((f) => ({ name: `${dir}/${f}`, text: readFileSync(path.join(root, 'examples', dir, f), 'utf8') })),
);

function residentMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function openAndWait(client, uri, text) {
  const started = performance.now();
  client.open(uri, 'typescript', text);
  await client.diagnostics(uri, 1);
  return performance.now() - started;
}

const settle = () => new Promise((r) => setTimeout(r, 500));

export async function benchLsp() {
  const file = path.join(root, 'examples/faulty/bce-on-sigmoid-unclipped.ts');
  const text = readFileSync(file, 'utf8');
  const client = new LspClient();
  await client.initialize({});
  await settle();
  const idleMb = residentMb(client.child.pid);
  const cold = await openAndWait(client, pathToFileURL('/bench/cold.ts').href, text);
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await openAndWait(client, pathToFileURL(`/bench/warm-${i}.ts`).href, `${text}\n// ${i}\n`));
  const lint = require(path.join(root, 'dist/lint.cjs'));
  lint.lintText(text, file);
  const direct = timeRuns(() => lint.lintText(`${text}\n// ${Math.random()}\n`, file), WARM_RUNS);
  const warmStats = stats(warm);
  const directStats = stats(direct);

  const opened = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const { name, text: source } = examples[i % examples.length];
    const uri = pathToFileURL(`/bench/many/${i}-${path.basename(name)}`).href;
    client.open(uri, 'typescript', `${source}\n// document ${i}\n`);
    opened.push(client.diagnostics(uri, 1));
  }
  const manyStarted = performance.now();
  await Promise.all(opened);
  const allPublished = performance.now() - manyStarted;
  await settle();
  const manyMb = residentMb(client.child.pid);
  await client.stop();

  return {
    rows: [
      { what: 'didOpen → publishDiagnostics, first (0.5 s after initialize, while the worker warms up)', medianMs: round(cold), p95Ms: null, ratioToBaseline: null },
      { what: `didOpen → publishDiagnostics, warm (${WARM_RUNS} documents)`, medianMs: warmStats.median, p95Ms: warmStats.p95, ratioToBaseline: round(warmStats.median / directStats.median) },
      { what: 'baseline: lintText of the same text in-process', medianMs: directStats.median, p95Ms: directStats.p95, ratioToBaseline: 1 },
      { what: `${DOCUMENTS} documents opened at once, until all published`, medianMs: round(allPublished), p95Ms: null, ratioToBaseline: null },
    ],
    memory: { idleMb: round(idleMb, 1), [`after${DOCUMENTS}DocumentsMb`]: round(manyMb, 1), perDocumentKb: round(((manyMb - idleMb) * 1024) / DOCUMENTS, 1) },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchLsp();
  console.table(result.rows);
  console.log(result.memory);
}
