/** Every command id and view type the extension contributes (package.json `contributes`), in one place. */
export const Command = {
  /** Opens the preview beside the editor for the loss at the cursor, or at `(uri, offset)` when given. */
  preview: 'lossLens.preview',
  /** Asks for an expression and previews it. */
  previewExpression: 'lossLens.previewExpression',
  /** Locks the active preview on its loss, or unlocks it to follow the active loss again. */
  togglePreviewLock: 'lossLens.togglePreviewLock',
  /** Shows the "Loss Lens" output channel. */
  showLog: 'lossLens.showLog',
} as const;

export const PREVIEW_VIEW_TYPE = 'lossLens.preview';
