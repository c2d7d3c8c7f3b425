// The underlay: the L2 segment joining the nodes, with a router at .1 that external clients come through.
// Rule (deterministic, so share links and golden traces stay stable):
//   1. 192.168.56.0/24 (VirtualBox's host-only network, as in many kubeadm labs), nodes from .11 upward,
//      when every node fits there (244 of them) and every given InternalIP lies in it;
//   2. else 192.168.0.0/16, nodes from 192.168.1.11 upward (the first /24 left to the router and friends);
//   3. else, when given InternalIPs lie elsewhere, the smallest /24, /16 or /8 holding them all
//      (first free address from .11 of its first /24 for a /24, of its second /24 otherwise).
// Given addresses are kept; the others are handed out upward in document order, skipping taken ones.
import { broadcastOf, cidrContains, formatCidr, formatIpv4, ipv4, maskOf, type Cidr } from '../net/ipv4';
import type { Diagnostics } from './diagnostics';
import type { NodeInput } from './nodes';

export interface Underlay {
  readonly subnet: Cidr;
  readonly gateway: number;
}

interface Candidate {
  readonly subnet: Cidr;
  readonly first: number;
}

function candidate(network: number, prefix: number): Candidate {
  const subnet = { network: (network & maskOf(prefix)) >>> 0, prefix };
  return { subnet, first: subnet.network + (prefix >= 24 ? 11 : 256 + 11) };
}

function fits(c: Candidate, given: readonly number[], wanted: number): boolean {
  if (!given.every((ip) => cidrContains(c.subnet, ip))) return false;
  const free = broadcastOf(c.subnet) - c.first - given.filter((ip) => ip >= c.first).length;
  return free >= wanted;
}

function chooseUnderlay(given: readonly number[], wanted: number): Candidate | null {
  const candidates = [candidate(ipv4('192.168.56.0'), 24), candidate(ipv4('192.168.0.0'), 16)];
  if (given.length > 0) {
    let common = 32;
    for (const ip of given) while (common > 0 && ((ip ^ given[0]!) & maskOf(common)) !== 0) common--;
    for (const prefix of [24, 16, 8]) if (prefix <= common) candidates.push(candidate(given[0]!, prefix));
  }
  return candidates.find((c) => fits(c, given, wanted)) ?? null;
}

/** Returns the underlay and every node's InternalIP (null after an error), in input order. */
export function assignInternalIPs(
  nodes: readonly NodeInput[],
  diags: Diagnostics,
): { underlay: Underlay; ips: Array<number | null> } {
  const owner = new Map<number, string>();
  for (const node of nodes) {
    if (node.internalIP === null) continue;
    const other = owner.get(node.internalIP.ip);
    if (other !== undefined) {
      diags.error(
        node.internalIP.place,
        `InternalIP ${formatIpv4(node.internalIP.ip)} is already the address of node "${other}"`,
      );
    } else owner.set(node.internalIP.ip, node.name);
  }
  const given = [...owner.keys()];
  const wanted = nodes.length - nodes.filter((n) => n.internalIP !== null).length;
  const chosen = chooseUnderlay(given, wanted);
  if (chosen === null) {
    const at = nodes.find((n) => n.internalIP !== null)?.internalIP?.place ?? nodes[0]!.place;
    diags.error(
      at,
      `the nodes' InternalIPs do not fit one underlay network (tried 192.168.56.0/24, 192.168.0.0/16 and the /24, /16 or /8 around the given addresses)`,
    );
    const fallback = candidate(ipv4('192.168.0.0'), 16);
    return {
      underlay: { subnet: fallback.subnet, gateway: fallback.subnet.network + 1 },
      ips: nodes.map(() => null),
    };
  }
  const { subnet } = chosen;
  const gateway = subnet.network + 1;
  for (const node of nodes) {
    const ip = node.internalIP?.ip;
    if (ip === gateway || ip === subnet.network || ip === broadcastOf(subnet)) {
      diags.error(
        node.internalIP!.place,
        `InternalIP ${formatIpv4(ip)} is the ${ip === gateway ? 'gateway' : 'network or broadcast address'} of the underlay ${formatCidr(subnet)}`,
      );
    }
  }
  let next = chosen.first;
  const ips = nodes.map((node) => {
    if (node.internalIP !== null) return node.internalIP.ip;
    while (owner.has(next)) next++;
    owner.set(next, node.name);
    return next++;
  });
  return { underlay: { subnet, gateway }, ips };
}
