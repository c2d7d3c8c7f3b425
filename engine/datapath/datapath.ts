// The packet's walk through the kernels of the cluster, stage by stage as Linux does it:
//   socket → routing → OUTPUT → POSTROUTING → device xmit (veth / bridge / vxlan) → the peer device →
//   bridge (with br_netfilter's hooks) → PREROUTING → routing → FORWARD or INPUT → …
// Each stage is a small function that records a hop and hands the packet to the next stage.
import { formatIpv4, type Ipv4 } from '../net/ipv4';
import type { NetDevice, Netns, RouteEntry } from '../model/netns';
import type { CtState } from '../netfilter/rule';
import type { RecentTables } from '../netfilter/match';
import { evaluateNftChain, type NftDynamicSets } from '../netfilter/nft/evaluate';
import { IpvsRuntime } from '../ipvs/runtime';
import { ipvsServiceRef, type VirtualService, virtualServiceText } from '../ipvs/table';
import type { RuleVisit } from '../netfilter/rule-visit';
import { type TableVerdict, walkTable } from '../netfilter/walk';
import type { SeededRandom } from '../random';
import type { Direction, Hop, HopKind, NatChange } from './hop';
import { ConntrackTable, type Tuple } from './conntrack';
import { endpointText, type Packet, VXLAN_OVERHEAD } from '../net/packet';
import { findDevice, isLocalAddress, lookupRoute, selectSourceAddress } from './routing';
import type { DeviceSummary, World } from './world';
import { describeCt, describeHook, routeText, ruleText } from './describe';
import { HOOK_KIND, type Hook, hookEntries } from './hook-order';
import { applyExistingNat, translateIcmpError } from './nat-replay';
import type { Skb } from './skb';

export { routeText, ruleText };

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

const MAX_STAGES = 400;

export class Datapath {
  private readonly states = new Map<string, NamespaceState>();
  private readonly ipvsRuntimes = new Map<string, IpvsRuntime>();
  readonly hops: Hop[] = [];
  private direction: Direction = 'request';
  private stages = 0;
  /** Simulated clock (seconds) for `recent --seconds`. */
  now = 0;
  /** Client sockets waiting for a reply, `netns proto ip:port` → the `ip:port` they connected to. */
  private readonly clientSockets = new Map<string, string>();

  constructor(
    private readonly world: World,
    private readonly random: SeededRandom,
  ) {}

  state(nsId: string): NamespaceState {
    let s = this.states.get(nsId);
    if (!s) {
      s = { conntrack: new ConntrackTable(), recent: { lists: new Map() }, nftSets: new Map() };
      this.states.set(nsId, s);
    }
    return s;
  }

