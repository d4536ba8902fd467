/** SARIF 2.1.0 (OASIS) for code-scanning services: one run, a rule per diagnostic code, fixes as replacements. */
import type { Severity } from '../../../core';
import { RULE_META } from '../../rules';
import { LineMap } from '../positions';
import type { LintDiagnostic } from '../types';
import type { FileResult } from './stylish';

export interface SarifOptions {
  /** The directory paths are relative to, as an absolute file: URI (ends with '/'). */
  rootUri?: string;
  toolVersion?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

function uriOf(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function formatSarif(files: readonly FileResult[], options: SarifOptions = {}): string {
  const rules = RULE_META.map((meta) => ({
    id: meta.code,
    name: ruleName(meta.code),
    shortDescription: { text: meta.code.replace(/-/g, ' ') },
    fullDescription: { text: meta.docs.explanation },
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
  }));
  const ruleIndex = new Map(RULE_META.map((meta, i) => [meta.code, i]));
  const results = [];
  for (const f of files) {
    const lines = new LineMap(f.text);
    const artifactLocation = { uri: uriOf(f.file), ...(options.rootUri ? { uriBaseId: 'SRCROOT' } : {}) };
    for (const d of f.result.diagnostics) {
      if (d.cell !== undefined) {
        results.push(notebookResult(d, ruleIndex.get(d.code) ?? -1, artifactLocation));
        continue;
      }
      const region = { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn, charOffset: d.start, charLength: d.end - d.start };
      results.push({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code) ?? -1,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        fixes: d.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation,
              replacements: fix.edits.map((e) => {
                const s = lines.position(e.start);
                const en = lines.position(e.end);
                return {
                  deletedRegion: { startLine: s.line, startColumn: s.column, endLine: en.line, endColumn: en.column, charOffset: e.start, charLength: e.end - e.start },
                  insertedContent: { text: e.text },
                };
              }),
            },
          ],
        })),
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'loss-lens', ...(options.toolVersion ? { version: options.toolVersion } : {}), rules } },
        ...(options.rootUri ? { originalUriBaseIds: { SRCROOT: { uri: options.rootUri } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/**
 * A finding in a notebook cell: the region counts lines within the cell (no character offsets, which would point
 * into the notebook's JSON), and a logical location names the cell (`cell 3`, 1-based as Jupyter shows it;
 * `properties.cell` is the 0-based index among code cells). Fixes are left out: their edits are within cells.
 */
function notebookResult(d: LintDiagnostic, ruleIndex: number, artifactLocation: { uri: string; uriBaseId?: string }) {
  const cell = d.cell ?? 0;
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: `${d.message} (code cell ${cell + 1})` },
    locations: [
      {
        physicalLocation: { artifactLocation, region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn } },
        logicalLocations: [{ name: `cell ${cell + 1}`, fullyQualifiedName: `${artifactLocation.uri}#cell${cell + 1}`, kind: 'notebookCell' }],
        properties: { cell },
      },
    ],
  };
}
