/**
 * What the extension's package.json declares and the glue needs at run time: the languages it activates on
 * (the lint's languages; a test checks the two agree) and the diagnostic codes its severity setting lists
 * (the rule registry's; checked by a test too), read from the manifest so that activation loads no lint.
 */
import manifest from '../../package.json';

export const LANGUAGES: readonly string[] = manifest.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length));

export const DIAGNOSTIC_CODES: readonly string[] = Object.keys(manifest.contributes.configuration.properties['lossLens.severity'].properties);

export function isLossLanguage(languageId: string): boolean {
  return LANGUAGES.includes(languageId);
}
