// Where every device sits. A pure function of the scenario summary and which nodes the user expanded (no
// DOM), so it is unit-tested and recomputed only when either changes. Node frames are laid out in a grid
// of columns with D3's band scale; inside a frame the devices stack the way a packet climbs through
// Linux: pods (their eth0), the host ends of the veth pairs, the cni0 bridge, the netfilter hooks and
// routing decision, then the node's own devices as its namespace has them (the summary lists them: the
// flannel device of the backend, if any, kube-ipvs0 in IPVS mode, the NIC) and the processes packets pass
// through (kube-proxy's userspace proxy, flanneld's udp backend). Each row of frames has an underlay
// segment; a trunk joins the segments and the external client hangs off the first one.
//
// Sizes are chosen for the text they hold (see level-of-detail.ts): at the fit of a two-node cluster on a
// laptop the pod names and device names are drawn at 12 px or more. Above and below every frame is an
// empty lane where the packet's label travels, so it never covers a device label.
//
// A node with many pods shows its first few and one "+N pods" group standing for the rest, so 10 nodes
// with 100 pods stay readable; the group expands on request. A hop inside a collapsed pod is drawn at
// its group.
import { range, scaleBand } from 'd3';
import type { ScenarioSummary, StageDevice, StageProcess } from '../../engine/protocol';

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

/** One of the node's own devices in the device row; `x`, `y` is its middle. */
export interface DeviceSlot extends StageDevice, Point {
  readonly w: number;
  /** Where a packet at this device is drawn: its left edge, clear of its name. */
  readonly port: Point;
}

