// The names in `table ip kube-proxy` (pkg/proxy/nftables/proxier.go constants). No KUBE- prefixes: the
// table is kube-proxy's own. Per-service chains carry a readable name after an 8-character hash.
import { hashAndTruncate } from '../../hash/kube-proxy-hash';
import type { EndpointInfo } from '../endpoint-slice-cache';
import type { ServicePortInfo } from '../service-port';

export const KUBE_PROXY_TABLE = 'kube-proxy';

export const FILTER_PREROUTING_PRE_DNAT = 'filter-prerouting-pre-dnat';
export const FILTER_OUTPUT_PRE_DNAT = 'filter-output-pre-dnat';
export const FILTER_INPUT = 'filter-input';
export const FILTER_FORWARD = 'filter-forward';
export const FILTER_OUTPUT = 'filter-output';
export const NAT_PREROUTING = 'nat-prerouting';
export const NAT_OUTPUT = 'nat-output';
export const NAT_POSTROUTING = 'nat-postrouting';

export const SERVICES = 'services';
export const SERVICE_IPS = 'service-ips';
export const SERVICE_NODEPORTS = 'service-nodeports';
export const NODEPORT_IPS = 'nodeport-ips';
export const CLUSTER_IPS = 'cluster-ips';
export const CLUSTER_IPS_CHECK = 'cluster-ips-check';
export const SERVICE_ENDPOINTS_CHECK = 'service-endpoints-check';
export const NODEPORT_ENDPOINTS_CHECK = 'nodeport-endpoints-check';
export const NO_ENDPOINT_SERVICES = 'no-endpoint-services';
export const NO_ENDPOINT_NODEPORTS = 'no-endpoint-nodeports';
export const REJECT_CHAIN = 'reject-chain';
export const FIREWALL_IPS = 'firewall-ips';
export const FIREWALL_CHECK = 'firewall-check';
export const MARK_MASQ = 'mark-for-masquerade';
export const MASQUERADING = 'masquerading';

export interface NftServiceChains {
  readonly cluster: string;
  readonly local: string;
  readonly external: string;
  readonly firewall: string;
}

/** `ns/svc/proto/portName` behind the hash (servicePortChainNameBase). */
export function servicePortChainNames(sp: ServicePortInfo): NftServiceChains {
  const base = hashAndTruncate(`${sp.namespace}/${sp.name}/${sp.proto}/${sp.portName}`);
  return {
    cluster: `service-${base}`,
    local: `local-${base}`,
    external: `external-${base}`,
    firewall: `firewall-${base}`,
  };
}

/** `ns/svc/proto/portName__IP/port` (servicePortEndpointChainNameBase); IPv6 colons would become dots. */
export function endpointNames(sp: ServicePortInfo, ep: EndpointInfo): { chain: string; affinitySet: string } {
  const base = hashAndTruncate(
    `${sp.namespace}/${sp.name}/${sp.proto}/${sp.portName}__${ep.ipText}/${ep.port}`,
  );
  return { chain: `endpoint-${base}`, affinitySet: `affinity-${base}` };
}
