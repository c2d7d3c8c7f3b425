// Which drawn device a hop happened at. The trace names places the kernel's way (a namespace and a
// device); this maps them onto the layout. The host end of a veth pair is found by its name, which the
// engine's summary gives for every pod; a pod folded into its node's "+N pods" group is drawn at the group.
import type { HopJson } from '../../engine';
import { HOOKS, type Box, type HookName, type NodeFrame, type Point, type SceneLayout } from './layout';
import { inNode, nodeRoute } from './node-route';

function isHook(kind: string): kind is HookName {
  return (HOOKS as readonly string[]).includes(kind);
}

/** Where a packet inside a pod is drawn: right of the middle, clear of the left-aligned name. */
export function podMiddle(pod: Box): Point {
  return { x: pod.x + pod.w - 26, y: pod.y + pod.h / 2 };
}

/** Where a packet at a process is drawn: the pill's left end, clear of its name (as a device's port). */
export function processPort(process: { x: number; y: number; w: number }): Point {
  return { x: process.x - process.w / 2, y: process.y };
}

/** The drawn box standing for a pod: its own, or its node's group when collapsed. */
function podPlace(layout: SceneLayout, key: string) {
  for (const n of layout.nodes) {
    const pod = n.pods.find((p) => p.key === key);
    if (pod) return pod;
    if (n.group?.keys.includes(key)) return n.group;
  }
  return null;
}

function hostVethPlace(node: NodeFrame, device: string): Point | null {
  const pod = node.pods.find((p) => p.hostVeth === device);
  if (pod) return pod.veth;
  return node.group?.hostVeths.includes(device) ? node.group.veth : null;
}

/** What placing a hop reads of it: a lesson's device reference is placed the same way. */
export type PlaceKey = Pick<HopJson, 'netns' | 'device' | 'kind'> & Partial<Pick<HopJson, 'process'>>;

export function anchorOf(hop: PlaceKey, layout: SceneLayout): Point {
  const [space, ...rest] = hop.netns.split('/');
  const name = rest.join('/');
  if (space === 'pod') {
    const pod = podPlace(layout, name);
    if (pod) return hop.kind === 'send' || hop.kind === 'deliver' ? podMiddle(pod) : pod.eth0;
  }
  if (space === 'node') {
    const node = layout.nodes.find((n) => n.name === name);
    if (node) {
      if (isHook(hop.kind)) return node.hooks[hop.kind];
      // A copy between the kernel and a process (flanneld reading flannel0, its UDP socket) is at the process.
      if (hop.kind === 'user-space') {
        const process = node.processes.find((p) => p.name === hop.process?.name) ?? node.processes[0];
        if (process) return processPort(process);
      }
      // Encapsulation (`vxlan-encap`, `udp-decap`, …) happens at the backend's tunnel device.
      if (/-(en|de)cap$/.test(hop.kind) && node.tunnel) return node.tunnel;
      if (hop.device === node.bridge) return { x: node.cni0.x + node.cni0.w / 2, y: node.cni0.y };
      const own = node.devices.find((d) => d.name === hop.device);
      if (own) return own.port;
      const veth = hostVethPlace(node, hop.device);
      if (veth) return veth;
      if (hop.device.startsWith('veth')) return { x: node.cni0.x + node.cni0.w / 2, y: node.cni0.y };
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

/** A delivery on a node into a process drawn there that listens on the packet's port (kube-proxy's proxy socket). */
function listeningProcess(hop: HopJson, layout: SceneLayout): Point | null {
  if (hop.kind !== 'deliver' || !hop.netns.startsWith('node/')) return null;
  const node = layout.nodes.find((n) => `node/${n.name}` === hop.netns);
  const port = /:(\d+)$/.exec(hop.packet.dst)?.[1];
  if (!node || !port) return null;
  const socket = `${hop.packet.proto}/${port}`.toLowerCase();
  const process = node.processes.find((p) => p.listens.some((l) => l.toLowerCase() === socket));
  return process ? processPort(process) : null;
}

/** Where a hop is drawn, and the corners the packet turns on its way there from the previous hop. */
export interface HopPlace {
  readonly at: Point;
  readonly via: readonly Point[];
}

/** The underlay segment a point hangs off: its row's (the first segment at or below it). */
function segmentY(layout: SceneLayout, p: Point): number {
  return (layout.segments.find((s) => s.y >= p.y) ?? layout.segments[layout.segments.length - 1]!).y;
}

/**
 * Places for a whole trace. The underlay switch is one hop between two taps; drawing it at the far-off
 * switch symbol would send the packet on a detour, so it sits on the cable between its neighbours: on
 * their row's segment, or, between rows, at the far tap after running along the trunk.
 */
export function tracePlaces(hops: readonly HopJson[], layout: SceneLayout): HopPlace[] {
  const points: Point[] = [];
  for (const [i, h] of hops.entries()) {
    // A node's kernel answering for itself (REJECT's ICMP error) sends from where it refused the request,
    // and a proxy on the node (kube-proxy in userspace mode) sends its own connection from its process.
    const prev = points[i - 1];
    points.push(
      h.kind === 'send' && h.netns.startsWith('node/') && h.device === '-' && prev
        ? prev
        : (listeningProcess(h, layout) ?? anchorOf(h, layout)),
    );
  }
  return points.map((p, i) => {
    const hop = hops[i]!;
    const prev = points[i - 1];
    const next = points[i + 1];
    if (hop.netns !== 'underlay' || /^[nx]\d+$/.test(hop.device) || !prev || !next) {
      // Within one node the packet follows the wires and corridors (node-route.ts), clear of the labels.
      const node = prev ? layout.nodes.find((n) => inNode(n, prev) && inNode(n, p)) : undefined;
      return { at: p, via: node && prev ? nodeRoute(node, prev, p) : [] };
    }
    const fromY = segmentY(layout, prev);
    const toY = segmentY(layout, next);
    if (fromY === toY) return { at: { x: (prev.x + next.x) / 2, y: toY }, via: [] };
    const trunk = layout.trunk.x;
    return {
      at: { x: next.x, y: toY },
      via: [
        { x: trunk, y: fromY },
        { x: trunk, y: toY },
      ],
    };
  });
}

export function traceAnchors(hops: readonly HopJson[], layout: SceneLayout): Point[] {
  return tracePlaces(hops, layout).map((p) => p.at);
}
