// "Send 100 connections": how kube-proxy spread them over the endpoints, one bar per endpoint (a D3
// linear scale for the bar lengths), next to the probability written on that endpoint's iptables rule.
import { scaleLinear } from 'd3';
import { useState } from 'react';
import { useApp, useSession } from '../app-context';
import { selectConnections, selectSummary } from '../store/selectors';
import { oddsFor } from './endpoint-odds';

const BAR_W = 160;

export function ConnectionsChart() {
  const session = useSession();
  const connections = useApp(selectConnections);
  const summary = useApp(selectSummary);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    await session.sendConnections(100);
    setBusy(false);
  };
  const total = connections ? Object.values(connections.verdicts).reduce((a, b) => a + b, 0) : 0;
  const x = scaleLinear()
    .domain([0, Math.max(1, total)])
    .range([0, BAR_W]);
  const endpoints = connections?.spread.map((s) => s.endpoint.split(' ').pop() ?? '') ?? [];
  const odds = connections?.iptablesSave ? oddsFor(connections.iptablesSave, endpoints) : new Map();
  return (
    <div className="connections">
      <button type="button" onClick={send} disabled={busy || !summary}>
        Send 100 connections
      </button>
      {connections && (
        <>
          <p data-testid="connection-verdicts">
            {Object.entries(connections.verdicts)
              .map(([v, n]) => `${n} ${v}`)
              .join(', ')}
          </p>
          <table aria-label="Connections per endpoint">
            <thead>
              <tr>
                <th scope="col">endpoint</th>
                <th scope="col">connections</th>
                <th scope="col">rule probability</th>
              </tr>
            </thead>
            <tbody>
              {connections.spread.map((s, i) => {
                const o = odds.get(endpoints[i]!);
                return (
                  <tr key={s.endpoint}>
                    <td>{s.endpoint}</td>
                    <td>
                      <svg width={BAR_W + 40} height={16} aria-hidden="true">
                        <rect className="bar" x={0} y={2} height={12} width={x(s.count)} />
                        <text x={x(s.count) + 4} y={13}>
                          {s.count}
                        </text>
                      </svg>
                      <span className="visually-hidden">{s.count}</span>
                    </td>
                    <td>{o ? `${o.ruleProbability.toFixed(4)} → ${(o.share * 100).toFixed(1)}%` : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
