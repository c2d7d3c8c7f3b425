// Neighbour resolution (net/core/neighbour.c, ARP): the MAC of the next hop, from the neighbour table or
// by asking the layer-2 segment behind the device.
import type { NetDevice, Netns } from '../model/netns';
import type { Ipv4 } from '../net/ipv4';
import { findDevice } from './routing';
import type { DeviceSummary, World } from './world';

export interface ResolvedNeighbour {
  readonly mac: string;
  readonly state: string;
  /** How it was found, for the trace: `permanent neighbour entry`, `ARP reply from …`. */
  readonly how: string;
}

export function resolveNeighbour(
  world: World,
  ns: Netns,
  dev: NetDevice,
  ip: Ipv4,
): ResolvedNeighbour | null {
  const entry = ns.neighbours.find((n) => n.dev === dev.name && n.ip === ip);
  if (entry)
    return { mac: entry.mac, state: entry.state, how: `${entry.state.toLowerCase()} neighbour entry` };
  // ARP: ask the segment behind the device who owns the address.
  for (const candidate of segmentDevices(world, ns, dev)) {
    if (candidate.dev.addresses.some((a) => a.ip === ip))
      return { mac: candidate.dev.mac, state: 'REACHABLE', how: `ARP reply from ${candidate.ns}` };
  }
  return null;
}

/** The bridge itself and the far end of each of its ports but `except`. */
function addBridge(
  out: { ns: string; dev: DeviceSummary }[],
  world: World,
  bns: Netns,
  bridge: NetDevice,
  except: string | null,
): void {
  out.push({ ns: bns.id, dev: bridge });
  for (const port of bns.devices) {
    if (port.master !== bridge.name || !port.peer || port.name === except) continue;
    const far = world.peerDevice(port.peer.netns, port.peer.ifname);
    if (far) out.push({ ns: port.peer.netns, dev: far });
  }
}

/** Devices reachable at layer 2 from `dev`: the veth/NIC peer, or every far end of a bridge's ports and the bridge itself. */
export function segmentDevices(
  world: World,
  ns: Netns,
  dev: NetDevice,
): { ns: string; dev: DeviceSummary }[] {
  const out: { ns: string; dev: DeviceSummary }[] = [];
  if (dev.kind === 'bridge') {
    addBridge(out, world, ns, dev, null);
  } else if (dev.peer) {
    const peerNs = world.netns(dev.peer.netns);
    const peer = findDevice(peerNs, dev.peer.ifname);
    if (peer) {
      if (peer.master) {
        const bridge = findDevice(peerNs, peer.master);
        if (bridge) addBridge(out, world, peerNs, bridge, peer.name);
      } else {
        out.push({ ns: peerNs.id, dev: peer });
      }
    }
  }
  return out;
}
