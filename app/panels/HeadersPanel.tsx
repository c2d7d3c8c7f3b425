// Inbound and outbound headers of the current hop, per layer, with changed fields highlighted, and the
// hop's sentence of why (plus the route / neighbour / FDB / conntrack entry it used).
import { useApp } from '../app-context';
import { isRefusal } from '../scene/packet-view';
import { selectCurrentHop, selectCurrentLegTrace } from '../store/selectors';
import { replyLegSentence } from '../trace-view/refusal';
import { changedFieldKeys, packetLayers, type Layer } from './header-layers';
import { Term } from '../glossary/Term';

function LayerTable({ title, layers, changed }: { title: string; layers: Layer[]; changed: Set<string> }) {
  return (
    <div className="layers">
      <h4>{title}</h4>
      {layers.map((l) => (
        <table key={l.name} className="layer">
          <caption>
            <Term>{l.name}</Term>
          </caption>
          <tbody>
            {l.fields.map(([f, v]) => {
              const isChanged = changed.has(`${l.name}.${f}`);
              return (
                <tr key={f} className={isChanged ? 'changed' : undefined}>
                  <th scope="row">{f}</th>
                  <td>
                    {v}
                    {isChanged && <span className="visually-hidden"> (changed)</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}

export function HeadersPanel() {
  const hop = useApp(selectCurrentHop);
  const trace = useApp(selectCurrentLegTrace);
  if (!hop) return <p className="empty">No hop selected.</p>;
  const leg = hop.direction === 'reply' && trace ? replyLegSentence(trace) : null;
  const changed = changedFieldKeys(hop.before, hop.packet);
  const facts: [string, string | undefined][] = [
    ['route', hop.route],
    ['neighbour', hop.neighbour],
    ['fdb', hop.fdb],
    ['conntrack', hop.conntrack],
  ];
  return (
    <div className="headers-panel">
      {leg && (
        <p
          className={isRefusal(hop) ? 'reply-leg refusal' : 'reply-leg'}
          data-testid="reply-leg"
          data-kind={trace?.reply?.kind}
        >
          {leg}
        </p>
      )}
      <p className="why" data-testid="why">
        {hop.why}
      </p>
      {hop.nat && (
        <p className="nat" data-testid="nat">
          <strong>{hop.nat.kind}</strong> <s>{hop.nat.from}</s> → {hop.nat.to}
        </p>
      )}
      <dl className="facts">
        {facts
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => (
            <div key={k}>
              <dt>
                <Term>{k}</Term>
              </dt>
              <dd>
                <code>{v}</code>
              </dd>
            </div>
          ))}
      </dl>
      <div className="inout">
        <LayerTable title="Inbound" layers={packetLayers(hop.before)} changed={new Set()} />
        <LayerTable title="Outbound" layers={packetLayers(hop.packet)} changed={changed} />
      </div>
    </div>
  );
}
