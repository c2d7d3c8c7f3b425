// A node's kernel state in the real tools' formats: ip addr, ip route, ip neigh, bridge fdb, iptables-save.
import { useState } from 'react';
import { useApp, useSession } from '../app-context';
import { selectInspection, selectSelectedNode, selectSummary } from '../store/selectors';
import { patchSelection } from '../store/store';

const VIEWS = [
  ['ipAddr', 'ip addr'],
  ['ipRoute', 'ip route'],
  ['ipNeigh', 'ip neigh'],
  ['bridgeFdb', 'bridge fdb'],
  ['iptablesSave', 'iptables-save'],
] as const;

export function NodeInspector() {
  const session = useSession();
  const summary = useApp(selectSummary);
  const node = useApp(selectSelectedNode);
  const inspection = useApp(selectInspection);
  const [view, setView] = useState<string>('ip route');
  const current = inspection && inspection.node === node ? inspection : null;
  // The kernel's views, then what the node's kube-proxy mode adds (its nft table, ipvsadm, ip sets).
  const views: { command: string; text: string | null }[] = [
    ...VIEWS.map(([key, command]) => ({ command, text: current?.[key] ?? null })),
    ...(current?.proxyViews ?? []),
  ];
  const shown = views.find((v) => v.command === view) ?? views[1]!;
  return (
    <div className="node-inspector">
      <label>
        Node{' '}
        <select
          value={node ?? ''}
          onChange={(e) => {
            // A change event for the node already shown (scripts can send one) keeps its inspection: no new
            // request would follow, since only a different node asks the engine again.
            const next = e.target.value || null;
            if (next !== node) patchSelection(session.store, { node: next, inspection: null });
          }}
        >
          <option value="">choose a node…</option>
          {summary?.nodes.map((n) => (
            <option key={n.name} value={n.name}>
              {n.name}
            </option>
          ))}
        </select>
      </label>
      <div role="tablist" aria-label="Node command">
        {views.map(({ command }) => (
          <button
            key={command}
            type="button"
            role="tab"
            aria-selected={shown.command === command}
            onClick={() => setView(command)}
          >
            {command}
          </button>
        ))}
      </div>
      <pre
        className="terminal"
        role="tabpanel"
        aria-label={`${shown.command} on ${node ?? 'no node'}`}
        tabIndex={0}
      >
        {current
          ? `$ ${shown.command}\n${shown.text ?? ''}`
          : node
            ? 'loading…'
            : 'Choose a node (or click one in the diagram).'}
      </pre>
    </div>
  );
}
