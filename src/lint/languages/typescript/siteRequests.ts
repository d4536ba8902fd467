/** What the TypeScript file reader is asked to read at a function, and what it keeps about a site to write its fixes. */
import type * as TS from 'typescript';
import type { SiteFacts } from '../../engine/frontEnd';
import type { Expr } from '../../engine/expression';
import type { RenderStyle } from './codeRenderer';
import type { CompileLoss } from './compileSite';
import type { Condition } from './configurationChoices';
import type { ModelInfo } from './modelInfo';

export interface FunctionSiteRequest {
  model?: ModelInfo;
  closureValues?: Map<TS.Node, Expr>;
  /** Found only by its name: kept only when it reads as a loss. */
  byName?: boolean;
  /** The compile call's loss that names this function, for fixes that edit the model. */
  compileLoss?: CompileLoss;
}

/** What the front end keeps about a site to write its fixes. */
export interface SiteCode {
  style?: RenderStyle;
  /** A compile config without a loss, where the add-loss fix goes. */
  missingLoss?: TS.ObjectLiteralExpression;
  compileLoss?: CompileLoss;
  model?: ModelInfo;
  /** The configuration the site runs under: only the ways of building its model that agree are checked. */
  when?: Condition[];
  /** A loss chosen by configuration, and the conditions it is chosen under: only ways chosen by the same setting go with it. */
  chosen?: Condition[];
  /** The site's targets, looked for when a rule asks (the costliest part of reading a compile call). */
  targets?: () => SiteFacts['targets'];
}
