// Builders for kube-proxy test inputs, with the defaults the API server would fill in, and the
// TestOverallIPTablesRules harness (kubernetes pkg/proxy/iptables/proxier_test.go NewFakeProxier).
import { cidr, ipv4 } from '../../net/ipv4';
import type {
  Endpoint,
  EndpointSliceSpec,
  KubeProxySettings,
  Protocol,
  ServicePort,
  ServiceSpec,
} from '../../model/scenario';
import type { ProxierInput } from '../proxier-input';

const NOWHERE = { document: 0, line: 0, column: 0 };

type ServiceOverrides = Partial<
  Omit<ServiceSpec, 'clusterIP' | 'externalIPs' | 'loadBalancerIPs' | 'loadBalancerSourceRanges' | 'ports'>
> & {
  clusterIP?: string | null;
  externalIPs?: string[];
  loadBalancerIPs?: string[];
  loadBalancerSourceRanges?: string[];
  ports?: Partial<ServicePort>[];
};

export function service(namespace: string, name: string, o: ServiceOverrides = {}): ServiceSpec {
  const { clusterIP, externalIPs, loadBalancerIPs, loadBalancerSourceRanges, ports, ...rest } = o;
  return {
    namespace,
    name,
    type: 'ClusterIP',
    clusterIP: clusterIP === null ? null : ipv4(clusterIP ?? '172.30.0.1'),
    ports: (ports ?? [{}]).map((p) => ({
      name: 'p80',
      protocol: 'TCP' as Protocol,
      port: 80,
      targetPort: 80,
      nodePort: 0,
      ...p,
    })),
    selector: null,
    externalIPs: (externalIPs ?? []).map(ipv4),
    loadBalancerIPs: (loadBalancerIPs ?? []).map(ipv4),
    loadBalancerSourceRanges: (loadBalancerSourceRanges ?? []).map((r) => cidr(r.trim())),
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: 10800,
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    healthCheckNodePort: 0,
    externalName: null,
    publishNotReadyAddresses: false,
    source: NOWHERE,
    ...rest,
  };
}

export interface EndpointOverrides {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
  nodeName?: string | null;
  zone?: string | null;
  hintsForZones?: string[] | null;
}

export function endpoint(ip: string, o: EndpointOverrides = {}): Endpoint {
  return {
    addresses: [ipv4(ip)],
    conditions: { ready: o.ready ?? null, serving: o.serving ?? null, terminating: o.terminating ?? null },
    nodeName: o.nodeName ?? null,
    zone: o.zone ?? null,
    hostname: null,
    targetPod: null,
    hintsForZones: o.hintsForZones ?? null,
  };
}

export function slice(
  namespace: string,
  serviceName: string,
  endpoints: Endpoint[],
  ports: { name?: string | null; port?: number | null; protocol?: Protocol }[] = [{}],
  name = `${serviceName}-abcde`,
): EndpointSliceSpec {
  return {
    namespace,
    name,
    serviceName,
    addressType: 'IPv4',
    endpoints,
    ports: ports.map((p) => ({
      name: p.name === undefined ? 'p80' : p.name,
      port: p.port === undefined ? 80 : p.port,
      protocol: p.protocol ?? 'TCP',
    })),
    explicit: true,
    source: NOWHERE,
  };
}

export function settings(o: Partial<KubeProxySettings> = {}): KubeProxySettings {
  return {
    mode: 'iptables',
    clusterCIDR: cidr('10.0.0.0/8'),
    masqueradeAll: false,
    masqueradeBit: 14,
    localhostNodePorts: true,
    nodePortAddresses: [],
    ipvsScheduler: 'rr',
    ...o,
  };
}

/** NewFakeProxier: IPv4, node test-node at 192.168.0.2, detector 10.0.0.0/8, mark "0x4000", nfacct on. */
export function fakeProxierInput(
  services: ServiceSpec[],
  endpointSlices: EndpointSliceSpec[],
  o: Partial<ProxierInput> = {},
): ProxierInput {
  return {
    nodeName: 'test-node',
    nodeIPs: ['192.168.0.2', '192.168.1.2', '192.168.99.11'].map(ipv4),
    nodeLabels: {},
    settings: settings(),
    services,
    endpointSlices,
    capabilities: { nfacct: true, randomFully: false, tcpBeLiberal: false },
    masqueradeMarkText: '0x4000',
    ...o,
  };
}

