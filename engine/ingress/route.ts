// One HTTP request through ingress-nginx: which server (by SNI for the certificate, by Host for the
// request), which location, and what nginx does there, in the order its phases run: the server's app-root
// `if ($uri = /)` (server rewrite phase), the location's `return` of a redirect annotation and its
// `rewrite … break` (rewrite phase), then Lua's redirect to HTTPS (rewrite_by_lua runs after the rewrite
// module), and finally the default backend or the proxy to an upstream. Choosing the peer is upstream.ts's.
import {
  normalizeHost,
  hostMatches,
  chooseLocation,
  locationMatches,
  locationText,
  nginxUri,
} from './matching';
import { applyRewrite } from './nginx-regex';
import {
  CATCH_ALL,
  type NginxLocation,
  type NginxModel,
  type NginxServer,
  type UpstreamRef,
  needsRewrite,
} from './nginx-servers';

/** The self-signed certificate ingress-nginx serves when no Secret applies (--default-ssl-certificate unset). */
export const FAKE_CERTIFICATE_CN = 'Kubernetes Ingress Controller Fake Certificate';

export interface HttpRequestLine {
  readonly scheme: 'http' | 'https';
  /** The Host header as the client sent it (curl: the URL's host, and `:port` when not the default). */
  readonly host: string;
  readonly path: string;
}

/** Why nginx answered with a redirect itself. */
export type RedirectReason =
  'app-root' | 'permanent-redirect' | 'temporal-redirect' | 'rewrite' | 'ssl-redirect';

/** The `rewrite "(?i)<path>" <target> break;` of the location, and the URI it made. */
export interface RewriteStep {
  readonly directive: string;
  /** The path and arguments nginx sends upstream (proxy_pass without a URI passes the rewritten $uri). */
  readonly path: string;
}

export type RouteAction =
  | {
      readonly kind: 'redirect';
      readonly status: number;
      readonly location: string;
      readonly reason: RedirectReason;
    }
  | { readonly kind: 'default-backend'; readonly status: 404 }
  | {
      readonly kind: 'proxy';
      readonly upstream: UpstreamRef & { readonly kind: 'service' };
      /** The request path sent upstream: the client's, or the rewrite's result. */
      readonly path: string;
      readonly rewrite: RewriteStep | null;
    };

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

/** The server's app-root, if any of its locations has one (the first `if ($uri = /)` written wins). */
function appRootOf(server: NginxServer): string {
  return server.locations.find((l) => l.annotations.appRoot !== '')?.annotations.appRoot ?? '';
}

function splitArgs(path: string): { args: string } {
  const q = path.indexOf('?');
  return { args: q < 0 ? '' : path.slice(q + 1).replace(/#.*$/, '') };
}

export function routeRequest(model: NginxModel, request: HttpRequestLine): RouteDecision {
  const { server, match } = chooseServer(model, request.host);
  const uri = nginxUri(request.path);
  const index = chooseLocation(server.locations, uri);
  // Every server has `location /` (or `~* "^/"`), so something always matches.
  const location = server.locations[index]!;
  // The TLS handshake picks the certificate by SNI (curl sends the URL's host): the server's Secret,
  // or the fake certificate for hosts without one and for the catch-all.
  const sni = request.scheme === 'https' ? chooseServer(model, request.host).server : null;
  const certificate =
    sni === null ? null : sni.tls?.secret ? { secret: sni.tls.secret } : { fake: FAKE_CERTIFICATE_CN };
  const decide = (action: RouteAction): RouteDecision => ({
    server,
    serverMatch: match,
    certificate,
    uri,
    location,
    action,
  });
  const a = location.annotations;
  const appRoot = appRootOf(server);
  // nginx.tmpl: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }` at server level.
  if (appRoot !== '' && uri === '/')
    return decide({
      kind: 'redirect',
      status: 302,
      location: `${request.scheme}://${request.host}${appRoot}`,
      reason: 'app-root',
    });
  // nginx.tmpl: `return <code> <url>;` in the location (redirect.go: temporal before permanent).
  if (a.redirect !== null)
    return decide({
      kind: 'redirect',
      status: a.redirect.code,
      location: a.redirect.url,
      reason: a.redirect.annotation,
    });
  const { args } = splitArgs(request.path);
  let path = args === '' ? uri : `${uri}?${args}`;
  let rewrite: RewriteStep | null = null;
  if (needsRewrite(location) && location.upstream.kind === 'service') {
    const outcome = applyRewrite(location.path, a.rewriteTarget, uri, args);
    const directive = `rewrite "(?i)${location.path}" ${a.rewriteTarget} break;`;
    if (outcome.kind === 'redirect')
      return decide({ kind: 'redirect', status: 302, location: outcome.location, reason: 'rewrite' });
    if (outcome.kind === 'rewritten') {
      path = outcome.args === '' ? outcome.uri : `${outcome.uri}?${outcome.args}`;
      rewrite = { directive, path };
    }
  }
  // lua_ingress.rewrite: redirect_to_https for servers with TLS (ssl-redirect, default true) or with
  // force-ssl-redirect, status 308 (http-redirect-code), to https://$host$request_uri.
  if (request.scheme === 'http' && (a.forceSslRedirect || (a.sslRedirect && server.tls !== null)))
    return decide({
      kind: 'redirect',
      status: 308,
      location: `https://${normalizeHost(request.host)}${request.path}`,
      reason: 'ssl-redirect',
    });
  if (location.upstream.kind === 'default-backend') return decide({ kind: 'default-backend', status: 404 });
  return decide({ kind: 'proxy', upstream: location.upstream, path, rewrite });
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
