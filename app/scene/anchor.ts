// Which drawn device a hop happened at. The trace names places the kernel's way (a namespace and a
// device); this maps them onto the layout. The host end of a veth pair is found through the packet:
// the pod on this node whose address is the packet's source (leaving the pod) or destination (entering).
import type { HopJson } from '../../engine/trace/json';
import { HOOKS, type HookName, type Point, type SceneLayout } from './layout';

function hostOf(endpoint: string): string {
  return endpoint.slice(0, endpoint.lastIndexOf(':'));
}

function isHook(kind: string): kind is HookName {
  return (HOOKS as readonly string[]).includes(kind);
}

export function anchorOf(hop: HopJson, layout: SceneLayout): Point {
  const [space, ...rest] = hop.netns.split('/');
  const name = rest.join('/');
  if (space === 'pod') {
    for (const n of layout.nodes) {
      const pod = n.pods.find((p) => p.key === name);
      if (pod)
        return hop.kind === 'send' || hop.kind === 'deliver'
          ? { x: pod.x + pod.w / 2, y: pod.y + pod.h / 2 }
          : pod.eth0;
    }
  }
  if (space === 'node') {
    const node = layout.nodes.find((n) => n.name === name);
    if (node) {
      if (isHook(hop.kind)) return node.hooks[hop.kind];
      if (hop.kind === 'vxlan-encap' || hop.kind === 'vxlan-decap' || hop.device.startsWith('flannel'))
        return node.flannel;
      if (hop.device === 'cni0') return { x: node.cni0.x + node.cni0.w / 2, y: node.cni0.y };
      if (hop.device.startsWith('veth')) {
        const ips = [hostOf(hop.before.src), hostOf(hop.before.dst)];
        const pod = node.pods.find((p) => p.ip !== null && ips.includes(p.ip));
        return pod ? pod.veth : { x: node.cni0.x + node.cni0.w / 2, y: node.cni0.y };
      }
      return node.nic;
    }
  }
  if (space === 'underlay') {
    const port = /^n(\d+)$/.exec(hop.device);
    const node = port ? layout.nodes[Number(port[1])] : undefined;
    if (node) return node.tap;
    if (/^x\d+$/.test(hop.device)) return layout.external;
    return layout.switchAt;
  }
  if (space === 'external') return layout.external;
  return layout.switchAt;
}

/**
 * Anchors for a whole trace. The underlay switch is one hop between two taps; drawing it at the far-off
 * switch symbol would send the packet on a detour, so it sits halfway between its neighbours instead.
 */
export function traceAnchors(hops: readonly HopJson[], layout: SceneLayout): Point[] {
  const points = hops.map((h) => anchorOf(h, layout));
  return points.map((p, i) => {
    const hop = hops[i]!;
    const prev = points[i - 1];
    const next = points[i + 1];
    if (hop.netns === 'underlay' && !/^[nx]\d+$/.test(hop.device) && prev && next)
      return { x: (prev.x + next.x) / 2, y: Math.max(prev.y, next.y) };
    return p;
  });
}
