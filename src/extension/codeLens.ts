/**
 * "Preview loss" above each loss site, with what the lint found there; opens the preview for that site.
 * VS Code waits longer before asking again the longer this provider takes, so it answers at once: from the
 * document's result when it is current, else from the last result with its ranges moved through the edits
 * made since (the titles are refreshed when the new analysis lands). Only a document never analysed waits.
 */
import * as vscode from 'vscode';
import { Disposable, shiftOffset, siteLenses, type SiteLens, type TextChange } from '../service';
import { Command } from './commands';
import type { Config } from './config';
import { serviceDocument, toRange } from './documents';
import type { ExtensionService } from './languageService';
import { LANGUAGES } from './manifest';

interface EditsSince {
  /** The version the last result was computed for. */
  version: number;
  /** The content changes of each version after it, in order. */
  batches: TextChange[][];
}

export class LossCodeLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly edits = new Map<string, EditsSince>();

  constructor(
    private readonly service: ExtensionService,
    private readonly config: Config,
  ) {
    super();
    this.register(vscode.languages.registerCodeLensProvider(LANGUAGES.map((language) => ({ language })), this));
    this.register(
      service.onDidAnalyze(({ document }) => {
        this.edits.delete(document.uri);
        this.changed.fire();
      }),
    );
    this.register(service.onDidForget((uri) => this.edits.delete(uri)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.record(e)));
    this.register(
      config.onDidChange((change) => {
        if (change.affects('codeLens.enable') || change.affects('severity')) this.changed.fire();
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const lenses = this.fromLatest(document) ?? (await this.service.service.codeLenses(serviceDocument(document), true, token));
    return lenses.map(
      (lens) =>
        new vscode.CodeLens(toRange(document, lens), {
          title: lens.title,
          tooltip: 'Open the Loss Lens preview beside the editor',
          command: Command.preview,
          arguments: [document.uri, lens.start],
        }),
    );
  }

  /** The lenses of the last result, moved through the edits since; undefined when there is none to move. */
  private fromLatest(document: vscode.TextDocument): SiteLens[] | undefined {
    if (!this.service.isCandidate(document)) return undefined;
    const latest = this.service.latest(document.uri);
    if (!latest) return undefined;
    const lenses = siteLenses(latest.result, this.config.settings, true);
    if (latest.version === document.version) return lenses;
    const edits = this.edits.get(document.uri.toString());
    if (!edits || edits.version !== latest.version || edits.batches.length !== document.version - latest.version) return undefined;
    const move = (offset: number) => edits.batches.reduce((at, changes) => shiftOffset(at, changes), offset);
    return lenses.map((lens) => ({ ...lens, start: move(lens.start), end: Math.max(move(lens.start), move(lens.end)) }));
  }

  private record(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const latest = this.service.latest(e.document.uri);
    if (!latest) return;
    const key = e.document.uri.toString();
    let edits = this.edits.get(key);
    if (!edits || edits.version !== latest.version) edits = { version: latest.version, batches: [] };
    edits.batches.push(e.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })));
    this.edits.set(key, edits);
  }
}
