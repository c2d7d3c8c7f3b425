// Where every device sits. A pure function of the scenario summary and which nodes the user expanded (no
// DOM), so it is unit-tested and recomputed only when either changes. Node frames are laid out in a grid
// of columns with D3's band scale; inside a frame the devices stack the way a packet climbs through
// Linux: pods (their eth0), the host ends of the veth pairs, the cni0 bridge, the netfilter hooks and
// routing decision, then flannel.1 and the NIC. Each row of frames has an underlay segment; a trunk joins
// the segments and the external client hangs off the trunk.
//
// A node with many pods shows its first few and one "+N pods" group standing for the rest, so 10 nodes
// with 100 pods stay readable; the group expands on request. A hop inside a collapsed pod is drawn at
// its group.
import { range, scaleBand } from 'd3';
import type { ScenarioSummary } from '../../engine/protocol';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box extends Point {
  readonly w: number;
  readonly h: number;
}

export interface PodBox extends Box {
  readonly key: string;
  readonly name: string;
  readonly ip: string | null;
  readonly ready: boolean;
  /** The host end of the veth pair, as the CNI named it (null for a pod without an address). */
  readonly hostVeth: string | null;
  readonly eth0: Point;
  readonly veth: Point;
}

/** The pods a collapsed node does not draw, as one box with one eth0 and one veth. */
export interface PodGroup extends Box {
  readonly keys: readonly string[];
  readonly hostVeths: readonly string[];
  readonly notReady: number;
  readonly eth0: Point;
  readonly veth: Point;
}

export const HOOKS = ['prerouting', 'routing', 'input', 'forward', 'output', 'postrouting'] as const;
export type HookName = (typeof HOOKS)[number];

export interface NodeFrame extends Box {
  readonly name: string;
  readonly index: number;
  readonly internalIP: string;
  readonly podCIDR: string;
  readonly pods: readonly PodBox[];
  /** The pods not drawn one by one; null when every pod is drawn. */
  readonly group: PodGroup | null;
  /** More pods than fit collapsed, and the user expanded them: the frame offers to collapse again. */
  readonly expanded: boolean;
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
  readonly minY: number;
}

export const POD_W = 112;
export const POD_H = 54;
const POD_GAP = 14;
const POD_ROW_H = POD_H + 44;
const PODS_PER_ROW = 4;
/** Slots a collapsed node draws: two rows, the last slot being the "+N pods" group. */
export const COLLAPSED_SLOTS = 2 * PODS_PER_ROW;
const FRAME_PAD = 16;
const MIN_FRAME_W = 480;
const COLUMNS = 4;
/** Below the pods: cni0, the hooks, flannel.1 and the NIC. */
const DEVICES_H = 170;
const ROW_GAP = 90;

function shortName(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

type SummaryPod = ScenarioSummary['pods'][number];

/** How many pods a node draws one by one, and whether the rest become a group. */
function visiblePods(count: number, expanded: boolean): { shown: number; grouped: boolean } {
  if (count <= COLLAPSED_SLOTS || expanded) return { shown: count, grouped: false };
  return { shown: COLLAPSED_SLOTS - 1, grouped: true };
}

function slotCount(count: number, expanded: boolean): number {
  const v = visiblePods(count, expanded);
  return v.shown + (v.grouped ? 1 : 0);
}

export function isCollapsible(podCount: number): boolean {
  return podCount > COLLAPSED_SLOTS;
}

export function layoutScene(
  summary: ScenarioSummary,
  expandedNodes: ReadonlySet<string> = new Set(),
): SceneLayout {
  const podsByNode = new Map<string, SummaryPod[]>();
  for (const p of summary.pods) podsByNode.set(p.node, [...(podsByNode.get(p.node) ?? []), p]);
  const slots = (name: string) => slotCount(podsByNode.get(name)?.length ?? 0, expandedNodes.has(name));
  const maxSlots = Math.max(1, ...summary.nodes.map((n) => slots(n.name)));
  const frameW = Math.max(MIN_FRAME_W, Math.min(maxSlots, PODS_PER_ROW) * (POD_W + POD_GAP) + 2 * FRAME_PAD);
  const columns = Math.max(1, Math.min(COLUMNS, summary.nodes.length));
  const rows = Math.max(1, Math.ceil(summary.nodes.length / columns));
  const x = scaleBand<number>()
    .domain(range(columns))
    .range([0, columns * (frameW + 60)])
    .paddingInner(0);
  // Frames in one grid row share a height (the row's tallest), so their NICs meet one underlay segment;
  // an expanded node makes only its own row taller.
  const rowPodRows = range(rows).map((r) =>
    Math.max(
      1,
      ...summary.nodes
        .slice(r * columns, (r + 1) * columns)
        .map((n) => Math.ceil(slots(n.name) / PODS_PER_ROW)),
    ),
  );
  const frameHeights = rowPodRows.map((podRows) => 40 + podRows * POD_ROW_H + DEVICES_H);
  const rowTops = frameHeights.map((_, r) =>
    frameHeights.slice(0, r).reduce((sum, h) => sum + h + ROW_GAP, 0),
  );

  const nodes = summary.nodes.map((n, index): NodeFrame => {
    const row = Math.floor(index / columns);
    const fx = x(index % columns) ?? 0;
    const fy = rowTops[row]!;
    const frameH = frameHeights[row]!;
    const podsH = rowPodRows[row]! * POD_ROW_H;
    const mine = podsByNode.get(n.name) ?? [];
    const { shown, grouped } = visiblePods(mine.length, expandedNodes.has(n.name));
    const slot = (i: number): Box => ({
      x: fx + FRAME_PAD + (i % PODS_PER_ROW) * (POD_W + POD_GAP),
      y: fy + 34 + Math.floor(i / PODS_PER_ROW) * POD_ROW_H,
      w: POD_W,
      h: POD_H,
    });
    const ports = (b: Box) => ({
      eth0: { x: b.x + POD_W / 2, y: b.y + POD_H },
      veth: { x: b.x + POD_W / 2, y: b.y + POD_H + 24 },
    });
    const pods = mine.slice(0, shown).map((p, i): PodBox => {
      const box = slot(i);
      return {
        key: p.key,
        name: shortName(p.key),
        ip: p.ip,
        ready: p.ready,
        hostVeth: p.hostVeth?.name ?? null,
        ...box,
        ...ports(box),
      };
    });
    const rest = mine.slice(shown);
    const group: PodGroup | null = grouped
      ? {
          keys: rest.map((p) => p.key),
          hostVeths: rest.flatMap((p) => (p.hostVeth ? [p.hostVeth.name] : [])),
          notReady: rest.filter((p) => !p.ready).length,
          ...slot(shown),
          ...ports(slot(shown)),
        }
      : null;
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
      group,
      expanded: expandedNodes.has(n.name) && isCollapsible(mine.length),
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
    y: rowTops[r]! + frameHeights[r]! + 40,
  }));
  const trunk = { x: -60, y1: segments[0]!.y, y2: segments[segments.length - 1]!.y };
  return {
    nodes,
    segments,
    trunk,
    switchAt: { x: -60, y: segments[0]!.y },
    external: { x: -200, y: segments[0]!.y },
    width: columns * (frameW + 60) + 260,
    height: segments[segments.length - 1]!.y + 50,
    minX: -260,
    minY: -10,
  };
}
