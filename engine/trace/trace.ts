// Runs one connection's first packet there and its answer back, and shapes the result as the trace the
// CLI prints and the app animates.
import { formatIpv4 } from '../net/ipv4';
import { Datapath, type Outcome } from '../datapath/datapath';
import { endpointText, type Packet } from '../net/packet';
import { lookupRoute, selectSourceAddress } from '../datapath/routing';
import type { World } from '../datapath/world';
import { SeededRandom } from '../random';
import {
  type ClusterDirectory,
  resolveDestination,
  resolveSource,
  type TraceRequest,
  TraceRequestError,
} from './request';
import { type DnsStep, parseNamedDestination, resolveWithPackets } from '../dns/trace-dns';
import { getaddrinfoOrder, type SourceOf } from '../dns/address-order';
import type { Netns } from '../model/netns';
import { clusterDnsOf, type DnsDirectory, isDnsDirectory, ResolveError } from '../dns/resolve';
import { isIngressRequest, traceHttp } from './http-trace';
import type { ConnectionOptions, Delivery, LegResult, Trace, UserspaceProxyStep } from './types';

/** Ephemeral ports come from net.ipv4.ip_local_port_range, 32768–60999 by default. */
const EPHEMERAL = [32768, 60999] as const;

function delivery(outcome: Outcome): Delivery | null {
  if (outcome.verdict !== 'delivered') return null;
  const ns = outcome.netns;
  return {
    pod: ns.startsWith('pod/') ? ns.slice(4) : null,
    netns: ns,
    ip: formatIpv4(outcome.packet.ip.dst),
    port: outcome.packet.l4.dport,
  };
}

function legOf(outcome: Outcome, kind: LegResult['kind'] = 'answer'): LegResult {
  return {
    kind,
    verdict: outcome.verdict,
    deliveredTo: delivery(outcome),
    reason: outcome.verdict === 'delivered' ? null : outcome.reason,
  };
}

