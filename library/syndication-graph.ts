/**
 * Draws the syndication graph with cytoscape (preset positions from syndication-layout.ts: outlets on
 * lanes, articles by time): a band behind every other lane with its outlet's name, time ticks on top,
 * arrows from source to copier whose width grows with the words copied; credited arrows solid green,
 * uncredited dashed red, quotes-only dotted and faint (told apart by dash, not by colour alone).
 * A click on an arrow or article, or the keyboard on the focused picture (arrow keys move between
 * arrows, Enter opens one, + and - zoom, 0 fits), reaches the page through `on`. The only file that
 * imports cytoscape, loaded when a graph is first shown.
 */
import cytoscape from 'cytoscape';
import type { Palette } from './syndication-export';
import type { LaidArticle, Layout, Tick } from './syndication-layout';

export interface GraphLabels {
  article: (a: LaidArticle) => string;
  tick: (t: Tick) => string;
}

export interface GraphHandlers {
  /** An arrow was clicked or chosen with Enter. */
  edge(id: string): void;
  /** The keyboard moved to an arrow (for the page to announce it). */
  focusEdge(id: string): void;
  /** An article was clicked. */
  article(id: string): void;
}

export interface DrawnGraph {
  /** Milliseconds from creating the graph to its first frame on screen. */
  rendered: Promise<number>;
  select(edgeId: string | undefined): void;
  png(bg: string): Promise<Blob>;
  /** Draws it again in other colours (the page turned light or dark). */
  restyle(p: Palette): void;
  destroy(): void;
}

/** The picture's look in the page's colours (light or dark). */
function styles(p: Palette): cytoscape.StylesheetJson {
  return [
    { selector: '*', style: { 'z-index-compare': 'manual' } },
    { selector: 'node.band', style: { shape: 'rectangle', width: 'data(w)', height: 'data(h)', 'background-color': p.band, 'border-width': 0, events: 'no', 'z-index': 0 } },
    {
      selector: 'node.lane',
      style: { width: 1, height: 1, 'background-opacity': 0, label: 'data(label)', 'text-halign': 'right', 'text-valign': 'center', 'font-size': 13, 'font-weight': 'bold', color: p.fg, events: 'no', 'z-index': 1 },
    },
    { selector: 'node.tick', style: { width: 1, height: 1, 'background-opacity': 0, label: 'data(label)', 'text-valign': 'center', 'font-size': 11, color: p.muted, events: 'no', 'z-index': 1 } },
    {
      selector: 'node.article',
      style: {
        width: 14,
        height: 14,
        'background-color': p.node,
        'border-width': 2,
        'border-color': p.bg,
        label: 'data(label)',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'font-size': 10,
        color: p.muted,
        // The time under a dot stays readable where an arrow leaves it.
        'text-background-color': p.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'z-index': 10,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'curve-style': 'straight',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'z-index': 5,
        'overlay-padding': 6,
      },
    },
    { selector: 'edge.credited', style: { 'line-color': p.credited, 'target-arrow-color': p.credited, 'line-style': 'solid' } },
    { selector: 'edge.uncredited', style: { 'line-color': p.uncredited, 'target-arrow-color': p.uncredited, 'line-style': 'dashed', 'line-dash-pattern': [9, 5] } },
    { selector: 'edge.quote', style: { 'line-color': p.quote, 'target-arrow-color': p.quote, 'line-style': 'dashed', 'line-dash-pattern': [2, 5], 'line-cap': 'round', opacity: 0.5 } },
    { selector: 'edge:selected', style: { 'underlay-color': p.fg, 'underlay-opacity': 0.25, 'underlay-padding': 5, opacity: 1, 'z-index': 8 } },
  ];
}

