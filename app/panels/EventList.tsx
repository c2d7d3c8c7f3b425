// Packet Tracer's event list: every hop of the trace, filterable by kind; choosing one seeks to it.
import { useMemo } from 'react';
import { HOP_KINDS, type HopKind } from '../../engine';
import { useApp, useSession } from '../app-context';
import { phaseLabel } from '../dns/played-hops';
import { selectEventKinds, selectHopIndex, selectPlayedHops, selectTrace } from '../store/selectors';
import { isRefusal } from '../scene/packet-view';
import { patchSelection } from '../store/store';
import { packetSummary, replyLegSentence } from '../trace-view/refusal';
import { Term } from '../glossary/Term';

export function EventList() {
  const session = useSession();
  const trace = useApp(selectTrace);
  const hops = useApp(selectPlayedHops);
  const current = useApp(selectHopIndex);
  const kinds = useApp(selectEventKinds);
  const present = useMemo(() => HOP_KINDS.filter((k) => hops.some((h) => h.kind === k)), [hops]);
  const named = trace?.dns !== undefined;
  const toggle = (k: HopKind) => {
    const next = new Set(kinds ?? present);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    patchSelection(session.store, { eventKinds: next.size === present.length ? null : next });
  };
  if (!trace) return null;
  const leg = replyLegSentence(trace);
  return (
    <div className="event-list">
      <p className="verdict-line" data-testid="event-verdict">
        Request {trace.verdict}
        {trace.reason ? `: ${trace.reason}` : '.'}
      </p>
      {leg && (
        <p
          className={trace.reply?.kind === 'answer' ? 'reply-leg' : 'reply-leg refusal'}
          data-testid="event-reply-leg"
          data-kind={trace.reply?.kind}
        >
          {leg}
        </p>
      )}
      <fieldset className="kind-filter">
        <legend>Show kinds</legend>
        {present.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={!kinds || kinds.has(k)} onChange={() => toggle(k)} /> {k}
          </label>
        ))}
      </fieldset>
      <table aria-label="Events">
        <thead>
          <tr>
            <th scope="col">#</th>
            {named && <th scope="col">part</th>}
            <th scope="col">dir</th>
            <th scope="col">
              <Term name="hop">kind</Term>
            </th>
            <th scope="col">where</th>
            <th scope="col">packet</th>
          </tr>
        </thead>
        <tbody>
          {hops
            .filter((h) => !kinds || kinds.has(h.kind))
            .map((h) => (
              <tr
                key={h.index}
                className={`${h.index === current ? 'current' : ''} kind-${h.kind}${isRefusal(h) ? ' refusal' : ''} phase-${h.phase.kind}`}
                aria-current={h.index === current ? 'step' : undefined}
              >
                <td>
                  <button
                    type="button"
                    className="linklike"
                    onClick={() => session.playback.send({ type: 'playback.seek', hop: h.index })}
                  >
                    {h.index + 1}
                  </button>
                </td>
                {named && <td>{phaseLabel(h.phase)}</td>}
                <td>{h.direction}</td>
                <td>{h.kind}</td>
                <td>
                  {h.netns} {h.device}
                </td>
                <td>{packetSummary(h.packet)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
