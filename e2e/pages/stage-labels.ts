// Measures the stage's labels as a viewer sees them: each visible <text> of the cluster drawing, its font
// size times the scale of its screen transform (getScreenCTM), and its box on screen. Runs in the page.
import type { Page } from '@playwright/test';

export interface MeasuredLabel {
  readonly text: string;
  readonly px: number;
  readonly box: { x: number; y: number; w: number; h: number };
}

export async function stageLabels(page: Page): Promise<MeasuredLabel[]> {
  return page.evaluate(() => {
    const out: { text: string; px: number; box: { x: number; y: number; w: number; h: number } }[] = [];
    for (const el of document.querySelectorAll<SVGTextElement>('[data-testid="viewport"] .cluster text')) {
      // The label as drawn: its text and tspans, not its <title> tooltip.
      const text = [...el.childNodes]
        .filter((n) => n.nodeName !== 'title')
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!el.checkVisibility() || !text) continue;
      const m = el.getScreenCTM();
      if (!m) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      out.push({ text, px, box: { x: r.x, y: r.y, w: r.width, h: r.height } });
    }
    return out;
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

type Rect = MeasuredLabel['box'];

/** How far two boxes overlap in each direction (both > 0: they overlap). */
export function overlap(a: Rect, b: Rect): { x: number; y: number } {
  return {
    x: Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x),
    y: Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y),
  };
}

/** Pairs of labels whose boxes overlap by more than `slack` px both ways (glyph boxes include line gaps). */
export function overlapping(labels: readonly MeasuredLabel[], slack = 2): string[] {
  const out: string[] = [];
  for (const [i, a] of labels.entries())
    for (const b of labels.slice(i + 1)) {
      const o = overlap(a.box, b.box);
      if (o.x > slack && o.y > slack) out.push(`"${a.text}" / "${b.text}"`);
    }
  return out;
}

type Segment = readonly [{ x: number; y: number }, { x: number; y: number }];

/** The packet as drawn on screen: its trail's segments, the leader, the marker, the hop ring, the label box. */
export interface PacketShapes {
  readonly lines: { what: string; seg: Segment; width: number }[];
  readonly boxes: { what: string; box: Rect }[];
}

export async function packetShapes(page: Page): Promise<PacketShapes> {
  return page.evaluate(() => {
    const lines: {
      what: string;
      seg: [{ x: number; y: number }, { x: number; y: number }];
      width: number;
    }[] = [];
    const boxes: { what: string; box: { x: number; y: number; w: number; h: number } }[] = [];
    const shown = (el: Element | null): el is SVGGraphicsElement =>
      el instanceof SVGGraphicsElement && el.checkVisibility() && el.getAttribute('display') !== 'none';
    const onScreen = (el: SVGGraphicsElement, x: number, y: number) => {
      const m = el.getScreenCTM()!;
      return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
    };
    const trail = document.querySelector('.packet-trail');
    if (shown(trail)) {
      const m = trail.getScreenCTM()!;
      const width = parseFloat(getComputedStyle(trail).strokeWidth) * Math.hypot(m.a, m.b);
      const pts = (trail.getAttribute('points') ?? '')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((p) => p.split(',').map(Number) as [number, number])
        .map(([x, y]) => onScreen(trail, x, y));
      for (let i = 1; i < pts.length; i++)
        lines.push({ what: `trail ${i}`, seg: [pts[i - 1]!, pts[i]!], width });
    }
    const leader = document.querySelector('.packet-leader');
    if (shown(leader)) {
      const n = (a: string) => Number(leader.getAttribute(a));
      lines.push({
        what: 'leader',
        seg: [onScreen(leader, n('x1'), n('y1')), onScreen(leader, n('x2'), n('y2'))],
        width: 2,
      });
    }
    for (const [what, sel] of [
      ['marker', '.packet-marker'],
      ['ring', '.hop-ring'],
      ['label', '[data-testid="packet"]'],
    ] as const) {
      const el = document.querySelector(sel);
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0) boxes.push({ what, box: { x: r.x, y: r.y, w: r.width, h: r.height } });
    }
    return { lines, boxes };
  });
}

/** Whether a segment `width` px wide passes through a box shrunk by `slack` px on each side. */
export function crosses(seg: Segment, width: number, box: Rect, slack = 2): boolean {
  const pad = width / 2 - slack;
  const x1 = box.x - pad;
  const y1 = box.y - pad;
  const x2 = box.x + box.w + pad;
  const y2 = box.y + box.h + pad;
  if (x2 <= x1 || y2 <= y1) return false;
  // Liang–Barsky clipping of the segment against the box.
  const [a, b] = seg;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, a.x - x1],
    [dx, x2 - a.x],
    [-dy, a.y - y1],
    [dy, y2 - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Every label the packet's shapes touch, as "what: label". */
export function packetOverLabels(shapes: PacketShapes, labels: readonly MeasuredLabel[]): string[] {
  const out: string[] = [];
  for (const l of labels) {
    for (const s of shapes.lines) if (crosses(s.seg, s.width, l.box)) out.push(`${s.what}: ${l.text}`);
    for (const b of shapes.boxes) {
      const o = overlap(l.box, b.box);
      if (o.x > 2 && o.y > 2) out.push(`${b.what}: ${l.text}`);
    }
  }
  return out;
}
