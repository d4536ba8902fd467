import { USAGE, UsageError } from './usage';

/** Runs one command; returns the exit status. Bad input is exit 2 with one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze': {
        const { runAnalyze } = await import('./analyzeCommand');
        return runAnalyze(rest, out);
      }
      case 'lint': {
        const { runLint } = await import('./lintCommand');
        return await runLint(rest, out);
      }
      case 'preview': {
        const { runPreview } = await import('./previewCommand');
        return await runPreview(rest, out);
      }
      case 'lsp': {
        const { runLsp } = await import('./lspCommand');
        return await runLsp(rest, out, VERSION);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(USAGE);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        out(VERSION);
        return 0;
      default:
        throw new UsageError(`unknown command '${command}' (try analyze, lint, preview or lsp)`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`loss-lens: ${err.message}${err.column !== undefined && !/column \d+/.test(err.message) ? ` (column ${err.column})` : ''}\n`);
      return 2;
    }
    const code = (err as { code?: string })?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`loss-lens: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`loss-lens: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    return 3;
  }
}

declare const LOSS_LENS_VERSION: string | undefined;
const VERSION = typeof LOSS_LENS_VERSION === 'string' ? LOSS_LENS_VERSION : 'dev';

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`loss-lens: internal error: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
