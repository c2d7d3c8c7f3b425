// "Send 100 connections": how kube-proxy spread them over the endpoints, one bar per endpoint (a D3
// linear scale for the bar lengths), next to the probability written on that endpoint's iptables rule.
import { scaleLinear } from 'd3';
import { useState } from 'react';
import { useApp, useSession } from '../app-context';
import { selectConnections, selectSummary } from '../store/selectors';
import { oddsFor, type EndpointOdds } from './endpoint-odds';

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
  const endpointOf = (label: string) => label.split(' ').pop() ?? '';
  const odds = connections?.iptablesSave
    ? oddsFor(
        connections.iptablesSave,
        connections.spread.map((s) => endpointOf(s.endpoint)),
      )
    : new Map<string, EndpointOdds>();
  // Rows in the order kube-proxy tries the endpoints, so the probabilities read 1/n, 1/(n−1), … 1.
  const position = (label: string) => {
    const i = [...odds.keys()].indexOf(endpointOf(label));
    return i < 0 ? odds.size : i;
  };
  const rows = connections
    ? [...connections.spread].sort((a, b) => position(a.endpoint) - position(b.endpoint))
    : [];
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
                <th scope="col">rule probability → share</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => {
                const o = odds.get(endpointOf(s.endpoint));
                return (
                  <tr key={s.endpoint}>
                    <td>{s.endpoint}</td>
                    <td className="count">
                      <svg width={BAR_W} height={16} aria-hidden="true">
                        <rect className="bar" x={0} y={2} height={12} width={x(s.count)} />
                      </svg>{' '}
                      <span data-testid="endpoint-count">{s.count}</span>
                    </td>
                    <td data-testid="endpoint-odds">
                      {o ? `${o.ruleProbability.toFixed(4)} → ${(o.share * 100).toFixed(1)}%` : '–'}
                    </td>
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
