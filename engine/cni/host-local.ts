// host-local IPAM as containernetworking/plugins `plugins/ipam/host-local` does it, for one range set
// (`ranges: [[{subnet}]]`, what the flannel delegate writes): range canonicalisation
// (`backend/allocator/range.go`), round-robin allocation from `last_reserved_ip.0` + 1 with the gateway
// skipped (`allocator.go` RangeIter), requested IPs (`CNI_ARGS IP=`), release, and the plugin's own error
// strings. State lives in memory; `dataDirView` shows what `backend/disk` would have written.
import { type Cidr, type Ipv4, broadcastOf, cidrContains, formatCidr, formatIpv4 } from '../net/ipv4';

export interface HostLocalRange {
  readonly subnet: Cidr;
  readonly rangeStart: Ipv4;
  readonly rangeEnd: Ipv4;
  readonly gateway: Ipv4;
}

export class HostLocalConfigError extends Error {}

export interface RangeOverrides {
  readonly rangeStart?: Ipv4;
  readonly rangeEnd?: Ipv4;
  readonly gateway?: Ipv4;
}

/**
 * Range.Canonicalize: start defaults to network+1 and end to broadcast−1 (IPv4 never hands out the
 * broadcast), gateway to network+1. The docs say rangeStart is .2; the code says .1 and the iterator
 * skips the gateway instead, which is why the exhaustion message reads `.1-.254`.
 */
export function canonicaliseRange(
  subnet: Cidr & { readonly address?: Ipv4 },
  overrides: RangeOverrides = {},
): HostLocalRange {
  const net = `${formatIpv4(subnet.address ?? subnet.network)}/${subnet.prefix}`;
  if (subnet.prefix > 30) throw new HostLocalConfigError(`Network ${net} too small to allocate from`);
  if (subnet.address !== undefined && subnet.address !== subnet.network) {
    throw new HostLocalConfigError(
      `Network has host bits set. For a subnet mask of length ${subnet.prefix} the network address is ${formatIpv4(subnet.network)}`,
    );
  }
  const plain: Cidr = { network: subnet.network, prefix: subnet.prefix };
  const check = (what: string, ip: Ipv4 | undefined): void => {
    if (ip !== undefined && !cidrContains(plain, ip)) {
      throw new HostLocalConfigError(`${what} ${formatIpv4(ip)} not in network ${formatCidr(plain)}`);
    }
  };
  check('RangeStart', overrides.rangeStart);
  check('RangeEnd', overrides.rangeEnd);
  return {
    subnet: plain,
    rangeStart: overrides.rangeStart ?? plain.network + 1,
    rangeEnd: overrides.rangeEnd ?? broadcastOf(plain) - 1,
    gateway: overrides.gateway ?? plain.network + 1,
  };
}

/** RangeSet.String(): `start-end` per range, joined with `,`. */
export function formatRangeSet(ranges: readonly HostLocalRange[]): string {
  return ranges.map((r) => `${formatIpv4(r.rangeStart)}-${formatIpv4(r.rangeEnd)}`).join(',');
}

export type HostLocalResult =
  | { readonly ok: true; readonly ip: Ipv4; readonly prefix: number; readonly gateway: Ipv4 }
  | { readonly ok: false; readonly error: string };

interface Reservation {
  readonly containerId: string;
  readonly ifname: string;
}

export class HostLocalIpam {
  private readonly reserved = new Map<Ipv4, Reservation>();
  private lastReserved: Ipv4 | null = null;

  /**
   * @param network the CNI network name (`cbr0` for flannel): the data-dir folder.
   * @param ranges one range set; host-local's rangeID for it is 0 (`last_reserved_ip.0`).
   */
  constructor(
    readonly network: string,
    readonly ranges: readonly HostLocalRange[],
    readonly dataDir = '/var/lib/cni/networks',
  ) {
    if (ranges.length === 0) throw new HostLocalConfigError('no IP ranges specified');
  }

  /** cmdAdd for this range set. `requestedIP` is CNI_ARGS `IP=`. Errors are the plugin's verbatim text. */
  add(containerId: string, ifname: string, requestedIP: Ipv4 | null = null): HostLocalResult {
    if (requestedIP !== null && this.rangeFor(requestedIP)) {
      const got = this.getRequested(containerId, ifname, requestedIP);
      return got.ok ? got : { ok: false, error: `failed to allocate for range 0: ${got.error}` };
    }
    const got = this.getNext(containerId, ifname);
    if (!got.ok) return { ok: false, error: `failed to allocate for range 0: ${got.error}` };
    if (requestedIP !== null) {
      // main.go: a requested IP no range set contains is only noticed after the normal allocation,
      // which is then released; last_reserved_ip keeps the advance (the release does not rewind it).
      this.del(containerId, ifname);
      return { ok: false, error: `failed to allocate all requested IPs: ${formatIpv4(requestedIP)}` };
    }
    return got;
  }

