// ICMP errors: the one a namespace sends when it refuses a packet (icmp_send), and what happens when an
// error reaches the host whose packet it is about (the socket learns of it, icmp_unreach → tcp_v4_err /
// __udp4_lib_err).
import type { Netns } from '../model/netns';
import type { ConntrackEntry } from './conntrack';
import { formatIpv4 } from '../net/ipv4';
import type { DatapathContext, ErrorAnswer, Outcome } from './context';
import { endpointText, type Packet } from '../net/packet';
import { findDevice, isLocalAddress, lookupRoute, selectSourceAddress } from './routing';
import { socketErrorOfIcmp } from '../net/socket-errors';
import type { IcmpError } from '../net/packet';

/** An ICMP error generated in `ns` about `about` (icmp_send): sent to its source from the address routing picks. */
export function icmpError(ns: Netns, about: Packet, type: number, code: number, mtu?: number): ErrorAnswer {
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
    encap: null,
  };
  const what =
    type === 11
      ? 'time exceeded'
      : code === 4
        ? `fragmentation needed (mtu ${mtu})`
        : code === 0
          ? 'net unreachable'
          : 'port unreachable';
  return {
    netns: ns.id,
    packet,
    kind: 'icmp-error',
    why: `${ns.id} sends ICMP ${what} from ${formatIpv4(src)} to ${formatIpv4(about.ip.src)}`,
  };
}

/** A packet too big for the next device with DF set: dropped, and ICMP fragmentation needed goes back. */
export function fragNeeded(
  ctx: DatapathContext,
  ns: Netns,
  dev: string,
  packet: Packet,
  reason: string,
  aboutCt?: ConntrackEntry,
): Outcome {
  ctx.record(ns, dev, 'drop', packet, packet, reason);
  const mtu = findDevice(ns, dev)?.mtu ?? 0;
  const answer = icmpError(ns, packet, 3, 4, mtu);
  // The error carries the dropped packet's conntrack: checked in the kernel lab (scenario 11, oversized-udp),
  // where the client's socket gets EMSGSIZE, so the embedded header reached it un-DNATed.
  return { verdict: 'dropped', reason, answer: aboutCt ? { ...answer, aboutCt } : answer };
}

/** An ICMP error arriving where its embedded packet came from: the socket that sent that packet gets the error. */
export function deliverIcmpError(ctx: DatapathContext, ns: Netns, inDev: string, p: Packet): Outcome {
  const e = p.l4.icmp!.embedded;
  const expected = ctx.clientSockets.get(`${ns.id} ${e.proto} ${e.src}:${e.sport}`);
  if (expected !== undefined && expected === endpointText(e.dst, e.dport)) {
    const effect = socketEffect(e.proto, p.l4.icmp!);
    ctx.record(
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
  ctx.record(ns, inDev, 'drop', p, p, reason);
  return { verdict: 'dropped', reason };
}

/**
 * What the socket makes of the error (engine/net/socket-errors.ts has the kernel's table): a TCP socket in
 * SYN-SENT fails connect() with it; a UDP socket without IP_RECVERR is told only of the hard ones, so a
 * net or host unreachable leaves it waiting.
 */
function socketEffect(proto: 'tcp' | 'udp', icmp: IcmpError): string {
  if (icmp.type === 11)
    return proto === 'tcp'
      ? 'gets EHOSTUNREACH'
      : 'ignores it: time exceeded is a soft error that only IP_RECVERR reports';
  if (icmp.type === 3 && icmp.code === 4)
    return `learns the path MTU ${icmp.mtu} (EMSGSIZE on the next send)`;
  const errno = socketErrorOfIcmp(proto, icmp.type, icmp.code);
  if (errno !== null) return `gets ${errno}`;
  return `is not told: for a UDP socket this is a soft error that only IP_RECVERR reports (__udp4_lib_err), so recv() keeps waiting`;
}
