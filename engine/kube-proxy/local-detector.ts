// kube-proxy's local-traffic detector (pkg/proxy/util/localdetector.go). Only the ClusterCIDR mode is
// modelled: `-s CIDR` matches pod traffic. With no --cluster-cidr there is no detector at all, so no
// off-cluster masquerade and no ETP=Local "pod traffic" short-circuit.
import { formatCidr } from '../net/ipv4';
import type { Cidr } from '../net/ipv4';

export interface LocalTrafficDetector {
  readonly implemented: boolean;
  /** Words that match traffic from a local pod, e.g. `-s 10.0.0.0/8`. */
  readonly ifLocal: readonly string[];
  /** Words that match traffic not from a local pod, e.g. `! -s 10.0.0.0/8`. */
  readonly ifNotLocal: readonly string[];
}

export function localDetectorFor(clusterCIDR: Cidr | null): LocalTrafficDetector {
  if (!clusterCIDR) return { implemented: false, ifLocal: [], ifNotLocal: [] };
  const text = formatCidr(clusterCIDR);
  return { implemented: true, ifLocal: ['-s', text], ifNotLocal: ['!', '-s', text] };
}
