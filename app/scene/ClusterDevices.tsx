// The static drawing of the cluster: node frames with their pods, veths, the bridge, the netfilter hooks,
// the node's own devices and processes as the engine's namespace model lists them; the underlay and the
// external client. Rendered by React only when the cluster changes. Names and addresses from the scenario
// are React text, never HTML. Each label carries its level of detail (`lv-*`, level-of-detail.ts).
import { memo, type KeyboardEvent } from 'react';
import type { DeviceSlot, NodeFrame, PodBox, PodGroup, ProcessSlot, SceneLayout } from './layout';
import { DEVICE_H, HOOKS } from './layout';
import { HOOK_LABEL_ABOVE, HOOK_LABEL_BELOW, spineX } from './node-route';

type ToggleNode = (name: string, expanded: boolean) => void;

const HOOK_LABEL: Record<(typeof HOOKS)[number], readonly [full: string, short: string]> = {
  prerouting: ['PREROUTING', 'PRE'],
  routing: ['routing', 'route'],
  input: ['INPUT', 'IN'],
  forward: ['FORWARD', 'FWD'],
  output: ['OUTPUT', 'OUT'],
  postrouting: ['POSTROUTING', 'POST'],
};

/** What a device is, in the words `ip -d link` uses, for the device's tooltip; other kinds by their name. */
const KIND_WORD: Partial<Record<DeviceSlot['kind'], string>> = {
  loopback: 'loopback',
  veth: 'veth',
  bridge: 'bridge',
  vxlan: 'vxlan tunnel',
  ethernet: 'ethernet',
  tun: 'tun device',
  dummy: 'dummy device',
};

/** At most 13 characters, so the far level's grown font still fits the pod box. */
export function shortPodName(name: string): string {
  return name.length > 13 ? `${name.slice(0, 6)}…${name.slice(-6)}` : name;
}

/** Enter and Space press an SVG control as they press a button (WAI-ARIA button pattern). */
function pressKeys(run: () => void) {
  return (e: KeyboardEvent<SVGGElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    // Handled here, so the page's Space shortcut (play/pause) leaves it alone.
    e.preventDefault();
    run();
  };
}

function Ports({ eth0, veth, vethName }: { eth0: PodBox['eth0']; veth: PodBox['veth']; vethName: string }) {
  return (
    <>
      <rect className="port" x={eth0.x - 8} y={eth0.y - 8} width={16} height={16} rx={3} />
      <text className="port-label lv-ports" x={eth0.x + 18} y={eth0.y + 15}>
        eth0
      </text>
      <rect className="veth" x={veth.x - 8} y={veth.y - 8} width={16} height={16} rx={3} />
      <text className="port-label lv-ports" x={veth.x + 18} y={veth.y + 5}>
        {vethName}
      </text>
    </>
  );
}

function Pod({ pod, cniY }: { pod: PodBox; cniY: number }) {
  const address = `${pod.ip ?? 'no IP'}${pod.ready ? '' : ' · not ready'}`;
  return (
    <g className={`pod${pod.ready ? '' : ' not-ready'}`} data-pod={pod.key}>
      {/* The full name as a tooltip, outside the button: axe reads a title inside it as shown text. */}
      <title>{pod.key}</title>
      <line className="wire" x1={pod.eth0.x} y1={pod.eth0.y} x2={pod.veth.x} y2={pod.veth.y} />
      <line className="wire" x1={pod.veth.x} y1={pod.veth.y} x2={pod.veth.x} y2={cniY} />
      {/* Focusable, so a keyboard reaches "how it got its network" too: Enter or Space on a pod offers it as a
          click does (app/cni/PodNetworkStory.tsx listens for both). The button is the box with the text it
          shows, and its name starts with that text (WCAG 2.5.3, label in name); eth0 and the veth are
          drawing outside it. */}
      <g
        className="pod-button"
        role="button"
        tabIndex={0}
        aria-label={`${shortPodName(pod.name)} ${address}: pod ${pod.key}, how it got its network`}
      >
        <rect className="pod-box" x={pod.x} y={pod.y} width={pod.w} height={pod.h} rx={6} />
        <text className="pod-name lv-far" x={pod.x + 10} y={pod.y + 22}>
          {shortPodName(pod.name)}
        </text>
        {/* The leading space is not drawn (SVG strips it) but keeps the button's text "name address", as its
            name reads, where the two lines would otherwise run together. */}
        <text className="pod-ip lv-ports" x={pod.x + 10} y={pod.y + 42}>
          {` ${address}`}
        </text>
      </g>
      <Ports eth0={pod.eth0} veth={pod.veth} vethName={pod.hostVeth ?? 'veth'} />
    </g>
  );
}

