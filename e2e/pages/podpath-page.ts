// Page object for the Podpath app: role-based locators for what a user touches, and the trace the page
// exposes (window.__podpath and the hop-status live region) for what the tests assert.
import { expect, type Locator, type Page } from '@playwright/test';
import type { TraceJson } from '../../engine/trace/json';

export class PodpathPage {
  readonly status: Locator;
  readonly timeline: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('hop-status');
    this.timeline = page.getByRole('slider', { name: 'Timeline' });
    this.notice = page.getByRole('alert');
  }

  async open(fragment = ''): Promise<void> {
    await this.page.goto(`/${fragment}`);
  }

  /** The default view is ready: a trace is loaded and the packet waits on its first hop. */
  async expectReady(hop = 0): Promise<void> {
    await expect(this.status).toHaveAttribute('data-hop', String(hop), { timeout: 15_000 });
    await expect(this.status).not.toHaveAttribute('data-state', 'empty');
  }

  button(
    name:
      | 'Play'
      | 'Pause'
      | 'Replay'
      | 'Step forward'
      | 'Step back'
      | 'Restart'
      | 'Share'
      | 'Send packet'
      | 'Send 100 connections',
  ): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** The flow chooser's From or To box (a searchable combobox); its chosen option's value is `data-value`. */
  flowBox(name: 'From' | 'To'): Locator {
    return this.page.getByRole('form', { name: 'Flow' }).getByRole('combobox', { name, exact: true });
  }

  /**
   * Choose a source or destination as a user would: type into the box, then click the option. `value` is in
   * the trace request's words (`svc/kube-system/kube-dns:dns`) or `typed` for "A name or address…".
   */
  async chooseFlow(name: 'From' | 'To', value: string): Promise<void> {
    const box = this.flowBox(name);
    await box.fill(value === 'typed' ? '' : value);
    const list = this.page.getByRole('listbox', { name });
    await list.locator(`[role="option"][data-value="${value}"]`).click();
    await expect(box).toHaveAttribute('data-value', value);
  }

  tab(name: RegExp | string): Locator {
    return this.page.getByRole('tab', { name });
  }

  get yaml(): Locator {
    return this.page.getByRole('textbox', { name: 'Scenario YAML' });
  }

  /** Replace the scenario through the YAML editor and wait until the page has simulated it. */
  async loadScenario(text: string): Promise<void> {
    await this.tab(/^Scenario/).click();
    await this.yaml.fill(text);
    await expect.poll(() => this.page.evaluate(() => window.__podpath!.getScenarioText())).toBe(text);
    await expect(this.page.getByRole('region', { name: 'Scenario problems' })).not.toContainText(
      'Simulating',
    );
  }

  /** The pan/zoom transform on the diagram's viewport, once the camera has stopped gliding. */
  async viewTransform(): Promise<string> {
    const read = async () => (await this.page.getByTestId('viewport').getAttribute('transform')) ?? '';
    let last = await read();
    for (let i = 0; i < 40; i++) {
      await this.page.waitForTimeout(120);
      const now = await read();
      if (now === last) return now;
      last = now;
    }
    throw new Error(`the view transform kept moving: ${last}`);
  }

  async trace(): Promise<TraceJson> {
    const trace = await this.page.evaluate(() => window.__podpath?.getTrace() ?? null);
    if (!trace) throw new Error('the page has no trace');
    return trace as TraceJson;
  }

  async playback(): Promise<{ state: string; hop: number }> {
    return this.page.evaluate(() => window.__podpath!.getPlayback());
  }

  async hop(): Promise<number> {
    return Number(await this.status.getAttribute('data-hop'));
  }

  /** Index of the request's last hop (its delivery, drop or reject). */
  static lastRequestHop(trace: TraceJson): number {
    return trace.hops.reduce((last, h, i) => (h.direction === 'request' ? i : last), -1);
  }
}
