// A CoreDNS server answering one question: the server block for port 53 whose zone is the most specific
// match (as CoreDNS's dnsserver picks it), then its plugins in CoreDNS's compiled order — hosts,
// kubernetes, forward — each either answering or passing the query on (`fallthrough`). An ExternalName's
// CNAME is chased the way backend_lookup.go does: in-zone targets inside CoreDNS, others upstream.
import { parseIpv4 } from '../net/ipv4';
import type { Corefile, ServerBlock } from '../model/corefile';
import { type ClusterObjects, KubernetesPluginState } from './kubernetes-plugin';
import { isSubdomain } from './names';
import type { DnsAnswer, ResourceRecord, RRType } from './records';

/** The resolver CoreDNS forwards to (`forward . /etc/resolv.conf`: the node's nameserver). */
export interface Upstream {
  /** The nameserver address, as written in the node's resolv.conf. */
  readonly address: string;
  ask(qname: string, qtype: RRType): DnsAnswer;
}

/** CNAME chains longer than this stop (backend_lookup.go: more than 7 previous records). */
const MAX_CNAME_DEPTH = 8;

export class CoreDns {
  private readonly plugins = new Map<ServerBlock, KubernetesPluginState>();

  constructor(
    private readonly corefile: Corefile,
    cluster: ClusterObjects,
    nsAddress: number,
    private readonly upstream: Upstream,
  ) {
    for (const server of corefile.servers) {
      if (server.kubernetes)
        this.plugins.set(server, new KubernetesPluginState(cluster, server.kubernetes, nsAddress));
    }
  }

  /** The server block that takes a query for `qname` on `port`: the longest matching zone. */
  serverFor(qname: string, port = 53): ServerBlock | null {
    let best: { server: ServerBlock; zone: string } | null = null;
    for (const server of this.corefile.servers) {
      if (server.port !== port) continue;
      for (const zone of server.zones) {
        if (isSubdomain(qname, zone) && (best === null || zone.length > best.zone.length))
          best = { server, zone };
      }
    }
    return best?.server ?? null;
  }

  answer(qname: string, qtype: RRType, depth = 0): DnsAnswer {
    const server = this.serverFor(qname);
    if (!server) return refused(qname);
    // hosts (plugin.cfg puts it before kubernetes)
    const hosts = server.hosts;
    if (hosts && hosts.zones.some((z) => isSubdomain(qname, z))) {
      const entries = hosts.entries.filter((e) => e.names.includes(qname));
      if (entries.length > 0) {
        const answer: ResourceRecord[] =
          qtype === 'A'
            ? entries
                .filter((e) => parseIpv4(e.ip) !== null)
                .map((e) => ({ name: qname, ttl: hosts.ttl, type: 'A' as const, data: e.ip }))
            : [];
        return {
          rcode: 'NOERROR',
          authoritative: true,
          answer,
          authority: [],
          additional: [],
          by: 'hosts plugin',
        };
      }
      const through =
        hosts.fallthrough !== null &&
        (hosts.fallthrough.length === 0 || hosts.fallthrough.some((z) => isSubdomain(qname, z)));
      // hosts.go: no entry and no fallthrough is SERVFAIL (it has no SOA to send an NXDOMAIN with).
      if (!through)
        return {
          rcode: 'SERVFAIL',
          authoritative: false,
          answer: [],
          authority: [],
          additional: [],
          by: 'hosts plugin (no entry, no fallthrough)',
        };
    }
    const k8s = this.plugins.get(server);
    if (k8s) {
      const r = k8s.serve(qname, qtype);
      if (r.kind === 'answer') {
        if (r.cnameTarget === undefined) return r.answer;
        return this.chase(r.answer, r.cnameTarget, qtype, depth);
      }
      if (r.kind === 'nxdomain' && !k8s.fallsThrough(qname)) return r.answer;
    }
    const forward = server.forward;
    if (forward && isSubdomain(qname, forward.from)) {
      const a = this.upstream.ask(qname, qtype);
      return { ...a, authoritative: false, by: `forward → ${this.upstream.address} (${a.by})` };
    }
    // plugin.NextOrFailure with no next plugin.
    return {
      rcode: 'SERVFAIL',
      authoritative: false,
      answer: [],
      authority: [],
      additional: [],
      by: 'no plugin answered',
    };
  }

  private chase(first: DnsAnswer, target: string, qtype: RRType, depth: number): DnsAnswer {
    if (depth >= MAX_CNAME_DEPTH) return first;
    const next = this.answer(target, qtype, depth + 1);
    const inZone = this.plugins.get(this.serverFor(target)!)?.zoneOf(target) ?? null;
    // An in-zone target that has nothing leaves nothing; an external one keeps the CNAME whatever comes back.
    if (inZone !== null && next.answer.length === 0)
      return { ...first, answer: [], authority: next.authority };
    return { ...first, answer: [...first.answer, ...next.answer], by: `${first.by}, then ${next.by}` };
  }
}

function refused(qname: string): DnsAnswer {
  return {
    rcode: 'REFUSED',
    authoritative: false,
    answer: [],
    authority: [],
    additional: [],
    by: `no server block serves ${qname} on port 53`,
  };
}
