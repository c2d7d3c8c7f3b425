// The MTU check on the way out of a device: a DF packet larger than the device's MTU cannot be sent.
import type { Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';
import type { Packet } from '../net/packet';
import { findDevice } from './routing';

/** Why the packet does not fit `devName` (with DF set), or null when it fits or may be fragmented. */
export function mtuExceeded(ns: Netns, devName: string, packet: Packet): string | null {
  const dev = findDevice(ns, devName);
  if (!dev || packet.ip.length <= dev.mtu || !packet.ip.dontFragment) return null;
  return `packet of ${packet.ip.length} bytes exceeds ${dev.name} MTU ${dev.mtu} with DF set: dropped, ICMP fragmentation needed (mtu ${dev.mtu}) sent back to ${formatIpv4(packet.ip.src)}`;
}
