// Where every device sits. A pure function of the scenario summary (no DOM), so it is unit-tested and
// recomputed only when the cluster changes. Node frames are laid out in a grid of columns with D3's band
// scale; inside a frame the devices stack the way a packet climbs through Linux: pods (their eth0), the
// host ends of the veth pairs, the cni0 bridge, the netfilter hooks and routing decision, then flannel.1
// and the NIC. Each row of frames has an underlay segment; a trunk joins the segments and the external
// client hangs off the trunk.
import { range, scaleBand } from 'd3';
import type { ScenarioSummary } from '../../engine/protocol';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PodBox extends Point {
  readonly key: string;
  readonly name: string;
  readonly ip: string | null;
  readonly ready: boolean;
  readonly w: number;
  readonly h: number;
  readonly eth0: Point;
  readonly veth: Point;
}

export const HOOKS = ['prerouting', 'routing', 'input', 'forward', 'output', 'postrouting'] as const;
export type HookName = (typeof HOOKS)[number];

export interface NodeFrame extends Point {
  readonly name: string;
  readonly index: number;
  readonly internalIP: string;
  readonly podCIDR: string;
  readonly w: number;
  readonly h: number;
  readonly pods: readonly PodBox[];
  readonly cni0: Point & { readonly w: number };
  readonly hooks: Readonly<Record<HookName, Point>>;
  readonly flannel: Point;
  readonly nic: Point;
  /** Where the NIC's cable meets the underlay segment. */
  readonly tap: Point;
}

export interface SceneLayout {
  readonly nodes: readonly NodeFrame[];
  readonly segments: readonly { readonly x1: number; readonly x2: number; readonly y: number }[];
  readonly trunk: { readonly x: number; readonly y1: number; readonly y2: number };
  readonly switchAt: Point;
  readonly external: Point;
  readonly width: number;
  readonly height: number;
  readonly minX: number;
}

export const POD_W = 112;
export const POD_H = 54;
const POD_GAP = 14;
const PODS_PER_ROW = 4;
const FRAME_PAD = 16;
const MIN_FRAME_W = 480;
const COLUMNS = 4;

function podRows(count: number): number {
  return Math.max(1, Math.ceil(count / PODS_PER_ROW));
}

function shortName(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

export function layoutScene(summary: ScenarioSummary): SceneLayout {
  const podsByNode = new Map<string, ScenarioSummary['pods'][number][]>();
  for (const p of summary.pods) podsByNode.set(p.node, [...(podsByNode.get(p.node) ?? []), p]);
  const maxPods = Math.max(1, ...summary.nodes.map((n) => podsByNode.get(n.name)?.length ?? 0));
  const frameW = Math.max(MIN_FRAME_W, Math.min(maxPods, PODS_PER_ROW) * (POD_W + POD_GAP) + 2 * FRAME_PAD);
  const podsH = podRows(maxPods) * (POD_H + 44);
  const frameH = 40 + podsH + 170;
  const columns = Math.max(1, Math.min(COLUMNS, summary.nodes.length));
  const rows = Math.max(1, Math.ceil(summary.nodes.length / columns));
  const x = scaleBand<number>()
    .domain(range(columns))
    .range([0, columns * (frameW + 60)])
    .paddingInner(0);
  const rowH = frameH + 90;

  const nodes = summary.nodes.map((n, index): NodeFrame => {
    const fx = x(index % columns) ?? 0;
    const fy = Math.floor(index / columns) * rowH;
    const mine = podsByNode.get(n.name) ?? [];
    const pods = mine.map((p, i): PodBox => {
      const px = fx + FRAME_PAD + (i % PODS_PER_ROW) * (POD_W + POD_GAP);
      const py = fy + 34 + Math.floor(i / PODS_PER_ROW) * (POD_H + 44);
      return {
        key: p.key,
        name: shortName(p.key),
        ip: p.ip,
        ready: p.ready,
        x: px,
        y: py,
        w: POD_W,
        h: POD_H,
        eth0: { x: px + POD_W / 2, y: py + POD_H },
        veth: { x: px + POD_W / 2, y: py + POD_H + 24 },
      };
    });
    const cniY = fy + 40 + podsH;
    const hookY = cniY + 52;
    const hookX = scaleBand<HookName>()
      .domain(HOOKS)
      .range([fx + FRAME_PAD, fx + frameW - FRAME_PAD])
      .padding(0.1);
    const hooks = Object.fromEntries(
      HOOKS.map((h) => [h, { x: (hookX(h) ?? 0) + hookX.bandwidth() / 2, y: hookY }]),
    ) as Record<HookName, Point>;
    const devY = hookY + 56;
    const nic = { x: fx + frameW - 70, y: devY };
    return {
      name: n.name,
      index,
      internalIP: n.internalIP,
      podCIDR: n.podCIDR,
      x: fx,
      y: fy,
      w: frameW,
      h: frameH,
      pods,
      cni0: { x: fx + FRAME_PAD, y: cniY, w: frameW - 2 * FRAME_PAD },
      hooks,
      flannel: { x: fx + 70, y: devY },
      nic,
      tap: { x: nic.x, y: fy + frameH + 40 },
    };
  });

  const segments = range(rows).map((r) => ({
    x1: -60,
    x2: columns * (frameW + 60) - 60,
    y: r * rowH + frameH + 40,
  }));
  const trunk = { x: -60, y1: segments[0]!.y, y2: segments[segments.length - 1]!.y };
  return {
    nodes,
    segments,
    trunk,
    switchAt: { x: -60, y: segments[0]!.y },
    external: { x: -200, y: segments[0]!.y },
    width: columns * (frameW + 60) + 260,
    height: rows * rowH + 20,
    minX: -260,
  };
}
