// flannel's udp backend in the lab: the kernel gives the TUN device (build-namespaces.ts), and flanneld's part
// — reading flannel0 and relaying in UDP to the other nodes — is played by flanneld-relay.py, one per node
// namespace, started here with each node's table of the other nodes' leases (what flanneld learns from
// the Node objects) and stopped with the lab's other processes.
import { fileURLToPath } from 'node:url';
import type { Cluster } from '../../engine/cluster/cluster';
import type { Netns } from '../../engine/model/netns';
import { formatIpv4 } from '../../engine/net/ipv4';
import { type LabHost, STARTUP_TIMEOUT_MS, waitForLine } from './host';

const RELAY = fileURLToPath(new URL('./flanneld-relay.py', import.meta.url));

/** The relay's command line for one node namespace, or null when the node has no TUN device. */
export function relayArgs(cluster: Cluster, ns: Netns): string[] | null {
  const tun = ns.devices.find((d) => d.kind === 'tun');
  const node = cluster.scenario.nodes.find((n) => n.name === ns.node);
  if (!tun || !node || ns.kind !== 'node') return null;
  const address = tun.addresses[0];
  if (!address) throw new Error(`${ns.id} ${tun.name} has no address for flanneld's ICMP errors`);
  const leases = cluster.scenario.nodes
    .filter((n) => n.name !== node.name)
    .map((n) => `${formatIpv4(n.podCIDR.network)}/${n.podCIDR.prefix}=${formatIpv4(n.internalIP)}`);
  return [
    tun.name,
    formatIpv4(address.ip),
    formatIpv4(node.internalIP),
    String(cluster.scenario.flannel.port),
    String(tun.mtu),
    ...leases,
  ];
}

/** Starts a relay in every node namespace that has a TUN device and waits until each is attached. */
export async function startFlanneldRelays(
  host: LabHost,
  cluster: Cluster,
  namespaces: readonly Netns[],
): Promise<number> {
  const ready: Promise<void>[] = [];
  for (const ns of namespaces) {
    const args = relayArgs(cluster, ns);
    if (!args) continue;
    const child = host.start('ip', ['netns', 'exec', host.netnsName(ns.id), 'python3', RELAY, ...args]);
    ready.push(waitForLine(child, 'stdout', /ready/, STARTUP_TIMEOUT_MS));
  }
  await Promise.all(ready);
  return ready.length;
}
