// `podpath ls`: what a built cluster holds, under the names the other commands take — nodes (for
// node/NAME), pods with the names their Deployments gave them (for pod/NS/NAME), and Services with their
// endpoints (for svc/NS/NAME:PORT). The table reads like `kubectl get -A -o wide`; `--json` is the same
// listing as data (schema podpath.ls/v1, docs/ls-schema.md). Both are sorted by namespace and name, the
// order the API server lists objects in (by their etcd key), so the same file always prints the same bytes.
import type { Cluster } from '../cluster/cluster';
import type { EndpointSliceSpec, ServiceSpec } from '../model/scenario';
import { type LoadBalancerIngress, publishedIngressStatus } from '../ingress/status-address';
import { formatCidr, formatIpv4 } from '../net/ipv4';

export const LS_SCHEMA = 'podpath.ls/v1';

export interface LsNode {
  readonly name: string;
  readonly internalIP: string;
  readonly podCIDR: string;
  readonly taints: readonly { readonly key: string; readonly value: string; readonly effect: string }[];
}

export interface LsPod {
  readonly namespace: string;
  readonly name: string;
  /** The pod's address (the node's own for a hostNetwork pod); null when its sandbox got none. */
  readonly ip: string | null;
  readonly node: string;
  readonly hostNetwork: boolean;
  /** The Deployment that made it (`namespace/name`), null for a pod written as a Pod. */
  readonly owner: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly {
    readonly name: string | null;
    readonly port: number;
    readonly protocol: string;
  }[];
}

export interface LsEndpoint {
  /** addresses[0]: the one kube-proxy uses. */
  readonly ip: string;
  readonly ports: readonly {
    readonly name: string | null;
    readonly port: number | null;
    readonly protocol: string;
  }[];
  /** The conditions as kube-proxy reads them: unset ready and serving mean true, unset terminating false. */
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly node: string | null;
  readonly pod: string | null;
}

export interface LsService {
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  /** null for a headless or ExternalName Service. */
  readonly clusterIP: string | null;
  readonly ports: readonly {
    readonly name: string | null;
    readonly port: number;
    readonly protocol: string;
    readonly targetPort: number | string;
    readonly nodePort: number | null;
  }[];
  readonly endpoints: readonly LsEndpoint[];
}

export interface LsIngress {
  readonly namespace: string;
  readonly name: string;
  /** spec.ingressClassName after admission; null when none. */
  readonly className: string | null;
  readonly hosts: readonly string[];
  readonly tls: boolean;
  /** Whether the simulated ingress-nginx controller serves it. */
  readonly served: boolean;
  /** status.loadBalancer.ingress: what the controller publishes for a served Ingress, else the file's. */
  readonly address: readonly LoadBalancerIngress[];
}

export interface LsJson {
  readonly schema: typeof LS_SCHEMA;
  readonly nodes: readonly LsNode[];
  readonly pods: readonly LsPod[];
  readonly services: readonly LsService[];
  readonly ingresses: readonly LsIngress[];
}

/** Code-unit order, not the locale's: the same on every machine. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byKey(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return byText(a.namespace, b.namespace) || byText(a.name, b.name);
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byText(a, b)));
}

function endpointsOf(service: ServiceSpec, slices: readonly EndpointSliceSpec[]): LsEndpoint[] {
  const out: LsEndpoint[] = [];
  for (const slice of slices) {
    if (slice.namespace !== service.namespace || slice.serviceName !== service.name) continue;
    if (slice.addressType !== 'IPv4') continue;
    const ports = slice.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol }));
    for (const e of slice.endpoints) {
      const ip = e.addresses[0];
      if (ip === undefined) continue;
      const ready = e.conditions.ready !== false;
      out.push({
        ip: formatIpv4(ip),
        ports,
        ready,
        serving: e.conditions.serving ?? ready,
        terminating: e.conditions.terminating === true,
        node: e.nodeName,
        pod: e.targetPod,
      });
    }
  }
  return out;
}

export function listCluster(cluster: Cluster): LsJson {
  const s = cluster.scenario;
  const nodes = [...s.nodes]
    .sort((a, b) => byText(a.name, b.name))
    .map((n) => ({
      name: n.name,
      internalIP: formatIpv4(n.internalIP),
      podCIDR: formatCidr(n.podCIDR),
      taints: n.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
    }));
  const pods = [...s.pods].sort(byKey).map((p) => {
    const ip = cluster.podIP(`${p.namespace}/${p.name}`);
    return {
      namespace: p.namespace,
      name: p.name,
      ip: ip === undefined ? null : formatIpv4(ip),
      node: p.nodeName,
      hostNetwork: p.hostNetwork,
      owner: p.ownerDeployment,
      labels: sortedRecord(p.labels),
      ports: p.ports.map((c) => ({ name: c.name, port: c.containerPort, protocol: c.protocol })),
    };
  });
  const services = [...s.services].sort(byKey).map((svc) => ({
    namespace: svc.namespace,
    name: svc.name,
    type: svc.type,
    clusterIP: svc.clusterIP === null ? null : formatIpv4(svc.clusterIP),
    ports: svc.ports.map((p) => ({
      name: p.name,
      port: p.port,
      protocol: p.protocol,
      targetPort: p.targetPort,
      nodePort: p.nodePort === 0 ? null : p.nodePort,
    })),
    endpoints: endpointsOf(svc, cluster.endpointSlices),
  }));
  const published = publishedIngressStatus(s);
  const ingresses = [...(s.ingress?.ingresses ?? [])].sort(byKey).map((ing) => ({
    namespace: ing.namespace,
    name: ing.name,
    className: ing.className,
    hosts: ing.rules.flatMap((r) => (r.host === null ? [] : [r.host])),
    tls: ing.tls.length > 0,
    served: ing.served,
    address:
      ing.served && published !== null
        ? published.addresses
        : ing.loadBalancerIPs.map((ip) => ({ ip: formatIpv4(ip), hostname: '' })),
  }));
  return { schema: LS_SCHEMA, nodes, pods, services, ingresses };
}

// ---- the table ------------------------------------------------------------------------------------

/** kubectl's printer: left-aligned columns three spaces apart (a tabwriter with padding 3), no trailing blanks. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

const NONE = '<none>';

function orNone(items: readonly string[]): string {
  return items.length === 0 ? NONE : items.join(',');
}

/** `kubectl get svc`'s PORT(S): 80/TCP, or 80:30080/TCP with a node port. */
function servicePorts(svc: LsService): string {
  return orNone(
    svc.ports.map((p) => `${p.port}${p.nodePort === null ? '' : `:${p.nodePort}`}/${p.protocol}`),
  );
}

