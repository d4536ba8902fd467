import { controlsSection } from './controlsView';
import { diagnosticsSection, expressionDiagnostics, sourceDiagnostics } from './diagnosticsView';
import { h } from './elements';
import { svgToPng, themeColors } from './exportImage';
import { symbolText } from './format';
import { DESCENT_STEP_MEASURE, DescentController } from './descentController';
import { chipsList, fitFormulas, formulasOf, formulasSection, texOf, type FormulaSet, type TexPart } from './formulasView';
import { headerSection } from './headerView';
import type { Host } from './host';
import { PreviewModel } from './model';
import { PlotView, type PlotFrame } from './plotView';
import type { ExtensionToPreview, PreviewState, PreviewView } from './protocol';
import { parameterSlider, targetSlider, type SliderSpec } from './sliderSpecs';

/** User Timing names the benchmark and tests read. */
export const MEASURES = {
  ready: 'loss-lens:ready',
  painted: 'loss-lens:painted',
  redraw: 'loss-lens:redraw',
  sample: 'loss-lens:redraw-sampling',
  settle: 'loss-lens:settle',
  descentStep: DESCENT_STEP_MEASURE,
} as const;

const SETTLE_DELAY_MS = 150;

/**
 * The preview page: builds every section from the model, redraws the plot on slider moves, re-analyses
 * when a move ends, and talks to its host (VS Code or the standalone browser page).
 */
