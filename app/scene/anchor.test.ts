// Where the stage draws a hop of flannel's udp backend: the copies between the kernel and flanneld at the
// flanneld process, the encapsulation at flannel0, and no flannel.1 anywhere on the stage.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../engine/request-handler';
import { anchorOf } from './anchor';
import { layoutScene } from './layout';

function udpLayout() {
  const text = readFileSync(new URL('../../scenarios/flannel-udp.yaml', import.meta.url), 'utf8');
  const loaded = createRequestHandler().handle({ kind: 'load', text });
  if (loaded.kind !== 'loaded' || !loaded.summary) throw new Error('flannel-udp did not load');
  return layoutScene(loaded.summary);
}

describe('anchorOf with the udp backend', () => {
  const layout = udpLayout();
  const node = layout.nodes[0]!;

  it('draws flannel0 and flanneld on every node, and no flannel.1', () => {
    for (const n of layout.nodes) {
      expect(n.devices.map((d) => d.name)).toContain('flannel0');
      expect(n.devices.map((d) => d.name)).not.toContain('flannel.1');
      expect(n.processes.map((p) => p.name)).toEqual(['flanneld']);
    }
  });

  it('puts a user-space hop at the flanneld process, and the encapsulation at flannel0', () => {
    const flanneld = node.processes[0]!;
    const crossing = anchorOf(
      {
        netns: `node/${node.name}`,
        device: 'flannel0',
        kind: 'user-space',
        process: { name: 'flanneld', crossing: 'kernel-to-user' },
      },
      layout,
    );
    expect(crossing).toEqual({ x: flanneld.x - flanneld.w / 2, y: flanneld.y });
    const encap = anchorOf({ netns: `node/${node.name}`, device: 'flannel0', kind: 'udp-encap' }, layout);
    expect(encap).toEqual(node.tunnel);
    expect(encap).not.toEqual(crossing);
  });
});
