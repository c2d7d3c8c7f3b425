// kube-proxy's iptables sync as one pure function: from the node's view of Services and EndpointSlices to
// the filter and nat rules of a full-sync iptables-restore payload (pkg/proxy/iptables/proxier.go
// syncProxyRules). Go walks the service map in random order; here service ports are sorted by namespace,
// name, port name and protocol so the payload is deterministic.
import type { Rule } from '../../netfilter/rule';
import { buildEndpointsMap, categorizeEndpoints } from '../categorize-endpoints';
import { localDetectorFor } from '../local-detector';
import { nodePortAddressesFrom } from '../node-port-addresses';
import { masqueradeMark, type ProxierInput } from '../proxier-input';
import { servicePortKey, servicePortsOf, type ServicePortInfo } from '../service-port';
import { LARGE_CLUSTER_ENDPOINTS_THRESHOLD } from './chain-names';
import { builtinJumpRules } from './jump-chains';
import { renderRestorePayload } from './restore-payload';
import { RuleWriter } from './rule-writer';
import { writeServicePortRules } from './service-rules';
import {
  writeForwardRules,
  writeMasqueradeRules,
  writeNodePortsTail,
  writeTopLevelChains,
} from './static-rules';

export interface KubeProxyIptablesResult {
  /** Chain lines of the filter part, in payload order. */
  readonly filterChains: readonly string[];
  readonly filterRules: readonly Rule[];
  readonly natChains: readonly string[];
  readonly natRules: readonly Rule[];
  /**
   * The jumps from built-in chains (and kubelet's KUBE-FIREWALL jumps), in the order a full sync ensures
   * them; they are installed with `iptables -C || iptables -I CHAIN 1`, not through the payload.
   */
  readonly jumpRules: readonly Rule[];
  readonly largeClusterMode: boolean;
  readonly totalEndpoints: number;
}

export function syncIptablesRules(input: ProxierInput): KubeProxyIptablesResult {
  const { settings, capabilities } = input;
  const mark = masqueradeMark(input);
  const npa = nodePortAddressesFrom(settings.nodePortAddresses);
  // NewProxier turns localhost NodePorts off when --nodeport-addresses leaves out loopback.
  const localhostNodePorts = settings.localhostNodePorts && npa.containsIPv4Loopback;
  const localDetector = localDetectorFor(settings.clusterCIDR);

  const servicePorts = sortedServicePorts(input);
  const endpointsMap = buildEndpointsMap(input.endpointSlices, input.nodeName);
  let totalEndpoints = 0;
  for (const sp of servicePorts) totalEndpoints += endpointsOf(endpointsMap, sp).length;
  const largeClusterMode = totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;

  const w = new RuleWriter();
  const staticOptions = { mark, randomFully: capabilities.randomFully, localhostNodePorts };
  writeTopLevelChains(w);
  writeMasqueradeRules(w, staticOptions);

  const ctx = {
    masqueradeAll: settings.masqueradeAll,
    localDetector,
    localhostNodePortRule: localhostNodePorts && capabilities.nfacct,
    nodeIP: input.nodeIPs[0] ?? null,
    largeClusterMode,
  };
  for (const sp of servicePorts) {
    const eps = categorizeEndpoints(endpointsOf(endpointsMap, sp), sp, input.nodeName, input.nodeLabels);
    writeServicePortRules(w, sp, eps, ctx);
  }

  // A fresh node has no stale KUBE-SVC/SEP chains, so no `-X` lines are written.
  writeNodePortsTail(w, npa, input.nodeIPs, localhostNodePorts);
  writeForwardRules(w, {
    ...staticOptions,
    tcpBeLiberal: capabilities.tcpBeLiberal,
    nfacct: capabilities.nfacct,
  });

  return {
    filterChains: w.filterChains,
    filterRules: w.filterRules,
    natChains: w.natChains,
    natRules: w.natRules,
    jumpRules: builtinJumpRules(),
    largeClusterMode,
    totalEndpoints,
  };
}

/**
 * `*filter ... COMMIT\n*nat ... COMMIT\n` exactly as kube-proxy hands it to iptables-restore. Rendered on
 * request: at the documented limits it is ~50 MB of text.
 */
export function restorePayload(result: KubeProxyIptablesResult): string {
  return renderRestorePayload(result);
}

function sortedServicePorts(input: ProxierInput): ServicePortInfo[] {
  const ports = input.services.flatMap(servicePortsOf);
  const key = (sp: ServicePortInfo): readonly string[] => [sp.namespace, sp.name, sp.portName, sp.protocol];
  return ports.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! !== kb[i]!) return ka[i]! < kb[i]! ? -1 : 1;
    }
    return 0;
  });
}

function endpointsOf(map: ReturnType<typeof buildEndpointsMap>, sp: ServicePortInfo) {
  return map.get(servicePortKey(sp.namespace, sp.name, sp.portName, sp.protocol)) ?? [];
}
