// Which drawn elements the active hop names: its pod, its node's hook, the tunnel device for an
// encapsulation, the pod behind a host veth.
import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { activeSelectors } from './active-devices';
import { layoutScene } from './layout';

describe('activeSelectors', () => {
  const { summary, trace } = defaultEngine();
  const layout = layoutScene(summary);
  const node = layout.nodes[0]!;

  it('names the pod, the hook, the tunnel device and the pod behind a host veth', () => {
    expect(activeSelectors({ netns: 'pod/default/client', device: 'eth0', kind: 'send' }, layout)).toEqual([
      '[data-pod="default/client"]',
    ]);
    expect(activeSelectors({ netns: `node/${node.name}`, device: 'eth0', kind: 'forward' }, layout)).toEqual([
      `[data-node="${node.name}"] .hook-forward`,
    ]);
    expect(
      activeSelectors({ netns: `node/${node.name}`, device: 'eth0', kind: 'vxlan-encap' }, layout),
    ).toEqual([`[data-node="${node.name}"] [data-device="flannel.1"]`]);
    const pod = node.pods.find((p) => p.hostVeth)!;
    expect(
      activeSelectors({ netns: `node/${node.name}`, device: pod.hostVeth!, kind: 'wire' }, layout),
    ).toEqual([`[data-pod="${pod.key}"]`]);
    expect(activeSelectors({ netns: 'underlay', device: 'n0', kind: 'wire' }, layout)).toEqual([]);
  });

  it('gives every hop of the default trace on a node or in a pod something to name', () => {
    for (const h of trace.hops.filter((x) => /^(node|pod)\//.test(x.netns)))
      expect(activeSelectors(h, layout).length, `${h.netns} ${h.device} ${h.kind}`).toBeGreaterThan(0);
  });
});
