// The static drawing of the cluster: node frames with their pods, veths, cni0, the netfilter hooks,
// flannel.1 and the NIC; the underlay and the external client. Rendered by React only when the cluster
// changes. Names and addresses from the scenario are React text, never HTML.
import { memo } from 'react';
import type { SceneLayout, NodeFrame } from './layout';
import { HOOKS } from './layout';

const HOOK_LABEL: Record<(typeof HOOKS)[number], string> = {
  prerouting: 'PREROUTING',
  routing: 'routing',
  input: 'INPUT',
  forward: 'FORWARD',
  output: 'OUTPUT',
  postrouting: 'POSTROUTING',
};

function NodeDevices({
  node,
  onSelect,
  selected,
}: {
  node: NodeFrame;
  onSelect: (name: string) => void;
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
      {node.pods.map((p) => (
        <g key={p.key} className={`pod${p.ready ? '' : ' not-ready'}`} data-pod={p.key}>
          <line className="wire" x1={p.eth0.x} y1={p.eth0.y} x2={p.veth.x} y2={p.veth.y} />
          <line className="wire" x1={p.veth.x} y1={p.veth.y} x2={p.veth.x} y2={node.cni0.y} />
          <rect className="pod-box" x={p.x} y={p.y} width={p.w} height={p.h} rx={6} />
          <text className="pod-name" x={p.x + 6} y={p.y + 15}>
            {p.name.length > 17 ? `${p.name.slice(0, 8)}…${p.name.slice(-8)}` : p.name}
            <title>{p.key}</title>
          </text>
          <text className="pod-ip" x={p.x + 6} y={p.y + 31}>
            {p.ip ?? 'no IP'}
            {p.ready ? '' : ' · not ready'}
          </text>
          <rect className="port" x={p.eth0.x - 16} y={p.eth0.y - 9} width={32} height={12} rx={3} />
          <text className="port-label" x={p.eth0.x} y={p.eth0.y} textAnchor="middle">
            eth0
          </text>
          <rect className="veth" x={p.veth.x - 16} y={p.veth.y - 7} width={32} height={14} rx={3} />
          <text className="port-label" x={p.veth.x} y={p.veth.y + 4} textAnchor="middle">
            veth
          </text>
        </g>
      ))}
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
}: {
  layout: SceneLayout;
  selectedNode: string | null;
  onSelectNode: (name: string) => void;
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
        <NodeDevices key={n.name} node={n} selected={n.name === selectedNode} onSelect={onSelectNode} />
      ))}
    </g>
  );
});
