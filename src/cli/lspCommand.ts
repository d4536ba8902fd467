/** `loss-lens lsp --stdio`: the language server over standard input and output. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as core from '../core';
import * as render from '../render';
import { loadLintBundle } from './lintBundle';
import { UsageError } from './usage';

export const LSP_HELP = `loss-lens lsp --stdio

A Language Server (LSP 3.17) for any editor: diagnostics, hovers with the formula and plot, quick fixes and
"Fix all" (source.fixAll.lossLens), CodeLenses that open the preview page, and the custom request
lossLens/preview. Settings have the extension's names (lossLens.lint.enable, lossLens.severity …), through
workspace/configuration or initializationOptions. It executes no user code.`;

export async function runLsp(argv: string[], out: (s: string) => void, version: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { stdio: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    out(LSP_HELP);
    return 0;
  }
  if (!values.stdio) throw new UsageError('lsp: only --stdio is supported (loss-lens lsp --stdio)');
  const lint = loadLintBundle();
  if (!lint) throw new UsageError('lsp: this build has no lint module (run node build.mjs)');
  const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
  const { startServer } = await import('../lsp/server');
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection, {
    lintPath: path.join(__dirname, 'lint.cjs'),
    lint: { extensions: lint.LINTABLE_EXTENSIONS, codes: lint.RULE_META.map((m) => m.code) },
    engines: { core: () => core, render: () => render },
    version,
  });
  return new Promise<number>(() => undefined);
}
