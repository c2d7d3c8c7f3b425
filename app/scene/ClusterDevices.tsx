// The static drawing of the cluster: node frames with their pods, veths, cni0, the netfilter hooks,
// flannel.1 and the NIC; the underlay and the external client. Rendered by React only when the cluster
// changes. Names and addresses from the scenario are React text, never HTML.
import { memo, type KeyboardEvent } from 'react';
import type { NodeFrame, PodBox, PodGroup, SceneLayout } from './layout';
import { HOOKS } from './layout';

type ToggleNode = (name: string, expanded: boolean) => void;

/** Wide enough for a CNI host veth name (`veth` + 8 hex digits). */
const VETH_W = 84;

const HOOK_LABEL: Record<(typeof HOOKS)[number], string> = {
  prerouting: 'PREROUTING',
  routing: 'routing',
  input: 'INPUT',
  forward: 'FORWARD',
  output: 'OUTPUT',
  postrouting: 'POSTROUTING',
};

/** Enter and Space press an SVG control as they press a button (WAI-ARIA button pattern). */
function pressKeys(run: () => void) {
  return (e: KeyboardEvent<SVGGElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    // Handled here, so the page's Space shortcut (play/pause) leaves it alone.
    e.preventDefault();
    run();
  };
}

function Pod({ pod, cniY }: { pod: PodBox; cniY: number }) {
  return (
    <g className={`pod${pod.ready ? '' : ' not-ready'}`} data-pod={pod.key}>
      <line className="wire" x1={pod.eth0.x} y1={pod.eth0.y} x2={pod.veth.x} y2={pod.veth.y} />
      <line className="wire" x1={pod.veth.x} y1={pod.veth.y} x2={pod.veth.x} y2={cniY} />
      <rect className="pod-box" x={pod.x} y={pod.y} width={pod.w} height={pod.h} rx={6} />
      <text className="pod-name" x={pod.x + 6} y={pod.y + 15}>
        {pod.name.length > 16 ? `${pod.name.slice(0, 7)}…${pod.name.slice(-7)}` : pod.name}
        <title>{pod.key}</title>
      </text>
      <text className="pod-ip" x={pod.x + 6} y={pod.y + 31}>
        {pod.ip ?? 'no IP'}
        {pod.ready ? '' : ' · not ready'}
      </text>
      <rect className="port" x={pod.eth0.x - 16} y={pod.eth0.y - 9} width={32} height={12} rx={3} />
      <text className="port-label" x={pod.eth0.x} y={pod.eth0.y} textAnchor="middle">
        eth0
      </text>
      <rect
        className="veth"
        x={pod.veth.x - VETH_W / 2}
        y={pod.veth.y - 7}
        width={VETH_W}
        height={14}
        rx={3}
      />
      <text className="port-label" x={pod.veth.x} y={pod.veth.y + 4} textAnchor="middle">
        {pod.hostVeth ?? 'veth'}
      </text>
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
        <text className="pod-name" x={group.x + 8} y={group.y + 22}>
          +{n} pods
        </text>
      </g>
      <text className="pod-ip" x={group.x + 8} y={group.y + 39} aria-hidden="true">
        {group.notReady ? `${group.notReady} not ready` : 'click to show'}
      </text>
      <rect className="port" x={group.eth0.x - 16} y={group.eth0.y - 9} width={32} height={12} rx={3} />
      <text className="port-label" x={group.eth0.x} y={group.eth0.y} textAnchor="middle">
        eth0
      </text>
      <rect
        className="veth"
        x={group.veth.x - VETH_W / 2}
        y={group.veth.y - 7}
        width={VETH_W}
        height={14}
        rx={3}
      />
      <text className="port-label" x={group.veth.x} y={group.veth.y + 4} textAnchor="middle">
        {n} veths
      </text>
    </g>
  );
}

function CollapseControl({ node, onToggle }: { node: NodeFrame; onToggle: ToggleNode }) {
  const x = node.x + node.w - 104;
  const y = node.y + 6;
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
      <rect className="device toggle-ring" x={x} y={y} width={96} height={20} rx={4} />
      <text className="device-label" x={x + 48} y={y + 14} textAnchor="middle">
        collapse pods
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
  const cniMid = node.cni0.x + node.cni0.w / 2;
  return (
    <g
      className={`node${selected ? ' selected' : ''}`}
      data-node={node.name}
      onClick={() => onSelect(node.name)}
    >
      <rect className="node-frame" x={node.x} y={node.y} width={node.w} height={node.h} rx={10} />
      <text className="node-title" x={node.x + 12} y={node.y + 20}>
        {node.name} · {node.internalIP} · pods {node.podCIDR}
      </text>
      {node.expanded && <CollapseControl node={node} onToggle={onToggle} />}
      {node.pods.map((p) => (
        <Pod key={p.key} pod={p} cniY={node.cni0.y} />
      ))}
      {node.group && <Group node={node} group={node.group} onToggle={onToggle} />}
      <rect className="bridge" x={node.cni0.x} y={node.cni0.y - 7} width={node.cni0.w} height={14} rx={4} />
      <text className="device-label" x={cniMid} y={node.cni0.y + 4} textAnchor="middle">
        cni0 (bridge)
      </text>
      <line
        className="wire faint"
        x1={cniMid}
        y1={node.cni0.y + 7}
        x2={cniMid}
        y2={node.hooks.routing.y - 12}
      />
      <line
        className="wire faint"
        x1={node.hooks.prerouting.x}
        y1={node.hooks.prerouting.y}
        x2={node.hooks.postrouting.x}
        y2={node.hooks.postrouting.y}
      />
      {HOOKS.map((h) => (
        <g key={h} className={`hook hook-${h}`}>
          <path
            className="hook-mark"
            d={`M${node.hooks[h].x},${node.hooks[h].y - 10} l10,10 l-10,10 l-10,-10 z`}
          />
          <text className="hook-label" x={node.hooks[h].x} y={node.hooks[h].y + 24} textAnchor="middle">
            {HOOK_LABEL[h]}
          </text>
        </g>
      ))}
      <line className="wire faint" x1={node.flannel.x} y1={node.flannel.y} x2={node.nic.x} y2={node.nic.y} />
      <rect
        className="device"
        x={node.flannel.x - 42}
        y={node.flannel.y - 12}
        width={84}
        height={24}
        rx={5}
      />
      <text className="device-label" x={node.flannel.x} y={node.flannel.y + 4} textAnchor="middle">
        flannel.1
      </text>
      <rect className="device nic" x={node.nic.x - 42} y={node.nic.y - 12} width={84} height={24} rx={5} />
      <text className="device-label" x={node.nic.x} y={node.nic.y + 4} textAnchor="middle">
        eth0 (NIC)
      </text>
      <line className="wire" x1={node.nic.x} y1={node.nic.y + 12} x2={node.tap.x} y2={node.tap.y} />
    </g>
  );
}

export const ClusterDevices = memo(function ClusterDevices({
  layout,
  selectedNode,
  onSelectNode,
  onToggleNode,
}: {
  layout: SceneLayout;
  selectedNode: string | null;
  onSelectNode: (name: string) => void;
  onToggleNode: ToggleNode;
}) {
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
      <text className="device-label" x={layout.switchAt.x + 8} y={layout.switchAt.y + 20}>
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
        x={layout.external.x - 70}
        y={layout.external.y - 22}
        width={110}
        height={44}
        rx={8}
      />
      <text className="device-label" x={layout.external.x - 15} y={layout.external.y + 4} textAnchor="middle">
        external client
      </text>
      {layout.nodes.map((n) => (
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
