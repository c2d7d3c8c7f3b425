// Small scenarios built in code for the cni/overlay/topology/inspect specs (the YAML loader is not
// needed to test these layers). Defaults follow a kubeadm + flannel cluster on a 192.168.56.0/24 lab
// network: podSubnet 10.244.0.0/16, /24 per node, VXLAN VNI 1, NIC MTU 1500.
import type { FlannelSettings, NodeSpec, PodSpec, Scenario, ServiceSpec } from '../model/scenario';
import { cidr, ipv4 } from '../net/ipv4';

const SRC = { document: 0, line: 0, column: 0 };

export function fixtureNode(name: string, podCIDR: string, internalIP: string, nicMtu = 1500): NodeSpec {
  return {
    name,
    labels: {},
    taints: [],
    zone: null,
    podCIDR: cidr(podCIDR),
    internalIP: ipv4(internalIP),
    nicMtu,
    source: SRC,
  };
}

export function fixturePod(
  namespace: string,
  name: string,
  nodeName: string,
  extra: { requestedIP?: string; hostNetwork?: boolean; line?: number } = {},
): PodSpec {
  return {
    namespace,
    name,
    nodeName,
    labels: {},
    ports: [],
    ready: true,
    terminating: false,
    requestedIP: extra.requestedIP === undefined ? null : ipv4(extra.requestedIP),
    hostNetwork: extra.hostNetwork ?? false,
    hostname: null,
    subdomain: null,
    dnsPolicy: 'ClusterFirst',
    dnsConfig: null,
    hostAliases: [],
    ownerDeployment: null,
    source: { document: 0, line: extra.line ?? 0, column: 0 },
  };
}

export function fixtureLoadBalancer(
  namespace: string,
  name: string,
  lbIPs: string[],
  externalIPs: string[] = [],
): ServiceSpec {
  return {
    namespace,
    name,
    type: 'LoadBalancer',
    clusterIP: ipv4('10.96.0.50'),
    ports: [],
    selector: {},
    externalIPs: externalIPs.map(ipv4),
    loadBalancerIPs: lbIPs.map(ipv4),
    loadBalancerSourceRanges: [],
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: 10800,
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    healthCheckNodePort: 0,
    externalName: null,
    publishNotReadyAddresses: false,
    source: SRC,
  };
}

export function fixtureScenario(parts: {
  nodes: NodeSpec[];
  pods?: PodSpec[];
  services?: ServiceSpec[];
  flannel?: Partial<FlannelSettings>;
}): Scenario {
  return {
    networking: {
      podSubnet: cidr('10.244.0.0/16'),
      serviceSubnet: cidr('10.96.0.0/12'),
      dnsDomain: 'cluster.local',
      nodePortRange: { min: 30000, max: 32767 },
    },
    kubeProxy: {
      mode: 'iptables',
      clusterCIDR: cidr('10.244.0.0/16'),
      masqueradeAll: false,
      masqueradeBit: 14,
      localhostNodePorts: true,
      nodePortAddresses: [],
      ipvsScheduler: 'rr',
    },
    flannel: {
      network: cidr('10.244.0.0/16'),
      backend: 'vxlan',
      vni: 1,
      port: 0,
      ipMasq: true,
      ...parts.flannel,
    },
    nodes: parts.nodes,
    pods: parts.pods ?? [],
    services: parts.services ?? [],
    endpointSlices: [],
    flows: [],
    underlay: { subnet: cidr('192.168.56.0/24'), gateway: ipv4('192.168.56.1') },
    dns: { clusterDNS: ipv4('10.96.0.10'), corednsAddon: false, corefile: { text: '', servers: [] } },
    warnings: [],
  };
}

/** The two-node cluster the kernel lab replicates (engine/inspect/testdata/kernel-lab.sh). */
export function labScenario(): Scenario {
  return fixtureScenario({
    nodes: [
      fixtureNode('node1', '10.244.1.0/24', '192.168.56.102'),
      fixtureNode('node2', '10.244.2.0/24', '192.168.56.103'),
    ],
    pods: [fixturePod('default', 'web', 'node1')],
  });
}
