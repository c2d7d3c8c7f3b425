// The Linux bridge (net/bridge): a frame addressed to the bridge goes up to its namespace's IP stack;
// any other is forwarded out the port where its destination MAC was learned. With br_netfilter
// (net.bridge.bridge-nf-call-iptables=1, which kubeadm requires) a bridged IPv4 frame also crosses
// iptables' PREROUTING, FORWARD and POSTROUTING.
import type { NetDevice, Netns } from '../model/netns';
import type { DatapathContext, Outcome } from './context';
import type { Packet } from '../net/packet';
import type { Skb } from './skb';

export function bridgeForward(
  ctx: DatapathContext,
  ns: Netns,
  bridge: NetDevice,
  inPort: NetDevice | null,
  frame: Packet,
): Outcome {
  const dst = frame.eth?.dst;
  if (inPort && dst === bridge.mac) {
    ctx.record(
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
    return ctx.stages.ipReceive(ns, bridge.name, { packet: frame, ct: null });
  }
  const outPort = portForMac(ctx, ns, bridge, dst ?? '');
  if (!outPort)
    return ctx.drop(
      ns,
      bridge.name,
      frame,
      `${bridge.name} has no FDB entry for ${dst}; flooded, nobody answered`,
    );
  if (inPort && outPort.name === inPort.name && !outPort.hairpin) {
    return ctx.drop(
      ns,
      bridge.name,
      frame,
      `${bridge.name} would send the frame back out ${inPort.name}, where it came from, and hairpin mode is off`,
    );
  }
  ctx.record(
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
  if (inPort && ns.bridgeNfCallIptables && ns.ruleset)
    return bridgeNetfilter(ctx, ns, bridge, outPort, frame);
  return ctx.stages.wireXmit(ns, outPort, frame);
}

/** br_netfilter's hooks on a bridged frame (br_nf_pre_routing, br_nf_forward_ip, br_nf_post_routing). */
function bridgeNetfilter(
  ctx: DatapathContext,
  ns: Netns,
  bridge: NetDevice,
  outPort: NetDevice,
  frame: Packet,
): Outcome {
  const skb: Skb = { packet: frame, ct: null };
  const pre = ctx.stages.hook(ns, 'PREROUTING', skb, bridge.name, null);
  if (pre.kind !== 'accept') return pre.outcome;
  if (skb.packet.ip.dst !== frame.ip.dst) {
    // br_nf_pre_routing_finish: DNAT changed the destination, so the frame is routed instead, through the
    // same ip_rcv_finish as any received packet (ip_forward, TTL and no-route handling included).
    return ctx.stages.routeInput(ns, bridge.name, skb, `bridged frame DNATed on ${bridge.name}`);
  }
  const fwd = ctx.stages.hook(ns, 'FORWARD', skb, bridge.name, bridge.name);
  if (fwd.kind !== 'accept') return fwd.outcome;
  const post = ctx.stages.hook(ns, 'POSTROUTING', skb, bridge.name, bridge.name);
  if (post.kind !== 'accept') return post.outcome;
  ctx.confirm(ns, skb);
  return ctx.stages.wireXmit(ns, outPort, skb.packet);
}

/** The bridge's FDB: the port behind which `mac` was learned. */
function portForMac(ctx: DatapathContext, ns: Netns, bridge: NetDevice, mac: string): NetDevice | undefined {
  for (const port of ns.devices) {
    if (port.master !== bridge.name || !port.peer) continue;
    const far = ctx.world.peerDevice(port.peer.netns, port.peer.ifname);
    if (far && far.mac === mac) return port;
  }
  return undefined;
}
