// Page object for a typed destination and the DNS tab: the flow chooser's name field, the resolv.conf
// shown and the table of queries.
import { expect, type Locator, type Page } from '@playwright/test';
import type { PodpathPage } from './podpath-page';

export class DnsPanel {
  readonly queries: Locator;
  readonly resolvConf: Locator;
  readonly outcome: Locator;

  constructor(
    readonly page: Page,
    readonly app: PodpathPage,
  ) {
    this.queries = page.getByRole('table', { name: 'DNS queries' });
    this.resolvConf = page.getByLabel('resolv.conf used');
    this.outcome = page.getByTestId('dns-outcome');
  }

  /** Type a destination name in the flow chooser and send the packet; waits for the new trace. */
  async sendTo(name: string): Promise<void> {
    const flow = this.page.getByRole('form', { name: 'Flow' });
    if ((await this.app.flowBox('To').getAttribute('data-value')) !== 'typed')
      await this.app.chooseFlow('To', 'typed');
    await flow.getByRole('combobox', { name: 'Destination name' }).fill(name);
    await this.app.button('Send packet').click();
    await expect
      .poll(() => this.page.evaluate(() => window.__podpath?.getTrace()?.request.to ?? null))
      .toBe(name.includes(':') ? name : `${name}:80`);
  }

  async open(): Promise<void> {
    await this.app.tab('DNS').click();
  }

  /** The queries as the table shows them: name, type, rcode, answers. */
  async rows(): Promise<string[][]> {
    const rows = this.queries.locator('tbody tr');
    const out: string[][] = [];
    for (const row of await rows.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      out.push(cells.slice(1, 5));
    }
    return out;
  }
}
