// What ingress-nginx did with an HTTP request (issue 5): the request line and headers, which nginx server
// (host) took it, every location of that server checked against the path with the winning rule marked,
// the upstream peer chosen, the status, and the headers the controller added towards the backend.
import { useApp } from '../app-context';
import { selectTrace } from '../store/selectors';
import { Term } from '../glossary/Term';
import { HeldBack, usePredicting } from '../lessons/predicting';

function Headers({ label, headers }: { label: string; headers: Readonly<Record<string, string>> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <table aria-label={label} className="http-headers">
      <caption>{label}</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HttpPanel() {
  const trace = useApp(selectTrace);
  const predicting = usePredicting();
  if (!trace) return null;
  const http = trace.http;
  if (!http)
    return (
      <p className="empty">
        This flow is not an HTTP request through an Ingress. From an external client, send to a URL such as{' '}
        <code>http://shop.example.com/cart</code> in a scenario with an Ingress to see ingress-nginx decide.
      </p>
    );
  if (predicting) return <HeldBack what="The Ingress rule that matched, the backend and the status" />;
  const r = http.request;
  return (
    <section className="http-panel" aria-label="HTTP through the ingress controller">
      <p data-testid="http-status">
        {r.method} {r.scheme}://{r.host}
        {r.path} → <strong>{http.status ?? 'no response'}</strong>
        {http.statusText ? ` ${http.statusText}` : ''}
      </p>
      <p>{http.why}</p>
      <dl className="http-facts">
        <dt>reached</dt>
        <dd>
          {http.connect.address}:{http.connect.port} ({http.connect.via})
          {http.controller ? `, controller pod ${http.controller}` : ''}
        </dd>
        {http.tls && (
          <>
            <dt>
              <Term>TLS</Term>
            </dt>
            <dd>
              SNI {http.tls.sni}: {http.tls.certificate}
            </dd>
          </>
        )}
        <dt>
          <Term>nginx server</Term>
        </dt>
        <dd>{http.server ?? '(none)'}</dd>
        {http.upstream && (
          <>
            <dt>
              <Term>upstream</Term>
            </dt>
            <dd>
              {http.upstream.name}: {http.upstream.chosen ?? 'no peer'}
              {http.upstream.pod ? ` (pod ${http.upstream.pod})` : ''}
              {http.upstream.serviceUpstream
                ? ', via the ClusterIP (service-upstream)'
                : ', straight to the pod'}
            </dd>
            <dt>request upstream</dt>
            <dd data-testid="http-upstream-request">
              GET {http.upstream.path}
              {http.upstream.rewrite ? (
                <>
                  {' '}
                  (<code>{http.upstream.rewrite}</code>)
                </>
              ) : (
                ''
              )}
            </dd>
          </>
        )}
      </dl>
      <table aria-label="Ingress matching table" className="http-rules">
        <caption>Every nginx server (host) and location, checked against the request</caption>
        <thead>
          <tr>
            <th scope="col">
              Ingress rule (host, path, <Term>pathType</Term>)
            </th>
            <th scope="col">
              <Term>nginx location</Term>
            </th>
            <th scope="col">
              <Term>backend</Term> (<Term>Ingress</Term>)
            </th>
            <th scope="col">result</th>
          </tr>
        </thead>
        <tbody>
          {http.rules.map((row, i) => (
            <tr
              key={i}
              className={row.winner ? 'winner' : undefined}
              aria-current={row.winner ? 'true' : undefined}
            >
              <td>
                {row.host} {row.path ?? '(default)'}
                {row.pathType ? ` (${row.pathType})` : ''}
              </td>
              <td>
                <code>{row.location}</code>
              </td>
              <td>
                {row.backend}
                {row.ingress ? ` (${row.ingress})` : ''}
              </td>
              <td>
                {row.winner
                  ? 'chosen'
                  : !row.hostMatches
                    ? 'host differs'
                    : row.pathMatches
                      ? 'matches, not chosen'
                      : 'path differs'}
                {row.note ? ` (${row.note})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Headers label="Request headers" headers={r.headers} />
      <Headers label="Headers added towards the backend" headers={http.upstream?.headers ?? {}} />
      <Headers label="Response headers" headers={http.responseHeaders} />
    </section>
  );
}
