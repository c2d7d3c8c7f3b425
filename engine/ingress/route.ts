// One HTTP request through ingress-nginx: which server (by SNI for the certificate, by Host for the
// request), which location, and what nginx does there — redirect to HTTPS, answer from the default
// backend, or proxy to an upstream. Choosing the upstream's peer is upstream.ts's job.
import {
  normalizeHost,
  hostMatches,
  chooseLocation,
  locationMatches,
  locationText,
  nginxUri,
} from './matching';
import {
  CATCH_ALL,
  type NginxLocation,
  type NginxModel,
  type NginxServer,
  type UpstreamRef,
} from './nginx-servers';

/** The self-signed certificate ingress-nginx serves when no Secret applies (--default-ssl-certificate unset). */
export const FAKE_CERTIFICATE_CN = 'Kubernetes Ingress Controller Fake Certificate';

export interface HttpRequestLine {
  readonly scheme: 'http' | 'https';
  /** The Host header as the client sent it (curl: the URL's host, and `:port` when not the default). */
  readonly host: string;
  readonly path: string;
}

export type RouteAction =
  | { readonly kind: 'redirect'; readonly status: 308; readonly location: string }
  | { readonly kind: 'default-backend'; readonly status: 404 }
  | { readonly kind: 'proxy'; readonly upstream: UpstreamRef & { readonly kind: 'service' } };

export interface RouteDecision {
  readonly server: NginxServer;
  readonly serverMatch: 'exact' | 'wildcard' | 'catch-all';
  /** https only: the certificate presented for the SNI name. */
  readonly certificate: { readonly secret: string } | { readonly fake: string } | null;
  readonly uri: string;
  readonly location: NginxLocation;
  readonly action: RouteAction;
}

/** nginx's server_name lookup: exact names, then (ingress-nginx's one-label regex) wildcards, then `_`. */
export function chooseServer(
  model: NginxModel,
  host: string,
): { server: NginxServer; match: RouteDecision['serverMatch'] } {
  const name = normalizeHost(host);
  const exact = model.servers.get(name);
  if (exact && name !== CATCH_ALL) return { server: exact, match: 'exact' };
  for (const server of model.servers.values()) {
    if (server.hostname.startsWith('*.') && hostMatches(server.hostname, name))
      return { server, match: 'wildcard' };
  }
  return { server: model.servers.get(CATCH_ALL)!, match: 'catch-all' };
}

export function routeRequest(model: NginxModel, request: HttpRequestLine): RouteDecision {
  const { server, match } = chooseServer(model, request.host);
  const uri = nginxUri(request.path);
  const index = chooseLocation(server.locations, uri);
  // Every server has `location /`, so something always matches.
  const location = server.locations[index]!;
  // The TLS handshake picks the certificate by SNI (curl sends the URL's host): the server's Secret,
  // or the fake certificate for hosts without one and for the catch-all.
  const sni = request.scheme === 'https' ? chooseServer(model, request.host).server : null;
  const certificate =
    sni === null ? null : sni.tls?.secret ? { secret: sni.tls.secret } : { fake: FAKE_CERTIFICATE_CN };
  // nginx.tmpl: `if ($redirect_to_https) { return 308 https://$redirect_host$request_uri; }`, set for
  // locations of servers with TLS (ssl-redirect, default true) or with force-ssl-redirect.
  const redirect =
    request.scheme === 'http' && (location.forceSslRedirect || (location.sslRedirect && server.tls !== null));
  let action: RouteAction;
  if (redirect)
    action = {
      kind: 'redirect',
      status: 308,
      location: `https://${normalizeHost(request.host)}${request.path}`,
    };
  else if (location.upstream.kind === 'default-backend') action = { kind: 'default-backend', status: 404 };
  else action = { kind: 'proxy', upstream: location.upstream };
  return { server, serverMatch: match, certificate, uri, location, action };
}

/** One row of the matching table: a location of any server, and whether it decided this request. */
export interface MatchRow {
  readonly server: string;
  readonly ingress: string | null;
  readonly host: string;
  readonly path: string | null;
  readonly pathType: string | null;
  readonly location: string;
  readonly backend: string;
  readonly hostMatches: boolean;
  readonly pathMatches: boolean;
  readonly winner: boolean;
  readonly note?: string;
}

export function upstreamText(u: UpstreamRef): string {
  return u.kind === 'default-backend'
    ? 'upstream-default-backend (404)'
    : `${u.namespace}/${u.service}:${u.port}${u.serviceUpstream ? ' (service-upstream)' : ''}`;
}

export function matchingTable(model: NginxModel, decision: RouteDecision): MatchRow[] {
  const rows: MatchRow[] = [];
  for (const server of model.servers.values()) {
    const hostHit = server === decision.server;
    for (const l of server.locations) {
      rows.push({
        server: server.hostname,
        ingress: l.ingress,
        host: server.hostname === CATCH_ALL ? '*' : server.hostname,
        path: l.ingressPath,
        pathType: l.pathType,
        location: locationText(l),
        backend: upstreamText(l.upstream),
        hostMatches: hostHit,
        pathMatches: locationMatches(l, decision.uri),
        winner: l === decision.location,
        ...(l.isDefaultBackend && { note: 'added by ingress-nginx for every server' }),
      });
    }
  }
  for (const s of model.skipped) {
    rows.push({
      server: s.host,
      ingress: s.ingress,
      host: s.host === CATCH_ALL ? '*' : s.host,
      path: s.path,
      pathType: s.pathType,
      location: '-',
      backend: '-',
      hostMatches: false,
      pathMatches: false,
      winner: false,
      note: s.why,
    });
  }
  return rows;
}
