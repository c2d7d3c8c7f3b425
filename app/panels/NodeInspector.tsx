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
  const [view, setView] = useState<(typeof VIEWS)[number][0]>('ipRoute');
  return (
    <div className="node-inspector">
      <label>
        Node{' '}
        <select
          value={node ?? ''}
          onChange={(e) => patchSelection(session.store, { node: e.target.value || null, inspection: null })}
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
        {VIEWS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={view === key}
            onClick={() => setView(key)}
          >
            {label}
          </button>
        ))}
      </div>
      <pre
        className="terminal"
        role="tabpanel"
        aria-label={`${VIEWS.find(([k]) => k === view)?.[1]} on ${node ?? 'no node'}`}
        tabIndex={0}
      >
        {inspection && inspection.node === node
          ? `$ ${VIEWS.find(([k]) => k === view)?.[1]}\n${inspection[view]}`
          : node
            ? 'loading…'
            : 'Choose a node (or click one in the diagram).'}
      </pre>
    </div>
  );
}