/** The six Services and five EndpointSlices of TestOverallIPTablesRules (kube-proxy.md §2). */
export function overallInput(): ProxierInput {
  const services = [
    service('ns1', 'svc1', { clusterIP: '172.30.0.41' }),
    service('ns2', 'svc2', {
      type: 'LoadBalancer',
      clusterIP: '172.30.0.42',
      ports: [{ nodePort: 3001 }],
      loadBalancerIPs: ['1.2.3.4'],
      externalIPs: ['192.168.99.22'],
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 30000,
    }),
    service('ns3', 'svc3', { type: 'NodePort', clusterIP: '172.30.0.43', ports: [{ nodePort: 3003 }] }),
    service('ns4', 'svc4', { type: 'NodePort', clusterIP: '172.30.0.44', externalIPs: ['192.168.99.33'] }),
    service('ns5', 'svc5', {
      type: 'LoadBalancer',
      clusterIP: '172.30.0.45',
      ports: [{ nodePort: 3002 }],
      loadBalancerIPs: ['5.6.7.8'],
      healthCheckNodePort: 30000,
      loadBalancerSourceRanges: [' 203.0.113.0/25'],
      sessionAffinity: 'ClientIP',
      sessionAffinityTimeoutSeconds: 10800,
    }),
    service('ns6', 'svc6', { clusterIP: '172.30.0.46' }),
  ];
  const slices = [
    slice('ns1', 'svc1', [endpoint('10.180.0.1')]),
    slice('ns2', 'svc2', [endpoint('10.180.0.2')]),
    slice('ns3', 'svc3', [endpoint('10.180.0.3')]),
    slice('ns4', 'svc4', [
      endpoint('10.180.0.4', { nodeName: 'test-node' }),
      endpoint('10.180.0.5', { nodeName: 'test-node' }),
    ]),
    slice('ns5', 'svc5', [endpoint('10.180.0.3')]),
  ];
  return fakeProxierInput(services, slices);
}

/**
 * TestOverallNFTablesRules' harness (kubernetes pkg/proxy/nftables/proxier_test.go NewFakeProxier): the same
 * Services, with nodePortAddresses 192.168.0.2/32 and serviceCIDRs 172.30.0.0/16. In its slice for svc4 only
 * 10.180.0.5 names test-node, which changes nothing for an ETP=Cluster Service.
 */
export function overallNftablesInput(): ProxierInput {
  return {
    ...overallInput(),
    settings: settings({ mode: 'nftables', nodePortAddresses: [cidr('192.168.0.2/32')] }),
    serviceCIDRs: [cidr('172.30.0.0/16')],
  };
}

/**
 * A second kernel-checked nftables input: multi-port and UDP Services, a Local-policy NodePort with a local
 * endpoint (a `local-` chain), affinity over two endpoints, a no-endpoint NodePort, and the mode's default
 * --nodeport-addresses (primary).
 */
export function mixedNftablesInput(): ProxierInput {
  const services = [
    service('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
        { name: 'dns-tcp', port: 53, targetPort: 53 },
        { name: 'metrics', port: 9153, targetPort: 9153 },
      ],
    }),
    service('default', 'web', {
      type: 'NodePort',
      clusterIP: '10.96.0.80',
      ports: [{ name: null, port: 80, nodePort: 30080 }],
      sessionAffinity: 'ClientIP',
      sessionAffinityTimeoutSeconds: 600,
    }),
    service('default', 'solo', {
      type: 'NodePort',
      clusterIP: '10.96.0.90',
      externalTrafficPolicy: 'Local',
      ports: [{ name: null, port: 90, nodePort: 30090 }],
    }),
    service('default', 'empty', {
      type: 'NodePort',
      clusterIP: '10.96.0.99',
      ports: [{ name: null, port: 80, nodePort: 30099 }],
    }),
  ];
  const slices = [
    slice(
      'kube-system',
      'kube-dns',
      [endpoint('10.244.0.5'), endpoint('10.244.1.7')],
      [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53 },
        { name: 'metrics', port: 9153 },
      ],
    ),
    slice('default', 'web', [endpoint('10.244.0.3'), endpoint('10.244.1.2')], [{ name: null, port: 8080 }]),
    slice('default', 'solo', [endpoint('10.244.1.3', { nodeName: 'node-2' })], [{ name: null, port: 9000 }]),
  ];
  return {
    nodeName: 'node-2',
    nodeIPs: [ipv4('192.168.56.12')],
    nodeLabels: {},
    settings: settings({ mode: 'nftables', clusterCIDR: cidr('10.244.0.0/16') }),
    services,
    endpointSlices: slices,
    capabilities: { nfacct: true, randomFully: true, tcpBeLiberal: false },
    serviceCIDRs: [cidr('10.96.0.0/12')],
  };
}