  /** cmdDel: releases every IP held by (containerId, ifname); idempotent, as DEL must be. */
  del(containerId: string, ifname: string): void {
    for (const [ip, r] of this.reserved) {
      if (r.containerId === containerId && r.ifname === ifname) this.reserved.delete(ip);
    }
  }

  holder(ip: Ipv4): Reservation | undefined {
    return this.reserved.get(ip);
  }

  lastReservedIP(): Ipv4 | null {
    return this.lastReserved;
  }

  /** Reserved IPs in ascending order. */
  reservedIPs(): Ipv4[] {
    return [...this.reserved.keys()].sort((a, b) => a - b);
  }

  /**
   * The files `backend/disk` would hold under `<dataDir>/<network>/`: one per IP containing
   * `<containerID>\r\n<ifname>` (no trailing newline), `last_reserved_ip.0`, and the empty `lock`.
   * Paths are sorted the way `ls` lists them.
   */
  dataDirView(): Map<string, string> {
    const dir = `${this.dataDir}/${this.network}`;
    const files: [string, string][] = [];
    for (const [ip, r] of this.reserved)
      files.push([`${dir}/${formatIpv4(ip)}`, `${r.containerId}\r\n${r.ifname}`]);
    if (this.lastReserved !== null) files.push([`${dir}/last_reserved_ip.0`, formatIpv4(this.lastReserved)]);
    files.push([`${dir}/lock`, '']);
    files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new Map(files);
  }

  /** RangeSet.RangeFor / Range.Contains: inside the subnet *and* between rangeStart and rangeEnd. */
  private rangeFor(ip: Ipv4): HostLocalRange | undefined {
    return this.ranges.find((r) => cidrContains(r.subnet, ip) && ip >= r.rangeStart && ip <= r.rangeEnd);
  }

  private reserve(containerId: string, ifname: string, ip: Ipv4): boolean {
    if (this.reserved.has(ip)) return false; // the O_EXCL create fails: someone holds it
    this.reserved.set(ip, { containerId, ifname });
    this.lastReserved = ip;
    return true;
  }

  private ok(ip: Ipv4, r: HostLocalRange): HostLocalResult {
    return { ok: true, ip, prefix: r.subnet.prefix, gateway: r.gateway };
  }

  private getRequested(containerId: string, ifname: string, ip: Ipv4): HostLocalResult {
    const r = this.rangeFor(ip)!;
    if (ip === r.gateway) return { ok: false, error: `requested ip ${formatIpv4(ip)} is subnet's gateway` };
    if (!this.reserve(containerId, ifname, ip)) {
      return {
        ok: false,
        error: `requested IP address ${formatIpv4(ip)} is not available in range set ${formatRangeSet(this.ranges)}`,
      };
    }
    return this.ok(ip, r);
  }

  private getNext(containerId: string, ifname: string): HostLocalResult {
    for (const [ip, r] of this.reserved) {
      if (r.containerId === containerId && r.ifname === ifname && this.rangeFor(ip)) {
        return {
          ok: false,
          error: `${formatIpv4(ip)} has been allocated to ${containerId}, duplicate allocation is not allowed`,
        };
      }
    }
    // RangeIter: resume after the last reserved IP when it is still in the set, else at rangeStart of
    // range 0; wrap from rangeEnd to the next range's start; stop on returning to where we began.
    let idx = 0;
    let cur: Ipv4 | null = null;
    let start: Ipv4 | null = null;
    const last = this.lastReserved;
    if (last !== null) {
      const at = this.ranges.findIndex(
        (r) => cidrContains(r.subnet, last) && last >= r.rangeStart && last <= r.rangeEnd,
      );
      if (at >= 0) {
        idx = at;
        cur = last;
      }
    }
    for (;;) {
      let r = this.ranges[idx]!;
      if (cur === null) {
        cur = r.rangeStart;
        start = cur;
      } else {
        if (cur === r.rangeEnd) {
          idx = (idx + 1) % this.ranges.length;
          r = this.ranges[idx]!;
          cur = r.rangeStart;
        } else {
          cur = cur + 1;
        }
        if (start === null) start = cur;
        else if (cur === start) break;
      }
      if (cur === r.gateway) continue;
      if (this.reserve(containerId, ifname, cur)) return this.ok(cur, r);
    }
    return { ok: false, error: `no IP addresses available in range set: ${formatRangeSet(this.ranges)}` };
  }
}
