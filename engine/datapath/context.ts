// What every stage of the datapath shares while one traced packet moves: the cluster's namespaces, the
// per-namespace kernel state (conntrack, `recent` lists, nft sets, IPVS connections), the hops recorded
// so far, the seeded random source and the simulated clock. Stages never import each other: they call
// the next stage through `ctx.stages` (stages.ts), so the files stay free of import cycles and each
// stage can be tested with the others replaced.
import type { Ipv4 } from '../net/ipv4';
import type { Netns } from '../model/netns';
import type { RecentTables } from '../netfilter/modules/match-context';
import type { NftDynamicSets } from '../netfilter/nft/evaluate';
import { IpvsRuntime } from '../ipvs/runtime';
import type { SeededRandom } from '../random';
import type { Direction, Hop, HopKind } from './hop';
import { ConntrackTable } from './conntrack';
import { endpointText, type Packet } from '../net/packet';
import type { Outcome } from './outcome';
import type { Skb } from './skb';
import type { Stages } from './stages';
import type { TunnelContext } from './tunnel';
import type { World } from './world';

/** Per-namespace kernel state that outlives one packet: conntrack and the `recent` lists. */
export interface NamespaceState {
  readonly conntrack: ConntrackTable;
  readonly recent: RecentTables;
  /** Elements nft rules added at run time (kube-proxy's affinity sets). */
  readonly nftSets: NftDynamicSets;
}

const MAX_STAGES = 400;

export type { ErrorAnswer, Outcome } from './outcome';
export type { HookResult, Stages } from './stages';

export class DatapathContext implements TunnelContext {
  private readonly states = new Map<string, NamespaceState>();
  private readonly ipvsRuntimes = new Map<string, IpvsRuntime>();
  readonly hops: Hop[] = [];
  direction: Direction = 'request';
  private stageCount = 0;
  /** Simulated clock (seconds) for `recent --seconds`. */
  now = 0;
  /** Client sockets waiting for a reply, `netns proto ip:port` → the `ip:port` they connected to. */
  readonly clientSockets = new Map<string, string>();
  /** Filled in by whoever assembles the datapath (datapath.ts, or a test replacing some stages). */
  stages!: Stages;

  constructor(
    readonly world: World,
    readonly random: SeededRandom,
  ) {}

  state(nsId: string): NamespaceState {
    let s = this.states.get(nsId);
    if (!s) {
      s = { conntrack: new ConntrackTable(), recent: { lists: new Map() }, nftSets: new Map() };
      this.states.set(nsId, s);
    }
    return s;
  }

  ipvsRuntime(nsId: string): IpvsRuntime {
    let runtime = this.ipvsRuntimes.get(nsId);
    if (!runtime) this.ipvsRuntimes.set(nsId, (runtime = new IpvsRuntime(this.random)));
    return runtime;
  }

  /** Registers the connecting socket, so the reply is delivered to it (connect() bound ip:port). */
  openClientSocket(
    nsId: string,
    proto: string,
    ip: Ipv4,
    port: number,
    remote: Ipv4,
    remotePort: number,
  ): void {
    this.clientSockets.set(`${nsId} ${proto} ${ip}:${port}`, endpointText(remote, remotePort));
  }

  /** The loop guard counts the stages of one packet, not of every packet this datapath has carried. */
  startPacket(): void {
    this.stageCount = 0;
  }

  guard(): void {
    if (++this.stageCount > MAX_STAGES) throw new Error(`packet looped: more than ${MAX_STAGES} stages`);
  }

  record(
    ns: Netns,
    device: string,
    kind: HopKind,
    before: Packet,
    after: Packet,
    why: string,
    extra: Partial<Hop> = {},
  ): void {
    this.hops.push({
      direction: this.direction,
      node: ns.node,
      netns: ns.id,
      device,
      kind,
      before,
      after,
      rules: [],
      why,
      ...extra,
    });
  }

  drop(ns: Netns, device: string, packet: Packet, reason: string): Outcome {
    this.record(ns, device, 'drop', packet, packet, reason);
    return { verdict: 'dropped', reason };
  }

  /** Confirms a new conntrack entry (__nf_conntrack_confirm) as the packet leaves or is delivered. */
  confirm(ns: Netns, skb: Skb): void {
    if (skb.ct && skb.ct.isNew) {
      this.state(ns.id).conntrack.confirm(skb.ct.entry);
      skb.ct.isNew = false;
    }
  }
}
