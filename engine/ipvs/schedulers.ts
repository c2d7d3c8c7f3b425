// The IPVS schedulers (net/netfilter/ipvs/ip_vs_*.c), each as the kernel picks a destination for a new
// connection: over the service's destination list in list order, skipping weight-0 servers, with ties going
// to the first server in the list. State the kernel keeps between connections (the round-robin position,
// hash tables, locality maps, connection counters) lives in SchedulerState, one per virtual service.
import type { SeededRandom } from '../random';

export type SchedulerName =
  'rr' | 'wrr' | 'lc' | 'wlc' | 'sh' | 'dh' | 'sed' | 'nq' | 'mh' | 'lblc' | 'lblcr';

export const SCHEDULERS: readonly SchedulerName[] = [
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'sh',
  'dh',
  'sed',
  'nq',
  'mh',
];

export interface Destination {
  readonly address: number;
  readonly port: number;
  readonly weight: number;
  /** Connections in ESTABLISHED (TCP) or any UDP flow. */
  activeConns: number;
  /** TCP connections in any other state: a new connection counts here after its SYN. */
  inactConns: number;
}

/** What a scheduler may look at in the packet: its source (sh, mh with mh-port) and its destination (dh, lblc). */
export interface ScheduleKey {
  readonly src: number;
  readonly sport: number;
  readonly dst: number;
}

/**
 * The kernel's default CONFIG_IP_VS_MH_TAB_INDEX is 12, which picks primes[4] = 4093 lookup slots
 * (ip_vs_mh.c); Google's Maglev paper uses 65537. 4093 is what a stock kernel does.
 */
export const MH_TABLE_SIZE = 4093;
/** IP_VS_SH_TAB_BITS and IP_VS_DH_TAB_BITS: 256 buckets. */
const HASH_TABLE_SIZE = 256;

export class SchedulerState {
  /** rr and wrr: index of the last server picked (-1 = the list head, where the kernel starts). */
  last = -1;
  /** wrr: the current weight (0 until the first pick sets it to the maximum weight). */
  cw = 0;
  private buckets: (Destination | null)[] | null = null;
  private mhLookup: (Destination | null)[] | null = null;
  /** lblc: destination IP → server; lblcr: destination IP → server set. */
  private readonly locality = new Map<number, Destination[]>();

  constructor(
    readonly scheduler: SchedulerName,
    /** The service's destination list in kernel order. */
    readonly dests: readonly Destination[],
    /** mh: the two hash secrets the kernel draws at random when the service is created. */
    private readonly mhSecrets: readonly [number, number] = [0, 0],
    /** mh: the service has mh-port (IP_VS_SVC_F_SCHED_MH_PORT), so the source port is hashed too. */
    private readonly mhPort = false,
  ) {}

  static create(
    scheduler: SchedulerName,
    dests: readonly Destination[],
    random: SeededRandom,
    mhPort: boolean,
  ): SchedulerState {
    const secrets: [number, number] =
      scheduler === 'mh' ? [random.int(0, 0xffffffff), random.int(0, 0xffffffff)] : [0, 0];
    return new SchedulerState(scheduler, dests, secrets, mhPort);
  }

  /** The chosen destination, or null when none is available (the kernel then refuses the connection). */
  schedule(key: ScheduleKey): Destination | null {
    const d = this.pick(key);
    // A hashed bucket may hold a weight-0 server, which is unavailable (is_unavailable).
    return d && d.weight > 0 ? d : null;
  }

  private pick(key: ScheduleKey): Destination | null {
    const live = this.dests.filter((d) => d.weight > 0);
    if (live.length === 0) return null;
    switch (this.scheduler) {
      case 'rr':
        return this.roundRobin();
      case 'wrr':
        return this.weightedRoundRobin();
      case 'lc':
        return leastBy(
          this.dests,
          (d) => overhead(d),
          () => 1,
        );
      case 'wlc':
        return leastBy(
          this.dests,
          (d) => overhead(d),
          (d) => d.weight,
        );
      case 'sed':
        return leastBy(
          this.dests,
          (d) => d.activeConns + 1,
          (d) => d.weight,
        );
      case 'nq': {
        // Never queue: an idle server wins outright, else shortest expected delay.
        const idle = this.dests.find((d) => d.weight > 0 && d.activeConns === 0);
        return (
          idle ??
          leastBy(
            this.dests,
            (d) => d.activeConns + 1,
            (d) => d.weight,
          )
        );
      }
      case 'sh':
        return this.hashBuckets(true)[hash32(key.src >>> 0, 8)] ?? null;
      case 'dh':
        return this.hashBuckets(false)[(Math.imul(key.dst >>> 0, 2654435761) >>> 0) & 0xff] ?? null;
      case 'mh':
        return (
          this.maglev()[mhHash(key.src, this.mhPort ? key.sport : 0, this.mhSecrets[0]) % MH_TABLE_SIZE] ??
          null
        );
      case 'lblc':
        return this.localityBased(key.dst, false);
      case 'lblcr':
        return this.localityBased(key.dst, true);
    }
  }

  /** ip_vs_rr_schedule: continue after the last server picked, wrapping past the list head. */
  private roundRobin(): Destination | null {
    const n = this.dests.length;
    for (let step = 1; step <= n; step++) {
      const i = (this.last + step) % n;
      if (this.dests[i]!.weight > 0) {
        this.last = i;
        return this.dests[i]!;
      }
    }
    return null;
  }

