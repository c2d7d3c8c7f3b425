// One service port's own nat chains, in syncProxyRules' order: the internal-traffic masquerade rule,
// KUBE-EXT, KUBE-FW, KUBE-SVC / KUBE-SVL and the KUBE-SEP chains.
import { cidrContains, formatCidr, formatIpv4 } from '../../net/ipv4';
import type { CategorizedEndpoints } from '../categorize-endpoints';
import type { LocalTrafficDetector } from '../local-detector';
import type { ServicePortInfo } from '../service-port';
import { KUBE_MARK_MASQ } from './chain-names';
import { EndpointChains } from './endpoint-rules';
import { comment, quoted, type RuleWriter } from './rule-writer';
import type { ServicePortPlan } from './service-plan';

export interface ServiceChainContext {
  readonly masqueradeAll: boolean;
  readonly localDetector: LocalTrafficDetector;
  /** The node IP, for loadBalancerSourceRanges' "allow from node". */
  readonly nodeIP: number | null;
  readonly largeClusterMode: boolean;
}

export function writeServiceChains(
  w: RuleWriter,
  sp: ServicePortInfo,
  eps: CategorizedEndpoints,
  plan: ServicePortPlan,
  ctx: ServiceChainContext,
): void {
  const name = sp.nameString;
  const { chains } = plan;

  // Internal traffic: masquerade what did not come from a pod (a static route to the service range may
  // bounce it off-node), or everything with --masquerade-all.
  if (plan.hasInternalEndpoints) {
    const p = sp.proto;
    const args = [...comment(quoted(`${name} cluster IP`)), '-m', p, '-p', p];
    args.push('-d', formatIpv4(sp.clusterIP), '--dport', String(sp.port));
    if (ctx.masqueradeAll) {
      w.nat(plan.internalTrafficChain, [...args, '-j', KUBE_MARK_MASQ]);
    } else if (ctx.localDetector.implemented) {
      w.nat(plan.internalTrafficChain, [...args, ...ctx.localDetector.ifNotLocal, '-j', KUBE_MARK_MASQ]);
    }
  }

  // External destinations all go through EXT, which handles the special cases first.
  if (plan.usesExternalTrafficChain) {
    const ext = chains.external;
    w.natChains.push(ext);
    if (!sp.externalPolicyLocal) {
      // Endpoints may be on other nodes: masquerade so replies come back through this one.
      const note = quoted(`masquerade traffic for ${name} external destinations`);
      w.nat(ext, [...comment(note), '-j', KUBE_MARK_MASQ]);
    } else {
      if (ctx.localDetector.implemented) {
        // Pod -> external IP acts as if it went out to the LB and back: no traffic policy applies.
        const note = quoted(`pod traffic for ${name} external destinations`);
        w.nat(ext, [...comment(note), ...ctx.localDetector.ifLocal, '-j', chains.cluster]);
      }
      // The node itself: the LB IP is local, so it would be the source; masquerade, use Cluster policy.
      const local = ['-m', 'addrtype', '--src-type', 'LOCAL'];
      const masq = quoted(`masquerade LOCAL traffic for ${name} external destinations`);
      w.nat(ext, [...comment(masq), ...local, '-j', KUBE_MARK_MASQ]);
      const route = quoted(`route LOCAL traffic for ${name} external destinations`);
      w.nat(ext, [...comment(route), ...local, '-j', chains.cluster]);
    }
    if (plan.hasExternalEndpoints) w.nat(ext, ['-j', plan.externalPolicyChain]);
  }

  // loadBalancerSourceRanges: allowed sources go on to EXT; the rest fall through to a rule that only
  // counts, and are dropped by KUBE-PROXY-FIREWALL in filter.
  if (plan.usesFWChain) {
    const fw = chains.firewall;
    w.natChains.push(fw);
    const head = comment(quoted(`${name} loadbalancer IP`));
    let allowFromNode = false;
    for (const range of sp.loadBalancerSourceRanges) {
      w.nat(fw, [...head, '-s', formatCidr(range), '-j', chains.external]);
      if (ctx.nodeIP !== null && cidrContains(range, ctx.nodeIP)) allowFromNode = true;
    }
    // A node reaching its own VIP-like LB IP loops back with the VIP as source.
    if (allowFromNode) {
      for (const lb of sp.loadBalancerVIPs) w.nat(fw, [...head, '-s', formatIpv4(lb), '-j', chains.external]);
    }
    w.nat(fw, comment(quoted(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)));
  }

  // Policy chains to endpoints, then one SEP chain per reachable endpoint.
  const endpointChains = new EndpointChains(sp, ctx.largeClusterMode);
  if (plan.usesClusterPolicyChain) {
    w.natChains.push(chains.cluster);
    endpointChains.writeServiceToEndpointRules(w, chains.cluster, eps.cluster);
  }
  if (plan.usesLocalPolicyChain) {
    w.natChains.push(chains.local);
    endpointChains.writeServiceToEndpointRules(w, chains.local, eps.local);
  }
  endpointChains.writeEndpointChains(w, eps.allReachable);
}
