// --nodeport-addresses (pkg/proxy/util/nodeport_addresses.go): empty or 0.0.0.0/0 means every local
// address; otherwise only node addresses inside the given CIDRs carry NodePorts.
import { type Cidr, cidrContains, ipv4 } from '../net/ipv4';

const LOOPBACK = ipv4('127.0.0.1');
const LOOPBACK_START = ipv4('127.0.0.0');

export interface NodePortAddresses {
  readonly matchAll: boolean;
  readonly cidrs: readonly Cidr[];
  /** A CIDR covers 127.0.0.0 (or is loopback): without it kube-proxy turns localhostNodePorts off. */
  readonly containsIPv4Loopback: boolean;
}

export function nodePortAddressesFrom(cidrs: readonly Cidr[]): NodePortAddresses {
  if (cidrs.length === 0) return { matchAll: true, cidrs: [], containsIPv4Loopback: true };
  let containsIPv4Loopback = false;
  for (const c of cidrs) {
    if (c.network >>> 24 === 127 || cidrContains(c, LOOPBACK_START)) containsIPv4Loopback = true;
    // A zero CIDR overrides everything else.
    if (c.prefix === 0) return { matchAll: true, cidrs: [c], containsIPv4Loopback };
  }
  return { matchAll: false, cidrs, containsIPv4Loopback };
}

/**
 * The node addresses inside the CIDRs (GetNodeIPs). Go collects them in a map, so their order is random;
 * they come out in numeric order here. lo's 127.0.0.1 is always a candidate.
 */
export function nodePortIPs(npa: NodePortAddresses, nodeIPs: readonly number[]): number[] {
  const candidates = new Set<number>([...nodeIPs, LOOPBACK]);
  const out: number[] = [];
  for (const ip of candidates) if (npa.cidrs.some((c) => cidrContains(c, ip))) out.push(ip);
  return out.sort((a, b) => a - b);
}
