/**
 * What `vscode` resolves to in every layer but src/extension (each layer's tsconfig.json `paths`): a module
 * with nothing in it, so any use of the editor API outside the extension fails to compile. The core, the
 * lint, the renderer, the service and the language server also run in plain Node, where there is no `vscode`.
 */
export type OnlyTheExtensionUsesVscode = never;