/** The pods a collapsed node does not draw: a stacked box that expands them (a button, by keyboard too). */
function Group({ node, group, onToggle }: { node: NodeFrame; group: PodGroup; onToggle: ToggleNode }) {
  const n = group.keys.length;
  // The button is the stacked box; its name starts with the text it shows (WCAG 2.5.3, label in name).
  // The wires and ports around it are drawing, outside the button.
  return (
    <g className="pod-group" data-group={node.name}>
      <line className="wire" x1={group.eth0.x} y1={group.eth0.y} x2={group.veth.x} y2={group.veth.y} />
      <line className="wire" x1={group.veth.x} y1={group.veth.y} x2={group.veth.x} y2={node.cni0.y} />
      <g
        className="pod-toggle"
        role="button"
        tabIndex={0}
        aria-expanded={false}
        aria-label={`+${n} pods on ${node.name}${group.notReady ? `, ${group.notReady} not ready` : ''}: show them`}
        onClick={(e) => {
          e.stopPropagation();
          onToggle(node.name, true);
        }}
        onKeyDown={pressKeys(() => onToggle(node.name, true))}
      >
        <rect
          className="pod-box stacked"
          x={group.x + 6}
          y={group.y - 6}
          width={group.w}
          height={group.h}
          rx={6}
        />
        <rect
          className="pod-box stacked"
          x={group.x + 3}
          y={group.y - 3}
          width={group.w}
          height={group.h}
          rx={6}
        />
        <rect
          className="pod-box toggle-ring"
          x={group.x}
          y={group.y}
          width={group.w}
          height={group.h}
          rx={6}
        />
        <text className="pod-name lv-far" x={group.x + 10} y={group.y + 24}>
          +{n} pods
        </text>
      </g>
      <text className="pod-ip lv-ports" x={group.x + 10} y={group.y + 44} aria-hidden="true">
        {group.notReady ? `${group.notReady} not ready` : 'click to show'}
      </text>
      <Ports eth0={group.eth0} veth={group.veth} vethName={`${n} veths`} />
    </g>
  );
}

function CollapseControl({ node, onToggle }: { node: NodeFrame; onToggle: ToggleNode }) {
  const x = node.x + node.w - 130;
  const y = node.y + 8;
  return (
    <g
      className="pod-toggle"
      role="button"
      tabIndex={0}
      aria-expanded={true}
      aria-label={`Collapse pods of ${node.name}`}
      onClick={(e) => {
        e.stopPropagation();
        onToggle(node.name, false);
      }}
      onKeyDown={pressKeys(() => onToggle(node.name, false))}
    >
      <rect className="device toggle-ring" x={x} y={y} width={120} height={26} rx={4} />
      <text className="device-label lv-mid" x={x + 60} y={y + 18} textAnchor="middle">
        collapse pods
      </text>
    </g>
  );
}

/** First address, and how many more (kube-ipvs0 holds one per Service address). */
function addressLine(addresses: readonly string[]): string {
  if (addresses.length === 0) return 'no address';
  return addresses.length === 1 ? addresses[0]! : `${addresses[0]} +${addresses.length - 1}`;
}

function Device({ device }: { device: DeviceSlot }) {
  const cls = device.uplink ? 'device nic' : device.kind === 'dummy' ? 'device dummy' : 'device';
  return (
    <g className="node-device" data-device={device.name} data-kind={device.kind}>
      <title>
        {`${device.name}: ${device.uplink ? 'the NIC' : (KIND_WORD[device.kind] ?? device.kind)}, mtu ${device.mtu}${
          device.addresses.length ? `, ${device.addresses.join(', ')}` : ''
        }`}
      </title>
      <rect
        className={cls}
        x={device.x - device.w / 2}
        y={device.y - DEVICE_H / 2}
        width={device.w}
        height={DEVICE_H}
        rx={5}
      />
      <text className="device-label lv-mid" x={device.x} y={device.y - 2} textAnchor="middle">
        {device.name}
      </text>
      <text className="device-detail lv-near" x={device.x} y={device.y + 14} textAnchor="middle">
        {addressLine(device.addresses)}
      </text>
    </g>
  );
}

function Process({ process }: { process: ProcessSlot }) {
  return (
    // data-device too: a lesson highlights a process as it does a device (`node-1/flanneld`).
    <g className="node-process" data-process={process.name} data-device={process.name}>
      <title>{`${process.name}: ${process.role}, listening on ${process.listens.join(', ') || 'nothing'}`}</title>
      <rect
        className="process"
        x={process.x - process.w / 2}
        y={process.y - DEVICE_H / 2}
        width={process.w}
        height={DEVICE_H}
        rx={DEVICE_H / 2}
      />
      <text className="device-label lv-mid" x={process.x} y={process.y - 2} textAnchor="middle">
        {process.name}
      </text>
      <text className="device-detail lv-near" x={process.x} y={process.y + 14} textAnchor="middle">
        {process.listens.length === 1 ? process.listens[0] : `${process.listens.length} sockets`}
      </text>
    </g>
  );
}