  setDirection(direction: Direction): void {
    this.direction = direction;
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

  private record(
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

  private guard(): void {
    if (++this.stages > MAX_STAGES) throw new Error(`packet looped: more than ${MAX_STAGES} stages`);
  }

  // ---- entry points ---------------------------------------------------------------------------------

  /** A socket in `nsId` sends `packet` (addresses already chosen); the local output path takes it. */
  send(nsId: string, packet: Packet, why: string): Outcome {
    // The loop guard counts the stages of one packet, not of every packet this datapath has carried.
    this.stages = 0;
    const ns = this.world.netns(nsId);
    this.record(ns, '-', 'send', packet, packet, why);
    return this.localOut(ns, { packet, ct: null });
  }

  // ---- IP layer -------------------------------------------------------------------------------------

  private localOut(ns: Netns, skb: Skb): Outcome {
    this.guard();
    let route = lookupRoute(ns, skb.packet.ip.dst);
    this.recordRouting(ns, skb.packet, route, 'locally generated');
    if (route.kind === 'unreachable')
      return this.drop(
        ns,
        '-',
        skb.packet,
        `no route to ${formatIpv4(skb.packet.ip.dst)}: connect() fails with ENETUNREACH`,
      );
    const outDev = route.kind === 'local' ? 'lo' : route.route.dev;
    const out = this.hook(ns, 'OUTPUT', skb, null, outDev);
    if (out.kind !== 'accept') return out.outcome;
    // ip_vs_local_request4 runs on LOCAL_OUT right after the nat table: a local client's connection to a VIP.
    const localVs = this.ipvsService(ns, skb);
    if (localVs)
      return this.ipvsIn(ns, skb, outDev, localVs, 'LOCAL_OUT') ?? this.inputAndDeliver(ns, skb, 'lo');
    if (skb.packet.ip.dst !== out.dstBefore) {
      // ip_route_me_harder: the destination changed in OUTPUT (DNAT), so route again.
      route = lookupRoute(ns, skb.packet.ip.dst);
      this.recordRouting(ns, skb.packet, route, 'rerouted after DNAT in OUTPUT');
      if (route.kind === 'unreachable')
        return this.drop(ns, outDev, skb.packet, `no route to ${formatIpv4(skb.packet.ip.dst)} after DNAT`);
    }
    if (route.kind === 'local') {
      const post = this.hook(ns, 'POSTROUTING', skb, null, 'lo');
      if (post.kind !== 'accept') return post.outcome;
      return this.inputAndDeliver(ns, skb, 'lo');
    }
    return this.postroutingAndXmit(ns, skb, route.route, route.nextHop, null);
  }

  private ipReceive(ns: Netns, inDev: string, skb: Skb): Outcome {
    this.guard();
    const pre = this.hook(ns, 'PREROUTING', skb, inDev, null);
    if (pre.kind !== 'accept') return pre.outcome;
    const route = lookupRoute(ns, skb.packet.ip.dst);
    this.recordRouting(ns, skb.packet, route, `received on ${inDev}`);
    if (route.kind === 'unreachable') {
      const reason = `no route to ${formatIpv4(skb.packet.ip.dst)}: ICMP net unreachable`;
      this.record(ns, inDev, 'drop', skb.packet, skb.packet, reason);
      return { verdict: 'dropped', reason, answer: this.icmpError(ns, skb.packet, 3, 0) };
    }
    if (route.kind === 'local') return this.inputAndDeliver(ns, skb, inDev);
    if (!ns.ipForward) return this.drop(ns, inDev, skb.packet, 'not for this host and net.ipv4.ip_forward=0');
    if (skb.packet.ip.ttl <= 1)
      return this.drop(ns, inDev, skb.packet, 'TTL expired in transit: ICMP time exceeded');
    // ip_forward checks the MTU before the FORWARD hook runs (net/ipv4/ip_forward.c: ip_exceeds_mtu).
    const tooBig = this.mtuExceeded(ns, route.route.dev, skb.packet);
    if (tooBig) return this.fragNeeded(ns, route.route.dev, skb.packet, tooBig);
    const before = skb.packet;
    skb.packet = { ...skb.packet, ip: { ...skb.packet.ip, ttl: skb.packet.ip.ttl - 1 } };
    const fwd = this.hook(ns, 'FORWARD', skb, inDev, route.route.dev, before);
    if (fwd.kind !== 'accept') return fwd.outcome;
    return this.postroutingAndXmit(ns, skb, route.route, route.nextHop, inDev);
  }

  private inputAndDeliver(ns: Netns, skb: Skb, inDev: string): Outcome {
    const input = this.hook(ns, 'INPUT', skb, inDev, null);
    if (input.kind !== 'accept') return input.outcome;
    // ip_vs_remote_request4 runs on LOCAL_IN after the filter table: a packet for a VIP is IPVS's.
    const vs = this.ipvsService(ns, skb);
    if (vs) {
      const outcome = this.ipvsIn(ns, skb, inDev, vs, 'LOCAL_IN');
      if (outcome) return outcome;
    }
    this.confirm(ns, skb);
    const p = skb.packet;
    // A VXLAN device's UDP socket takes its port (drivers/net/vxlan: vxlan_rcv).
    if (p.l4.proto === 'udp') {
      const vxlanDev = ns.devices.find((d) => d.vxlan && d.vxlan.dstport === p.l4.dport);
      if (vxlanDev && p.vxlan && p.vxlan.vni === vxlanDev.vxlan!.vni) return this.vxlanDecap(ns, vxlanDev, p);
    }
    if (p.l4.icmp) return this.deliverIcmpError(ns, inDev, p);
    const expected = this.clientSockets.get(`${ns.id} ${p.l4.proto} ${p.ip.dst}:${p.l4.dport}`);
    if (expected !== undefined) {
      const from = endpointText(p.ip.src, p.l4.sport);
      if (from !== expected) {
        // The socket is connected to `expected`; an answer from anywhere else is not part of its connection.
        const reason = `the answer comes from ${from}, but the socket connected to ${expected}: ${p.l4.proto === 'tcp' ? 'the kernel answers with a RST and the connection fails' : 'the connected UDP socket discards it'}`;
        this.record(ns, inDev, 'reject', p, p, reason);
        return { verdict: 'rejected', reason };
      }
      const what = p.l4.flags.includes('R')
        ? 'the RST reaches the connecting socket: connect() fails with ECONNREFUSED'
        : 'the reply reaches the connecting socket';
      this.record(
        ns,
        inDev,
        'deliver',
        p,
        p,
        `${what} ${endpointText(p.ip.dst, p.l4.dport)} in ${this.world.describe(ns.id)}`,
      );
      return { verdict: 'delivered', netns: ns.id, packet: p };
    }
    if (this.world.isListening(ns.id, p.l4.proto, p.l4.dport)) {
      this.record(
        ns,
        inDev,
        'deliver',
        p,
        p,
        `${this.world.describe(ns.id)} has a socket on ${p.l4.proto}/${p.l4.dport}: delivered`,
      );
      return { verdict: 'delivered', netns: ns.id, packet: p };
    }
    if (p.l4.proto === 'tcp') {
      const reason = `nothing listens on tcp/${p.l4.dport} in ${this.world.describe(ns.id)}: the kernel answers with a TCP RST (connection refused)`;
      this.record(ns, inDev, 'reject', p, p, reason);
      const rst: Packet = {
        eth: null,
        ip: { src: p.ip.dst, dst: p.ip.src, ttl: 64, length: 40, dontFragment: true },
        l4: { proto: 'tcp', sport: p.l4.dport, dport: p.l4.sport, flags: 'R.' },
        mark: 0,
        vxlan: null,
      };
      return {
        verdict: 'rejected',
        reason,
        answer: {
          netns: ns.id,
          packet: rst,
          kind: 'tcp-reset',
          why: `${this.world.describe(ns.id)} resets the connection (RST) to ${endpointText(p.ip.src, p.l4.sport)}`,
        },
      };
    }
    const reason = `nothing listens on ${p.l4.proto}/${p.l4.dport} in ${this.world.describe(ns.id)}: ICMP port unreachable`;
    this.record(ns, inDev, 'reject', p, p, reason);
    return { verdict: 'rejected', reason, answer: this.icmpError(ns, p, 3, 3) };
  }

  /** An ICMP error generated in `ns` about `about` (icmp_send): sent to its source from the address routing picks. */
  private icmpError(ns: Netns, about: Packet, type: number, code: number, mtu?: number): ErrorAnswer {
    let src = about.ip.dst;
    if (!isLocalAddress(ns, about.ip.dst)) {
      const route = lookupRoute(ns, about.ip.src);
      src =
        route.kind === 'unicast'
          ? (selectSourceAddress(ns, route.route, route.nextHop) ?? about.ip.dst)
          : about.ip.dst;
    }
    const proto = about.l4.proto === 'udp' ? 'udp' : 'tcp';
    const packet: Packet = {
      eth: null,
      // 20 IP + 8 ICMP + the embedded 20-byte IP header and 8 bytes of its payload.
      ip: { src, dst: about.ip.src, ttl: 64, length: 56, dontFragment: false },
      l4: {
        proto: 'icmp',
        sport: 0,
        dport: 0,
        flags: '',
        icmp: {
          type,
          code,
          ...(mtu !== undefined && { mtu }),
          embedded: {
            proto,
            src: about.ip.src,
            sport: about.l4.sport,
            dst: about.ip.dst,
            dport: about.l4.dport,
          },
        },
      },
      mark: 0,
      vxlan: null,
    };
    const what =
      code === 4 ? `fragmentation needed (mtu ${mtu})` : code === 0 ? 'net unreachable' : 'port unreachable';
    return {
      netns: ns.id,
      packet,
      kind: 'icmp-error',
      why: `${ns.id} sends ICMP ${what} from ${formatIpv4(src)} to ${formatIpv4(about.ip.src)}`,
    };
  }

  private fragNeeded(ns: Netns, dev: string, packet: Packet, reason: string): Outcome {
    this.record(ns, dev, 'drop', packet, packet, reason);
    const mtu = findDevice(ns, dev)?.mtu ?? 0;
    return { verdict: 'dropped', reason, answer: this.icmpError(ns, packet, 3, 4, mtu) };
  }

  /** An ICMP error arriving where its embedded packet came from: the socket that sent that packet gets the error. */
  private deliverIcmpError(ns: Netns, inDev: string, p: Packet): Outcome {
    const e = p.l4.icmp!.embedded;
    const expected = this.clientSockets.get(`${ns.id} ${e.proto} ${e.src}:${e.sport}`);
    if (expected !== undefined && expected === endpointText(e.dst, e.dport)) {
      const code = p.l4.icmp!.code;
      const effect =
        code === 4
          ? `learns the path MTU ${p.l4.icmp!.mtu} (EMSGSIZE on the next send)`
          : code === 0
            ? 'gets ENETUNREACH'
            : 'gets ECONNREFUSED';
      this.record(
        ns,
        inDev,
        'deliver',
        p,
        p,
        `the ICMP error about ${endpointText(e.src, e.sport)} → ${endpointText(e.dst, e.dport)} reaches that socket, which ${effect}`,
      );
      return { verdict: 'delivered', netns: ns.id, packet: p };
    }
    const reason = `the ICMP error is about ${endpointText(e.src, e.sport)} → ${endpointText(e.dst, e.dport)}, which matches no socket here${expected ? ` (the socket connected to ${expected})` : ''}: ignored`;
    this.record(ns, inDev, 'drop', p, p, reason);
    return { verdict: 'dropped', reason };
  }

  private postroutingAndXmit(
    ns: Netns,
    skb: Skb,
    route: RouteEntry,
    nextHop: Ipv4,
    inDev: string | null,
  ): Outcome {
    const dev = findDevice(ns, route.dev);
    if (!dev)
      return this.drop(ns, route.dev, skb.packet, `route names device ${route.dev}, which does not exist`);
    const post = this.hook(ns, 'POSTROUTING', skb, inDev, dev.name);
    if (post.kind !== 'accept') return post.outcome;
    if (inDev === null) {
      // A locally generated packet meets the MTU after POSTROUTING, in ip_finish_output's fragmentation step.
      const tooBig = this.mtuExceeded(ns, dev.name, skb.packet);
      if (tooBig)
        return this.drop(
          ns,
          dev.name,
          skb.packet,
          tooBig.replace('ICMP fragmentation needed', 'the sender gets EMSGSIZE'),
        );
    }
    this.confirm(ns, skb);
    return this.devXmit(ns, dev, nextHop, skb.packet);
  }

  private mtuExceeded(ns: Netns, devName: string, packet: Packet): string | null {
    const dev = findDevice(ns, devName);
    if (!dev || packet.ip.length <= dev.mtu || !packet.ip.dontFragment) return null;
    return `packet of ${packet.ip.length} bytes exceeds ${dev.name} MTU ${dev.mtu} with DF set: dropped, ICMP fragmentation needed (mtu ${dev.mtu}) sent back to ${formatIpv4(packet.ip.src)}`;
  }

  // ---- devices --------------------------------------------------------------------------------------

  private devXmit(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome {
    this.guard();
    if (dev.kind === 'vxlan') return this.vxlanEncap(ns, dev, nextHop, packet);
    if (dev.kind === 'tun') {
      return this.drop(
        ns,
        dev.name,
        packet,
        `${dev.name} is a TUN device: flanneld reads the packet in user space and sends it in UDP to port 8285 on the other node; Podpath does not simulate the udp backend yet`,
      );
    }
    const neigh = this.resolveNeighbour(ns, dev, nextHop);
    if (!neigh)
      return this.drop(
        ns,
        dev.name,
        packet,
        `neighbour ${formatIpv4(nextHop)} on ${dev.name} FAILED: no ARP reply`,
      );
    const framed: Packet = { ...packet, eth: { src: dev.mac, dst: neigh.mac } };
    this.record(
      ns,
      dev.name,
      'neighbour',
      packet,
      framed,
      `next hop ${formatIpv4(nextHop)} is ${neigh.mac} (${neigh.how}); frame addressed to it`,
      {
        neighbour: `${formatIpv4(nextHop)} dev ${dev.name} lladdr ${neigh.mac} ${neigh.state}`,
      },
    );
    if (dev.kind === 'bridge') return this.bridgeForward(ns, dev, null, framed);
    return this.wireXmit(ns, dev, framed);
  }

  /** A frame leaves a veth or NIC and appears on its peer in the other namespace. */
  private wireXmit(ns: Netns, dev: NetDevice, frame: Packet): Outcome {
    if (!dev.peer) return this.drop(ns, dev.name, frame, `${dev.name} has no peer: frame lost`);
    const peerNs = this.world.netns(dev.peer.netns);
    const kind: HopKind = dev.kind === 'veth' ? 'veth' : 'wire';
    // Crossing namespaces scrubs the skb: conntrack reference and mark are cleared (skb_scrub_packet).
    const arrived: Packet = { ...frame, mark: 0 };
    this.record(
      peerNs,
      dev.peer.ifname,
      kind,
      frame,
      arrived,
      `${dev.name} in ${ns.id} → ${dev.peer.ifname} in ${peerNs.id}`,
    );
    return this.l2Arrive(peerNs, dev.peer.ifname, arrived);
  }

  private l2Arrive(ns: Netns, devName: string, frame: Packet): Outcome {
    this.guard();
    const dev = findDevice(ns, devName);
    if (!dev) return this.drop(ns, devName, frame, `device ${devName} missing in ${ns.id}`);
    if (dev.master) {
      const bridge = findDevice(ns, dev.master);
      if (!bridge) return this.drop(ns, devName, frame, `bridge ${dev.master} missing`);
      return this.bridgeForward(ns, bridge, dev, frame);
    }
    if (frame.eth && frame.eth.dst !== dev.mac && frame.eth.dst !== 'ff:ff:ff:ff:ff:ff') {
      return this.drop(
        ns,
        devName,
        frame,
        `frame for ${frame.eth.dst} is not for ${dev.name} (${dev.mac}): PACKET_OTHERHOST, dropped`,
      );
    }
    return this.ipReceive(ns, dev.name, { packet: { ...frame, eth: frame.eth }, ct: null });
  }

  /** Linux bridge: deliver up to the bridge's own stack, or forward out the port that learned the MAC. */
  private bridgeForward(ns: Netns, bridge: NetDevice, inPort: NetDevice | null, frame: Packet): Outcome {
    const dst = frame.eth?.dst;
    if (inPort && dst === bridge.mac) {
      this.record(
        ns,
        bridge.name,
        'bridge',
        frame,
        frame,
        `${bridge.name} received the frame on port ${inPort.name}; it is addressed to the bridge itself, so it goes up to ${ns.id}'s IP stack`,
        {
          fdb: `${bridge.mac} dev ${bridge.name} vlan 1 master ${bridge.name} permanent`,
        },
      );
      return this.ipReceive(ns, bridge.name, { packet: frame, ct: null });
    }
    const outPort = this.portForMac(ns, bridge, dst ?? '');
    if (!outPort)
      return this.drop(
        ns,
        bridge.name,
        frame,
        `${bridge.name} has no FDB entry for ${dst}; flooded, nobody answered`,
      );
    if (inPort && outPort.name === inPort.name && !outPort.hairpin) {
      return this.drop(
        ns,
        bridge.name,
        frame,
        `${bridge.name} would send the frame back out ${inPort.name}, where it came from, and hairpin mode is off`,
      );
    }
    this.record(
      ns,
      bridge.name,
      'bridge',
      frame,
      frame,
      `${bridge.name} forwards ${inPort ? `from port ${inPort.name} ` : ''}to port ${outPort.name}, where ${dst} was learned${inPort && outPort.name === inPort.name ? ' (hairpin mode lets it go back out the same port)' : ''}`,
      {
        fdb: `${dst} dev ${outPort.name} master ${bridge.name}`,
      },
    );
    if (inPort && ns.bridgeNfCallIptables && ns.ruleset) {
      // br_netfilter: a bridged IPv4 frame also crosses iptables' PREROUTING, FORWARD and POSTROUTING
      // (net.bridge.bridge-nf-call-iptables=1, which kubeadm requires).
      const skb: Skb = { packet: frame, ct: null };
      const pre = this.hook(ns, 'PREROUTING', skb, bridge.name, null);
      if (pre.kind !== 'accept') return pre.outcome;
      if (skb.packet.ip.dst !== frame.ip.dst) {
        // br_nf_pre_routing_finish: DNAT changed the destination, so the frame is routed instead.
        return this.ipReceiveAfterPrerouting(ns, bridge.name, skb);
      }
      const fwd = this.hook(ns, 'FORWARD', skb, bridge.name, bridge.name);
      if (fwd.kind !== 'accept') return fwd.outcome;
      const post = this.hook(ns, 'POSTROUTING', skb, bridge.name, bridge.name);
      if (post.kind !== 'accept') return post.outcome;
      this.confirm(ns, skb);
      return this.wireXmit(ns, outPort, skb.packet);
    }
    return this.wireXmit(ns, outPort, frame);
  }

  private ipReceiveAfterPrerouting(ns: Netns, inDev: string, skb: Skb): Outcome {
    const route = lookupRoute(ns, skb.packet.ip.dst);
    this.recordRouting(ns, skb.packet, route, `bridged frame DNATed on ${inDev}`);
    if (route.kind === 'unreachable')
      return this.drop(ns, inDev, skb.packet, `no route to ${formatIpv4(skb.packet.ip.dst)}`);
    if (route.kind === 'local') return this.inputAndDeliver(ns, skb, inDev);
    const tooBig = this.mtuExceeded(ns, route.route.dev, skb.packet);
    if (tooBig) return this.fragNeeded(ns, route.route.dev, skb.packet, tooBig);
    const before = skb.packet;
    skb.packet = { ...skb.packet, ip: { ...skb.packet.ip, ttl: skb.packet.ip.ttl - 1 } };
    const fwd = this.hook(ns, 'FORWARD', skb, inDev, route.route.dev, before);
    if (fwd.kind !== 'accept') return fwd.outcome;
    return this.postroutingAndXmit(ns, skb, route.route, route.nextHop, inDev);
  }

  private portForMac(ns: Netns, bridge: NetDevice, mac: string): NetDevice | undefined {
    for (const port of ns.devices) {
      if (port.master !== bridge.name || !port.peer) continue;
      const far = this.world.peerDevice(port.peer.netns, port.peer.ifname);
      if (far && far.mac === mac) return port;
    }
    return undefined;
  }

  // ---- VXLAN ----------------------------------------------------------------------------------------

  private vxlanEncap(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome {
    const info = dev.vxlan!;
    const neigh = ns.neighbours.find((n) => n.dev === dev.name && n.ip === nextHop);
    if (!neigh)
      return this.drop(
        ns,
        dev.name,
        packet,
        `no neighbour entry for ${formatIpv4(nextHop)} on ${dev.name} (flannel programs them; nolearning means no ARP here)`,
      );
    const fdb = ns.fdb.find((f) => f.dev === dev.name && f.mac === neigh.mac && f.dst !== undefined);
    if (!fdb || fdb.dst === undefined)
      return this.drop(
        ns,
        dev.name,
        packet,
        `no FDB entry for ${neigh.mac} on ${dev.name}: the VTEP is unknown`,
      );
    const inner: Packet = { ...packet, eth: { src: dev.mac, dst: neigh.mac } };
    const outerSrc = info.local;
    const outerLength = inner.ip.length + VXLAN_OVERHEAD;
    const sport = vxlanSourcePort(inner);
    const outerPacket: Packet = {
      eth: null,
      ip: { src: outerSrc, dst: fdb.dst, ttl: 64, length: outerLength, dontFragment: true },
      l4: { proto: 'udp', sport, dport: info.dstport, flags: '' },
      mark: packet.mark,
      vxlan: { vni: info.vni, inner },
    };
    this.record(
      ns,
      dev.name,
      'vxlan-encap',
      packet,
      outerPacket,
      `${dev.name}: ${formatIpv4(nextHop)} is VTEP ${neigh.mac} (permanent neighbour), whose FDB entry says node ${formatIpv4(fdb.dst)}; the frame is wrapped in UDP ${sport} → ${info.dstport} with VNI ${info.vni}`,
      {
        neighbour: `${formatIpv4(nextHop)} dev ${dev.name} lladdr ${neigh.mac} PERMANENT`,
        fdb: `${fdb.mac} dev ${dev.name} dst ${formatIpv4(fdb.dst)} self permanent`,
      },
    );
    // The outer packet is locally generated in this namespace: OUTPUT, routing, POSTROUTING (ip_local_out).
    return this.localOut(ns, { packet: outerPacket, ct: null });
  }

  private vxlanDecap(ns: Netns, dev: NetDevice, outer: Packet): Outcome {
    const inner = outer.vxlan!.inner;
    const info = dev.vxlan!;
    this.record(
      ns,
      dev.name,
      'vxlan-decap',
      outer,
      inner,
      `UDP ${info.dstport} is ${dev.name}'s socket (VNI ${info.vni}): the outer headers are removed and the inner frame appears on ${dev.name}`,
    );
    if (inner.eth && inner.eth.dst !== dev.mac)
      return this.drop(
        ns,
        dev.name,
        inner,
        `inner frame for ${inner.eth.dst} is not ${dev.name}'s MAC ${dev.mac}`,
      );
    return this.ipReceive(ns, dev.name, { packet: { ...inner, mark: 0 }, ct: null });
  }

  // ---- netfilter ------------------------------------------------------------------------------------

  private hook(
    ns: Netns,
    hook: Hook,
    skb: Skb,
    inDev: string | null,
    outDev: string | null,
    recordedBefore?: Packet,
  ): { kind: 'accept'; dstBefore: Ipv4 } | { kind: 'stop'; outcome: Outcome } {
    const before = recordedBefore ?? skb.packet;
    const dstBefore = skb.packet.ip.dst;
    const ruleset = ns.ruleset;
    if (!ruleset) return { kind: 'accept', dstBefore };
    const state = this.state(ns.id);
    let nat: NatChange | undefined;
    let conntrackText: string | undefined;
    if ((hook === 'PREROUTING' || hook === 'OUTPUT') && skb.packet.l4.icmp) {
      // An ICMP error belongs to the flow of the packet it embeds (nf_conntrack_icmpv4_error): RELATED to
      // it, or INVALID when that flow is unknown (e.g. never confirmed because it was rejected).
      const e = skb.packet.l4.icmp.embedded;
      // The embedded header is the packet as it left, NAT included; its inverse is the tuple its answer
      // would carry, which conntrack knows (nf_ct_invert_tuple in icmp_error_message).
      const found = state.conntrack.lookup({
        proto: e.proto,
        src: e.dst,
        sport: e.dport,
        dst: e.src,
        dport: e.sport,
      });
      if (found) {
        skb.ct = { entry: found.entry, direction: found.direction, isNew: false, related: true };
        skb.invalid = false;
      } else {
        skb.ct = null;
        skb.invalid = true;
      }
      conntrackText = skb.ct
        ? `RELATED to ${describeCt(skb.ct).replace(/^ESTABLISHED( \(reply direction\))? /, '')}`
        : 'INVALID (the ICMP error matches no known flow)';
      nat = translateIcmpError(skb, 'dst');
    } else if (hook === 'OUTPUT' && skb.ipvs && skb.ct) {
      // IPVS sends its translated packet through LOCAL_OUT with the connection's conntrack entry attached.
      conntrackText = describeCt(skb.ct);
    } else if (hook === 'PREROUTING' || hook === 'OUTPUT') {
      const tuple = tupleOf(skb.packet);
      const found = state.conntrack.lookup(tuple);
      if (found) {
        skb.ct = { entry: found.entry, direction: found.direction, isNew: false, related: false };
        if (found.direction === 'reply') found.entry.seenReply = true;
      } else {
        skb.ct = { entry: state.conntrack.create(tuple), direction: 'original', isNew: true, related: false };
      }
      conntrackText = describeCt(skb.ct);
      nat = applyExistingNat(skb, 'dst');
    }
    if ((hook === 'POSTROUTING' || hook === 'INPUT') && skb.ct && !skb.ct.isNew) {
      nat = (skb.ct.related ? translateIcmpError(skb, 'src') : applyExistingNat(skb, 'src')) ?? nat;
    }
    const visits: RuleVisit[] = [];
    const ctState: CtState = skb.invalid
      ? 'INVALID'
      : !skb.ct
        ? 'UNTRACKED'
        : skb.ct.related
          ? 'RELATED'
          : skb.ct.direction === 'reply' || skb.ct.entry.seenReply
            ? 'ESTABLISHED'
            : 'NEW';
    const ns2 = ns;
    // nf_nat runs the nat chains of a hook until one binds the connection; the rest are skipped.
    // An IPVS-translated packet's destination binding is made: nat OUTPUT does not see it again.
    let natBound = hook === 'OUTPUT' && skb.ipvs === true;
    for (const entry of hookEntries(ruleset, hook)) {
      const isNat = entry.kind === 'iptables' ? entry.table === 'nat' : entry.chain.base!.type === 'nat';
      // The nat table sees only a connection's first packet; later packets reuse its binding.
      if (isNat && (natBound || !(skb.ct && skb.ct.isNew))) continue;
      let table: string;
      let verdict: TableVerdict | ReturnType<typeof evaluateNftChain>;
      if (entry.kind === 'iptables') {
        table = entry.table;
        if (!ruleset.chain(entry.table, hook)) continue;
        verdict = walkTable(ruleset, entry.table, hook, skb.packet, {
          visits,
          context: {
            inDev,
            outDev,
            ctState,
            ctDnat: skb.ct?.entry.dnat ?? false,
            isLocalAddress: (ip) => isLocalAddress(ns2, ip),
            draw31: () => this.random.int(0, 0x7fffffff),
            recent: state.recent,
            now: this.now,
            ipsets: (name) => ruleset.ipset(name),
            isBridge: (dev) => findDevice(ns2, dev)?.kind === 'bridge',
          },
        });
      } else {
        table = `${entry.table.family} ${entry.table.name} ${entry.chain.name}`;
        verdict = evaluateNftChain(
          entry.table,
          entry.chain,
          skb.packet,
          {
            ctState,
            isLocalAddress: (ip) => isLocalAddress(ns2, ip),
            drawU32: () => this.random.int(0, 0xffffffff),
            dynamicSets: state.nftSets,
            now: this.now,
          },
          visits,
        );
      }
      switch (verdict.kind) {
        case 'accept':
          skb.packet = verdict.packet;
          continue;
        case 'drop': {
          const why = verdict.rule
            ? `dropped by ${table} ${verdict.rule.chain}: ${'detail' in verdict ? verdict.detail : ruleText(verdict.rule)}`
            : `dropped by the ${table} ${hook} policy`;
          this.record(ns, inDev ?? outDev ?? '-', HOOK_KIND[hook], before, skb.packet, why, {
            rules: visits,
            ...(conntrackText && { conntrack: conntrackText }),
          });
          return { kind: 'stop', outcome: this.drop(ns, inDev ?? outDev ?? '-', skb.packet, why) };
        }
        case 'reject': {
          const why = `rejected by ${table} ${verdict.rule.chain} (${verdict.rejectWith}): ${'detail' in verdict ? verdict.detail : ruleText(verdict.rule)}`;
          this.record(ns, inDev ?? outDev ?? '-', HOOK_KIND[hook], before, skb.packet, why, {
            rules: visits,
            ...(conntrackText && { conntrack: conntrackText }),
          });
          this.record(
            ns,
            inDev ?? outDev ?? '-',
            'reject',
            skb.packet,
            skb.packet,
            `an ICMP ${verdict.rejectWith.replace('icmp-', '')} goes back to ${formatIpv4(skb.packet.ip.src)}: the client sees connection refused`,
          );
          // nf_send_unreach → icmp_send; kube-proxy's REJECTs use the default icmp-port-unreachable.
          return {
            kind: 'stop',
            outcome: { verdict: 'rejected', reason: why, answer: this.icmpError(ns, skb.packet, 3, 3) },
          };
        }
        case 'dnat': {
          const from = endpointText(skb.packet.ip.dst, skb.packet.l4.dport);
          skb.packet = verdict.packet;
          const entry = skb.ct!.entry;
          entry.dnat = true;
          entry.reply = { ...entry.reply, src: skb.packet.ip.dst, sport: skb.packet.l4.dport };
          nat = { kind: 'DNAT', from, to: endpointText(skb.packet.ip.dst, skb.packet.l4.dport) };
          natBound = true;
          continue;
        }
        case 'redirect': {
          // nf_nat_redirect_ipv4: to the primary address of the interface the packet came in on, or to
          // 127.0.0.1 for a locally generated one.
          const from = endpointText(skb.packet.ip.dst, skb.packet.l4.dport);
          const inAddress = inDev
            ? findDevice(ns, inDev)?.addresses.find((a) => a.scope === 'global')?.ip
            : undefined;
          const to = inAddress ?? 0x7f000001;
          skb.packet = {
            ...verdict.packet,
            ip: { ...verdict.packet.ip, dst: to },
            l4: { ...verdict.packet.l4, dport: verdict.toPort },
          };
          const entry = skb.ct!.entry;
          entry.dnat = true;
          entry.reply = { ...entry.reply, src: to, sport: verdict.toPort };
          nat = { kind: 'DNAT', from, to: endpointText(to, verdict.toPort) };
          natBound = true;
          continue;
        }
        case 'masquerade':
        case 'snat': {
          const address = verdict.kind === 'snat' ? verdict.address : this.masqueradeAddress(ns, outDev);
          natBound = true;
          if (address === null) {
            const why = `MASQUERADE found no address on ${outDev}`;
            return { kind: 'stop', outcome: this.drop(ns, outDev ?? '-', skb.packet, why) };
          }
          const from = endpointText(skb.packet.ip.src, skb.packet.l4.sport);
          // --random-fully picks the source port at random (NF_NAT_RANGE_PROTO_RANDOM_FULLY); without it
          // the kernel keeps the port when it is free, as it is here.
          const randomFully = verdict.kind === 'masquerade' ? verdict.randomFully : false;
          const sport = randomFully ? this.random.int(1024, 65535) : skb.packet.l4.sport;
          skb.packet = {
            ...verdict.packet,
            ip: { ...verdict.packet.ip, src: address },
            l4: { ...verdict.packet.l4, sport },
          };
          const entry = skb.ct!.entry;
          entry.snat = true;
          entry.reply = { ...entry.reply, dst: address, dport: sport };
          nat = {
            kind: verdict.kind === 'snat' ? 'SNAT' : 'MASQUERADE',
            from,
            to: endpointText(address, sport),
          };
          continue;
        }
      }
    }
    const device = hook === 'PREROUTING' || hook === 'INPUT' ? (inDev ?? '-') : (outDev ?? '-');
    const why = describeHook(hook, visits.length, nat, skb.packet.mark !== before.mark);
    this.record(ns, device, HOOK_KIND[hook], before, skb.packet, why, {
      rules: visits,
      ...(conntrackText && { conntrack: conntrackText }),
      ...(nat && { nat }),
    });
    return { kind: 'accept', dstBefore };
  }

  private confirm(ns: Netns, skb: Skb): void {
    if (skb.ct && skb.ct.isNew) {
      this.state(ns.id).conntrack.confirm(skb.ct.entry);
      skb.ct.isNew = false;
    }
  }

  /** MASQUERADE takes the primary address of the device the packet leaves by (nf_nat_masquerade_ipv4). */
  private masqueradeAddress(ns: Netns, outDev: string | null): Ipv4 | null {
    const dev = outDev ? findDevice(ns, outDev) : undefined;
    const addr = dev?.addresses.find((a) => a.scope === 'global');
    return addr ? addr.ip : null;
  }

  // ---- IPVS -----------------------------------------------------------------------------------------

  /** ip_vs_in's first step: the virtual service for a new connection's (protocol, address, port), if any. */
  private ipvsService(ns: Netns, skb: Skb): VirtualService | undefined {
    const table = ns.ruleset?.ipvs();
    const p = skb.packet;
    if (!table || skb.ipvs || !skb.ct?.isNew || p.l4.icmp) return undefined;
    return table.lookup(p.l4.proto, p.ip.dst, p.l4.dport);
  }

  /**
   * ip_vs_in for a new connection: the scheduler (or a persistence template) picks a real server, and
   * ip_vs_nat_xmit rewrites the destination, routes to it and sends it on through LOCAL_OUT. With
   * net.ipv4.vs.conntrack=1 (kube-proxy sets it) the conntrack entry learns the new reply tuple, so
   * POSTROUTING's masquerade and the replies' translation work as for iptables DNAT. Returns null when the
   * real server is this host: the packet goes on to local delivery.
   */
  private ipvsIn(
    ns: Netns,
    skb: Skb,
    dev: string,
    vs: VirtualService,
    hookName: 'LOCAL_IN' | 'LOCAL_OUT',
  ): Outcome | null {
    let runtime = this.ipvsRuntimes.get(ns.id);
    if (!runtime) this.ipvsRuntimes.set(ns.id, (runtime = new IpvsRuntime(this.random)));
    const before = skb.packet;
    const p = skb.packet;
    const ref = ipvsServiceRef(vs);
    const service = virtualServiceText(vs);
    const choice = runtime.schedule(vs, p.ip.src, p.l4.sport, p.ip.dst, p.l4.proto, this.now);
    if (!choice) {
      // ip_vs_leave: the VIP is IPVS's, but no real server can take the connection.
      const why = `IPVS (${hookName}): ${service} has no available real server, so ip_vs_leave answers ICMP port unreachable and drops the packet`;
      this.record(ns, dev, 'ipvs', before, before, why, {
        rules: [
          {
            rule: ref,
            position: 1,
            matched: true,
            lookup: { map: 'ip_vs_svc_table', key: ref.chain, verdict: null },
          },
        ],
      });
      this.record(
        ns,
        dev,
        'reject',
        p,
        p,
        `an ICMP port-unreachable goes back to ${formatIpv4(p.ip.src)}: the client sees connection refused`,
      );
      return { verdict: 'rejected', reason: why, answer: this.icmpError(ns, p, 3, 3) };
    }
    const rs = choice.realServer;
    skb.packet = { ...p, ip: { ...p.ip, dst: rs.address }, l4: { ...p.l4, dport: rs.port } };
    skb.ipvs = true;
    const entry = skb.ct!.entry;
    entry.dnat = true;
    entry.reply = { ...entry.reply, src: rs.address, sport: rs.port };
    const to = endpointText(rs.address, rs.port);
    const how =
      choice.how === 'persistent'
        ? `the client's persistence template sends it to ${to} again`
        : `scheduler ${vs.scheduler} picks ${to} among ${vs.destinations.length} real server${vs.destinations.length === 1 ? '' : 's'}${choice.templateCreated ? `, and a persistence template keeps ${formatIpv4(p.ip.src)} on it for ${vs.persistentTimeout} s` : ''}`;
    this.record(
      ns,
      dev,
      'ipvs',
      before,
      skb.packet,
      `IPVS (${hookName}): ${endpointText(p.ip.dst, p.l4.dport)} is virtual service ${service}; ${how}; Masq forwarding rewrites the destination`,
      {
        rules: [
          {
            rule: ref,
            position: 1,
            matched: true,
            lookup: { map: 'ip_vs_svc_table', key: ref.chain, verdict: `-> ${to} Masq ${rs.weight}` },
          },
        ],
        nat: { kind: 'DNAT', from: endpointText(p.ip.dst, p.l4.dport), to },
        ...(skb.ct && { conntrack: describeCt(skb.ct) }),
      },
    );
    const route = lookupRoute(ns, rs.address);
    this.recordRouting(ns, skb.packet, route, 'IPVS routes the packet to its real server');
    if (route.kind === 'unreachable')
      return this.drop(ns, dev, skb.packet, `no route to real server ${formatIpv4(rs.address)}`);
    if (route.kind === 'local') {
      if (hookName === 'LOCAL_IN') return null;
      const post = this.hook(ns, 'POSTROUTING', skb, null, 'lo');
      return post.kind === 'accept' ? null : post.outcome;
    }
    // ip_vs_nat_xmit checks the path MTU itself and answers with ICMP fragmentation needed.
    const tooBig = this.mtuExceeded(ns, route.route.dev, skb.packet);
    if (tooBig) return this.fragNeeded(ns, route.route.dev, skb.packet, tooBig);
    const out = this.hook(ns, 'OUTPUT', skb, null, route.route.dev);
    if (out.kind !== 'accept') return out.outcome;
    return this.postroutingAndXmit(ns, skb, route.route, route.nextHop, hookName === 'LOCAL_IN' ? dev : null);
  }

  // ---- bookkeeping ----------------------------------------------------------------------------------

  private resolveNeighbour(
    ns: Netns,
    dev: NetDevice,
    ip: Ipv4,
  ): { mac: string; state: string; how: string } | null {
    const entry = ns.neighbours.find((n) => n.dev === dev.name && n.ip === ip);
    if (entry)
      return { mac: entry.mac, state: entry.state, how: `${entry.state.toLowerCase()} neighbour entry` };
    // ARP: ask the segment behind the device who owns the address.
    for (const candidate of this.segmentDevices(ns, dev)) {
      if (candidate.dev.addresses.some((a) => a.ip === ip))
        return { mac: candidate.dev.mac, state: 'REACHABLE', how: `ARP reply from ${candidate.ns}` };
    }
    return null;
  }

  /** Devices reachable at layer 2 from `dev`: the veth/NIC peer, or every far end of a bridge's ports and the bridge itself. */
  private segmentDevices(ns: Netns, dev: NetDevice): { ns: string; dev: DeviceSummary }[] {
    const out: { ns: string; dev: DeviceSummary }[] = [];
    const addBridge = (bns: Netns, bridge: NetDevice, except: string | null) => {
      out.push({ ns: bns.id, dev: bridge });
      for (const port of bns.devices) {
        if (port.master !== bridge.name || !port.peer || port.name === except) continue;
        const far = this.world.peerDevice(port.peer.netns, port.peer.ifname);
        if (far) out.push({ ns: port.peer.netns, dev: far });
      }
    };
    if (dev.kind === 'bridge') {
      addBridge(ns, dev, null);
    } else if (dev.peer) {
      const peerNs = this.world.netns(dev.peer.netns);
      const peer = findDevice(peerNs, dev.peer.ifname);
      if (peer) {
        if (peer.master) {
          const bridge = findDevice(peerNs, peer.master);
          if (bridge) addBridge(peerNs, bridge, peer.name);
        } else {
          out.push({ ns: peerNs.id, dev: peer });
        }
      }
    }
    return out;
  }

  private recordRouting(
    ns: Netns,
    packet: Packet,
    route: ReturnType<typeof lookupRoute>,
    context: string,
  ): void {
    const dst = formatIpv4(packet.ip.dst);
    if (route.kind === 'local') {
      this.record(
        ns,
        route.dev,
        'routing',
        packet,
        packet,
        `${dst} is an address of this namespace (${route.dev}): local delivery (${context})`,
        {
          route: `local ${dst} dev ${route.dev} table local proto kernel scope host src ${dst}`,
        },
      );
    } else if (route.kind === 'unicast') {
      this.record(
        ns,
        route.route.dev,
        'routing',
        packet,
        packet,
        `${context}; longest prefix match for ${dst} is ${routeText(route.route)}`,
        { route: routeText(route.route) },
      );
    }
  }

  private drop(ns: Netns, device: string, packet: Packet, reason: string): Outcome {
    this.record(ns, device, 'drop', packet, packet, reason);
    return { verdict: 'dropped', reason };
  }
}

function tupleOf(p: Packet): Tuple {
  return { proto: p.l4.proto, src: p.ip.src, sport: p.l4.sport, dst: p.ip.dst, dport: p.l4.dport };
}

/**
 * The outer UDP source port: the kernel hashes the inner flow into the local port range
 * (udp_flow_src_port, 32768–60999) so ECMP spreads flows; its jhash seed is random per boot, so this uses a
 * fixed FNV-1a of the inner 5-tuple instead — stable per flow, different between flows.
 */
export function vxlanSourcePort(inner: Packet): number {
  let h = 0x811c9dc5;
  for (const v of [
    inner.ip.src,
    inner.ip.dst,
    inner.l4.sport,
    inner.l4.dport,
    inner.l4.proto === 'tcp' ? 6 : inner.l4.proto === 'udp' ? 17 : 1,
  ]) {
    for (let k = 0; k < 4; k++) {
      h ^= (v >>> (k * 8)) & 255;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return 32768 + (h % (60999 - 32768 + 1));
}
