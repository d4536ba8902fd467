/**
 * The typed form of `contributes.configuration` (package.json), read from raw values. Pure: the extension
 * feeds it from `vscode.workspace.getConfiguration`, the language server from `workspace/configuration` and
 * `initializationOptions` (the same names), the tests from plain objects.
 */
import { ACTIVATIONS, type Activation } from '../core/analysis/domain';

export const SEVERITY_OVERRIDES = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type SeverityOverride = (typeof SEVERITY_OVERRIDES)[number];

export interface Settings {
  lint: { enable: boolean; debounceMs: number; budgetMs: number };
  hover: { enable: boolean };
  codeLens: { enable: boolean };
  fix: { epsilon: number };
  preview: { samples: number };
  /** The output activation assumed when a loss's model is not in the file; undefined lets the lint infer it. */
  defaultActivation: Activation | undefined;
  /** The float format TF.js code runs in (float16 on WebGL devices without float32 textures); Python follows its library. */
  precision: TfjsPrecision;
  /** Per-code severity; a code that is absent keeps the severity the lint gives it. */
  severity: SeverityOverrides;
}

export const TFJS_PRECISIONS = ['float32', 'float16'] as const;
export type TfjsPrecision = (typeof TFJS_PRECISIONS)[number];

/** Severity per diagnostic code, as the person set it. */
export type SeverityOverrides = Partial<Record<string, SeverityOverride>>;

/** The section every key lives under. */
export const SECTION = 'lossLens';

/** Each setting's key under `lossLens.`, default and bounds: what package.json declares. */
export const SETTING_DEFAULTS = {
  'lint.enable': true,
  'lint.debounceMs': 300,
  'lint.budgetMs': 1500,
  'hover.enable': true,
  'codeLens.enable': true,
  'fix.epsilon': 1e-7,
  'preview.samples': 400,
  defaultActivation: 'auto' as Activation | 'auto',
  precision: 'float32' as TfjsPrecision,
  severity: {} as SeverityOverrides,
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

export const NUMBER_BOUNDS: Record<'lint.debounceMs' | 'lint.budgetMs' | 'fix.epsilon' | 'preview.samples', { minimum: number; maximum: number; integer: boolean }> = {
  'lint.debounceMs': { minimum: 0, maximum: 5000, integer: true },
  'lint.budgetMs': { minimum: 100, maximum: 10000, integer: true },
  'fix.epsilon': { minimum: 1e-12, maximum: 0.1, integer: false },
  'preview.samples': { minimum: 50, maximum: 5000, integer: true },
};

/**
 * Reads every setting through `get(key)`; a missing or malformed value falls back to its default. Severity
 * overrides are kept for `codes` (the diagnostic codes the lint reports) only.
 */
export function readSettings(get: (key: SettingKey) => unknown, codes: readonly string[]): Settings {
  const flag = (key: 'lint.enable' | 'hover.enable' | 'codeLens.enable'): boolean => {
    const v = get(key);
    return typeof v === 'boolean' ? v : SETTING_DEFAULTS[key];
  };
  const num = (key: keyof typeof NUMBER_BOUNDS): number => {
    const v = get(key);
    const { minimum, maximum, integer } = NUMBER_BOUNDS[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return SETTING_DEFAULTS[key];
    const clamped = Math.min(maximum, Math.max(minimum, v));
    return integer ? Math.round(clamped) : clamped;
  };
  const activation = get('defaultActivation');
  const precision = get('precision');
  return {
    lint: { enable: flag('lint.enable'), debounceMs: num('lint.debounceMs'), budgetMs: num('lint.budgetMs') },
    hover: { enable: flag('hover.enable') },
    codeLens: { enable: flag('codeLens.enable') },
    fix: { epsilon: num('fix.epsilon') },
    preview: { samples: num('preview.samples') },
    defaultActivation: typeof activation === 'string' && (ACTIVATIONS as readonly string[]).includes(activation) ? (activation as Activation) : undefined,
    precision: typeof precision === 'string' && (TFJS_PRECISIONS as readonly string[]).includes(precision) ? (precision as TfjsPrecision) : SETTING_DEFAULTS.precision,
    severity: readSeverityOverrides(get('severity'), codes),
  };
}

function readSeverityOverrides(raw: unknown, codes: readonly string[]): SeverityOverrides {
  const out: SeverityOverrides = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [code, value] of Object.entries(raw)) {
    if (codes.includes(code) && (SEVERITY_OVERRIDES as readonly string[]).includes(value as string)) out[code] = value as SeverityOverride;
  }
  return out;
}

/**
 * A reader of the `lossLens` section as an LSP client sends it: nested (`{ lint: { enable } }`, what
 * `workspace/configuration` returns for a section) or flat (`{ "lint.enable": … }`, as settings files write it).
 */
export function sectionReader(section: unknown): (key: SettingKey) => unknown {
  const root = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
  return (key) => {
    if (key in root) return root[key];
    let at: unknown = root;
    for (const part of key.split('.')) {
      if (typeof at !== 'object' || at === null) return undefined;
      at = (at as Record<string, unknown>)[part];
    }
    return at;
  };
}

/** Settings whose change alters what the lint computes (not only how it is shown). */
export const ANALYSIS_SETTINGS: readonly SettingKey[] = ['fix.epsilon', 'defaultActivation', 'precision', 'lint.budgetMs'];