export class PreviewPage {
  private model: PreviewModel;
  private readonly plot = new PlotView(themeColors);
  private readonly slots = {
    header: h('div', { class: 'll-slot-header' }),
    banner: h('div', { class: 'll-slot-banner' }),
    formulas: h('div', { class: 'll-slot-formulas' }),
    controls: h('div', { class: 'll-slot-controls' }),
    descent: h('div', { class: 'll-slot-descent' }),
    diagnostics: h('div', { class: 'll-slot-diagnostics' }),
  };
  private readonly status = h('div', { class: 'll-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly main: HTMLElement;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly descent: DescentController;

  constructor(root: HTMLElement, private readonly host: Host, state: PreviewState) {
    this.descent = new DescentController(this.plot, {
      onChange: (settings) => {
        this.model.setDescent(settings);
        this.drawPlot(true);
        this.persist();
      },
    });
    this.main = h('div', { class: 'll-main' }, [h('div', { class: 'll-plot-column' }, [this.plot.element, this.slots.descent]), this.slots.controls]);
    new ResizeObserver(() => fitFormulas(this.slots.formulas)).observe(this.slots.formulas);
    root.replaceChildren(this.slots.header, this.slots.banner, this.slots.formulas, this.main, this.slots.diagnostics, this.status);
    root.classList.add(host.mode === 'vscode' ? 'll-in-vscode' : 'll-standalone');
    this.model = new PreviewModel(state);
    this.renderAll();
    this.host.saveState(this.model.snapshot());
    performance.measure(MEASURES.ready, { start: 0, end: performance.now() });
    requestAnimationFrame(() => setTimeout(() => performance.measure(MEASURES.painted, { start: 0, end: performance.now() })));
  }

  show(state: PreviewState): void {
    clearTimeout(this.settleTimer);
    this.stopPlaying();
    this.model = new PreviewModel(state);
    this.renderAll();
    this.host.saveState(this.model.snapshot());
  }

  receive(message: ExtensionToPreview): void {
    if (message.type === 'show') this.show(message.state);
    else if (message.type === 'error') this.banner('error', message.message);
  }

  private renderAll(): void {
    const { model } = this;
    this.renderHeader();
    this.banner(model.error ? 'error' : 'note', model.error ?? model.state.note);
    const { analysis } = model;
    this.main.hidden = !analysis;
    if (!analysis) {
      this.slots.formulas.replaceChildren(h('section', { class: 'll-card' }, [h('code', { class: 'll-expression', text: model.state.expression })]));
      this.slots.controls.replaceChildren();
      this.slots.diagnostics.replaceChildren();
      return;
    }
    this.renderFormulas();
    const frame = this.plotFrame();
    this.renderControls();
    this.renderDescent();
    this.renderDiagnostics();
    if (frame) this.plot.render(this.withDescent(frame));
  }

  private formulas(): FormulaSet | undefined {
    const { analysis, view, logit } = this.model;
    if (!analysis) return undefined;
    return view === 'logit' && logit ? formulasOf(analysis, { variable: logit.view.variable, activation: logit.view.activation, analysis: logit.analysis }) : formulasOf(analysis);
  }

  private renderFormulas(): void {
    const { analysis } = this.model;
    const f = this.formulas();
    if (!analysis || !f) return;
    const formulas = formulasSection(f, (part) => this.copy(part));
    if (this.model.hasLogit) formulas.prepend(this.viewSwitch());
    formulas.append(h('div', { class: 'll-formula-footer' }, [chipsList(analysis), h('code', { class: 'll-expression', text: this.model.state.expression })]));
    this.slots.formulas.replaceChildren(formulas);
    const logit = this.model.view === 'logit' ? this.model.logit?.view : undefined;
    this.plot.setVariable(logit ? logit.variable : 'ŷ', logit ? `${logit.activation === 'tanh' ? 'tanh' : 'σ'}(${logit.variable})` : undefined);
    fitFormulas(this.slots.formulas);
  }

  /** Against ŷ, or against the logit z: the second shows the gradient the weights receive. */
  private viewSwitch(): HTMLElement {
    const logit = this.model.logit?.view;
    const act = this.model.analysis?.activation === 'tanh' ? 'tanh' : 'σ';
    const option = (view: PreviewView, label: string, title: string) => {
      const button = h('button', { class: 'll-view-option', text: label, attrs: { type: 'button', role: 'radio', 'aria-checked': String(this.model.view === view), 'data-view': view, title } });
      button.addEventListener('click', () => this.setView(view));
      return button;
    };
    return h('div', { class: 'll-view-switch', attrs: { role: 'radiogroup', 'aria-label': 'Plot against' } }, [
      h('span', { class: 'll-view-label', text: 'Against' }),
      option('prediction', 'the prediction ŷ', 'The loss and its gradient as functions of the prediction'),
      option('logit', `the logit ${logit?.variable ?? 'z'} (ŷ = ${act}(${logit?.variable ?? 'z'}))`, 'The loss through the output activation, and the gradient the weights receive'),
    ]);
  }

  private setView(view: PreviewView): void {
    if (view === this.model.view) return;
    this.stopPlaying();
    this.model.setView(view);
    this.renderAll();
    this.persist();
    this.say(view === 'logit' ? 'Showing the loss against the logit: the gradient the weights receive.' : 'Showing the loss against the prediction.');
  }

  private renderDescent(): void {
    this.descent.render(this.model, this.slots.descent);
  }

  /** The frame with the descent paths (computed for the frame's values) up to the step shown. */
  private withDescent(frame: PlotFrame): PlotFrame {
    return this.descent.attach(this.model, frame);
  }

  private stopPlaying(): void {
    this.descent.stop();
  }

  private renderHeader(): void {
    const reveal = this.host.mode === 'vscode' && this.model.state.source ? () => this.host.post({ type: 'revealSource' }) : undefined;
    this.slots.header.replaceChildren(
      headerSection(this.model.state, this.model.analysis, { onCopy: () => this.copy('both'), onSave: (f) => this.save(f), onReveal: reveal }),
    );
  }

  private renderControls(): void {
    const { analysis, values, plotRange, predictionRange } = this.model;
    if (!analysis || !plotRange) return;
    const specs: SliderSpec[] = [];
    if (analysis.roles.target) specs.push(targetSlider(analysis.roles.target, analysis.domain, predictionRange ?? plotRange));
    for (const p of analysis.parameters) specs.push(parameterSlider(p.name, values[p.name] ?? p.value));
    const section = controlsSection(analysis, specs, values, this.model.state.overlay, {
      onInput: (name, value) => this.onSliderInput(name, value),
      onCommit: () => this.scheduleSettle(),
      onOverlay: (id) => {
        this.model.setOverlay(id);
        this.drawPlot(false);
        this.persist();
      },
    });
    this.slots.controls.replaceChildren(section);
  }

  private renderDiagnostics(): void {
    const { analysis, state } = this.model;
    if (!analysis) return;
    const fromSource = state.sourceDiagnostics !== undefined;
    const items = fromSource ? sourceDiagnostics(state.sourceDiagnostics ?? []) : expressionDiagnostics(analysis);
    const canFix = !fromSource || this.host.mode === 'vscode';
    const onFix = (diagnostic: number, fix: number) => {
      if (fromSource) {
        this.host.post({ type: 'applySourceFix', diagnostic, fix });
        return;
      }
      const expression = items[diagnostic]?.fixes[fix]?.expression;
      if (!expression) return;
      this.model.setExpression(expression);
      this.renderAll();
      this.persist();
      this.say(`Applied the fix: ${expression}`);
    };
    const section = diagnosticsSection(items, { onFix: canFix ? onFix : undefined, onHighlight: (i) => this.plot.highlight(fromSource || this.model.view === 'logit' ? null : i), onLogit: this.model.hasLogit ? () => this.setView('logit') : undefined });
    this.slots.diagnostics.replaceChildren(section);
  }

  /** Samples the loss for the current values; the plot's DOM is untouched. */
  private plotFrame(): PlotFrame | undefined {
    const data = this.model.plot();
    if (!data) return undefined;
    const target = this.model.analysis?.roles.target;
    const marked = target !== undefined && this.model.view === 'prediction';
    return {
      data,
      overlay: this.model.overlay(),
      target: marked ? { x: this.model.values[target], label: symbolText(target) } : undefined,
    };
  }

  private drawPlot(fast: boolean): void {
    const frame = this.plotFrame();
    if (!frame) return;
    if (fast) this.plot.update(this.withDescent(frame));
    else this.plot.render(this.withDescent(frame));
  }

  private onSliderInput(name: string, value: number): void {
    const start = performance.now();
    this.model.setValue(name, value);
    const frame = this.plotFrame();
    const sampled = performance.now();
    if (frame) this.plot.update(this.withDescent(frame));
    const end = performance.now();
    performance.measure(MEASURES.redraw, { start, end });
    performance.measure(MEASURES.sample, { start, end: sampled });
  }

  /** Held arrow keys end a move many times a second: re-analyse once they pause. */
  private scheduleSettle(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settle(), SETTLE_DELAY_MS);
  }

  /** A slider move ended: re-analyse with the new parameter values, rescale the plot, save. */
  private settle(): void {
    this.settleTimer = undefined;
    const start = performance.now();
    this.model.analyse();
    this.renderHeader();
    if (this.model.view === 'logit') this.renderFormulas();
    this.drawPlot(false);
    this.renderDiagnostics();
    performance.measure(MEASURES.settle, { start, end: performance.now() });
    this.persist();
  }

  private persist(): void {
    const state = this.model.snapshot();
    this.host.saveState(state);
    this.host.post({ type: 'state', state });
  }

  private copy(part: TexPart | 'both'): void {
    const f = this.formulas();
    if (!f) return;
    const what = part === 'both' ? 'loss and gradient' : part;
    this.host.copy(texOf(f, part), what).then(
      (message) => this.say(message),
      (err: Error) => this.say(`Could not copy: ${err.message}`),
    );
  }

  private save(format: 'svg' | 'png'): void {
    const svg = this.plot.exportSvg(themeColors());
    if (!svg) return;
    const name = `loss-lens-${this.model.analysis?.match?.id ?? 'plot'}.${format}`;
    const { width, height } = this.plot.size;
    const data = format === 'svg' ? Promise.resolve(svg) : svgToPng(svg, width, height);
    data
      .then((d) => this.host.saveImage(format, d, name))
      .then(
        (message) => this.say(message),
        (err: Error) => this.say(`Could not save the image: ${err.message}`),
      );
  }

  private banner(kind: 'error' | 'note', text: string | undefined): void {
    if (!text) {
      this.slots.banner.replaceChildren();
      return;
    }
    this.slots.banner.replaceChildren(h('div', { class: `ll-banner ll-banner-${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'note' }, text }));
  }

  private say(message: string): void {
    this.status.textContent = message;
  }
}
