import type { Analysis } from '../../src/core';
import { h, icon, iconButton } from './elements';
import { matchLabel } from './format';
import type { PreviewState } from './protocol';

export interface HeaderHandlers {
  onCopy(): void;
  onSave(format: 'svg' | 'png'): void;
  /** Present when the source can be revealed (in VS Code). */
  onReveal?: () => void;
}

/** The heading (name, recognised standard loss, source) and the toolbar. */
export function headerSection(state: PreviewState, analysis: Analysis | null, handlers: HeaderHandlers): HTMLElement {
  const heading = h('div', { class: 'll-heading' }, [h('h1', { text: state.title || 'Loss preview' })]);
  const subtitle: (Node | string)[] = [];
  if (analysis?.match) subtitle.push(h('span', { class: 'll-match', text: matchLabel(analysis.match) }));
  if (state.source) {
    const { onReveal } = handlers;
    if (onReveal) {
      const link = h('button', { class: 'll-link', attrs: { type: 'button', title: 'Show the loss in its file' } }, [icon('source'), h('span', { text: state.source.label })]);
      link.addEventListener('click', onReveal);
      subtitle.push(link);
    } else {
      subtitle.push(h('span', { class: 'll-source', text: state.source.label }));
    }
  }
  if (subtitle.length) heading.append(h('p', { class: 'll-subtitle' }, subtitle));

  const copy = iconButton('copy', 'Copy TeX');
  copy.title = 'Copy the TeX of the loss and its gradient';
  copy.addEventListener('click', handlers.onCopy);
  const svg = iconButton('download', 'SVG');
  svg.title = 'Save the plot as SVG';
  svg.setAttribute('aria-label', 'Save the plot as SVG');
  svg.addEventListener('click', () => handlers.onSave('svg'));
  const png = iconButton('download', 'PNG');
  png.title = 'Save the plot as PNG';
  png.setAttribute('aria-label', 'Save the plot as PNG');
  png.addEventListener('click', () => handlers.onSave('png'));
  for (const b of [copy, svg, png]) {
    b.classList.add('ll-button-secondary');
    b.disabled = !analysis;
  }
  const toolbar = h('div', { class: 'll-toolbar', attrs: { role: 'group', 'aria-label': 'Preview actions' } }, [copy, svg, png]);
  return h('header', { class: 'll-header' }, [heading, toolbar]);
}
