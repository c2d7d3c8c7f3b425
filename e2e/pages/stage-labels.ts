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
