// A hand-built world for the datapath's unit tests: namespaces assembled device by device, so each test
// shows the few kernel entries its stage depends on. Not a cluster: no CNI, no kube-proxy.
import type { NetDevice, Netns, RouteEntry } from '../../model/netns';
import { ipv4, type Ipv4 } from '../../net/ipv4';
import { SeededRandom } from '../../random';
import { DatapathContext, type Stages } from '../context';
import { kernelStages } from '../datapath';
import type { Packet, TransportProto } from '../../net/packet';
import type { TunnelDriver } from '../tunnel';
import type { World } from '../world';

export type MutableNetns = { -readonly [K in keyof Netns]: Netns[K] } & {
  devices: NetDevice[];
  routes: RouteEntry[];
};

export function netns(id: string, overrides: Partial<MutableNetns> = {}): MutableNetns {
  return {
    id,
    kind: 'pod',
    node: null,
    path: '',
    devices: [],
    routes: [],
    neighbours: [],
    fdb: [],
    ipForward: false,
    bridgeNfCallIptables: false,
    ruleset: null,
    ...overrides,
  };
}

let macCounter = 0;
function nextMac(): string {
  macCounter++;
  return `02:00:00:00:00:${macCounter.toString(16).padStart(2, '0')}`;
}

/** `ip link add A type veth peer name B netns …` with `ip addr add` on each end that has an address. */
export function vethPair(
  a: MutableNetns,
  aName: string,
  aAddr: string | null,
  b: MutableNetns,
  bName: string,
  bAddr: string | null,
  options: { mtu?: number; bMaster?: string; hairpin?: boolean } = {},
): void {
  const addr = (text: string | null) => {
    if (!text) return [];
    const [ip, prefix] = text.split('/');
    return [{ ip: ipv4(ip!), prefix: Number(prefix), scope: 'global' as const }];
  };
  a.devices.push({
    name: aName,
    ifindex: a.devices.length + 2,
    kind: 'veth',
    mac: nextMac(),
    mtu: options.mtu ?? 1500,
    addresses: addr(aAddr),
    peer: { netns: b.id, ifname: bName, ifindex: b.devices.length + 2 },
  });
  b.devices.push({
    name: bName,
    ifindex: b.devices.length + 2,
    kind: 'veth',
    mac: nextMac(),
    mtu: options.mtu ?? 1500,
    addresses: addr(bAddr),
    peer: { netns: a.id, ifname: aName, ifindex: a.devices.length + 1 },
    ...(options.bMaster !== undefined && { master: options.bMaster }),
    ...(options.hairpin !== undefined && { hairpin: options.hairpin }),
  });
  for (const [ns, text, dev] of [
    [a, aAddr, aName],
    [b, bAddr, bName],
  ] as const) {
    if (!text) continue;
    const [ip, prefix] = text.split('/');
    const p = Number(prefix);
    const mask = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
    ns.routes.push(
      route(`${formatNet((ipv4(ip!) & mask) >>> 0)}/${p}`, dev, { scope: 'link', proto: 'kernel' }),
    );
  }
}

function formatNet(ip: Ipv4): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

export function route(
  dst: string,
  dev: string,
  extra: { via?: string; scope?: RouteEntry['scope']; proto?: RouteEntry['proto'] } = {},
): RouteEntry {
  const [net, prefix] = dst.split('/');
  return {
    dst: { network: ipv4(net!), prefix: Number(prefix) },
    ...(extra.via !== undefined && { gateway: ipv4(extra.via) }),
    dev,
    scope: extra.scope ?? 'global',
    proto: extra.proto ?? 'static',
    table: 'main',
    type: 'unicast',
  };
}

export interface LabWorld extends World {
  tunnels: TunnelDriver[];
  add(...namespaces: MutableNetns[]): void;
  listen(netnsId: string, proto: TransportProto, port: number): void;
}

export function labWorld(): LabWorld {
  const spaces = new Map<string, MutableNetns>();
  const listening = new Set<string>();
  return {
    tunnels: [],
    add(...namespaces) {
      for (const ns of namespaces) spaces.set(ns.id, ns);
    },
    listen(netnsId, proto, port) {
      listening.add(`${netnsId} ${proto} ${port}`);
    },
    netns(id) {
      const ns = spaces.get(id);
      if (!ns) throw new Error(`no namespace ${id} in the lab`);
      return ns;
    },
    peerDevice(netnsId, ifname) {
      return spaces.get(netnsId)?.devices.find((d) => d.name === ifname);
    },
    listener(netnsId, proto, port) {
      return listening.has(`${netnsId} ${proto} ${port}`) ? '' : null;
    },
    describe(netnsId) {
      return netnsId;
    },
  };
}

/** A context with the kernel's stages, some of them replaced (to watch which stage a packet is sent to). */
export function labContext(world: World, replace: Partial<Stages> = {}): DatapathContext {
  const ctx = new DatapathContext(world, new SeededRandom(1));
  ctx.stages = Object.assign(kernelStages(ctx), replace);
  return ctx;
}

export function tcpPacket(
  src: string,
  sport: number,
  dst: string,
  dport: number,
  extra: { ttl?: number; length?: number; df?: boolean; flags?: string } = {},
): Packet {
  return {
    eth: null,
    ip: {
      src: ipv4(src),
      dst: ipv4(dst),
      ttl: extra.ttl ?? 64,
      length: extra.length ?? 60,
      dontFragment: extra.df ?? true,
    },
    l4: { proto: 'tcp', sport, dport, flags: extra.flags ?? 'S' },
    mark: 0,
    encap: null,
  };
}

export function udpPacket(src: string, sport: number, dst: string, dport: number, length = 40): Packet {
  return {
    eth: null,
    ip: { src: ipv4(src), dst: ipv4(dst), ttl: 64, length, dontFragment: true },
    l4: { proto: 'udp', sport, dport, flags: '' },
    mark: 0,
    encap: null,
  };
}

/**
 * client (10.0.1.2) ── router (10.0.1.1 | 10.0.2.1, ip_forward on) ── server (10.0.2.2, tcp/80, udp/53).
 * Routes: the client and the server default via the router.
 */
export function twoSubnets(options: { routerForwards?: boolean } = {}) {
  const world = labWorld();
  const client = netns('client');
  const router = netns('router', { kind: 'node', node: 'router', ipForward: options.routerForwards ?? true });
  const server = netns('server');
  vethPair(client, 'eth0', '10.0.1.2/24', router, 'veth-c', '10.0.1.1/24');
  vethPair(server, 'eth0', '10.0.2.2/24', router, 'veth-s', '10.0.2.1/24');
  client.routes.push(route('0.0.0.0/0', 'eth0', { via: '10.0.1.1' }));
  server.routes.push(route('0.0.0.0/0', 'eth0', { via: '10.0.2.1' }));
  world.add(client, router, server);
  world.listen('server', 'tcp', 80);
  world.listen('server', 'udp', 53);
  return { world, client, router, server };
}
