// Extension-host integration suite of Loss Lens. VS Code require()s this file (extensionTestsPath) and
// calls run(): test/vscode/runner/run-in-code-server.mjs (code-server, offline) or
// test/vscode/runner/run-in-electron.mjs (@vscode/test-electron). Start it with test/vscode/suite/run.mjs,
// which copies examples/ to a temp dir and opens that copy as the workspace.
'use strict';

const { loadFiles, run } = require('../runner/suite.cjs');

loadFiles(__dirname); // *.test.js, in name order: activation first
module.exports = { run: () => run({ timeout: 30000 }) };
