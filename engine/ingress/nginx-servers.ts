// ingress-nginx's model of the served Ingresses, built as its controller builds it
// (internal/ingress/controller/controller.go createServers, getBackendServers; location.go): Ingresses in
// creation order (document order here), one nginx server per host plus the catch-all `_`, each starting
// with a `/` location to the default backend (or the defining Ingress's defaultBackend); paths merged
// into their host's server, the oldest Ingress winning a (host, path, pathType) conflict; Prefix paths
// normalised to `location /p/` plus an exact `location = /p` unless an Exact `/p` exists (or the path's
// Ingress uses a regex or a rewrite); every location of a server becomes `~* "^p"` once one of them does.
import type { IngressBackend, IngressPathType, IngressSpec } from '../model/scenario';
import { NO_ANNOTATIONS, readLocationAnnotations, type LocationAnnotations } from './annotations';
import type { LocationMatch } from './matching';
import { compileNginxRegex } from './nginx-regex';

export const CATCH_ALL = '_';

export type UpstreamRef =
  | { readonly kind: 'default-backend' }
  | {
      readonly kind: 'service';
      readonly namespace: string;
      readonly service: string;
      readonly port: number | string;
      readonly serviceUpstream: boolean;
    };

export interface NginxLocation extends LocationMatch {
  /** The Ingress path it came from; null for a server's default `/`. */
  readonly ingressPath: string | null;
  readonly pathType: IngressPathType | null;
  /** `namespace/name` of the Ingress, null for the default `/` of the default backend. */
  readonly ingress: string | null;
  readonly upstream: UpstreamRef;
  /** The location nginx adds for a server, not one an Ingress path asked for. */
  readonly isDefaultBackend: boolean;
  /** What the Ingress's annotations make this location do (locationApplyAnnotations). */
  readonly annotations: LocationAnnotations;
}

export interface NginxServer {
  /** The Ingress host (`*.foo.com` stays as written), or `_` for the catch-all. */
  readonly hostname: string;
  readonly locations: NginxLocation[];
  /** The certificate this server presents; null: the default (fake) one, and no redirect to HTTPS. */
  tls: { readonly secret: string | null; readonly ingress: string } | null;
}

/** A path that did not become a location, and why (for the matching table). */
export interface SkippedPath {
  readonly ingress: string;
  readonly host: string;
  readonly path: string;
  readonly pathType: IngressPathType;
  readonly why: string;
}

export interface NginxModel {
  readonly servers: ReadonlyMap<string, NginxServer>;
  readonly skipped: readonly SkippedPath[];
}

function keyOf(i: IngressSpec): string {
  return `${i.namespace}/${i.name}`;
}

const parsed = new WeakMap<IngressSpec, LocationAnnotations>();

function annotationsOf(i: IngressSpec): LocationAnnotations {
  let a = parsed.get(i);
  if (!a) {
    a = readLocationAnnotations(i.annotations);
    parsed.set(i, a);
  }
  return a;
}

function upstreamOf(i: IngressSpec, backend: IngressBackend): UpstreamRef | null {
  if (backend.kind !== 'service') return null;
  return {
    kind: 'service',
    namespace: i.namespace,
    service: backend.service,
    port: backend.port,
    serviceUpstream: annotationsOf(i).serviceUpstream,
  };
}

function rootLocation(
  upstream: UpstreamRef,
  ingress: IngressSpec | null,
  isDefaultBackend: boolean,
): NginxLocation {
  return {
    exact: false,
    path: '/',
    ingressPath: null,
    pathType: null,
    ingress: ingress ? keyOf(ingress) : null,
    upstream,
    isDefaultBackend,
    annotations: ingress ? annotationsOf(ingress) : NO_ANNOTATIONS,
  };
}