function NodeDevices({
  node,
  onSelect,
  onToggle,
  selected,
}: {
  node: NodeFrame;
  onSelect: (name: string) => void;
  onToggle: ToggleNode;
  selected: boolean;
}) {
  const spine = spineX(node);
  const first = node.devices[0] ?? node.processes[0];
  const nicX = node.tap.x;
  return (
    <g
      className={`node${selected ? ' selected' : ''}`}
      data-node={node.name}
      onClick={() => onSelect(node.name)}
    >
      <rect className="node-frame" x={node.x} y={node.y} width={node.w} height={node.h} rx={10} />
      <text className="node-title" x={node.x + 14} y={node.y + 28}>
        {node.name}
        <tspan className="node-detail lv-mid">{`  ${node.internalIP} · pods ${node.podCIDR}`}</tspan>
      </text>
      {node.expanded && <CollapseControl node={node} onToggle={onToggle} />}
      {node.pods.map((p) => (
        <Pod key={p.key} pod={p} cniY={node.cni0.y} />
      ))}
      {node.group && <Group node={node} group={node.group} onToggle={onToggle} />}
      {node.bridge && (
        <g className="node-device" data-device={node.bridge} data-kind="bridge">
          <rect
            className="bridge"
            x={node.cni0.x}
            y={node.cni0.y - 13}
            width={node.cni0.w}
            height={26}
            rx={4}
          />
          <text className="device-label lv-mid" x={node.cni0.x + 10} y={node.cni0.y + 6}>
            {node.bridge}
          </text>
        </g>
      )}
      {/* The spine the packet takes between the bridge and the hooks (node-route.ts). */}
      <line
        className="wire faint"
        x1={spine.above}
        y1={node.cni0.y + 13}
        x2={spine.above}
        y2={node.hooks.routing.y}
      />
      <line
        className="wire faint"
        x1={node.hooks.prerouting.x}
        y1={node.hooks.prerouting.y}
        x2={node.hooks.postrouting.x}
        y2={node.hooks.postrouting.y}
      />
      {HOOKS.map((h, i) => {
        const p = node.hooks[h];
        // Alternate labels below and above the markers, so neighbours never touch.
        // Both clear of the ring around the packet's hook (packet-layer.ts) and of the path along the row.
        const y = i % 2 === 0 ? p.y + HOOK_LABEL_BELOW : p.y - HOOK_LABEL_ABOVE;
        return (
          <g key={h} className={`hook hook-${h}`}>
            <path className="hook-mark" d={`M${p.x},${p.y - 11} l11,11 l-11,11 l-11,-11 z`} />
            <text className="hook-label lv-near" x={p.x} y={y} textAnchor="middle">
              {HOOK_LABEL[h][0]}
            </text>
            <text className="hook-label lv-mid-only" x={p.x} y={y} textAnchor="middle">
              {HOOK_LABEL[h][1]}
            </text>
          </g>
        );
      })}
      {first && <line className="wire faint" x1={first.x} y1={node.nic.y} x2={nicX} y2={node.nic.y} />}
      {node.devices.map((d) => (
        <Device key={d.name} device={d} />
      ))}
      {node.processes.map((p) => (
        <Process key={p.name} process={p} />
      ))}
      <line className="wire" x1={nicX} y1={node.nic.y + DEVICE_H / 2} x2={node.tap.x} y2={node.tap.y} />
    </g>
  );
}

export const ClusterDevices = memo(function ClusterDevices({
  layout,
  drawnNodes,
  selectedNode,
  onSelectNode,
  onToggleNode,
}: {
  layout: SceneLayout;
  /** How many of the layout's nodes are drawn so far (progressive-drawing.ts): the rest follow. */
  drawnNodes: number;
  selectedNode: string | null;
  onSelectNode: (name: string) => void;
  onToggleNode: ToggleNode;
}) {
  const first = layout.segments[0]!;
  return (
    <g className="cluster">
      {layout.segments.map((s, i) => (
        <line key={i} className="underlay" x1={s.x1} y1={s.y} x2={s.x2} y2={s.y} />
      ))}
      <line
        className="underlay"
        x1={layout.trunk.x}
        y1={layout.trunk.y1}
        x2={layout.trunk.x}
        y2={layout.trunk.y2}
      />
      <text className="device-label lv-mid" x={first.x2} y={first.y + 40} textAnchor="end">
        underlay (br0, the lab network)
      </text>
      <line
        className="underlay"
        x1={layout.external.x}
        y1={layout.external.y}
        x2={layout.switchAt.x}
        y2={layout.switchAt.y}
      />
      <rect
        className="external"
        x={layout.external.x - 80}
        y={layout.external.y - 24}
        width={160}
        height={48}
        rx={8}
      />
      <text
        className="device-label lv-mid"
        x={layout.external.x}
        y={layout.external.y + 6}
        textAnchor="middle"
      >
        external client
      </text>
      {layout.nodes.slice(0, drawnNodes).map((n) => (
        <NodeDevices
          key={n.name}
          node={n}
          selected={n.name === selectedNode}
          onSelect={onSelectNode}
          onToggle={onToggleNode}
        />
      ))}
    </g>
  );
});
