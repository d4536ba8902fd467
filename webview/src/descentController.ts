import type { DescentPath } from '../../src/core';
import { descentPanel, type DescentPanel } from './descentView';
import type { PreviewModel } from './model';
import type { DescentTrace, PlotFrame, PlotView } from './plotView';
import type { DescentSettings } from './protocol';

/** The User Timing name of a descent step's redraw (the benchmark reads it). */
export const DESCENT_STEP_MEASURE = 'loss-lens:descent-step';

/** How long each step of a played descent stays on screen. */
const DESCENT_STEP_MS = 90;

/**
 * The descent panel's behaviour: the paths for the plot's current values, the step shown, and playing them
 * step by step. A step redraws only the path layer and the readout, never the curves.
 */
export class DescentController {
  private panel: DescentPanel | undefined;
  private paths: { main: DescentPath; overlay?: DescentPath } | undefined;
  private overlayLabel = 'Compared';
  private shownStep = 0;
  private playTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly plot: PlotView,
    private readonly handlers: { onChange(settings: DescentSettings): void },
  ) {}

  /** Builds the panel for the model's shown view into `slot`, showing the whole path. */
  render(model: PreviewModel, slot: HTMLElement): void {
    this.stop();
    if (!model.shown) {
      slot.replaceChildren();
      this.panel = undefined;
      return;
    }
    const variable = model.view === 'logit' ? (model.logit?.view.variable ?? 'z') : 'ŷ';
    const settings = model.descentSettings();
    this.panel = descentPanel(variable, settings, {
      onChange: (next) => {
        this.stop();
        this.shownStep = next.steps;
        this.handlers.onChange(next);
      },
      onRun: () => (this.playTimer ? this.stop() : this.play()),
      onStep: () => {
        this.stop();
        this.advance();
      },
      onReset: () => {
        this.stop();
        this.shownStep = 0;
        this.redraw();
      },
    });
    this.shownStep = settings.steps;
    slot.replaceChildren(this.panel.element);
  }

  /** The frame with the paths for its values, up to the step shown. */
  attach(model: PreviewModel, frame: PlotFrame): PlotFrame {
    this.paths = model.descent(frame.data, frame.overlay);
    this.overlayLabel = frame.overlay?.label ?? 'Compared';
    return { ...frame, descent: this.traces() };
  }

  stop(): void {
    clearTimeout(this.playTimer);
    this.playTimer = undefined;
    this.panel?.setPlaying(false);
  }

  private traces(): DescentTrace[] | undefined {
    if (!this.paths) return undefined;
    const out: DescentTrace[] = [{ x: this.paths.main.x, loss: this.paths.main.loss, shown: this.shownStep, role: 'loss' }];
    if (this.paths.overlay) out.push({ x: this.paths.overlay.x, loss: this.paths.overlay.loss, shown: this.shownStep, role: 'overlay' });
    this.panel?.show(this.paths.main, this.shownStep, this.paths.overlay ? { label: this.overlayLabel, path: this.paths.overlay } : undefined);
    return out;
  }

  private redraw(): void {
    const start = performance.now();
    this.plot.setDescent(this.traces());
    performance.measure(DESCENT_STEP_MEASURE, { start, end: performance.now() });
  }

  private advance(): boolean {
    const last = this.paths ? this.paths.main.x.length - 1 : 0;
    if (this.shownStep >= last) return false;
    this.shownStep++;
    this.redraw();
    return true;
  }

  private play(): void {
    const last = this.paths ? this.paths.main.x.length - 1 : 0;
    if (this.shownStep >= last) this.shownStep = 0;
    this.redraw();
    this.panel?.setPlaying(true);
    const tick = () => {
      if (!this.advance() || this.shownStep >= last) return this.stop();
      this.playTimer = setTimeout(tick, DESCENT_STEP_MS);
    };
    this.playTimer = setTimeout(tick, DESCENT_STEP_MS);
  }
}
