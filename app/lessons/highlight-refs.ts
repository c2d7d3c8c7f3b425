// What a step may highlight, and what each name means on the drawing:
//   hop                 the device of the step's hop
//   node-1              a node's frame
//   node-1/cni0         a device on a node (cni0, flannel.1, flannel0, kube-ipvs0, eth0)
//   pod/default/client  a pod
//   underlay, external  the network between the nodes, the client outside the cluster
import type { ScenarioSummary } from '../../engine/protocol';
import type { PlayedHop } from '../dns/played-hops';

export type DeviceRef =
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'device'; readonly node: string; readonly device: string }
  | { readonly kind: 'pod'; readonly pod: string }
  | { readonly kind: 'underlay' }
  | { readonly kind: 'external' };

export function parseRef(ref: string): DeviceRef | 'hop' | null {
  if (ref === 'hop') return 'hop';
  if (ref === 'underlay' || ref === 'external') return { kind: ref };
  const pod = /^pod\/([^/]+\/[^/]+)$/.exec(ref);
  if (pod) return { kind: 'pod', pod: pod[1]! };
  const dev = /^([^/]+)\/([^/]+)$/.exec(ref);
  if (dev) return { kind: 'device', node: dev[1]!, device: dev[2]! };
  if (/^[^/\s]+$/.test(ref)) return { kind: 'node', node: ref };
  return null;
}

/** The drawn thing a hop stands on: its pod, its node's device, the underlay or the outside client. */
export function hopRef(hop: PlayedHop): DeviceRef {
  if (hop.netns.startsWith('pod/')) return { kind: 'pod', pod: hop.netns.slice(4) };
  if (hop.netns === 'underlay') return { kind: 'underlay' };
  if (hop.netns.startsWith('external/')) return { kind: 'external' };
  if (hop.node && hop.device !== '-' && !hop.device.startsWith('veth'))
    return { kind: 'device', node: hop.node, device: hop.device };
  return hop.node ? { kind: 'node', node: hop.node } : { kind: 'underlay' };
}

/** The `data-device` key the drawing carries for a ref. */
export function refKey(ref: DeviceRef): string {
  switch (ref.kind) {
    case 'node':
      return `node:${ref.node}`;
    case 'device':
      return `device:${ref.node}/${ref.device}`;
    case 'pod':
      return `pod:${ref.pod}`;
    case 'underlay':
      return 'underlay';
    case 'external':
      return 'external';
    default: {
      const unknown: never = ref;
      return String(unknown);
    }
  }
}

export function highlightProblems(refs: readonly string[], summary: ScenarioSummary, step: number): string[] {
  const nodes = new Set(summary.nodes.map((n) => n.name));
  return refs.flatMap((r) => {
    const ref = parseRef(r);
    if (ref === null) return [`step ${step}: "${r}" is not a device name`];
    if (ref === 'hop') return [];
    if ((ref.kind === 'node' || ref.kind === 'device') && !nodes.has(ref.node))
      return [`step ${step}: no node ${ref.node}`];
    if (ref.kind === 'pod' && !summary.pods.some((p) => p.key === ref.pod))
      return [`step ${step}: no pod ${ref.pod}`];
    return [];
  });
}
