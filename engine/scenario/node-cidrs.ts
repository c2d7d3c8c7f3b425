// Each node's podCIDR. Given ones are checked the way the components that read them check them; the rest
// are handed out like kube-controller-manager's range allocator (--allocate-node-cidrs): consecutive /24s
// of the cluster CIDR in order, skipping ranges already taken. The real allocator hands them out in the
// order nodes register; here that is document order, so the result is deterministic.
import { broadcastOf, cidrCovers, cidrOverlaps, formatCidr, type Cidr } from '../net/ipv4';
import type { Diagnostics, Place } from './diagnostics';
import { NODE_CIDR_MASK_SIZE } from './cluster-configuration';
import type { NodeInput } from './nodes';

/** flannel's own words (pkg/subnet/kube/kube.go, AcquireLease) when a node's range is outside its network. */
export function flannelPodCIDRMessage(flannelNetwork: Cidr, podCIDR: Cidr, node: string): string {
  return `subnet "${formatCidr(flannelNetwork)}" specified in the flannel net config doesn't contain "${formatCidr(podCIDR)}" PodCIDR of the "${node}" node`;
}

function checkGiven(
  nodes: readonly NodeInput[],
  podSubnet: Cidr,
  flannelNetwork: Cidr,
  diags: Diagnostics,
): void {
  const given = nodes.filter((n) => n.podCIDR !== null);
  for (const node of given) {
    const range = node.podCIDR!.range;
    if (!cidrCovers(flannelNetwork, range)) {
      diags.error(node.podCIDR!.place, flannelPodCIDRMessage(flannelNetwork, range, node.name));
    } else if (!cidrCovers(podSubnet, range)) {
      // kube-controller-manager's range allocator (occupyCIDRs) refuses it the same way.
      diags.error(
        node.podCIDR!.place,
        `cidr ${formatCidr(range)} is out the range of cluster cidr ${formatCidr(podSubnet)}`,
      );
    }
  }
  // Two nodes may not share addresses: sort by start and compare each with the widest range before it.
  const sorted = [...given].sort(
    (a, b) =>
      a.podCIDR!.range.network - b.podCIDR!.range.network ||
      a.podCIDR!.range.prefix - b.podCIDR!.range.prefix,
  );
  let widest: NodeInput | null = null;
  for (const node of sorted) {
    const range = node.podCIDR!.range;
    if (widest !== null && cidrOverlaps(widest.podCIDR!.range, range)) {
      const other = widest.podCIDR!.range;
      const what =
        other.network === range.network && other.prefix === range.prefix
          ? 'is already the podCIDR of'
          : 'overlaps the podCIDR of';
      diags.error(
        node.podCIDR!.place,
        `podCIDR "${formatCidr(range)}" ${what} node "${widest.name}" (${formatCidr(other)})`,
      );
    }
    if (widest === null || broadcastOf(range) > broadcastOf(widest.podCIDR!.range)) widest = node;
  }
}

/**
 * The podCIDR of every node, in input order; null where none could be allocated (after an error). A range
 * handed out here has no line of its own: what it does not fit is reported where the file writes the pod
 * subnet or flannel's Network (`places`), else on the node.
 */
export function assignPodCIDRs(
  nodes: readonly NodeInput[],
  podSubnet: Cidr,
  flannelNetwork: Cidr,
  diags: Diagnostics,
  places: { readonly podSubnet: Place | null; readonly flannelNetwork: Place | null } = {
    podSubnet: null,
    flannelNetwork: null,
  },
): Array<Cidr | null> {
  checkGiven(nodes, podSubnet, flannelNetwork, diags);
  const taken = nodes
    .map((n) => n.podCIDR?.range)
    .filter((r): r is Cidr => r !== undefined)
    .map((r) => ({ start: r.network, end: broadcastOf(r) }))
    .sort((a, b) => a.start - b.start);
  const blockSize = 2 ** (32 - NODE_CIDR_MASK_SIZE);
  const blocks = 2 ** (NODE_CIDR_MASK_SIZE - podSubnet.prefix);
  let next = 0;
  let t = 0;
  let exhausted = false;
  return nodes.map((node, i) => {
    if (node.podCIDR !== null) return node.podCIDR.range;
    for (; next < blocks; next++) {
      const start = podSubnet.network + next * blockSize;
      const end = start + blockSize - 1;
      while (t < taken.length && taken[t]!.end < start) t++;
      if (t < taken.length && taken[t]!.start <= end) continue;
      next++;
      const range: Cidr = { network: start, prefix: NODE_CIDR_MASK_SIZE };
      if (!cidrCovers(flannelNetwork, range))
        diags.error(
          places.flannelNetwork ?? node.place,
          flannelPodCIDRMessage(flannelNetwork, range, node.name),
        );
      return range;
    }
    if (exhausted) return null;
    exhausted = true;
    const more = nodes.slice(i + 1).filter((n) => n.podCIDR === null).length;
    const nor = more > 0 ? ` (nor for ${more} more)` : '';
    diags.error(
      places.podSubnet ?? node.place,
      `no podCIDR left for node "${node.name}"${nor}: the podSubnet ${formatCidr(podSubnet)} holds only ${blocks} /${NODE_CIDR_MASK_SIZE} ranges (kube-controller-manager: "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range")`,
    );
    return null;
  });
}
