/**
 * The server's settings, with the extension's names: `initializationOptions` (the `lossLens` section, nested
 * or flat, or an object holding it under `lossLens`) as the base, then what `workspace/configuration` returns
 * for the `lossLens` section whenever the client says the configuration changed.
 */
import { readSettings, sectionReader, SECTION, type SettingKey, type Settings, type HoverTheme } from '../service';

const THEMES: readonly HoverTheme[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

/** The `lossLens` section inside what a client sent: under `lossLens` when present, else the object itself. */
export function lossLensSection(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const record = raw as Record<string, unknown>;
  const inner = record[SECTION];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : record;
}

export class ServerSettings {
  private base: Record<string, unknown> = {};
  private pulled: Record<string, unknown> = {};
  private current: Settings;

  constructor(private readonly codes: readonly string[]) {
    this.current = this.read();
  }

  get settings(): Settings {
    return this.current;
  }

  /** The colours hovers are drawn for: `theme` in the initialization options (a client has no colour theme to tell). */
  get theme(): HoverTheme {
    const theme = this.base.theme;
    return THEMES.includes(theme as HoverTheme) ? (theme as HoverTheme) : 'dark';
  }

  setInitializationOptions(raw: unknown): void {
    this.base = lossLensSection(raw);
    this.current = this.read();
  }

  /** Takes a new `lossLens` section from the client; returns which keys changed. */
  update(section: unknown): (key: SettingKey) => boolean {
    const before = this.current;
    this.pulled = lossLensSection(section);
    this.current = this.read();
    return (key) => JSON.stringify(valueAt(before, key)) !== JSON.stringify(valueAt(this.current, key));
  }

  private read(): Settings {
    const base = sectionReader(this.base);
    const pulled = sectionReader(this.pulled);
    return readSettings((key) => pulled(key) ?? base(key), this.codes);
  }
}

function valueAt(settings: Settings, key: SettingKey): unknown {
  return sectionReader(settings)(key);
}
