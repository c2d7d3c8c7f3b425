// One sentence about where the packet is, in an aria-live region: screen readers hear each hop, and the
// e2e tests read the same element (its data attributes carry the hop, kind, verdict and delivered pod).
import type { TraceJson } from '../../engine';
import { useApp, usePlayback } from '../app-context';
import { selectPlayState } from '../machines/playback';
import { phaseLabel, upstreamLeg } from '../dns/played-hops';
import {
  selectCurrentHop,
  selectHopCount,
  selectHopIndex,
  selectScenarioInvalid,
  selectTrace,
  selectTraceError,
  selectVerdictSoFar,
} from '../store/selectors';
import { usePredicting } from '../lessons/predicting';

/**
 * The engine words its refusals for the command line (`--from pod/default/client: no pod …`); the page
 * names the field instead.
 */
export function plainTraceError(message: string): string {
  return message.replace(/^--(from|to) (\S+): /, (_, flag: string, spec: string) =>
    flag === 'from' ? `the source ${spec}: ` : `the destination ${spec}: `,
  );
}

const BACK_AT_CLIENT: Record<NonNullable<TraceJson['reply']>['kind'], string> = {
  answer: 'The reply is back at the client.',
  'tcp-reset': 'The TCP reset is back at the client: connection refused.',
  'icmp-error': 'The ICMP error is back at the client: the connection is refused.',
};

export function HopStatus() {
  const hop = useApp(selectCurrentHop);
  const index = useApp(selectHopIndex);
  const count = useApp(selectHopCount);
  const verdict = useApp(selectVerdictSoFar);
  const trace = useApp(selectTrace);
  const error = useApp(selectTraceError);
  const state = usePlayback(selectPlayState);
  const invalid = useApp(selectScenarioInvalid);
  // "DNS query 1 of 8: <name>" answers a lesson's DNS questions; it waits for the student's choice.
  const predicting = usePredicting();
  const delivered =
    verdict === 'delivered' ? (trace?.deliveredTo?.pod ?? trace?.deliveredTo?.netns ?? '') : '';
  let text = 'No packet yet.';
  if (invalid) text = 'No packet: the scenario has errors. Fix them in the Scenario tab to trace again.';
  else if (error) text = `The flow could not be traced: ${plainTraceError(error)}`;
  else if (hop) {
    // A node's root namespace is `node/<name>`: naming both would say the node twice.
    const where = !hop.node
      ? hop.netns
      : hop.netns === `node/${hop.node}`
        ? `${hop.node}'s host namespace`
        : `${hop.node}, ${hop.netns}`;
    text = `Hop ${index + 1} of ${count} (${hop.direction}): ${hop.kind} at ${hop.device} in ${where}.`;
    if (hop.phase.kind === 'upstream' || (hop.phase.kind === 'dns' && !predicting))
      text = `${phaseLabel(hop.phase)}. ${text}`;
    if (hop.phase.kind === 'upstream') {
      const leg = upstreamLeg(trace!)?.trace;
      if (hop.kind === 'deliver' && hop.direction === 'request' && leg?.deliveredTo)
        text += ` Delivered to ${leg.deliveredTo.pod ?? leg.deliveredTo.netns}.`;
    } else if (verdict === 'delivered' && hop.direction === 'request') text += ` Delivered to ${delivered}.`;
    if (verdict === 'dropped' || verdict === 'rejected')
      text += ` Packet ${verdict}: ${trace?.reason ?? hop.why}`;
    if (state === 'finished' && trace?.reply?.verdict === 'delivered')
      text += ` ${BACK_AT_CLIENT[trace.reply.kind]}`;
  }
  return (
    <p
      className={`hop-status verdict-${verdict ?? 'pending'}`}
      role="status"
      aria-live="polite"
      data-testid="hop-status"
      data-hop={hop ? index : ''}
      data-kind={hop?.kind ?? ''}
      data-phase={hop?.phase.kind ?? ''}
      data-direction={hop?.direction ?? ''}
      data-verdict={verdict ?? ''}
      data-delivered={delivered}
      data-state={state}
      data-reply-kind={trace?.reply?.kind ?? ''}
    >
      {text}
    </p>
  );
}
