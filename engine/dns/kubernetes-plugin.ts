// CoreDNS's `kubernetes` plugin (coredns plugin/kubernetes: parse.go, kubernetes.go findServices/findPods,
// reverse.go, handler.go) answering from the cluster's Services, EndpointSlices and pods, the way the
// Kubernetes DNS specification (kubernetes/dns docs/specification.md, schema 1.1.0) lays the names out:
//   <svc>.<ns>.svc.<zone>            A: the ClusterIP, or one A per ready endpoint when headless
//   <ep>.<svc>.<ns>.svc.<zone>       A: the endpoint whose hostname (or dashed IP) is <ep>
//   _<port>._<proto>.<svc>.<ns>.svc.<zone>  SRV
//   <a-b-c-d>.<ns>.pod.<zone>        A: with `pods insecure`, whatever address the name spells
//   d.c.b.a.in-addr.arpa             PTR: ClusterIPs, then endpoints
// A name that exists with nothing of the asked type is NODATA; one that does not is NXDOMAIN; both carry
// the zone's SOA in the authority section.
import type { EndpointSliceSpec, PodSpec, Scenario, ServiceSpec } from '../model/scenario';
import { formatIpv4, parseIpv4 } from '../net/ipv4';
import type { KubernetesPlugin } from '../model/corefile';
import { addressFromReverse, dashedIp, isSubdomain, labelsOf } from './names';
import type { DnsAnswer, ResourceRecord, RRType } from './records';

/** The schema version of the Kubernetes DNS specification CoreDNS implements (DNSSchemaVersion). */
export const DNS_SCHEMA_VERSION = '1.1.0';
/**
 * The SOA serial is the time of the last change CoreDNS saw from the API (APIConn.Modified). A scenario
 * has no clock, so the engine uses the one CoreDNS's own handler tests show; the rest of the SOA is CoreDNS's.
 */
export const SOA_SERIAL = 1499347823;

/** Namespaces a cluster always has, whatever the file holds. */
const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

interface RecordRequest {
  readonly port: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly service: string;
  readonly namespace: string;
  readonly podOrSvc: string;
}

/** A msg.Service: one thing the plugin found, before it becomes records of the asked type. */
interface Found {
  /** The name the thing has (for SRV targets and PTR): `<svc>.<ns>.svc.<zone>.` or `<ep>.<svc>…`. */
  readonly domain: string;
  /** An IPv4 address, or a host name for ExternalName (a CNAME). */
  readonly host: string;
  /** -1 when the Service or endpoint declares no ports (CoreDNS's sentinel: no SRV for it). */
  readonly port: number;
}

class InvalidRequest extends Error {}

/** parse.go parseRequest: `[_port._proto.|endpoint.]service.namespace.(svc|pod)` below the zone. */
function parseRequest(name: string, zone: string): RecordRequest {
  const base = name === zone ? '' : name.slice(0, name.length - zone.length - 1);
  const empty = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  if (base === '' || base === 'svc' || base === 'pod') return empty;
  const segs = labelsOf(base);
  let last = segs.length - 1;
  const podOrSvc = segs[last]!;
  if (podOrSvc !== 'pod' && podOrSvc !== 'svc') throw new InvalidRequest();
  const r = { ...empty, podOrSvc };
  if (--last < 0) return r;
  r.namespace = segs[last]!;
  if (--last < 0) return r;
  r.service = segs[last]!;
  if (--last < 0) return r;
  if (last === 0) r.endpoint = segs[0]!;
  else if (last === 1) {
    r.protocol = segs[1]!.replace(/^_/, '');
    r.port = segs[0]!.replace(/^_/, '');
  } else throw new InvalidRequest(); // too long
  return r;
}

const wild = (s: string): boolean => s === '*' || s === 'any';
const match = (a: string, b: string): boolean => wild(a) || a.toLowerCase() === b.toLowerCase();
/** An empty request part matches anything (matchPortAndProtocol). */
const matchPortAndProtocol = (aPort: string, bPort: string, aProto: string, bProto: string): boolean =>
  (aPort === '' || match(aPort, bPort)) && (aProto === '' || match(aProto, bProto));

export interface ClusterObjects {
  readonly scenario: Scenario;
  readonly endpointSlices: readonly EndpointSliceSpec[];
  readonly podIPs: ReadonlyMap<string, number>;
}

/** What the plugin decided: records, NODATA, NXDOMAIN (which `fallthrough` may pass on), or not its zone. */
export type PluginResult =
  | { readonly kind: 'answer'; readonly answer: DnsAnswer; readonly cnameTarget?: string }
  | { readonly kind: 'nxdomain'; readonly answer: DnsAnswer }
  | { readonly kind: 'not-mine' };

