// Everything one node's kube-proxy reads before a sync: its own identity and flags, the Services and
// EndpointSlices from the API server, and what the kernel and iptables binary turned out to support.
import type { EndpointSliceSpec, KubeProxySettings, ServiceSpec } from '../model/scenario';
import type { Cidr } from '../net/ipv4';

export interface ProxierCapabilities {
  /** Both nfacct counters could be created (`nfacct.Ensure`), so rules may use `-m nfacct`. */
  readonly nfacct: boolean;
  /** `iptables.HasRandomFully()`: MASQUERADE gets `--random-fully`. */
  readonly randomFully: boolean;
  /** sysctl nf_conntrack_tcp_be_liberal != 0: no ctstate INVALID DROP rule in KUBE-FORWARD. */
  readonly tcpBeLiberal: boolean;
}

export interface ProxierInput {
  readonly nodeName: string;
  /**
   * The node's IPv4 addresses. [0] is the node IP kube-proxy was given (used for
   * loadBalancerSourceRanges' "allow from node"); all of them are the interface addresses an explicit
   * --nodeport-addresses selects from (127.0.0.1 on lo is always assumed as well).
   */
  readonly nodeIPs: readonly number[];
  readonly nodeLabels: Readonly<Record<string, string>>;
  readonly settings: KubeProxySettings;
  readonly services: readonly ServiceSpec[];
  readonly endpointSlices: readonly EndpointSliceSpec[];
  readonly capabilities: ProxierCapabilities;
  /**
   * The mark as text. kube-proxy writes `fmt.Sprintf("%#08x", 1<<masqueradeBit)` = `0x00004000`; the
   * upstream unit tests inject `0x4000`, so the acceptance test passes that here.
   */
  readonly masqueradeMarkText?: string;
  /**
   * The Service CIDRs (kube-apiserver --service-cluster-ip-range, or ServiceCIDR objects). nftables mode
   * drops traffic to unallocated addresses in them (cluster-ips-check); the other modes do not read them.
   */
  readonly serviceCIDRs?: readonly Cidr[];
  /**
   * Every IPv4 address on the node's interfaces except kube-ipvs0 (netlink GetAllLocalAddressesExcept):
   * IPVS mode puts a NodePort virtual service on each. Defaults to nodeIPs.
   */
  readonly localAddresses?: readonly number[];
}

/** `%#08x` of 1<<bit: Go pads the digits (not counting `0x`) to 8, so bit 14 gives `0x00004000`. */
export function masqueradeMark(input: ProxierInput): string {
  if (input.masqueradeMarkText !== undefined) return input.masqueradeMarkText;
  const hex = (2 ** input.settings.masqueradeBit).toString(16);
  return '0x' + hex.padStart(8, '0');
}
