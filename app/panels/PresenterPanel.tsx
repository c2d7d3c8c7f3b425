// Presenter mode's side panel: what a lecturer needs projected, in large type. The hop counter and a
// progress bar, the hop's sentence, a NAT rewrite, and only the header fields the hop changed (old → new).
import { useApp } from '../app-context';
import { selectCurrentHop, selectHopCount, selectHopIndex } from '../store/selectors';
import { changedFieldKeys, packetLayers } from './header-layers';
import type { PacketView } from '../../engine/index';

function fieldValues(p: PacketView): Map<string, string> {
  return new Map(packetLayers(p).flatMap((l) => l.fields.map(([f, v]) => [`${l.name}.${f}`, v] as const)));
}

export function PresenterPanel() {
  const hop = useApp(selectCurrentHop);
  const index = useApp(selectHopIndex);
  const count = useApp(selectHopCount);
  if (!hop) return <p className="presenter-why">No packet yet.</p>;
  const before = fieldValues(hop.before);
  const after = fieldValues(hop.packet);
  const changed = [...changedFieldKeys(hop.before, hop.packet)];
  return (
    <div className="presenter-panel" data-testid="presenter-panel">
      <p className="presenter-count">
        Hop {index + 1} of {count}
        <span className="muted"> · {hop.direction}</span>
      </p>
      <progress
        className="presenter-progress"
        max={count}
        value={index + 1}
        aria-label="Progress through the hops"
      />
      <p className="presenter-why">{hop.why}</p>
      {hop.nat && (
        <p className="presenter-nat">
          <strong>{hop.nat.kind}</strong> <s>{hop.nat.from}</s> → {hop.nat.to}
        </p>
      )}
      {changed.length > 0 ? (
        <table className="presenter-changes">
          <caption>Changed in this hop</caption>
          <tbody>
            {changed.map((k) => (
              <tr key={k}>
                <th scope="row">{k.replace('.', ' ')}</th>
                <td>
                  <s>{before.get(k) ?? '–'}</s> → {after.get(k) ?? 'removed'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No header field changes in this hop.</p>
      )}
    </div>
  );
}
