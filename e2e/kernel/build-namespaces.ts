// Recreates the engine's model of a cluster in real network namespaces: every device with the engine's
// name, ifindex, MAC and MTU; bridge ports and hairpin mode; addresses (with the broadcast netlink sets);
// the non-kernel routes; flannel's permanent neighbours and VXLAN FDB entries, or its TUN device; the sysctls the model
// states (ip_forward, bridge-nf-call-iptables). Everything comes from `cluster.netns(id)`; nothing about
// the topology is written here by hand (engine/inspect/testdata/kernel-lab.sh did it by hand once).
import type { Cluster } from '../../engine/cluster/cluster';
import type { NetDevice, Netns } from '../../engine/model/netns';
import { formatIpv4 } from '../../engine/net/ipv4';
import { HostCommandError, type LabHost, sh } from './host';

/** A command the build runs; `ns` is the engine id it belongs to (for messages). */
interface Step {
  readonly args: readonly string[];
}

/** Every namespace of the cluster the lab recreates: nodes, pods with a sandbox, the underlay, external clients. */
export function labNamespaces(cluster: Cluster): Netns[] {
  const out: Netns[] = [];
  for (const n of cluster.scenario.nodes) out.push(cluster.netns(`node/${n.name}`));
  for (const p of cluster.scenario.pods) {
    const key = `${p.namespace}/${p.name}`;
    if (p.hostNetwork || cluster.podIP(key) === undefined) continue;
    out.push(cluster.netns(`pod/${key}`));
  }
  const underlay = cluster.netns('underlay');
  out.push(underlay);
  for (const d of underlay.devices) {
    if (d.peer?.netns.startsWith('external/')) out.push(cluster.netns(d.peer.netns));
  }
  return out;
}

export class UnsupportedTopology extends Error {}

