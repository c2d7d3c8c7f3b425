// The address ingress-nginx writes into status.loadBalancer.ingress of every Ingress it serves, which is
// what `kubectl get ingress` shows as ADDRESS (ingress-nginx internal/ingress/status/status.go
// runningAddresses, statusAddressFromService, standardizeLoadBalancerIngresses, updateStatus):
// - `--publish-status-address A,B`: those, each an IP or else a hostname (kind's manifest: localhost);
// - else `--publish-service NS/NAME`: that Service's address by type — ClusterIP: its clusterIP; NodePort:
//   its externalIPs, or its clusterIP when it has none; LoadBalancer: its status.loadBalancer.ingress, then
//   externalIPs not already there; ExternalName: its externalName as a hostname. A Service that does not
//   exist is an error the controller logs, and the status is left as it was;
// - else the nodes its ready controller pods run on (ExternalIP, else InternalIP: GetNodeIPOrName).
// The list is sorted by IP, then (stably) by hostname then IP, before it is written.
import type { NodeSpec, PodSpec, Scenario, ServiceSpec } from '../model/scenario';
import { formatIpv4, parseIpv4 } from '../net/ipv4';

/** One status.loadBalancer.ingress entry. */
export interface LoadBalancerIngress {
  readonly ip: string;
  readonly hostname: string;
}

/** Where the published address came from, said in words next to it. */
export interface PublishedStatus {
  readonly addresses: readonly LoadBalancerIngress[];
  readonly source: string;
}

function nameOrIP(text: string): LoadBalancerIngress {
  return parseIpv4(text) === null ? { ip: '', hostname: text } : { ip: text, hostname: '' };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function standardized(list: LoadBalancerIngress[]): LoadBalancerIngress[] {
  // Go's sort.SliceStable on strings: byte order, which is code-unit order for these ASCII texts.
  return list
    .slice()
    .sort((a, b) => byText(a.ip, b.ip))
    .sort((a, b) => byText(a.hostname, b.hostname) || byText(a.ip, b.ip));
}

function fromService(svc: ServiceSpec): LoadBalancerIngress[] {
  const ip = (n: number): LoadBalancerIngress => ({ ip: formatIpv4(n), hostname: '' });
  switch (svc.type) {
    case 'ExternalName':
      return [{ ip: '', hostname: svc.externalName ?? '' }];
    case 'ClusterIP':
      return [{ ip: svc.clusterIP === null ? 'None' : formatIpv4(svc.clusterIP), hostname: '' }];
    case 'NodePort':
      if (svc.externalIPs.length === 0)
        return [{ ip: svc.clusterIP === null ? 'None' : formatIpv4(svc.clusterIP), hostname: '' }];
      return svc.externalIPs.map(ip);
    case 'LoadBalancer': {
      const out = svc.loadBalancerIPs.map(ip);
      for (const e of svc.externalIPs) if (!out.some((a) => a.ip === formatIpv4(e))) out.push(ip(e));
      return out;
    }
  }
}

/** The controller's pods: those its Deployment (or DaemonSet) made, in its namespace. */
function controllerPods(scenario: Scenario, namespace: string, workload: string): PodSpec[] {
  const key = `${namespace}/${workload}`;
  return scenario.pods.filter(
    (p) =>
      p.namespace === namespace &&
      (p.ownerDeployment === key || (p.ownerWorkload?.endsWith(` ${key}`) ?? false)),
  );
}

/**
 * What the running controller publishes, or null when it writes nothing (no controller, or a
 * --publish-service naming no Service: the Ingresses keep the status the file gives them).
 */
export function publishedIngressStatus(scenario: Scenario): PublishedStatus | null {
  const controller = scenario.ingress?.controller;
  if (!controller) return null;
  const args = controller.args;
  if (args.publishStatusAddress !== null && args.publishStatusAddress !== '') {
    return {
      addresses: standardized(args.publishStatusAddress.split(/,\s*/).map(nameOrIP)),
      source: `--publish-status-address=${args.publishStatusAddress}`,
    };
  }
  if (args.publishService !== null && args.publishService !== '') {
    const [ns, name] = args.publishService.includes('/')
      ? args.publishService.split('/', 2)
      : ['', args.publishService];
    const svc = scenario.services.find((s) => s.namespace === ns && s.name === name);
    if (!svc) return null;
    return {
      addresses: standardized(fromService(svc)),
      source: `--publish-service=${args.publishService} (${svc.type})`,
    };
  }
  const nodes = new Map<string, NodeSpec>(scenario.nodes.map((n) => [n.name, n]));
  const out: LoadBalancerIngress[] = [];
  for (const pod of controllerPods(scenario, controller.namespace, controller.deployment)) {
    const node = nodes.get(pod.nodeName);
    if (!pod.ready || pod.terminating || !node) continue;
    const ip = formatIpv4(node.internalIP);
    if (!out.some((a) => a.ip === ip)) out.push({ ip, hostname: '' });
  }
  return { addresses: standardized(out), source: "the nodes of the controller's pods" };
}
