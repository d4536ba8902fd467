import * as vscode from 'vscode';
import { Disposable, readSettings, SECTION, type SettingKey, type Settings } from '../service';
import { DIAGNOSTIC_CODES } from './manifest';

/** A configuration change: which of our settings it touches. */
export interface ConfigChange {
  affects(key: SettingKey): boolean;
}

/** The extension's settings, typed (settings.ts mirrors package.json), re-read when the person changes them. */
export class Config extends Disposable {
  private current: Settings = Config.read();
  private readonly changed = this.register(new vscode.EventEmitter<ConfigChange>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.current = Config.read();
        this.changed.fire({ affects: (key) => e.affectsConfiguration(`${SECTION}.${key}`) });
      }),
    );
  }

  get settings(): Settings {
    return this.current;
  }

  private static read(): Settings {
    const configuration = vscode.workspace.getConfiguration(SECTION);
    return readSettings((key) => configuration.get(key), DIAGNOSTIC_CODES);
  }
}
