/**
 * The Python front end (Keras, PyTorch, NumPy, JAX in `.py` files and notebook cells). Its own bundle
 * (dist/python.cjs), which the lint loads the first time a Python file or notebook arrives.
 */
import type { FrontEnd } from '../../engine/frontEnd';
import { looksLikePythonMl, pythonReader } from './fileReader';
import { PySource } from './syntax';

export const pythonFrontEnd: FrontEnd = {
  language: 'python',
  extensions: ['.py', '.pyw', '.pyi'],
  looksRelevant: looksLikePythonMl,
  parse: (text, _fileName, stop) => new PySource(text, stop),
  read: pythonReader,
};

export { notebookCodeCells, joinCells } from './notebook';
