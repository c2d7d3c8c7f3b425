// What every stage of the datapath shares while one traced packet moves: the cluster's namespaces, the
// per-namespace kernel state (conntrack, `recent` lists, nft sets, IPVS connections), the hops recorded
// so far, the seeded random source and the simulated clock. Stages never import each other: they call
// the next stage through `ctx.stages`, so the files stay free of import cycles and each stage can be
// tested with the others replaced.
import type { Ipv4 } from '../net/ipv4';
import type { NetDevice, Netns, RouteEntry } from '../model/netns';
import type { RecentTables } from '../netfilter/match';
import type { NftDynamicSets } from '../netfilter/nft/evaluate';
import { IpvsRuntime } from '../ipvs/runtime';
import type { SeededRandom } from '../random';
import type { Direction, Hop, HopKind } from './hop';
import { ConntrackTable } from './conntrack';
import type { Hook } from './hook';
import { endpointText, type Packet } from '../net/packet';
import type { Skb } from './skb';
import type { World } from './world';

/** What the kernel sends back when it refuses a packet: a TCP RST or an ICMP error, from `netns`. */
export interface ErrorAnswer {
  readonly netns: string;
  readonly packet: Packet;
  readonly kind: 'tcp-reset' | 'icmp-error';
  readonly why: string;
}

export type Outcome =
  | { readonly verdict: 'delivered'; readonly netns: string; readonly packet: Packet }
  | { readonly verdict: 'dropped'; readonly reason: string; readonly answer?: ErrorAnswer }
  | { readonly verdict: 'rejected'; readonly reason: string; readonly answer?: ErrorAnswer };

/** Per-namespace kernel state that outlives one packet: conntrack and the `recent` lists. */
export interface NamespaceState {
  readonly conntrack: ConntrackTable;
  readonly recent: RecentTables;
  /** Elements nft rules added at run time (kube-proxy's affinity sets). */
  readonly nftSets: NftDynamicSets;
}

/** A hook's result: go on (with the destination it had before the hook, for rerouting), or stop here. */
export type HookResult = { kind: 'accept'; dstBefore: Ipv4 } | { kind: 'stop'; outcome: Outcome };

/**
 * The kernel's stages as the datapath wires them (kernel function names in the comments). Each takes the
 * skb or frame and returns how the packet's journey ended.
 */
export interface Stages {
  /** ip_local_out: a locally generated packet is routed, then OUTPUT, POSTROUTING and the device. */
  localOut(ns: Netns, skb: Skb): Outcome;
  /** ip_rcv: PREROUTING, then the routing decision of `routeInput`. */
  ipReceive(ns: Netns, inDev: string, skb: Skb): Outcome;
  /** ip_rcv_finish after PREROUTING: route, then local delivery or forwarding. */
  routeInput(ns: Netns, inDev: string, skb: Skb, context: string): Outcome;
  /** ip_forward: ip_forward sysctl, TTL, MTU, then FORWARD and ip_output. */
  forward(ns: Netns, inDev: string, skb: Skb, route: RouteEntry, nextHop: Ipv4): Outcome;
  /** ip_local_deliver: INPUT (with IPVS on it), then the socket. */
  localIn(ns: Netns, skb: Skb, inDev: string): Outcome;
  /** ip_local_deliver_finish: the packet reaches a socket (or a tunnel's socket, or nothing). */
  localDeliver(ns: Netns, skb: Skb, inDev: string): Outcome;
  /** ip_output: POSTROUTING, the MTU of a local packet, then the device. */
  postroutingAndXmit(ns: Netns, skb: Skb, route: RouteEntry, nextHop: Ipv4, inDev: string | null): Outcome;
  /** dev_queue_xmit: the device's transmit (neighbour + frame, bridge, or tunnel). */
  devXmit(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome;
  /** A frame leaves a veth or NIC and appears on its peer. */
  wireXmit(ns: Netns, dev: NetDevice, frame: Packet): Outcome;
  /** netif_receive_skb: a frame arrives on a device (a bridge port, or the IP stack). */
  l2Arrive(ns: Netns, devName: string, frame: Packet): Outcome;
  /** br_handle_frame / br_dev_xmit: the bridge forwards or delivers up. */
  bridgeForward(ns: Netns, bridge: NetDevice, inPort: NetDevice | null, frame: Packet): Outcome;
  /** A tunnel device (VXLAN, TUN) takes a routed packet to wrap it. */
  encapsulate(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome;
  /** A tunnel's socket got an outer packet: unwrap it if it is this tunnel's, or undefined. */
  decapsulate(ns: Netns, skb: Skb): Outcome | undefined;
  /** nf_hook_slow: the hook's entries (iptables chains, nft base chains, IPVS) in priority order. */
  hook(
    ns: Netns,
    hook: Hook,
    skb: Skb,
    inDev: string | null,
    outDev: string | null,
    recordedBefore?: Packet,
  ): HookResult;
}

const MAX_STAGES = 400;

export class DatapathContext {
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
