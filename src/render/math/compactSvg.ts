import type { LiteElement, LiteNode } from '@mathjax/src/js/adaptors/lite/Element.js';
import type { LiteAdaptor } from '@mathjax/src/js/adaptors/liteAdaptor.js';

/**
 * Shrinks MathJax's SVG tree for use as a standalone image, in place: drops the data-* attributes (the
 * TeX source of every node, MathML node kinds), puts the colour where MathJax says currentColor (an <img>
 * has no CSS colour to inherit), drops glyphs without outline (invisible operators such as U+2061) and
 * their uses, unwraps <g> elements left without attributes, and renames the glyph ids
 * (MJX-12-NCM-I-1D466) to short ones. The drawing is unchanged.
 */
export function compactSvgTree(adaptor: LiteAdaptor, svg: LiteElement, color: string): void {
  cleanAttributes(adaptor, svg, color);
  removeEmptyGlyphs(adaptor, svg);
  unwrapBareGroups(adaptor, svg);
  shortenIds(adaptor, svg);
}

function isElement(adaptor: LiteAdaptor, node: LiteNode): node is LiteElement {
  const kind = adaptor.kind(node);
  return kind !== '#text' && kind !== '#comment';
}

function elements(adaptor: LiteAdaptor, node: LiteElement): LiteElement[] {
  return adaptor.childNodes(node).filter((n): n is LiteElement => isElement(adaptor, n));
}

function cleanAttributes(adaptor: LiteAdaptor, node: LiteElement, color: string): void {
  for (const { name, value } of adaptor.allAttributes(node)) {
    if (name.startsWith('data-')) adaptor.removeAttribute(node, name);
    else if (value === 'currentColor') adaptor.setAttribute(node, name, color);
  }
  for (const child of elements(adaptor, node)) cleanAttributes(adaptor, child, color);
}

function removeEmptyGlyphs(adaptor: LiteAdaptor, svg: LiteElement): void {
  const empty = new Set<string>();
  const all: LiteElement[] = [];
  const collect = (node: LiteElement): void => {
    all.push(node);
    for (const child of elements(adaptor, node)) collect(child);
  };
  collect(svg);
  for (const node of all) {
    if (adaptor.kind(node) === 'path' && !adaptor.getAttribute(node, 'd') && adaptor.getAttribute(node, 'id')) {
      empty.add(adaptor.getAttribute(node, 'id') as string);
      adaptor.remove(node);
    }
  }
  if (empty.size === 0) return;
  for (const node of all) {
    const href: string | undefined = adaptor.getAttribute(node, 'xlink:href');
    if (adaptor.kind(node) === 'use' && href !== undefined && empty.has(href.slice(1))) adaptor.remove(node);
  }
}

function unwrapBareGroups(adaptor: LiteAdaptor, node: LiteElement): void {
  for (const child of elements(adaptor, node)) {
    unwrapBareGroups(adaptor, child);
    if (adaptor.kind(child) === 'g' && adaptor.allAttributes(child).length === 0) {
      for (const grandchild of adaptor.childNodes(child).slice()) adaptor.insert(grandchild, child);
      adaptor.remove(child);
    }
  }
}

function shortenIds(adaptor: LiteAdaptor, svg: LiteElement): void {
  const ids = new Map<string, string>();
  const visit = (node: LiteElement): void => {
    const id: string | undefined = adaptor.getAttribute(node, 'id');
    if (id !== undefined && id !== null) {
      if (!ids.has(id)) ids.set(id, `g${ids.size.toString(36)}`);
      adaptor.setAttribute(node, 'id', ids.get(id) as string);
    }
    const href: string | undefined = adaptor.getAttribute(node, 'xlink:href');
    if (href?.startsWith('#')) {
      const target = href.slice(1);
      if (!ids.has(target)) ids.set(target, `g${ids.size.toString(36)}`);
      adaptor.setAttribute(node, 'xlink:href', `#${ids.get(target) as string}`);
    }
    for (const child of elements(adaptor, node)) visit(child);
  };
  visit(svg);
}