/**
 * `kubectl get endpoints`' ENDPOINTS: the ready addresses, port by port within each set of endpoints that
 * share their ports (an Endpoints subset, a slice here), the first three, then "+ N more...". kubectl shows
 * only ready addresses, as an Endpoints object's `addresses` hold only those.
 */
function endpointList(svc: LsService): string {
  const subsets = new Map<LsEndpoint['ports'], LsEndpoint[]>();
  for (const e of svc.endpoints) {
    if (!e.ready) continue;
    const list = subsets.get(e.ports);
    if (list) list.push(e);
    else subsets.set(e.ports, [e]);
  }
  const all: string[] = [];
  for (const [ports, endpoints] of subsets) {
    if (ports.length === 0) all.push(...endpoints.map((e) => e.ip));
    for (const p of ports) all.push(...endpoints.map((e) => (p.port === null ? e.ip : `${e.ip}:${p.port}`)));
  }
  if (all.length === 0) return NONE;
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

function clusterIPText(svc: LsService): string {
  if (svc.clusterIP !== null) return svc.clusterIP;
  return svc.type === 'ExternalName' ? NONE : 'None';
}

export function lsText(ls: LsJson): string {
  const nodes = table(
    ['NAME', 'INTERNAL-IP', 'POD-CIDR', 'TAINTS'],
    ls.nodes.map((n) => [
      n.name,
      n.internalIP,
      n.podCIDR,
      orNone(n.taints.map((t) => `${t.key}${t.value === '' ? '' : `=${t.value}`}:${t.effect}`)),
    ]),
  );
  const pods = table(
    ['NAMESPACE', 'NAME', 'IP', 'NODE', 'PORTS', 'LABELS'],
    ls.pods.map((p) => [
      p.namespace,
      p.name,
      p.ip ?? NONE,
      p.node,
      orNone(p.ports.map((c) => `${c.port}/${c.protocol}`)),
      orNone(Object.entries(p.labels).map(([k, v]) => `${k}=${v}`)),
    ]),
  );
  const services = table(
    ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'ENDPOINTS'],
    ls.services.map((s) => [s.namespace, s.name, s.type, clusterIPText(s), servicePorts(s), endpointList(s)]),
  );
  if (ls.ingresses.length === 0) return `${nodes}\n\n${pods}\n\n${services}\n`;
  const ingresses = table(
    ['NAMESPACE', 'NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS'],
    ls.ingresses.map((i) => [
      i.namespace,
      i.name,
      i.className ?? NONE,
      ingressHosts(i.hosts),
      ingressAddress(i.address),
      i.tls ? '80, 443' : '80',
    ]),
  );
  return `${nodes}\n\n${pods}\n\n${services}\n\n${ingresses}\n`;
}

/** kubectl's formatHosts: the first three hosts, `+ N more...` past them, `*` when no rule names one. */
function ingressHosts(hosts: readonly string[]): string {
  if (hosts.length === 0) return '*';
  return hosts.length > 3 ? `${hosts.slice(0, 3).join(',')} + ${hosts.length - 3} more...` : hosts.join(',');
}

/** kubectl's ADDRESS (wide, unclipped): each entry's IP, else its hostname, as a sorted set. */
function ingressAddress(address: readonly LoadBalancerIngress[]): string {
  const set = new Set(address.map((a) => (a.ip !== '' ? a.ip : a.hostname)).filter((t) => t !== ''));
  return [...set].sort(byText).join(',');
}
