/**
 * A file whose parser fails on it (rather than recovering with error nodes): the lint reads nothing of it and
 * says why in `incompleteReason`, as it does for code nested past what people write. Not an internal error.
 */
export class UnparsableSource extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnparsableSource';
  }
}

/** By name: the Python front end is its own bundle, with its own copy of the class. */
export function isUnparsable(err: unknown): err is UnparsableSource {
  return err instanceof Error && err.name === 'UnparsableSource';
}
