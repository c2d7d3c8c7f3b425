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

  it('takes the tunnel device the engine marks, whatever its kind or name (no backend list in the app)', () => {
    // A backend the app has never heard of: its tunnel device is a kind the app draws as any other.
    const renamed = {
      ...summary,
      nodes: summary.nodes.map((n) => ({
        ...n,
        devices: n.devices!.map((d) =>
          d.tunnel ? { ...d, name: 'tunnel.x', kind: 'dummy' as const } : { ...d, tunnel: false },
        ),
      })),
    };
    const other = layoutScene(renamed);
    const slot = other.nodes[0]!.devices.find((d) => d.name === 'tunnel.x')!;
    expect(other.nodes[0]!.tunnel).toEqual(slot.port);
    expect(activeSelectors({ netns: `node/${node.name}`, device: 'eth0', kind: 'udp-encap' }, other)).toEqual(
      [`[data-node="${node.name}"] [data-device="tunnel.x"]`],
    );
    // Unmarked, nothing is the tunnel: the encapsulation is drawn at the device the hop names.
    const none = layoutScene({
      ...summary,
      nodes: summary.nodes.map((n) => ({ ...n, devices: n.devices!.map((d) => ({ ...d, tunnel: false })) })),
    });
    expect(none.nodes[0]!.tunnel).toBeNull();
    expect(
      activeSelectors({ netns: `node/${node.name}`, device: 'eth0', kind: 'vxlan-encap' }, none),
    ).toEqual([`[data-node="${node.name}"] [data-device="eth0"]`]);
  });
});
