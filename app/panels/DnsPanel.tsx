// How the name became an address: the resolv.conf the kubelet wrote for the pod, then every question the
// glibc resolver asked in order (search list and ndots:5 at work), with CoreDNS's rcode and answers. Each
// query that crossed the network is a packet exchange; "Show packets" seeks playback to its first hop.
import { useApp, useSession } from '../app-context';
import { dnsQueryStarts } from '../dns/played-hops';
import { selectTrace } from '../store/selectors';
import { Term } from '../glossary/Term';
import { HeldBack, usePredicting } from '../lessons/predicting';

export function DnsPanel() {
  const session = useSession();
  const trace = useApp(selectTrace);
  const dns = trace?.dns;
  const predicting = usePredicting();
  if (!trace) return null;
  if (!dns)
    return (
      <p className="empty">
        This flow names no host, so nothing was resolved. Choose “A name or address…” under To and type a name
        such as <code>web:80</code> to watch the pod’s resolver at work.
      </p>
    );
  const starts = dnsQueryStarts(trace);
  const outcome = dns.failure
    ? `${dns.name} did not resolve: ${dns.failure}.`
    : `${dns.name} resolved as ${dns.resolved ?? dns.name} to ${dns.addresses.join(', ')}${
        dns.source === 'hosts'
          ? ` from /etc/hosts${dns.hostsOrigin === 'hostAliases' ? ' (a spec.hostAliases line)' : ''}, without a query`
          : ''
      }.`;
  return (
    <section className="dns-panel" aria-label="Name resolution">
      {!predicting && <p data-testid="dns-outcome">{outcome}</p>}
      <h3>
        <Term name="resolv.conf">/etc/resolv.conf</Term>
      </h3>
      <pre className="resolv-conf" aria-label="resolv.conf used" tabIndex={0}>
        {dns.resolvConf}
      </pre>
      {predicting ? (
        <HeldBack what="The queries the resolver sent, and their answers," />
      ) : (
        <table aria-label="DNS queries">
          <caption>
            {dns.queries.length} quer{dns.queries.length === 1 ? 'y' : 'ies'}, in the order the resolver sent
            them
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">name</th>
              <th scope="col">type</th>
              <th scope="col">
                <Term>rcode</Term>
              </th>
              <th scope="col">answers</th>
              <th scope="col">packets</th>
            </tr>
          </thead>
          <tbody>
            {dns.queries.map((q, i) => (
              <tr key={`${q.name} ${q.type}`} className={q.rcode === 'NOERROR' ? 'answered' : undefined}>
                <td>{i + 1}</td>
                <td>
                  <code>{q.name}</code>
                </td>
                <td>{q.type}</td>
                <td>{q.rcode}</td>
                <td>
                  {q.answers.length ? (
                    <ul className="answers">
                      {q.answers.map((a) => (
                        <li key={a}>
                          <code>{a.replace(/\t/g, ' ')}</code>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span title={q.by}>none</span>
                  )}
                </td>
                <td>
                  {starts[i]! >= 0 ? (
                    <>
                      <button
                        type="button"
                        className="linklike"
                        onClick={() => session.playback.send({ type: 'playback.seek', hop: starts[i]! })}
                      >
                        Show packets<span className="visually-hidden"> of query {i + 1}</span>
                      </button>{' '}
                      ({q.trace?.verdict ?? 'sent'})
                    </>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