export function buildNginxModel(all: readonly IngressSpec[]): NginxModel {
  const served = all.filter((i) => i.served);
  const servers = new Map<string, NginxServer>();
  const skipped: SkippedPath[] = [];
  servers.set(CATCH_ALL, {
    hostname: CATCH_ALL,
    locations: [rootLocation({ kind: 'default-backend' }, null, true)],
    tls: null,
  });

  // createServers: a server per host, its `/` to the default upstream of the Ingress that first names it.
  let catchAllTaken = false;
  for (const ing of served) {
    let un: UpstreamRef = { kind: 'default-backend' };
    const defaultUpstream = ing.defaultBackend ? upstreamOf(ing, ing.defaultBackend) : null;
    if (defaultUpstream) {
      un = defaultUpstream;
      // "Ingress defines a backend but no rule. Using it to configure the catch-all server"
      if (ing.rules.length === 0 && !catchAllTaken) {
        // …keeping the catch-all's own (empty) redirect and rewrite settings (createServers: "Redirect and
        // rewrite can affect the catch all behavior, skip for now").
        servers.get(CATCH_ALL)!.locations[0] = {
          ...rootLocation(un, ing, false),
          annotations: NO_ANNOTATIONS,
        };
        catchAllTaken = true;
      }
    }
    for (const rule of ing.rules) {
      const host = rule.host ?? CATCH_ALL;
      if (servers.has(host)) continue;
      servers.set(host, { hostname: host, locations: [rootLocation(un, ing, true)], tls: null });
    }
    // Every host of an Ingress with a tls section gets a certificate: its secret when the host is listed,
    // else the default one — either way the server has TLS and plain HTTP is redirected.
    if (ing.tls.length > 0) {
      for (const rule of ing.rules) {
        const server = rule.host === null ? undefined : servers.get(rule.host);
        if (!server || server.tls) continue;
        const entry = ing.tls.find((t) => t.hosts.includes(rule.host!));
        server.tls = {
          secret: entry?.secretName ? `${ing.namespace}/${entry.secretName}` : null,
          ingress: keyOf(ing),
        };
      }
    }
  }

  // getBackendServers: the paths, oldest Ingress first.
  for (const ing of served) {
    for (const rule of ing.rules) {
      const host = rule.host ?? CATCH_ALL;
      const server = servers.get(host)!;
      for (const p of rule.paths) {
        const upstream = upstreamOf(ing, p.backend);
        const row = { ingress: keyOf(ing), host, path: p.path, pathType: p.pathType };
        if (!upstream) {
          skipped.push({ ...row, why: 'resource backends are not served by ingress-nginx (only Services)' });
          continue;
        }
        const nginxPath = p.path === '' ? '/' : p.path;
        // The default `/` is a Prefix location: a Prefix (or ImplementationSpecific) `/` takes it over.
        const sameType = (l: NginxLocation) =>
          l.pathType === p.pathType || (l.pathType === null && p.pathType !== 'Exact');
        const existing = server.locations.findIndex(
          (l) => (l.ingressPath ?? l.path) === nginxPath && sameType(l),
        );
        const location: NginxLocation = {
          exact: p.pathType === 'Exact',
          path: nginxPath,
          ingressPath: p.path,
          pathType: p.pathType,
          ingress: keyOf(ing),
          upstream,
          isDefaultBackend: false,
          annotations: annotationsOf(ing),
        };
        if (existing < 0) server.locations.push(location);
        else if (server.locations[existing]!.isDefaultBackend) server.locations[existing] = location;
        else
          skipped.push({
            ...row,
            why: `location already configured by the older Ingress ${server.locations[existing]!.ingress ?? ''}`,
          });
      }
    }
  }

  for (const server of servers.values()) {
    const locations = sortLocations(enforceRegex(updateServerLocations(server.locations), server, skipped));
    server.locations.splice(0, server.locations.length, ...locations);
  }
  return { servers, skipped };
}

/** location.go needsRewrite: a rewrite-target that differs from the path. */
export function needsRewrite(l: NginxLocation): boolean {
  return l.annotations.rewriteTarget !== '' && l.annotations.rewriteTarget !== l.path;
}

/** location.go updateServerLocations. */
function updateServerLocations(locations: readonly NginxLocation[]): NginxLocation[] {
  const exact = new Set(locations.filter((l) => l.pathType === 'Exact').map((l) => l.path));
  const out: NginxLocation[] = [];
  for (const l of locations) {
    // Only Prefix paths change, and not those whose Ingress rewrites or uses regular expressions.
    if (l.path === '/' || l.pathType !== 'Prefix' || needsRewrite(l) || l.annotations.useRegex) {
      out.push(l);
      continue;
    }
    const normalized = l.path.endsWith('/') ? l.path : `${l.path}/`;
    out.push({ ...l, path: normalized });
    // The exact twin keeps the Ingress path as written: `Prefix /foo/` gets `location = /foo/`, so a
    // request for `/foo` is not matched by it (unlike the API docs' table).
    if (!exact.has(l.path)) out.push({ ...l, exact: true, path: l.path });
  }
  return out;
}

/**
 * template.go enforceRegexModifier: use-regex or a rewrite on any location of a server (from any Ingress
 * of that host) writes every location of the server as `~* "^path"`. A path that is not a valid PCRE
 * pattern then fails `nginx -t`; the admission webhook refuses it, so it is left out here.
 */
function enforceRegex(
  locations: NginxLocation[],
  server: NginxServer,
  skipped: SkippedPath[],
): NginxLocation[] {
  if (!locations.some((l) => needsRewrite(l) || l.annotations.useRegex)) return locations;
  const out: NginxLocation[] = [];
  for (const l of locations) {
    const re = compileNginxRegex(`^${l.path}`, true);
    if (typeof re === 'string' && l.ingress !== null && l.pathType !== null) {
      skipped.push({
        ingress: l.ingress,
        host: server.hostname,
        path: l.ingressPath ?? l.path,
        pathType: l.pathType,
        why: `nginx -t fails on location ~* "^${l.path}": ${re}`,
      });
      continue;
    }
    out.push({ ...l, regex: true });
  }
  return out;
}

/**
 * controller.go getBackendServers: locations sorted by path, descending, then (stably) by path length,
 * longest first. Without regex locations nginx does not care; with them this is the order they are tried.
 */
function sortLocations(locations: NginxLocation[]): NginxLocation[] {
  return locations
    .sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0))
    .sort((a, b) => b.path.length - a.path.length);
}
