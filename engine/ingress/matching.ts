// Host and path matching. Two readings of a path rule live here: the API's (the Kubernetes docs'
// element-wise Prefix), and nginx's, which is what ingress-nginx actually runs: `location = /p` for an
// exact path and a plain string-prefix `location /p/` for a prefix (location.go updateServerLocations).
import type { IngressPathType } from '../model/scenario';

/** The Host header as nginx compares it to server_name: lower case, without the port. */
export function normalizeHost(host: string): string {
  const bare = host.startsWith('[') ? host : host.replace(/:\d*$/, '');
  return bare.replace(/\.$/, '').toLowerCase();
}

/**
 * An Ingress host against a request's host. `*.foo.com` covers exactly one label: ingress-nginx writes it
 * as `server_name ~^(?<subdomain>[\w-]+)\.foo\.com$` (buildServerName), unlike plain nginx's `*.foo.com`.
 */
export function hostMatches(ruleHost: string, requestHost: string): boolean {
  const host = normalizeHost(requestHost);
  if (!ruleHost.startsWith('*.')) return ruleHost === host;
  const dot = host.indexOf('.');
  return dot > 0 && /^[\w-]+$/.test(host.slice(0, dot)) && host.slice(dot + 1) === ruleHost.slice(2);
}

function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/**
 * The API's definition (ingress.md "Path types"): Exact compares whole strings; Prefix compares path
 * elements split by `/`, so `/aaa/bbb` matches `/aaa/bbb/ccc` but not `/aaa/bbbxyz`, and trailing slashes
 * are ignored. ImplementationSpecific is read as ingress-nginx reads it, a string prefix.
 */
export function specPathMatches(pathType: IngressPathType, path: string, requestPath: string): boolean {
  if (pathType === 'Exact') return path === requestPath;
  if (pathType === 'ImplementationSpecific') return requestPath.startsWith(path === '' ? '/' : path);
  const want = elements(path);
  const got = elements(requestPath);
  return want.length <= got.length && want.every((e, i) => e === got[i]);
}

/** The request path nginx matches locations against ($uri): merge_slashes is on by default. */
export function nginxUri(path: string): string {
  const p = path.replace(/[?#].*$/, '').replace(/\/{2,}/g, '/');
  return p.startsWith('/') ? p : `/${p}`;
}

/** An nginx location: `location = /foo` (exact) or `location /foo/` (string prefix). */
export interface LocationMatch {
  readonly exact: boolean;
  readonly path: string;
}

export function locationText(l: LocationMatch): string {
  return l.exact ? `location = ${l.path}` : `location ${l.path}`;
}

export function locationMatches(l: LocationMatch, uri: string): boolean {
  return l.exact ? uri === l.path : uri.startsWith(l.path);
}

/**
 * nginx's choice among a server's locations (ngx_http_core_find_location, no regex locations): an exact
 * match ends the search; otherwise the longest matching prefix wins. Returns the index, or -1.
 */
export function chooseLocation(locations: readonly LocationMatch[], uri: string): number {
  let best = -1;
  for (let i = 0; i < locations.length; i++) {
    const l = locations[i]!;
    if (!locationMatches(l, uri)) continue;
    if (l.exact) return i;
    if (best < 0 || l.path.length > locations[best]!.path.length) best = i;
  }
  return best;
}
