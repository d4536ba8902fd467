import { UsageError } from './usage';

export async function runPreview(_argv: string[], _out: (s: string) => void): Promise<number> {
  throw new UsageError('preview: not built yet');
}
