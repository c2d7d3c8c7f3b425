// The chains kube-proxy's iptables mode owns (pkg/proxy/iptables/proxier.go constants) and the hashed
// per-service and per-endpoint chain names.
import { servicePortChainHash, servicePortEndpointChainHash } from '../../hash/kube-proxy-hash';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';
/** kubelet's anti-martian chain, which kube-proxy duplicates. */
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

/** Over this many endpoints in total, kube-proxy drops per-endpoint comments ("large cluster mode"). */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

export const LOCALHOST_NODEPORTS_NFACCT = 'localhost_nps_accepted_pkts';
export const CT_STATE_INVALID_NFACCT = 'ct_state_invalid_dropped_pkts';

export interface ServicePortChains {
  readonly cluster: string;
  readonly local: string;
  readonly external: string;
  readonly firewall: string;
}

/** KUBE-SVC-, KUBE-SVL-, KUBE-EXT- and KUBE-FW- share one hash of the port name and protocol. */
export function servicePortChains(nameString: string, proto: string): ServicePortChains {
  const h = servicePortChainHash(nameString, proto);
  return {
    cluster: `KUBE-SVC-${h}`,
    local: `KUBE-SVL-${h}`,
    external: `KUBE-EXT-${h}`,
    firewall: `KUBE-FW-${h}`,
  };
}

export function endpointChainName(nameString: string, proto: string, endpoint: string): string {
  return `KUBE-SEP-${servicePortEndpointChainHash(nameString, proto, endpoint)}`;
}

/** Chains kube-proxy may delete when stale (isServiceChainName). */
export function isServiceChainName(chain: string): boolean {
  return ['KUBE-SVC-', 'KUBE-SVL-', 'KUBE-SEP-', 'KUBE-FW-', 'KUBE-EXT-'].some((p) => chain.startsWith(p));
}
