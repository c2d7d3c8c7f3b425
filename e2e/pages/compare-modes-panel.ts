// Page object for the Compare modes tab: the mode checkboxes, the side-by-side table, the list of
// differences and the scaling chart's table (the chart's numbers in rows).
import type { Locator, Page } from '@playwright/test';
import type { ModeOutcome, ScalingPoint } from '../../engine/protocol';
import type { PodpathPage } from './podpath-page';

export class CompareModesPanel {
  readonly sideBySide: Locator;
  readonly perHook: Locator;
  readonly differences: Locator;
  readonly scalingTable: Locator;
  readonly chart: Locator;

  constructor(
    readonly page: Page,
    readonly app: PodpathPage,
  ) {
    this.sideBySide = page.getByRole('table', { name: 'Modes side by side' });
    this.perHook = page.getByRole('table', { name: 'First packet rules per hook' });
    this.differences = page.getByRole('list', { name: 'Where the modes differ' });
    this.scalingTable = page.getByRole('table', { name: 'Rules per first packet by Service count' });
    this.chart = page.getByRole('img', { name: /Log–log chart of rules evaluated/ });
  }

  async open(): Promise<void> {
    await this.app.tab('Compare modes').click();
  }

  mode(name: 'iptables' | 'nftables' | 'IPVS' | 'userspace (legacy)'): Locator {
    return this.page.getByRole('group', { name: /Compare kube-proxy modes/ }).getByRole('checkbox', { name });
  }

  /** The row of the side-by-side table with this header, cell texts per mode. */
  async row(label: string): Promise<string[]> {
    return this.sideBySide
      .getByRole('row', { name: new RegExp(`^${label}`) })
      .getByRole('cell')
      .allInnerTexts();
  }

  async comparison(): Promise<readonly ModeOutcome[] | null> {
    return this.page.evaluate(() => window.__podpath!.getModeComparison());
  }

  async scaling(): Promise<{ points: readonly ScalingPoint[]; own: readonly ScalingPoint[] | null }> {
    return this.page.evaluate(() => window.__podpath!.getScaling());
  }
}
