// The legacy userspace proxier (pkg/proxy/userspace, removed in v1.26), simulated as it behaved: for each
// Service port kube-proxy listened on a local "proxy port"; iptables REDIRECTed packets for the ClusterIP,
// external IPs, LoadBalancer IPs and NodePort there (containers: KUBE-PORTALS-CONTAINER / KUBE-NODEPORT-
// CONTAINER from PREROUTING; the node itself: KUBE-PORTALS-HOST / KUBE-NODEPORT-HOST from OUTPUT, DNAT to
// the node IP), and kube-proxy copied bytes to a backend over a second connection that it opened itself.
import { formatIpv4 } from '../../net/ipv4';
import { makeRule, type Rule } from '../../netfilter/rule';
import { buildEndpointsMap } from '../endpoint-slice-cache';
import type { ProxierInput } from '../proxier-input';
import { servicePortKey, servicePortsOf, type ServicePortInfo } from '../service-port';

export interface UserspacePortal {
  readonly servicePort: string;
  readonly proto: 'tcp' | 'udp' | 'sctp';
  /** The port kube-proxy listens on for this Service port (the kernel gave it a random one; see below). */
  readonly proxyPort: number;
  /** Ready endpoints, `IP:port`, in the order the round-robin balancer walks them. */
  readonly backends: readonly string[];
  readonly sessionAffinity: boolean;
}

export interface UserspaceResult {
  readonly rules: readonly Rule[];
  readonly portals: ReadonlyMap<number, UserspacePortal>;
}

/**
 * The userspace proxier bound each proxy socket to port 0 and took what the kernel gave (unless
 * --proxy-port-range was set); a stable range from 36000 in Service order stands in for that.
 */
export const FIRST_PROXY_PORT = 36000;

function q(text: string): string {
  return text.includes(' ') ? `"${text}"` : text;
}

export function syncUserspaceRules(input: ProxierInput): UserspaceResult {
  const nodeIP = formatIpv4(input.nodeIPs[0] ?? 0);
  const endpoints = buildEndpointsMap(input.endpointSlices, input.nodeName);
  const ports: ServicePortInfo[] = [...input.services]
    .sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1))
    .flatMap((s) => servicePortsOf(s));
  const rules: Rule[] = [];
  const nat = (chain: string, args: string[]) => rules.push(makeRule('nat', chain, args));
  // The jumps from the built-in chains (iptablesInit in pkg/proxy/userspace/proxier.go).
  nat('PREROUTING', [
    '-m',
    'comment',
    '--comment',
    q('handle ClusterIPs; NOTE: this must be before the NodePort rules'),
    '-j',
    'KUBE-PORTALS-CONTAINER',
  ]);
  nat('PREROUTING', [
    '-m',
    'addrtype',
    '--dst-type',
    'LOCAL',
    '-m',
    'comment',
    '--comment',
    q('handle service NodePorts; NOTE: this must be the last rule in the chain'),
    '-j',
    'KUBE-NODEPORT-CONTAINER',
  ]);
  nat('OUTPUT', [
    '-m',
    'comment',
    '--comment',
    q('handle ClusterIPs; NOTE: this must be before the NodePort rules'),
    '-j',
    'KUBE-PORTALS-HOST',
  ]);
  nat('OUTPUT', [
    '-m',
    'addrtype',
    '--dst-type',
    'LOCAL',
    '-m',
    'comment',
    '--comment',
    q('handle service NodePorts; NOTE: this must be the last rule in the chain'),
    '-j',
    'KUBE-NODEPORT-HOST',
  ]);
  const portals = new Map<number, UserspacePortal>();
  ports.forEach((sp, i) => {
    const proxyPort = FIRST_PROXY_PORT + i;
    const eps = (endpoints.get(servicePortKey(sp.namespace, sp.name, sp.portName, sp.protocol)) ?? []).filter(
      (e) => e.ready,
    );
    portals.set(proxyPort, {
      servicePort: sp.nameString,
      proto: sp.proto,
      proxyPort,
      backends: eps.map((e) => e.endpoint),
      sessionAffinity: sp.sessionAffinityClientIP,
    });
    const match = (dport: number, dst?: number) => [
      '-m',
      'comment',
      '--comment',
      q(sp.nameString),
      '-p',
      sp.proto,
      '-m',
      sp.proto,
      '--dport',
      String(dport),
      ...(dst === undefined ? [] : ['-d', `${formatIpv4(dst)}/32`]),
    ];
    for (const vip of [sp.clusterIP, ...sp.externalIPs, ...sp.loadBalancerVIPs]) {
      nat('KUBE-PORTALS-CONTAINER', [
        ...match(sp.port, vip),
        '-j',
        'REDIRECT',
        '--to-ports',
        String(proxyPort),
      ]);
      nat('KUBE-PORTALS-HOST', [
        ...match(sp.port, vip),
        '-j',
        'DNAT',
        '--to-destination',
        `${nodeIP}:${proxyPort}`,
      ]);
    }
    if (sp.nodePort !== 0) {
      nat('KUBE-NODEPORT-CONTAINER', [
        ...match(sp.nodePort),
        '-j',
        'REDIRECT',
        '--to-ports',
        String(proxyPort),
      ]);
      nat('KUBE-NODEPORT-HOST', [
        ...match(sp.nodePort),
        '-j',
        'DNAT',
        '--to-destination',
        `${nodeIP}:${proxyPort}`,
      ]);
    }
  });
  return { rules, portals };
}
