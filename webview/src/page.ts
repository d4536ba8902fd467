import { controlsSection } from './controlsView';
import { diagnosticsSection, expressionDiagnostics, sourceDiagnostics } from './diagnosticsView';
import { h } from './elements';
import { svgToPng, themeColors } from './exportImage';
import { symbolText } from './format';
import { chipsList, formulasSection, texOf, type TexPart } from './formulasView';
import { headerSection } from './headerView';
import type { Host } from './host';
import { PreviewModel } from './model';
import { PlotView, type PlotFrame } from './plotView';
import type { ExtensionToPreview, PreviewState } from './protocol';
import { parameterSlider, targetSlider, type SliderSpec } from './sliderSpecs';

/** User Timing names the benchmark and tests read. */
export const MEASURES = {
  ready: 'loss-lens:ready',
  painted: 'loss-lens:painted',
  redraw: 'loss-lens:redraw',
  sample: 'loss-lens:redraw-sampling',
  settle: 'loss-lens:settle',
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
    diagnostics: h('div', { class: 'll-slot-diagnostics' }),
  };
  private readonly status = h('div', { class: 'll-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly main: HTMLElement;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement, private readonly host: Host, state: PreviewState) {
    this.main = h('div', { class: 'll-main' }, [h('div', { class: 'll-plot-column' }, [this.plot.element]), this.slots.controls]);
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
    const formulas = formulasSection(analysis, (part) => this.copy(part));
    formulas.append(h('div', { class: 'll-formula-footer' }, [chipsList(analysis), h('code', { class: 'll-expression', text: model.state.expression })]));
    this.slots.formulas.replaceChildren(formulas);
    const frame = this.plotFrame();
    this.renderControls();
    this.renderDiagnostics();
    if (frame) this.plot.render(frame);
  }

  private renderHeader(): void {
    const reveal = this.host.mode === 'vscode' && this.model.state.source ? () => this.host.post({ type: 'revealSource' }) : undefined;
    this.slots.header.replaceChildren(
      headerSection(this.model.state, this.model.analysis, { onCopy: () => this.copy('both'), onSave: (f) => this.save(f), onReveal: reveal }),
    );
  }

  private renderControls(): void {
    const { analysis, values, plotRange } = this.model;
    if (!analysis || !plotRange) return;
    const specs: SliderSpec[] = [];
    if (analysis.roles.target) specs.push(targetSlider(analysis.roles.target, analysis.domain, plotRange));
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
    const section = diagnosticsSection(items, { onFix: canFix ? onFix : undefined, onHighlight: (i) => this.plot.highlight(fromSource ? null : i) });
    this.slots.diagnostics.replaceChildren(section);
  }

  /** Samples the loss for the current values; the plot's DOM is untouched. */
  private plotFrame(): PlotFrame | undefined {
    const data = this.model.plot();
    if (!data) return undefined;
    const target = this.model.analysis?.roles.target;
    return {
      data,
      overlay: this.model.overlay(),
      target: target !== undefined ? { x: this.model.values[target], label: symbolText(target) } : undefined,
    };
  }

  private drawPlot(fast: boolean): void {
    const frame = this.plotFrame();
    if (!frame) return;
    if (fast) this.plot.update(frame);
    else this.plot.render(frame);
  }

  private onSliderInput(name: string, value: number): void {
    const start = performance.now();
    this.model.setValue(name, value);
    const frame = this.plotFrame();
    const sampled = performance.now();
    if (frame) this.plot.update(frame);
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
    const { analysis } = this.model;
    if (!analysis) return;
    const what = part === 'both' ? 'loss and gradient' : part;
    this.host.copy(texOf(analysis, part), what).then(
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