export interface ProcessSlot extends StageProcess, Point {
  readonly w: number;
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
  /** The bridge's name as the namespace has it (null: no CNI pod, so no bridge yet). */
  readonly bridge: string | null;
  readonly cni0: Point & { readonly w: number };
  readonly hooks: Readonly<Record<HookName, Point>>;
  /** The node's devices other than the bridge, NIC last; empty when the summary has none (an overview). */
  readonly devices: readonly DeviceSlot[];
  readonly processes: readonly ProcessSlot[];
  /** Where a packet at the overlay's tunnel device (the one the engine marks `tunnel`) is drawn; null for host-gw. */
  readonly tunnel: Point | null;
  /** Where a packet at the NIC is drawn. */
  readonly nic: Point;
  /** Where the NIC's cable meets the underlay segment (the cable leaves the NIC's middle, below `nic`). */
  readonly tap: Point;
  /** The middle lines of the empty lanes above and below the frame, where the packet's label goes. */
  readonly laneAbove: number;
  readonly laneBelow: number;
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

export const POD_W = 220;
export const POD_H = 60;
const POD_GAP = 16;
/** A pod row: the box, its eth0 on the bottom edge, the host veth below it. */
const POD_ROW_H = POD_H + 58;
export const VETH_DY = 32;
/** eth0 and the veth sit left of the pod's middle, leaving the veth's name 140 units to their right. */
const PORT_X = 66;
const PODS_PER_ROW = 2;
/** Slots a collapsed node draws: three rows, the last slot being the "+N pods" group. */
export const COLLAPSED_SLOTS = 3 * PODS_PER_ROW;
const FRAME_PAD = 18;
const TITLE_H = 44;
export const FRAME_W = PODS_PER_ROW * POD_W + (PODS_PER_ROW - 1) * POD_GAP + 2 * FRAME_PAD;
const COLUMN_GAP = 56;
const COLUMNS = 4;
const CNI_TO_HOOKS = 66;
const HOOKS_TO_DEVICES = 78;
export const DEVICE_H = 40;
const DEVICE_GAP = 12;
/** The lanes the packet's label travels in, above and below each frame. */
export const LANE_H = 104;
/** Below a row's underlay segment: room for the external client. */
const UNDER_SEGMENT = 96;
const TRUNK_X = -34;

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

/** The device row: tunnel and other devices from the left in ifindex order, processes next, the NIC at the right. */
function deviceRow(
  fx: number,
  y: number,
  devices: readonly StageDevice[],
  processes: readonly StageProcess[],
): { devices: DeviceSlot[]; processes: ProcessSlot[] } {
  const own = devices.filter((d) => d.kind !== 'bridge');
  const ordered = [...own.filter((d) => !d.uplink), ...own.filter((d) => d.uplink)];
  const count = Math.max(1, ordered.length + processes.length);
  const inner = FRAME_W - 2 * FRAME_PAD;
  const w = Math.min(150, (inner - (count - 1) * DEVICE_GAP) / count);
  // Spread across the row: the first at the left edge, the NIC at the right edge.
  const step = count > 1 ? (inner - w) / (count - 1) : 0;
  const at = (i: number) => fx + FRAME_PAD + w / 2 + i * step;
  const beforeNic = ordered.filter((d) => !d.uplink);
  const nic = ordered.filter((d) => d.uplink);
  return {
    devices: [
      ...beforeNic.map((d, i) => ({ ...d, x: at(i), y, w, port: { x: at(i) - w / 2, y } })),
      ...nic.map((d, i) => {
        const cx = at(count - nic.length + i);
        return { ...d, x: cx, y, w, port: { x: cx - w / 2, y } };
      }),
    ],
    processes: processes.map((p, i) => ({ ...p, x: at(beforeNic.length + i), y, w })),
  };
}

export function layoutScene(
  summary: ScenarioSummary,
  expandedNodes: ReadonlySet<string> = new Set(),
): SceneLayout {
  const podsByNode = new Map<string, SummaryPod[]>();
  for (const p of summary.pods) {
    const list = podsByNode.get(p.node);
    // Appended in place: copying the list per pod was quadratic in a node's pods (150,000 in the largest tier).
    if (list) list.push(p);
    else podsByNode.set(p.node, [p]);
  }
  const slots = (name: string) => slotCount(podsByNode.get(name)?.length ?? 0, expandedNodes.has(name));
  const columns = Math.max(1, Math.min(COLUMNS, summary.nodes.length));
  const rows = Math.max(1, Math.ceil(summary.nodes.length / columns));
  const x = scaleBand<number>()
    .domain(range(columns))
    .range([0, columns * (FRAME_W + COLUMN_GAP)])
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
  const frameHeights = rowPodRows.map(
    (podRows) => TITLE_H + podRows * POD_ROW_H + CNI_TO_HOOKS + HOOKS_TO_DEVICES + DEVICE_H + 20,
  );
  const rowTops = frameHeights.map((_, r) =>
    frameHeights.slice(0, r).reduce((sum, h) => sum + h + 2 * LANE_H + UNDER_SEGMENT, 0),
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
      y: fy + TITLE_H + Math.floor(i / PODS_PER_ROW) * POD_ROW_H,
      w: POD_W,
      h: POD_H,
    });
    const ports = (b: Box) => ({
      eth0: { x: b.x + PORT_X, y: b.y + POD_H },
      veth: { x: b.x + PORT_X, y: b.y + POD_H + VETH_DY },
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
    const cniY = fy + TITLE_H + podsH + 4;
    const hookY = cniY + CNI_TO_HOOKS;
    const hookX = scaleBand<HookName>()
      .domain(HOOKS)
      .range([fx + FRAME_PAD, fx + FRAME_W - FRAME_PAD])
      .padding(0.1);
    const hooks = Object.fromEntries(
      HOOKS.map((h) => [h, { x: (hookX(h) ?? 0) + hookX.bandwidth() / 2, y: hookY }]),
    ) as Record<HookName, Point>;
    const devY = hookY + HOOKS_TO_DEVICES;
    const row_ = deviceRow(fx, devY, n.devices ?? [], n.processes ?? []);
    const nicSlot = row_.devices.find((d) => d.uplink);
    const nicX = nicSlot ? nicSlot.x : fx + FRAME_W - FRAME_PAD - 60;
    const nic = nicSlot ? nicSlot.port : { x: nicX, y: devY };
    const tunnelSlot = row_.devices.find((d) => d.tunnel);
    const bridge = n.devices?.find((d) => d.kind === 'bridge')?.name ?? (mine.length > 0 ? 'cni0' : null);
    return {
      name: n.name,
      index,
      internalIP: n.internalIP,
      podCIDR: n.podCIDR,
      x: fx,
      y: fy,
      w: FRAME_W,
      h: frameH,
      pods,
      group,
      expanded: expandedNodes.has(n.name) && isCollapsible(mine.length),
      bridge,
      cni0: { x: fx + FRAME_PAD, y: cniY, w: FRAME_W - 2 * FRAME_PAD },
      hooks,
      devices: row_.devices,
      processes: row_.processes,
      tunnel: tunnelSlot ? tunnelSlot.port : null,
      nic,
      tap: { x: nicX, y: fy + frameH + LANE_H },
      laneAbove: fy - LANE_H / 2,
      laneBelow: fy + frameH + LANE_H / 2,
    };
  });

  const right = columns * (FRAME_W + COLUMN_GAP) - COLUMN_GAP;
  const segments = range(rows).map((r) => ({
    x1: TRUNK_X,
    x2: right + 20,
    y: rowTops[r]! + frameHeights[r]! + LANE_H,
  }));
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const trunk = { x: TRUNK_X, y1: first.y, y2: last.y };
  /** The external client's cable end: its box hangs below it, clear of a packet drawn here. */
  const external = { x: FRAME_PAD + 90, y: first.y + 40 };
  return {
    nodes,
    segments,
    trunk,
    switchAt: { x: external.x, y: first.y },
    external,
    minX: TRUNK_X - 20,
    minY: -LANE_H,
    width: right + 40 - TRUNK_X + 20,
    height: last.y + UNDER_SEGMENT + LANE_H,
  };
}
