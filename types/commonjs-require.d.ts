/**
 * The one Node global the core uses: `require`, with which the LaTeX reader (bundled on its own as dist/latex.cjs)
 * loads the Compute Engine's parser only when LaTeX arrives. The core gets no other Node types, so it cannot
 * reach the file system or the process.
 */
declare function require(id: string): unknown;
