// Rasterises public/favicon.svg into the PNG icons the web app manifest and iOS want, and renders the
// social preview card, with the same chromium the browser tests use. Run after changing the mark:
//   npx tsx scripts/icons.ts
// The outputs are committed, so a build needs no browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const mark = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const out = (name: string) => new URL(`../public/${name}`, import.meta.url);

/** A square PNG of the mark; `maskable` pads it into the safe zone (the middle 80%) on the mark's colour. */
function iconPage(size: number, maskable: boolean): string {
  const inner = maskable ? Math.round(size * 0.7) : size;
  return `<!doctype html><html><body style="margin:0;background:${maskable ? '#17324f' : 'transparent'};
    width:${size}px;height:${size}px;display:grid;place-items:center">
    <div style="width:${inner}px;height:${inner}px">${mark.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div>
    </body></html>`;
}

const card = `<!doctype html><html><body style="margin:0;width:1200px;height:630px;background:#17324f;
  font-family:'DejaVu Sans',sans-serif;color:#fff;display:flex;align-items:center;gap:56px;padding:0 80px;box-sizing:border-box">
  <div style="width:240px;height:240px;flex:none">${mark.replace('<svg ', '<svg width="240" height="240" ')}</div>
  <div>
    <div style="font-size:96px;font-weight:700;letter-spacing:-2px">Podpath</div>
    <div style="font-size:36px;color:#cfe1f5;margin-top:8px">Kubernetes networking, packet by packet</div>
    <div style="font-size:24px;color:#8fbbe8;margin-top:36px;font-family:'DejaVu Sans Mono',monospace">
      pod → veth → cni0 → KUBE-SERVICES → flannel.1 → eth0</div>
  </div></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage();
const shots: [string, number, boolean][] = [
  ['icons/icon-192.png', 192, false],
  ['icons/icon-512.png', 512, false],
  ['icons/maskable-512.png', 512, true],
  ['icons/apple-touch-icon.png', 180, true],
];
for (const [name, size, maskable] of shots) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(iconPage(size, maskable));
  writeFileSync(out(name), await page.screenshot({ omitBackground: !maskable }));
}
await page.setViewportSize({ width: 1200, height: 630 });
await page.setContent(card);
writeFileSync(out('social-preview.png'), await page.screenshot());
await browser.close();
console.log('wrote', shots.map((s) => s[0]).join(', '), 'and social-preview.png');
