import { UsageError } from './usage';

export async function runLint(_argv: string[], _out: (s: string) => void): Promise<number> {
  throw new UsageError('lint: not built yet');
}
