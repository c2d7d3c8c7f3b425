// Host and path matching. Two readings of a path rule live here: the API's (the Kubernetes docs'
// element-wise Prefix), and nginx's, which is what ingress-nginx actually runs: `location = /p` for an
// exact path and a plain string-prefix `location /p/` for a prefix (location.go updateServerLocations).
import type { IngressPathType } from '../model/scenario';
import { regexLocationMatches } from './nginx-regex';

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

/**
 * An nginx location: `location = /foo` (exact), `location /foo/` (string prefix), or, in a server where
 * use-regex or rewrite-target is set on any path, `location ~* "^/foo"` (caseless regex, template.go
 * buildLocation with enforceRegex).
 */
export interface LocationMatch {
  readonly exact: boolean;
  readonly path: string;
  readonly regex?: boolean;
}

export function locationText(l: LocationMatch): string {
  if (l.regex) return `location ~* "^${l.path}"`;
  return l.exact ? `location = ${l.path}` : `location ${l.path}`;
}

export function locationMatches(l: LocationMatch, uri: string): boolean {
  if (l.regex) return regexLocationMatches(l.path, uri);
  return l.exact ? uri === l.path : uri.startsWith(l.path);
}

/**
 * nginx's choice among a server's locations (ngx_http_core_find_location): an exact match ends the search;
 * otherwise the longest matching prefix is remembered, then the regex locations are tried in the order
 * they are written and the first match wins; without one, the remembered prefix. Returns the index, or -1.
 */
export function chooseLocation(locations: readonly LocationMatch[], uri: string): number {
  let best = -1;
  for (let i = 0; i < locations.length; i++) {
    const l = locations[i]!;
    if (l.regex || !locationMatches(l, uri)) continue;
    if (l.exact) return i;
    if (best < 0 || l.path.length > locations[best]!.path.length) best = i;
  }
  for (let i = 0; i < locations.length; i++) {
    const l = locations[i]!;
    if (l.regex && locationMatches(l, uri)) return i;
  }
  return best;
}