export function drawGraph(container: HTMLElement, layout: Layout, p: Palette, labels: GraphLabels, on: GraphHandlers): DrawnGraph {
  const t0 = performance.now();
  const laneH = layout.lanes.length > 1 ? layout.lanes[1].y - layout.lanes[0].y : 84;
  const width = layout.right - layout.left;
  const nodeId = new Map(layout.articles.map((a, i) => [a.id, `a${i}`]));
  const elements: cytoscape.ElementDefinition[] = [];
  layout.lanes.forEach((lane, i) => {
    if (i % 2 === 0) elements.push({ group: 'nodes', data: { id: `band${i}`, w: width, h: laneH }, position: { x: layout.left + width / 2, y: lane.y }, classes: 'band' });
    elements.push({ group: 'nodes', data: { id: `lane${i}`, label: lane.outlet }, position: { x: layout.left + 8, y: lane.y }, classes: 'lane' });
  });
  layout.ticks.forEach((t, i) => elements.push({ group: 'nodes', data: { id: `tick${i}`, label: labels.tick(t) }, position: { x: t.x, y: layout.top + 8 }, classes: 'tick' }));
  layout.articles.forEach((a, i) => elements.push({ group: 'nodes', data: { id: `a${i}`, aid: a.id, label: labels.article(a) }, position: { x: a.x, y: a.y }, classes: 'article' }));
  for (const e of layout.edges) {
    const source = nodeId.get(e.from);
    const target = nodeId.get(e.to);
    if (!source || !target) continue;
    elements.push({ group: 'edges', data: { id: e.id, source, target, width: e.width }, classes: e.quotesOnly ? 'quote' : e.credited ? 'credited' : 'uncredited' });
  }

  const cy = cytoscape({
    container,
    elements,
    layout: { name: 'preset' },
    autoungrabify: true,
    boxSelectionEnabled: false,
    minZoom: 0.05,
    maxZoom: 4,
    style: styles(p),
  });
  // Show the picture whole when it fits at a readable size; else readable, from its start.
  let moved = false;
  const home = () => {
    cy.fit(undefined, 16);
    if (cy.zoom() < 0.55) {
      cy.zoom(0.55);
      const box = container.getBoundingClientRect();
      cy.pan({ x: -layout.left * 0.55 + 8, y: box.height / 2 - ((layout.top + layout.bottom) / 2) * 0.55 });
    }
  };
  home();
  cy.on('tapstart scrollzoom', () => (moved = true));
  // The box follows the page's width (a window resized, a narrow screen turned), and so does the view
  // until the reader moves it.
  const resized = new ResizeObserver(() => {
    cy.resize();
    if (!moved) home();
  });
  resized.observe(container);


  const edgeIds = layout.edges.filter((e) => nodeId.has(e.from) && nodeId.has(e.to)).map((e) => e.id);
  let current = -1;
  const select = (id: string | undefined) => {
    cy.edges().unselect();
    if (!id) return;
    const e = cy.getElementById(id);
    e.select();
    current = edgeIds.indexOf(id);
    // Keep the chosen arrow in view.
    const bb = e.renderedBoundingBox({});
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (bb.x1 < 0 || bb.x2 > w || bb.y1 < 0 || bb.y2 > h) cy.center(e);
  };

  cy.on('tap', 'edge', (ev) => {
    const id = ev.target.id() as string;
    select(id);
    on.edge(id);
  });
  cy.on('tap', 'node.article', (ev) => on.article(ev.target.data('aid') as string));
  cy.on('mouseover', 'edge, node.article', () => (container.style.cursor = 'pointer'));
  cy.on('mouseout', 'edge, node.article', () => (container.style.cursor = ''));

  const onKey = (ev: KeyboardEvent) => {
    const step = (d: number) => {
      if (!edgeIds.length) return;
      current = current < 0 ? (d > 0 ? 0 : edgeIds.length - 1) : (current + d + edgeIds.length) % edgeIds.length;
      select(edgeIds[current]);
      on.focusEdge(edgeIds[current]);
    };
    const zoomBy = (f: number) => {
      moved = true;
      cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } });
    };
    switch (ev.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        step(1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        step(-1);
        break;
      case 'Enter':
      case ' ':
        if (current >= 0) on.edge(edgeIds[current]);
        break;
      case '+':
      case '=':
        zoomBy(1.25);
        break;
      case '-':
        zoomBy(0.8);
        break;
      case '0':
        moved = false;
        home();
        break;
      default:
        return;
    }
    ev.preventDefault();
  };
  container.addEventListener('keydown', onKey);

  const rendered = new Promise<number>((ok) => cy.one('render', () => requestAnimationFrame(() => ok(performance.now() - t0))));

  return {
    rendered,
    select,
    png: (bg) => cy.png({ output: 'blob-promise', full: true, scale: 2, bg, maxWidth: 8000, maxHeight: 8000 }),
    restyle: (next) => void cy.style(styles(next)),
    destroy() {
      resized.disconnect();
      container.removeEventListener('keydown', onKey);
      cy.destroy();
    },
  };
}
