// What syncProxyRules decides for one service port before writing anything: which policy chains it uses,
// whether internal and external traffic have endpoints, and what the filter table does when they do not
// (pkg/proxy/iptables/proxier.go, the head of the per-service loop).
import type { CategorizedEndpoints } from '../categorize-endpoints';
import {
  externallyAccessible,
  type ServicePortInfo,
  usesClusterEndpoints,
  usesLocalEndpoints,
} from '../service-port';
import { servicePortChains, type ServicePortChains } from './chain-names';
import { quoted } from './rule-writer';

export interface ServicePortPlan {
  readonly chains: ServicePortChains;
  /** Any usable endpoint anywhere in the cluster (else the Service only gets filter REJECTs). */
  readonly hasEndpoints: boolean;
  readonly usesClusterPolicyChain: boolean;
  readonly usesLocalPolicyChain: boolean;
  /** KUBE-SVL for ITP=Local, else KUBE-SVC. */
  readonly internalTrafficChain: string;
  readonly hasInternalEndpoints: boolean;
  /** KUBE-SVL for ETP=Local, else KUBE-SVC; reached through KUBE-EXT. */
  readonly externalPolicyChain: string;
  readonly hasExternalEndpoints: boolean;
  readonly usesExternalTrafficChain: boolean;
  readonly usesFWChain: boolean;
  /** KUBE-FW when loadBalancerSourceRanges apply, else KUBE-EXT. */
  readonly loadBalancerTrafficChain: string;
  /** REJECT (no endpoints) or DROP (no local endpoints), with its quoted comment; '' when unused. */
  readonly internalFilter: { readonly target: string; readonly comment: string };
  readonly externalFilter: { readonly target: string; readonly comment: string };
}

export function planServicePort(sp: ServicePortInfo, eps: CategorizedEndpoints): ServicePortPlan {
  const chains = servicePortChains(sp.nameString, sp.proto);
  const hasEndpoints = eps.hasAnyEndpoints;
  const hasInternalEndpoints = hasEndpoints && !(sp.internalPolicyLocal && eps.local.length === 0);
  const hasExternalEndpoints = hasEndpoints && !(sp.externalPolicyLocal && eps.local.length === 0);
  const usesFWChain =
    hasEndpoints && sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;

  const none = { target: '', comment: '' };
  const reject = { target: 'REJECT', comment: quoted(`${sp.nameString} has no endpoints`) };
  const drop = { target: 'DROP', comment: quoted(`${sp.nameString} has no local endpoints`) };
  return {
    chains,
    hasEndpoints,
    usesClusterPolicyChain: eps.cluster.length > 0 && usesClusterEndpoints(sp),
    usesLocalPolicyChain: eps.local.length > 0 && usesLocalEndpoints(sp),
    internalTrafficChain: sp.internalPolicyLocal ? chains.local : chains.cluster,
    hasInternalEndpoints,
    externalPolicyChain: sp.externalPolicyLocal ? chains.local : chains.cluster,
    hasExternalEndpoints,
    // Built even without external endpoints: the short-circuit rules for pods and the node still apply.
    usesExternalTrafficChain: hasEndpoints && externallyAccessible(sp),
    usesFWChain,
    loadBalancerTrafficChain: usesFWChain ? chains.firewall : chains.external,
    internalFilter: !hasEndpoints ? reject : hasInternalEndpoints ? none : drop,
    externalFilter: !hasEndpoints ? reject : hasExternalEndpoints ? none : drop,
  };
}