export class KubernetesPluginState {
  private readonly services = new Map<string, ServiceSpec>();
  private readonly slices = new Map<string, EndpointSliceSpec[]>();
  private readonly namespaces = new Set<string>(BUILTIN_NAMESPACES);
  private readonly pods = new Map<string, PodSpec>();

  constructor(
    private readonly cluster: ClusterObjects,
    readonly config: KubernetesPlugin,
    /** The address the plugin gives for `ns.dns.<zone>`: the kube-dns ClusterIP. */
    private readonly nsAddress: number,
  ) {
    const s = cluster.scenario;
    for (const v of s.services) {
      this.services.set(`${v.namespace}/${v.name}`, v);
      this.namespaces.add(v.namespace);
    }
    for (const sl of cluster.endpointSlices) {
      const key = `${sl.namespace}/${sl.serviceName}`;
      this.slices.set(key, [...(this.slices.get(key) ?? []), sl]);
      this.namespaces.add(sl.namespace);
    }
    for (const p of s.pods) {
      this.pods.set(`${p.namespace}/${p.name}`, p);
      this.namespaces.add(p.namespace);
    }
  }

  /** The most specific of the plugin's zones holding `name`, or null. */
  zoneOf(name: string): string | null {
    let best: string | null = null;
    for (const z of this.config.zones)
      if (isSubdomain(name, z) && (best === null || z.length > best.length)) best = z;
    return best;
  }

  /** `fallthrough [ZONES]`: an NXDOMAIN for this name goes on to the next plugin. */
  fallsThrough(name: string): boolean {
    const f = this.config.fallthrough;
    return f !== null && (f.length === 0 || f.some((z) => isSubdomain(name, z)));
  }

  private ttl(): number {
    return this.config.ttl;
  }

  private soa(zone: string): ResourceRecord {
    const ttl = this.ttl();
    // plugin.SOA: TTL min(ttl, 300), minttl = ttl, refresh 7200, retry 1800, expire 86400.
    return {
      name: zone,
      ttl: Math.min(ttl, 300),
      type: 'SOA',
      data: `ns.dns.${zone} hostmaster.${zone} ${SOA_SERIAL} 7200 1800 86400 ${ttl}`,
    };
  }

  private negative(zone: string, nx: boolean): PluginResult {
    const answer: DnsAnswer = {
      rcode: nx ? 'NXDOMAIN' : 'NOERROR',
      authoritative: true,
      answer: [],
      authority: [this.soa(zone)],
      additional: [],
      by: `kubernetes plugin (zone ${zone})`,
    };
    return nx ? { kind: 'nxdomain', answer } : { kind: 'answer', answer };
  }

  private records(zone: string, answer: ResourceRecord[], additional: ResourceRecord[] = []): PluginResult {
    if (answer.length === 0) return this.negative(zone, false);
    return {
      kind: 'answer',
      answer: {
        rcode: 'NOERROR',
        authoritative: true,
        answer,
        authority: [],
        additional,
        by: `kubernetes plugin (zone ${zone})`,
      },
    };
  }

  private namespaceExposed(ns: string): boolean {
    if (this.config.namespaces.length > 0 && !this.config.namespaces.includes(ns)) return false;
    return this.namespaces.has(ns);
  }