export function traceConnection(
  world: World,
  dir: ClusterDirectory,
  request: TraceRequest,
  options: ConnectionOptions = {},
): Trace {
  const seed = request.seed ?? 1;
  const random = options.random ?? new SeededRandom(seed);
  const datapath = options.datapath ?? new Datapath(world, random);
  const source = resolveSource(request.from, dir);
  const named = parseNamedDestination(request.to);
  // Checked against the text as typed: past this point an http:// URL is rewritten to an address and port.
  if (named && !(named.port >= 1 && named.port <= 65535))
    throw new TraceRequestError(`--to ${request.to}: port must be 1-65535, got ${named.port}`);
  let dnsStep: DnsStep<Trace> | undefined;
  let to = request.to;
  if (named?.scheme && isDnsDirectory(dir) && isIngressRequest(dir, request.from, named)) {
    return traceHttp(
      world,
      dir,
      request,
      { ...named, scheme: named.scheme },
      { datapath, random },
      traceConnection,
    );
  }
  if (named) {
    if (!isDnsDirectory(dir))
      throw new TraceRequestError(`--to ${request.to}: names need a built cluster to resolve them`);
    try {
      dnsStep = resolveWithPackets(
        clusterDnsOf(dir),
        dir,
        request.from,
        named.host,
        undefined,
        (dnsTo, sport, size, replySize) => {
          const t = traceConnection(
            world,
            dir,
            { from: request.from, to: dnsTo, protocol: 'UDP', seed, size },
            { datapath, random, ...(sport !== undefined && { sport }), replySize },
          );
          return {
            delivered: t.verdict === 'delivered',
            deliveredToPod: t.deliveredTo?.pod ?? null,
            replyDelivered: t.reply?.verdict === 'delivered',
            trace: t,
          };
        },
        () => random.int(EPHEMERAL[0], EPHEMERAL[1]),
      );
    } catch (e) {
      if (e instanceof ResolveError) throw new TraceRequestError(`--to ${request.to}: ${e.message}`);
      throw e;
    }
    if (dnsStep.source === 'dns' && dnsStep.addresses.length > 1)
      dnsStep = orderedForConnect(dnsStep, world.netns(source.netns), dir, seed);
    const address = dnsStep.addresses[0];
    if (address === undefined) {
      // getaddrinfo failed: no connection is attempted.
      const why =
        dnsStep.failure === 'EAI_AGAIN'
          ? 'Temporary failure in name resolution (EAI_AGAIN): no answer from the nameserver'
          : 'Name or service not known (EAI_NONAME)';
      return {
        request: {
          from: request.from,
          to: request.to,
          protocol: request.protocol === 'UDP' ? 'udp' : 'tcp',
          seed,
          label: named.host,
        },
        verdict: dnsStep.failure === 'EAI_AGAIN' ? 'dropped' : 'rejected',
        deliveredTo: null,
        reason: `getaddrinfo("${named.host}"): ${why}`,
        reply: null,
        hops: [],
        dns: dnsStep,
      };
    }
    to = `${address}:${named.port}`;
  }
  const hopStart = datapath.hops.length;
  const resolved = resolveDestination(
    to,
    dir,
    source.address !== null && request.from.startsWith('external/'),
    request.protocol,
  );
  const dest = named ? { ...resolved, label: named.host } : resolved;
  const proto = dest.protocol === 'UDP' ? 'udp' : 'tcp';
  const ns = world.netns(source.netns);
  let srcIp = source.address;
  if (srcIp === null) {
    const route = lookupRoute(ns, dest.ip);
    srcIp =
      route.kind === 'unicast'
        ? selectSourceAddress(ns, route.route, route.nextHop)
        : route.kind === 'local'
          ? dest.ip
          : null;
  }
  const sport = options.sport ?? random.int(EPHEMERAL[0], EPHEMERAL[1]);
  const size = request.size ?? (proto === 'tcp' ? 60 : 64);
  const packet: Packet = {
    eth: null,
    ip: { src: srcIp ?? 0, dst: dest.ip, ttl: 64, length: size, dontFragment: true },
    l4: { proto, sport, dport: dest.port, flags: proto === 'tcp' ? 'S' : '' },
    mark: 0,
    encap: null,
  };
  datapath.setDirection('request');
  // Keyed by the namespace the socket really lives in: a hostNetwork pod's socket is in its node's.
  datapath.openClientSocket(ns.id, proto, packet.ip.src, sport, dest.ip, dest.port);
  const verb = proto === 'tcp' ? 'connect()s to' : 'sends a datagram to';
  let outcome: Outcome;
  try {
    outcome = datapath.send(
      source.netns,
      packet,
      `${source.label} ${verb} ${dest.label} (${endpointText(dest.ip, dest.port)}) from ${endpointText(packet.ip.src, sport)}${dnsStep?.addressOrder ? ` (${dnsStep.addressOrder})` : ''}`,
    );
  } catch (e) {
    outcome = { verdict: 'dropped', reason: e instanceof Error ? e.message : String(e) };
  }
  let reply: LegResult | null = null;
  if (outcome.verdict === 'delivered') {
    const got = outcome.packet;
    const answer: Packet = {
      eth: null,
      ip: {
        src: got.ip.dst,
        dst: got.ip.src,
        ttl: 64,
        length: proto === 'tcp' ? 60 : (options.replySize ?? size),
        dontFragment: true,
      },
      l4: { proto, sport: got.l4.dport, dport: got.l4.sport, flags: proto === 'tcp' ? 'S.' : '' },
      mark: 0,
      encap: null,
    };
    datapath.setDirection('reply');
    let back: Outcome;
    try {
      back = datapath.send(
        outcome.netns,
        answer,
        `${world.describe(outcome.netns)} answers ${endpointText(got.ip.src, got.l4.sport)} from ${endpointText(got.ip.dst, got.l4.dport)}${proto === 'tcp' ? ' (SYN-ACK)' : ''}`,
      );
    } catch (e) {
      back = { verdict: 'dropped', reason: e instanceof Error ? e.message : String(e) };
    }
    reply = legOf(back);
  } else if (outcome.answer) {
    // The refusal travels back like any packet: through conntrack (RELATED for ICMP errors), un-NAT and
    // the overlay, to the socket that sent the request.
    const answer = outcome.answer;
    datapath.setDirection('reply');
    let back: Outcome;
    try {
      back = datapath.send(answer.netns, answer.packet, answer.why, answer.aboutCt);
    } catch (e) {
      back = { verdict: 'dropped', reason: e instanceof Error ? e.message : String(e) };
    }
    reply = legOf(back, answer.kind);
  }
  // Userspace mode: the client's connection ended at kube-proxy's proxy socket on the node, which now
  // picks a backend (round robin, or the client's previous one with ClientIP affinity) and connects to it
  // from the node: a second connection, traced on its own.
  let proxy: UserspaceProxyStep | undefined;
  const portal =
    outcome.verdict === 'delivered'
      ? world.userspacePortal?.(outcome.netns, outcome.packet.l4.dport)
      : undefined;
  if (portal && outcome.verdict === 'delivered' && !options.noProxyHop) {
    const backend =
      portal.backends.length === 0
        ? null
        : portal.backends[portal.sessionAffinity ? 0 : random.int(0, portal.backends.length - 1)]!;
    const upstream = backend
      ? traceConnection(
          world,
          dir,
          { from: outcome.netns, to: backend, protocol: proto === 'udp' ? 'UDP' : 'TCP', seed },
          { random, noProxyHop: true },
        )
      : null;
    proxy = {
      mode: 'userspace',
      listener: `${outcome.netns.slice(5)} ${endpointText(outcome.packet.ip.dst, outcome.packet.l4.dport)}`,
      servicePort: portal.servicePort,
      backend,
      why: backend
        ? `kube-proxy (userspace mode, removed in v1.26) accepted the connection on its proxy port ${portal.proxyPort} for ${portal.servicePort} and opened its own connection to ${backend}`
        : `kube-proxy accepted on proxy port ${portal.proxyPort}, but ${portal.servicePort} has no endpoints: it closes the client's connection`,
      upstream,
    };
  }
  const leg = legOf(outcome);
  return {
    ...(proxy && { proxy }),
    request: { from: request.from, to: request.to, protocol: proto, seed, label: dest.label },
    verdict: leg.verdict,
    deliveredTo: leg.deliveredTo,
    reason: leg.reason,
    reply,
    hops: datapath.hops.slice(hopStart),
    ...(dnsStep && { dns: dnsStep }),
  };
}

