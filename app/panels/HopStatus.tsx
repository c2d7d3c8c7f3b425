// One sentence about where the packet is, in an aria-live region: screen readers hear each hop, and the
// e2e tests read the same element (its data attributes carry the hop, kind, verdict and delivered pod).
import { useApp } from '../app-context';
import {
  selectCurrentHop,
  selectHopCount,
  selectHopIndex,
  selectPlayState,
  selectTrace,
  selectTraceError,
  selectVerdictSoFar,
} from '../store/selectors';

export function HopStatus() {
  const hop = useApp(selectCurrentHop);
  const index = useApp(selectHopIndex);
  const count = useApp(selectHopCount);
  const verdict = useApp(selectVerdictSoFar);
  const trace = useApp(selectTrace);
  const error = useApp(selectTraceError);
  const state = useApp(selectPlayState);
  const delivered =
    verdict === 'delivered' ? (trace?.deliveredTo?.pod ?? trace?.deliveredTo?.netns ?? '') : '';
  let text = 'No packet yet.';
  if (error) text = `The flow could not be traced: ${error}`;
  else if (hop) {
    const where = hop.node ? `${hop.node}, ${hop.netns}` : hop.netns;
    text = `Hop ${index + 1} of ${count} (${hop.direction}): ${hop.kind} at ${hop.device} in ${where}.`;
    if (verdict === 'delivered' && hop.direction === 'request') text += ` Delivered to ${delivered}.`;
    if (verdict === 'dropped' || verdict === 'rejected')
      text += ` Packet ${verdict}: ${trace?.reason ?? hop.why}`;
    if (state === 'finished' && trace?.reply?.verdict === 'delivered')
      text += ' The reply is back at the client.';
  }
  return (
    <p
      className={`hop-status verdict-${verdict ?? 'pending'}`}
      role="status"
      aria-live="polite"
      data-testid="hop-status"
      data-hop={hop ? index : ''}
      data-kind={hop?.kind ?? ''}
      data-direction={hop?.direction ?? ''}
      data-verdict={verdict ?? ''}
      data-delivered={delivered}
      data-state={state}
    >
      {text}
    </p>
  );
}