  /** handler.go ServeDNS for one question. */
  serve(qname: string, qtype: RRType): PluginResult {
    const zone = this.zoneOf(qname);
    if (zone === null) return { kind: 'not-mine' };
    const ttl = this.ttl();
    if (qname === zone) {
      if (qtype === 'SOA') return this.records(zone, [this.soa(zone)]);
      if (qtype === 'NS')
        return this.records(
          zone,
          [{ name: zone, ttl, type: 'NS', data: `ns.dns.${zone}` }],
          [{ name: `ns.dns.${zone}`, ttl, type: 'A', data: formatIpv4(this.nsAddress) }],
        );
    }
    if (qname === `ns.dns.${zone}`) {
      // isDefaultNS: CoreDNS's own name answers with the Service address in front of it.
      return this.records(
        zone,
        qtype === 'A' ? [{ name: qname, ttl, type: 'A', data: formatIpv4(this.nsAddress) }] : [],
      );
    }
    if (addressFromReverse(qname) !== null || qname.endsWith('.arpa.')) {
      // Records() refuses reverse names; only a PTR question is answered there (reverse.go).
      return qtype === 'PTR' ? this.reverse(qname, zone) : this.negative(zone, true);
    }
    if (qtype === 'TXT' && qname === `dns-version.${zone}`)
      return this.records(zone, [{ name: qname, ttl: 28800, type: 'TXT', data: `"${DNS_SCHEMA_VERSION}"` }]);
    const found = this.find(qname, zone);
    if (found === null) return this.negative(zone, true);
    switch (qtype) {
      case 'A':
        return this.addressRecords(qname, zone, found);
      case 'SRV':
        return this.srvRecords(
          qname,
          zone,
          found.filter((f) => parseIpv4(f.host) !== null),
        );
      case 'PTR':
      case 'TXT':
        return this.negative(zone, false);
      case 'CNAME': {
        const cname = found.find((f) => parseIpv4(f.host) === null);
        return this.records(
          zone,
          cname ? [{ name: qname, ttl, type: 'CNAME', data: hostFqdn(cname.host) }] : [],
        );
      }
      default: {
        // AAAA and the rest: an IPv4-only cluster has nothing of these types, except an ExternalName's CNAME.
        const cname = found.find((f) => parseIpv4(f.host) === null);
        if (cname && qtype === 'AAAA')
          return {
            kind: 'answer',
            answer: {
              rcode: 'NOERROR',
              authoritative: true,
              answer: [{ name: qname, ttl, type: 'CNAME', data: hostFqdn(cname.host) }],
              authority: [],
              additional: [],
              by: `kubernetes plugin (zone ${zone})`,
            },
            cnameTarget: hostFqdn(cname.host),
          };
        return this.negative(zone, false);
      }
    }
  }

  private addressRecords(qname: string, zone: string, found: readonly Found[]): PluginResult {
    const ttl = this.ttl();
    const cname = found.find((f) => parseIpv4(f.host) === null);
    if (cname) {
      // backend_lookup.go A(): the CNAME first; the caller looks the target up and appends its answer.
      return {
        kind: 'answer',
        answer: {
          rcode: 'NOERROR',
          authoritative: true,
          answer: [{ name: qname, ttl, type: 'CNAME', data: hostFqdn(cname.host) }],
          authority: [],
          additional: [],
          by: `kubernetes plugin (zone ${zone})`,
        },
        cnameTarget: hostFqdn(cname.host),
      };
    }
    const seen = new Set<string>();
    const out: ResourceRecord[] = [];
    for (const f of found) {
      if (seen.has(f.host)) continue; // one A per address, however many ports
      seen.add(f.host);
      out.push({ name: qname, ttl, type: 'A', data: f.host });
    }
    return this.records(zone, out);
  }

  /** backend_lookup.go SRV(): priority 0, weight 100 / number of records, A glue in the additional section. */
  private srvRecords(qname: string, zone: string, found: readonly Found[]): PluginResult {
    const ttl = this.ttl();
    const weight = Math.max(1, Math.floor(100 / Math.max(1, found.length)));
    const answer: ResourceRecord[] = [];
    const extra: ResourceRecord[] = [];
    const seenSrv = new Set<string>();
    const seenGlue = new Set<string>();
    for (const f of found) {
      if (f.port === -1) continue;
      const key = `${f.domain} ${f.port}`;
      if (!seenSrv.has(key)) {
        seenSrv.add(key);
        answer.push({ name: qname, ttl, type: 'SRV', data: `0 ${weight} ${f.port} ${f.domain}` });
      }
      if (!seenGlue.has(`${f.domain} ${f.host}`)) {
        seenGlue.add(`${f.domain} ${f.host}`);
        extra.push({ name: f.domain, ttl, type: 'A', data: f.host });
      }
    }
    return this.records(zone, answer, extra);
  }

  /** reverse.go: a ClusterIP first, else the endpoints that hold the address. */
  private reverse(qname: string, zone: string): PluginResult {
    const ip = addressFromReverse(qname);
    if (ip === null) return this.negative(zone, true);
    const primary = this.config.zones.find((z) => !z.endsWith('.arpa.')) ?? zone;
    const ttl = this.ttl();
    for (const v of this.services.values()) {
      if (v.clusterIP === ip && this.namespaceExposed(v.namespace))
        return this.records(zone, [
          { name: qname, ttl, type: 'PTR', data: `${v.name}.${v.namespace}.svc.${primary}` },
        ]);
    }
    const out: ResourceRecord[] = [];
    for (const [key, slices] of this.slices) {
      const [ns, svc] = key.split('/') as [string, string];
      if (!this.namespaceExposed(ns) || !this.services.has(key)) continue;
      for (const sl of slices) {
        for (const e of sl.endpoints) {
          if (e.conditions.ready === false || !e.addresses.includes(ip)) continue;
          out.push({
            name: qname,
            ttl,
            type: 'PTR',
            data: `${this.endpointHostname(e.hostname, e.targetPod, ip)}.${svc}.${ns}.svc.${primary}`,
          });
        }
      }
    }
    return out.length === 0 ? this.negative(zone, true) : this.records(zone, out);
  }

