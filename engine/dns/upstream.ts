// The resolver outside the cluster: the nameserver in each node's /etc/resolv.conf (the underlay
// router), which is also where CoreDNS forwards what is not its own and what external clients ask. The
// simulated Internet holds only the names a scenario gives it (Ingress hosts point at the ingress
// controller); anything else is NXDOMAIN, said as such rather than made up.
import type { Upstream } from './coredns';
import { fqdn } from './names';
import type { DnsAnswer, RRType } from './records';

/** TTL of the public answers: a common choice for a load balancer's record. */
export const PUBLIC_TTL = 300;

export class PublicDns implements Upstream {
  private readonly records = new Map<string, string[]>();

  constructor(readonly address: string) {}

  add(name: string, ip: string): void {
    const key = fqdn(name);
    this.records.set(key, [...(this.records.get(key) ?? []), ip]);
  }

  ask(qname: string, qtype: RRType): DnsAnswer {
    const ips = this.records.get(qname);
    if (!ips)
      return {
        rcode: 'NXDOMAIN',
        authoritative: false,
        answer: [],
        authority: [],
        additional: [],
        by: `${this.address}: a name the simulated Internet does not hold`,
      };
    const answer =
      qtype === 'A' ? ips.map((data) => ({ name: qname, ttl: PUBLIC_TTL, type: 'A' as const, data })) : [];
    return {
      rcode: 'NOERROR',
      authoritative: false,
      answer,
      authority: [],
      additional: [],
      by: `${this.address}`,
    };
  }
}