  /**
   * ip_vs_wrr_schedule: continue after the last server, taking the first whose weight reaches the current
   * weight; each time the walk passes the list head the current weight drops by the weights' gcd, and
   * starts again at the maximum (it starts there too, ip_vs_wrr_init_svc).
   */
  private weightedRoundRobin(): Destination | null {
    const n = this.dests.length;
    const positive = this.dests.map((d) => d.weight).filter((w) => w > 0);
    const di = positive.reduce(gcd);
    const mw = Math.max(...positive) - (di - 1);
    if (this.cw === 0) this.cw = mw;
    for (let guard = 0; guard <= 2 * n * (mw + 1); guard++) {
      const next = this.last + 1;
      if (next < n) {
        this.last = next;
        if (this.dests[next]!.weight >= this.cw) return this.dests[next]!;
        continue;
      }
      this.last = -1;
      this.cw -= di;
      if (this.cw <= 0) this.cw = mw;
    }
    return null;
  }

  /**
   * ip_vs_sh_reassign / ip_vs_dh_reassign: the 256 buckets are dealt out in list order, sh giving each
   * server as many consecutive buckets as its weight, dh one each.
   */
  private hashBuckets(byWeight: boolean): (Destination | null)[] {
    if (this.buckets) return this.buckets;
    const live = this.dests;
    const out: (Destination | null)[] = [];
    let p = 0;
    let count = 0;
    for (let i = 0; i < HASH_TABLE_SIZE; i++) {
      const dest = live[p % live.length]!;
      out.push(dest);
      if (!byWeight || ++count >= dest.weight) {
        p++;
        count = 0;
      }
    }
    return (this.buckets = out);
  }

  /** ip_vs_mh_permutate + ip_vs_mh_populate: Maglev's lookup table, filled turn by turn in list order. */
  private maglev(): (Destination | null)[] {
    if (this.mhLookup) return this.mhLookup;
    const size = MH_TABLE_SIZE;
    const live = this.dests.filter((d) => d.weight > 0);
    const g = live.map((d) => d.weight).reduce(gcd, 0);
    const setup = live.map((d) => ({
      dest: d,
      perm: mhHash(d.address, d.port, this.mhSecrets[0]) % size,
      skip: (mhHash(d.address, d.port, this.mhSecrets[1]) % (size - 1)) + 1,
      turns: Math.max(1, Math.floor(d.weight / g)),
    }));
    const lookup: (Destination | null)[] = new Array<Destination | null>(size).fill(null);
    const taken = new Uint8Array(size);
    let n = 0;
    outer: for (;;) {
      for (const ds of setup) {
        for (let t = 0; t < ds.turns; t++) {
          while (taken[ds.perm]) {
            ds.perm += ds.skip;
            if (ds.perm >= size) ds.perm -= size;
          }
          taken[ds.perm] = 1;
          lookup[ds.perm] = ds.dest;
          if (++n === size) break outer;
        }
      }
    }
    return (this.mhLookup = lookup);
  }

  /**
   * ip_vs_lblc / ip_vs_lblcr: the server last used for this destination address, unless it is gone or
   * overloaded (more active connections than its weight while another is at most half loaded); a new
   * choice is the weighted least-connection server.
   */
  private localityBased(dst: number, replicated: boolean): Destination | null {
    const set = (this.locality.get(dst) ?? []).filter((d) => d.weight > 0);
    const wlc = (): Destination | null =>
      leastBy(
        this.dests,
        (d) => overhead(d),
        (d) => d.weight,
      );
    let chosen: Destination | null = replicated
      ? leastBy(
          set,
          (d) => overhead(d),
          (d) => d.weight,
        )
      : (set[0] ?? null);
    if (
      !chosen ||
      (chosen.activeConns > chosen.weight &&
        this.dests.some((d) => d.weight > 0 && d.activeConns * 2 <= d.weight))
    ) {
      chosen = wlc();
      if (chosen)
        this.locality.set(
          dst,
          replicated && !set.includes(chosen) ? [...set, chosen] : replicated ? set : [chosen],
        );
    }
    return chosen;
  }
}

/** ip_vs_dest_conn_overhead: an active connection weighs 256 inactive ones. */
export function overhead(d: Destination): number {
  return d.activeConns * 256 + d.inactConns;
}

/** The server with the least overhead/weight, compared as the kernel does by cross-multiplying. */
function leastBy(
  dests: readonly Destination[],
  cost: (d: Destination) => number,
  weight: (d: Destination) => number,
): Destination | null {
  let least: Destination | null = null;
  for (const d of dests) {
    if (d.weight <= 0) continue;
    if (!least || cost(least) * weight(d) > cost(d) * weight(least)) least = d;
  }
  return least;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The kernel's hash_32: multiply by GOLDEN_RATIO_32 and keep the top `bits` bits. */
export function hash32(value: number, bits: number): number {
  return Math.imul(value >>> 0, 0x61c88647) >>> (32 - bits);
}

/**
 * ip_vs_mh_hashkey is siphash(addr, port) under a per-service random secret. The secret is drawn from the
 * seed; a keyed fmix32 stands in for siphash, so the table is one the kernel could have built.
 */
export function mhHash(address: number, port: number, secret: number): number {
  let h = (secret ^ Math.imul(address >>> 0, 0x9e3779b1)) >>> 0;
  h = (h ^ Math.imul(port + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