/** Several connections from the same client, one second apart, sharing kernel state: how kube-proxy spreads them. */
export function traceConnections(
  world: World,
  dir: ClusterDirectory,
  request: TraceRequest,
  count: number,
): Trace[] {
  const random = new SeededRandom(request.seed ?? 1);
  const datapath = new Datapath(world, random);
  const traces: Trace[] = [];
  for (let i = 0; i < count; i++) {
    datapath.now = i;
    traces.push(traceConnection(world, dir, request, { datapath, random }));
  }
  return traces;
}

/**
 * A name with several addresses (a headless Service): the list in the order getaddrinfo returns it, as
 * CoreDNS's loadbalance plugin (when the Corefile has it) and glibc's RFC 3484 sort leave it; connect()
 * takes the first. The shuffle draws from its own stream, so the trace's ports do not move.
 */
function orderedForConnect(step: DnsStep<Trace>, ns: Netns, dir: DnsDirectory, seed: number): DnsStep<Trace> {
  const zone = `${dir.scenario.networking.dnsDomain}.`;
  const loadbalance = dir.scenario.dns.corefile.servers.some(
    (b) => b.plugins.includes('loadbalance') && b.zones.some((z) => z === '.' || zone.endsWith(z)),
  );
  const sourceOf: SourceOf = (dst) => {
    const route = lookupRoute(ns, dst);
    if (route.kind !== 'unicast') return null;
    const ip = selectSourceAddress(ns, route.route, route.nextHop);
    if (ip === null) return null;
    for (const d of ns.devices) for (const a of d.addresses) if (a.ip === ip) return { ip, prefix: a.prefix };
    return null;
  };
  const order = getaddrinfoOrder(
    step.addresses,
    sourceOf,
    loadbalance ? new SeededRandom(seed ^ 0x1b) : null,
  );
  return { ...step, addresses: order.addresses, addressOrder: order.why };
}
