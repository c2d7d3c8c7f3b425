// The kernel's ip sets (net/netfilter/ipset), reduced to the five types kube-proxy's IPVS mode creates:
// their entries in the text ipset prints, the `-m set --match-set NAME dir,dir` test, and `ipset list`.
// Checked against ipset 7.17 in a throwaway network namespace (types, revisions, headers, entry text,
// sizes in memory); the kernel lab cannot load IPVS itself, but it has ipset.
import { type Cidr, cidrContains, formatCidr, formatIpv4 } from '../net/ipv4';
import type { Packet } from '../net/packet';

export type IpsetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';
export type IpsetProto = 'tcp' | 'udp' | 'sctp';

export interface IpsetEntry {
  readonly ip?: number;
  readonly proto?: IpsetProto;
  readonly port?: number;
  readonly ip2?: number;
  readonly net?: Cidr;
}

/** The highest revision of each type that ipset 7.17 and this kernel share (the `Revision:` line). */
const REVISION: Readonly<Record<IpsetType, number>> = {
  'hash:ip': 6,
  'hash:ip,port': 7,
  'hash:ip,port,ip': 6,
  'hash:ip,port,net': 8,
  'bitmap:port': 3,
};

/**
 * `Size in memory` as the kernel reports it for a set whose entries all landed in different buckets: the
 * empty set, plus one new bucket per entry (measured with ipset 7.17, hashsize 1024). Entries sharing a
 * bucket cost less, which depends on the set's random initval, so the figure is an upper bound.
 */
const SIZE: Readonly<Record<IpsetType, { readonly empty: number; readonly perEntry: number }>> = {
  'hash:ip': { empty: 216, perEntry: 40 },
  'hash:ip,port': { empty: 216, perEntry: 48 },
  'hash:ip,port,ip': { empty: 208, perEntry: 56 },
  'hash:ip,port,net': { empty: 464, perEntry: 56 },
  // range 0-65535: one bit per port plus the header, whatever is in it.
  'bitmap:port': { empty: 8264, perEntry: 0 },
};

/** `IP,proto:port[,IP2|,CIDR]` or the bare port, as ipset prints (and kube-proxy's Entry.String writes) them. */
export function ipsetEntryText(type: IpsetType, e: IpsetEntry): string {
  const ipPort = (): string => `${formatIpv4(e.ip ?? 0)},${e.proto ?? 'tcp'}:${e.port ?? 0}`;
  switch (type) {
    case 'hash:ip':
      return formatIpv4(e.ip ?? 0);
    case 'hash:ip,port':
      return ipPort();
    case 'hash:ip,port,ip':
      return `${ipPort()},${formatIpv4(e.ip2 ?? 0)}`;
    case 'hash:ip,port,net':
      return `${ipPort()},${formatCidr(e.net ?? { network: 0, prefix: 0 })}`;
    case 'bitmap:port':
      return String(e.port ?? 0);
  }
}

export type SetDirection = 'src' | 'dst';

export class Ipset {
  private readonly entries = new Map<string, IpsetEntry>();

  constructor(
    readonly name: string,
    readonly type: IpsetType,
    /** The set's own hash seed; the kernel draws it at random (get_random_u32), so it is passed in. */
    readonly initval: number,
  ) {}

  add(entry: IpsetEntry): void {
    this.entries.set(ipsetEntryText(this.type, entry), entry);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Members in `ipset list -sorted` order: by address, protocol, port, then the third dimension. */
  members(): IpsetEntry[] {
    const protoNumber = (p: IpsetProto | undefined): number => (p === 'udp' ? 17 : p === 'sctp' ? 132 : 6);
    return [...this.entries.values()].sort(
      (a, b) =>
        (a.ip ?? 0) - (b.ip ?? 0) ||
        protoNumber(a.proto) - protoNumber(b.proto) ||
        (a.port ?? 0) - (b.port ?? 0) ||
        (a.ip2 ?? a.net?.network ?? 0) - (b.ip2 ?? b.net?.network ?? 0) ||
        (a.net?.prefix ?? 0) - (b.net?.prefix ?? 0),
    );
  }

  /**
   * The xt_set test: each direction flag picks the packet field for one dimension in order (address, then
   * protocol and port, then the third), e.g. `dst,dst,src` = destination IP, destination port, source IP.
   */
  test(packet: Packet, dirs: readonly SetDirection[]): boolean {
    const addr = (d: SetDirection | undefined): number => (d === 'src' ? packet.ip.src : packet.ip.dst);
    const port = (d: SetDirection | undefined): number => (d === 'src' ? packet.l4.sport : packet.l4.dport);
    // Only TCP and UDP packets have ports here (ICMP and IP-in-IP have none).
    const proto = packet.l4.proto === 'tcp' || packet.l4.proto === 'udp' ? packet.l4.proto : undefined;
    const hasPorts = proto !== undefined;
    switch (this.type) {
      case 'hash:ip':
        return this.entries.has(ipsetEntryText(this.type, { ip: addr(dirs[0]) }));
      case 'bitmap:port':
        return hasPorts && this.entries.has(String(port(dirs[0])));
      case 'hash:ip,port':
        return (
          proto !== undefined &&
          this.entries.has(ipsetEntryText(this.type, { ip: addr(dirs[0]), proto, port: port(dirs[1]) }))
        );
      case 'hash:ip,port,ip':
        return (
          proto !== undefined &&
          this.entries.has(
            ipsetEntryText(this.type, { ip: addr(dirs[0]), proto, port: port(dirs[1]), ip2: addr(dirs[2]) }),
          )
        );
      case 'hash:ip,port,net': {
        if (!hasPorts) return false;
        const ip = addr(dirs[0]);
        const p = port(dirs[1]);
        const third = addr(dirs[2]);
        for (const e of this.entries.values()) {
          if (e.ip === ip && e.proto === proto && e.port === p && e.net && cidrContains(e.net, third))
            return true;
        }
        return false;
      }
    }
  }

  /** The `Header:` line kube-proxy's create command leads to (hashsize 1024 maxelem 65536, range 0-65535). */
  header(): string {
    if (this.type === 'bitmap:port') return 'range 0-65535';
    return `family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x${this.initval.toString(16).padStart(8, '0')}`;
  }

  sizeInMemory(): number {
    const s = SIZE[this.type];
    return s.empty + s.perEntry * this.entries.size;
  }
}

/**
 * `ipset list` for the given sets, in the order given (the kernel lists sets in creation order). Members
 * are sorted, as `ipset list -sorted` prints them: plain `ipset list` walks the hash buckets, whose order
 * follows each set's random initval. `references` counts the iptables rules that use a set.
 */
export function ipsetList(sets: readonly Ipset[], references: (name: string) => number): string {
  const blocks = sets.map((set) => {
    const lines = [
      `Name: ${set.name}`,
      `Type: ${set.type}`,
      `Revision: ${REVISION[set.type]}`,
      `Header: ${set.header()}`,
      `Size in memory: ${set.sizeInMemory()}`,
      `References: ${references(set.name)}`,
      `Number of entries: ${set.size}`,
      'Members:',
      ...set.members().map((e) => ipsetEntryText(set.type, e)),
    ];
    return lines.join('\n') + '\n';
  });
  return blocks.join('\n');
}
