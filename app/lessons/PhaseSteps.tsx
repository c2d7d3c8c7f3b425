// A long trace read as a few parts: a name's DNS queries grouped into one "name resolution" part (each query
// a line inside it), then the connection, with "Skip to the connection". A 435-hop trace to an outside name
// becomes two parts and eight lines instead of 435 steps.
import { useSelector } from '@xstate/react';
import { useApp, useSession } from '../app-context';
import { selectTrace } from '../store/selectors';
import { connectionStart, dnsQueryStarts } from '../dns/played-hops';
import { usePredicting } from './predicting';

export function PhaseSteps() {
  const { playback } = useSession();
  const trace = useApp(selectTrace);
  const hop = useSelector(playback, (s) => s.context.hop);
  // The parts list every query and the second connection: the answers to a lesson's questions.
  const predicting = usePredicting();
  const queries = trace?.dns?.queries ?? [];
  if (predicting || !trace || (queries.length === 0 && !trace.http && !trace.proxy)) return null;
  const starts = dnsQueryStarts(trace);
  const connection = connectionStart(trace);
  const seek = (to: number) => playback.send({ type: 'playback.seek', hop: to });
  const inDns = hop < connection;
  const dnsHops = connection;
  const second = trace.http?.upstreamTrace ?? trace.proxy?.upstreamTrace ?? null;
  return (
    <nav className="phase-steps" aria-label="Parts of this trace">
      <ol>
        {queries.length > 0 && (
          <li aria-current={inDns ? 'step' : undefined}>
            <details open={inDns}>
              <summary>
                Name resolution: {queries.length} {queries.length === 1 ? 'query' : 'queries'} for{' '}
                {trace.dns!.name} ({dnsHops} hops)
              </summary>
              <ol className="dns-query-steps">
                {queries.map((q, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      disabled={starts[i]! < 0}
                      onClick={() => seek(starts[i]!)}
                      aria-current={
                        inDns && hop >= starts[i]! && (i + 1 >= starts.length || hop < starts[i + 1]!)
                          ? 'step'
                          : undefined
                      }
                    >
                      {q.name} {q.type}
                    </button>{' '}
                    → {q.rcode}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        )}
        <li aria-current={!inDns ? 'step' : undefined}>
          {trace.hops.length > 0 ? (
            <>
              Connection ({trace.hops.length} hops){' '}
              {inDns && (
                <button type="button" onClick={() => seek(connection)}>
                  Skip to the connection
                </button>
              )}
            </>
          ) : (
            <>No connection: {trace.reason ?? 'the name did not resolve'}</>
          )}
        </li>
        {second && (
          <li>
            Then {trace.proxy ? 'kube-proxy' : 'the ingress controller'} opens its own connection to the
            backend ({second.hops.length} hops).
          </li>
        )}
      </ol>
    </nav>
  );
}
