// Resource records and answers, printed in zone-file form the way miekg/dns (and so CoreDNS's own tests)
// print them: `web.shop.svc.cluster.local.	30	IN	A	10.96.1.1`.
import { labelsOf, wireLength } from './names';

export type RRType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'SOA' | 'NS';
export const QUERY_TYPES: readonly RRType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS'];

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

export interface ResourceRecord {
  readonly name: string;
  readonly ttl: number;
  readonly type: RRType;
  /** RDATA in presentation form: `10.96.1.1`, `0 100 80 web.shop.svc.cluster.local.`, `"1.1.0"`. */
  readonly data: string;
}

export interface DnsAnswer {
  readonly rcode: Rcode;
  /** AA: CoreDNS's kubernetes plugin answers for its zones with authority. */
  readonly authoritative: boolean;
  readonly answer: readonly ResourceRecord[];
  readonly authority: readonly ResourceRecord[];
  readonly additional: readonly ResourceRecord[];
  /** Who decided, in words: `kubernetes plugin (zone cluster.local.)`, `forward → 192.168.56.1`. */
  readonly by: string;
}

export function zoneLine(rr: ResourceRecord): string {
  return `${rr.name}\t${rr.ttl}\tIN\t${rr.type}\t${rr.data}`;
}

/** NOERROR with no answer records: the name exists but has nothing of this type. */
export function isNoData(a: DnsAnswer): boolean {
  return a.rcode === 'NOERROR' && a.answer.length === 0;
}

export function rcodeText(a: DnsAnswer): string {
  return isNoData(a) ? 'NOERROR (NODATA)' : a.rcode;
}

/** The DNS message length of a query: 12-byte header, the name, type and class (no EDNS, as glibc sends it). */
export function queryLength(name: string): number {
  return 12 + wireLength(name) + 4;
}

/**
 * The DNS message length of an answer, with RFC 1035 name compression: a name (or its tail) already
 * written is a 2-byte pointer. SRV targets are not compressed (RFC 2782), names in other RDATA are.
 */
export function answerLength(qname: string, a: DnsAnswer): number {
  const written = new Set<string>();
  const name = (n: string): number => {
    const labels = labelsOf(n);
    for (let i = 0; i < labels.length; i++) {
      const tail = labels.slice(i).join('.');
      if (written.has(tail)) return labels.slice(0, i).reduce((s, l) => s + 1 + l.length, 0) + 2;
    }
    for (let i = 0; i < labels.length; i++) written.add(labels.slice(i).join('.'));
    return wireLength(n);
  };
  let n = 12 + name(qname) + 4;
  for (const rr of [...a.answer, ...a.authority, ...a.additional]) {
    n += name(rr.name) + 10;
    switch (rr.type) {
      case 'A':
        n += 4;
        break;
      case 'AAAA':
        n += 16;
        break;
      case 'CNAME':
      case 'PTR':
      case 'NS':
        n += name(rr.data);
        break;
      case 'SRV':
        n += 6 + wireLength(rr.data.split(' ')[3]!);
        break;
      case 'TXT':
        n += rr.data.split('" "').reduce((s, part) => s + 1 + part.replaceAll('"', '').length, 0);
        break;
      case 'SOA': {
        const [mname, rname] = rr.data.split(' ');
        n += name(mname!) + name(rname!) + 20;
        break;
      }
    }
  }
  return n;
}
