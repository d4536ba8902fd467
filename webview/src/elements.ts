/** Small DOM builders for the page, and its icons as inline SVG (no icon fonts, nothing remote). */
export interface ElementProps {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

const ICONS = {
  error: ['C8,8,6.5', 'M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8'],
  warning: ['M8 1.9l6.6 11.6H1.4z', 'M8 6.2v3.6M8 11.4v.3'],
  info: ['C8,8,6.5', 'M8 7.2v4.3M8 4.7v.3'],
  ok: ['C8,8,6.5', 'M5.2 8.2l2 2 3.8-4.1'],
  copy: ['M5.5 5.5h8v8h-8z', 'M10.5 5.5v-3h-8v8h3'],
  download: ['M8 2.5v7.5M4.8 7L8 10.2 11.2 7', 'M2.5 11.5v2h11v-2'],
  source: ['M6.5 3.5h-3v9h9v-3', 'M9 2.5h4.5V7M13.5 2.5L7.5 8.5'],
  fix: ['M8 1.8a4.3 4.3 0 0 0-2.5 7.8v1.9h5V9.6A4.3 4.3 0 0 0 8 1.8z', 'M6 13.8h4'],
} as const;

export type IconName = keyof typeof ICONS;

const SVG_NS = 'http://www.w3.org/2000/svg';

export function icon(name: IconName, label?: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('class', `ll-icon ll-icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  for (const d of ICONS[name]) {
    const circle = /^C([\d.]+),([\d.]+),([\d.]+)$/.exec(d);
    const shape = document.createElementNS(SVG_NS, circle ? 'circle' : 'path');
    if (circle) {
      shape.setAttribute('cx', circle[1]);
      shape.setAttribute('cy', circle[2]);
      shape.setAttribute('r', circle[3]);
    } else {
      shape.setAttribute('d', d);
    }
    svg.append(shape);
  }
  return svg;
}

/** A button with an icon and a visible label. */
export function iconButton(name: IconName, label: string, className = 'll-button'): HTMLButtonElement {
  const button = h('button', { class: className, attrs: { type: 'button' } }, [icon(name), h('span', { text: label })]);
  return button;
}