  private endpointHostname(hostname: string | null, targetPod: string | null, ip: number): string {
    if (hostname) return hostname;
    if (this.config.endpointPodNames && targetPod) return targetPod.split('/')[1]!;
    return dashedIp(ip);
  }

  /** Records(): what exists under the name; [] is NODATA, null is NXDOMAIN. */
  private find(qname: string, zone: string): Found[] | null {
    let r: RecordRequest;
    try {
      r = parseRequest(qname, zone);
    } catch (e) {
      if (e instanceof InvalidRequest) return null;
      throw e;
    }
    if (r.podOrSvc === '') return [];
    if (!this.namespaceExposed(r.namespace)) return r.namespace === '' ? [] : null;
    return r.podOrSvc === 'pod' ? this.findPods(r, zone) : this.findServices(r, zone);
  }

  private findPods(r: RecordRequest, zone: string): Found[] | null {
    if (this.config.pods === 'disabled') return null;
    if (r.service === '') return [];
    if (r.endpoint !== '' || r.port !== '') return null;
    // A dashed IPv4 name has exactly three dashes; anything else would be IPv6, which this cluster lacks.
    const ip =
      (r.service.match(/-/g) ?? []).length === 3 && !r.service.includes('--')
        ? parseIpv4(r.service.replaceAll('-', '.'))
        : null;
    if (ip === null) return null;
    if (this.config.pods === 'verified') {
      const exists = [...this.pods.values()].some(
        (p) => p.namespace === r.namespace && this.cluster.podIPs.get(`${p.namespace}/${p.name}`) === ip,
      );
      if (!exists) return null;
    }
    return [{ domain: `${r.service}.${r.namespace}.pod.${zone}`, host: formatIpv4(ip), port: -1 }];
  }

  private findServices(r: RecordRequest, zone: string): Found[] | null {
    if (r.service === '') return [];
    const svc = this.services.get(`${r.namespace}/${r.service}`);
    if (!svc) return null;
    const base = `${svc.name}.${svc.namespace}.svc.${zone}`;
    if (svc.type === 'ExternalName') {
      // External services cannot have endpoints or ports: anything below the name does not exist.
      if (r.endpoint !== '' || r.port !== '') return null;
      return [{ domain: base, host: svc.externalName ?? '', port: -1 }];
    }
    const headless = svc.clusterIP === null;
    const slices = this.slices.get(`${svc.namespace}/${svc.name}`) ?? [];
    if (
      this.config.ignoreEmptyService &&
      !headless &&
      !slices.some((sl) => sl.endpoints.some((e) => e.conditions.ready !== false))
    )
      return null;
    const out: Found[] = [];
    if (headless || r.endpoint !== '') {
      for (const sl of slices) {
        // object.EndpointSliceToEndpoints: a slice without ports gets the -1 sentinel, so A still answers.
        const ports = sl.ports.length > 0 ? sl.ports : [{ name: '', port: -1, protocol: 'TCP' as const }];
        for (const e of sl.endpoints) {
          if (e.conditions.ready === false) continue; // ready: nil counts as ready (endpointsliceReady)
          for (const ip of e.addresses) {
            const host = this.endpointHostname(e.hostname, e.targetPod, ip);
            if (r.endpoint !== '' && !match(r.endpoint, host)) continue;
            for (const p of ports) {
              if (!matchPortAndProtocol(r.port, p.name ?? '', r.protocol, p.protocol)) continue;
              out.push({ domain: `${host}.${base}`, host: formatIpv4(ip), port: p.port ?? -1 });
            }
          }
        }
      }
      return out.length > 0 ? out : null;
    }
    for (const p of svc.ports) {
      if (!matchPortAndProtocol(r.port, p.name ?? '', r.protocol, p.protocol)) continue;
      out.push({ domain: base, host: formatIpv4(svc.clusterIP!), port: p.port });
    }
    return out.length > 0 ? out : null;
  }
}

function hostFqdn(host: string): string {
  const h = host.toLowerCase();
  return h.endsWith('.') ? h : `${h}.`;
}
