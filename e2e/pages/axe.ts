// axe-core with WCAG 2.2 AA as it tags it (the 2.0 and 2.1 A/AA rules plus 2.2's AA additions), reported
// as `rule: targets` lines so a failure names what to fix.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** `within`: a CSS selector to check only that part of the page (quicker than the whole page). */
export async function wcagViolations(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_22_AA);
  const result = await (within ? builder.include(within) : builder).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