export function buildSteps(
  cluster: Cluster,
  namespaces: readonly Netns[],
  name: (id: string) => string,
): Step[] {
  const byId = new Map(namespaces.map((n) => [n.id, n]));
  const ip = (id: string, ...rest: string[]): Step => ({ args: ['ip', '-n', name(id), ...rest] });
  const exec = (id: string, ...rest: string[]): Step => ({
    args: ['ip', 'netns', 'exec', name(id), ...rest],
  });
  const steps: Step[] = [];

  for (const ns of namespaces) {
    // IPv6 stays off: its neighbour discovery and MLD would only add noise to the capture.
    steps.push(
      exec(
        ns.id,
        'sysctl',
        '-qw',
        'net.ipv6.conf.all.disable_ipv6=1',
        'net.ipv6.conf.default.disable_ipv6=1',
      ),
    );
    steps.push(ip(ns.id, 'link', 'set', 'lo', 'up'));
  }
  // Bridges first (veths join them), then the veth pairs (a VXLAN device names its underlay NIC), then VXLAN.
  for (const ns of namespaces) {
    for (const d of ns.devices) {
      if (d.kind === 'bridge') steps.push(ip(ns.id, 'link', 'add', d.name, ...common(d), 'type', 'bridge'));
      else if (d.kind === 'ethernet')
        throw new UnsupportedTopology(`${ns.id} ${d.name}: an ethernet device is not built by the lab`);
    }
  }
  const made = new Set<string>();
  for (const ns of namespaces) {
    for (const d of ns.devices) {
      if (d.kind !== 'veth') continue;
      if (!d.peer) throw new UnsupportedTopology(`${ns.id} ${d.name}: a veth without a peer`);
      const here = `${ns.id} ${d.name}`;
      if (made.has(here)) continue;
      const peerNs = byId.get(d.peer.netns);
      const peer = peerNs?.devices.find((x) => x.name === d.peer!.ifname);
      if (!peerNs || !peer)
        throw new UnsupportedTopology(
          `${here}: its peer ${d.peer.netns} ${d.peer.ifname} is not in the model`,
        );
      made.add(here);
      made.add(`${peerNs.id} ${peer.name}`);
      steps.push(
        ip(
          ns.id,
          'link',
          'add',
          d.name,
          ...common(d),
          'type',
          'veth',
          'peer',
          'name',
          peer.name,
          ...common(peer),
          'netns',
          name(peerNs.id),
        ),
      );
    }
  }
  for (const ns of namespaces) {
    for (const d of ns.devices) {
      if (d.kind !== 'vxlan' || !d.vxlan) continue;
      const v = d.vxlan;
      steps.push(
        ip(
          ns.id,
          'link',
          'add',
          d.name,
          ...common(d),
          'type',
          'vxlan',
          'id',
          String(v.vni),
          'local',
          formatIpv4(v.local),
          'dev',
          v.dev,
          'dstport',
          String(v.dstport),
          ...(v.learning ? [] : ['nolearning']),
        ),
      );
    }
  }
  // flannel's udp backend: a persistent TUN device (IFF_TUN | IFF_NO_PI, iproute2's default), which the
  // lab's flanneld stand-in attaches to (flanneld-relay.ts). No MAC and no ifindex can be given to it: it
  // comes after the veths, which take theirs explicitly, so it takes a free number.
  for (const ns of namespaces) {
    for (const d of ns.devices) {
      if (d.kind !== 'tun') continue;
      steps.push(ip(ns.id, 'tuntap', 'add', 'dev', d.name, 'mode', 'tun'));
      steps.push(ip(ns.id, 'link', 'set', d.name, 'mtu', String(d.mtu)));
    }
  }
  for (const ns of namespaces) {
    for (const d of ns.devices) {
      if (d.master) steps.push(ip(ns.id, 'link', 'set', d.name, 'master', d.master));
      if (d.hairpin) steps.push(ip(ns.id, 'link', 'set', d.name, 'type', 'bridge_slave', 'hairpin', 'on'));
      if (d.promisc) steps.push(ip(ns.id, 'link', 'set', d.name, 'promisc', 'on'));
    }
    for (const d of ns.devices) {
      if (d.kind === 'loopback') continue;
      for (const a of d.addresses) {
        const brd = a.broadcast === undefined ? [] : ['broadcast', formatIpv4(a.broadcast)];
        steps.push(
          ip(
            ns.id,
            'addr',
            'add',
            `${formatIpv4(a.ip)}/${a.prefix}`,
            ...brd,
            'scope',
            a.scope,
            'dev',
            d.name,
          ),
        );
      }
    }
    for (const d of ns.devices) if (d.kind !== 'loopback') steps.push(ip(ns.id, 'link', 'set', d.name, 'up'));
  }
  for (const ns of namespaces) {
    for (const r of ns.routes) {
      // Kernel routes (prefix routes of addresses, the local table) appear by themselves.
      if (r.proto === 'kernel' || r.table !== 'main' || r.type !== 'unicast') continue;
      const dst = r.dst.prefix === 0 ? 'default' : `${formatIpv4(r.dst.network)}/${r.dst.prefix}`;
      const args = ['route', 'add', dst];
      if (r.gateway !== undefined) args.push('via', formatIpv4(r.gateway));
      args.push('dev', r.dev);
      if (r.onlink) args.push('onlink');
      if (r.src !== undefined) args.push('src', formatIpv4(r.src));
      if (r.scope !== 'global') args.push('scope', r.scope);
      steps.push(ip(ns.id, ...args));
    }
    for (const n of ns.neighbours) {
      if (n.state !== 'PERMANENT') continue;
      steps.push(
        ip(ns.id, 'neigh', 'add', formatIpv4(n.ip), 'lladdr', n.mac, 'dev', n.dev, 'nud', 'permanent'),
      );
    }
    for (const f of ns.fdb) {
      // Only the VXLAN remotes are configuration; a bridge's own local entries come with its ports.
      if (!f.self || f.dst === undefined) continue;
      steps.push(exec(ns.id, 'bridge', 'fdb', 'append', f.mac, 'dev', f.dev, 'dst', formatIpv4(f.dst)));
    }
    steps.push(exec(ns.id, 'sysctl', '-qw', `net.ipv4.ip_forward=${ns.ipForward ? 1 : 0}`));
    if (ns.devices.some((d) => d.kind === 'bridge')) {
      steps.push(
        exec(ns.id, 'sysctl', '-qw', `net.bridge.bridge-nf-call-iptables=${ns.bridgeNfCallIptables ? 1 : 0}`),
      );
    }
  }
  void cluster;
  return steps;
}

function common(d: NetDevice): string[] {
  return ['index', String(d.ifindex), 'address', d.mac, 'mtu', String(d.mtu)];
}

/** Creates the namespaces and runs the steps; the host remembers every namespace for cleanup. */
export function buildInKernel(host: LabHost, cluster: Cluster): Netns[] {
  const namespaces = labNamespaces(cluster);
  for (const ns of namespaces) host.addNetns(host.netnsName(ns.id));
  for (const step of buildSteps(cluster, namespaces, (id) => host.netnsName(id))) {
    try {
      sh(step.args[0]!, step.args.slice(1));
    } catch (e) {
      throw new HostCommandError(`building ${cluster.file}: ${(e as Error).message}`);
    }
  }
  return namespaces;
}
