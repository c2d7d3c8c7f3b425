// `podpath rules --mode userspace`: the legacy userspace proxy explained, with the rules it used to write.
import { formatIpv4 } from '../../net/ipv4';
import type { ProxyModeHost } from '../mode';
import { servicePortsOf } from '../service-port';

/**
 * The userspace proxier (pkg/proxy/userspace, removed in v1.26): for each service port kube-proxy itself
 * listened on a random local port, and iptables REDIRECTed connections to the service there
 * (KUBE-PORTALS-CONTAINER for pods, KUBE-PORTALS-HOST DNAT for the node's own processes). kube-proxy then
 * opened a second TCP connection to a backend it chose round-robin and copied bytes between the two.
 */
export function userspaceRulesText(host: ProxyModeHost, node: string): string {
  const nodeIP = formatIpv4(host.proxierInput(node).nodeIPs[0]!);
  const lines = [
    '# kube-proxy --proxy-mode=userspace was removed from Kubernetes in v1.26 (KEP-3866): a current kube-proxy',
    '# refuses to start with it, so this node has no userspace proxy. Shown as legacy, what it did:',
    '#  - kube-proxy opened a listening socket on a random local port for every service port ("proxy port");',
    '#  - iptables sent new connections for the service there: REDIRECT from pods (PREROUTING),',
    '#    DNAT to the node IP from the node itself (OUTPUT);',
    '#  - kube-proxy accepted the connection in user space, chose a backend (round robin, or the same one',
    '#    for sessionAffinity ClientIP), opened a SECOND connection to it from the node, and copied bytes',
    '#    between the two. The backend saw the node as the client; every byte crossed user space twice.',
    '# The rules below are illustrative: the proxy ports were random (shown as 3xxxx from a counter).',
    '*nat',
    ':KUBE-PORTALS-CONTAINER - [0:0]',
    ':KUBE-PORTALS-HOST - [0:0]',
    '-A PREROUTING -m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-CONTAINER',
    '-A OUTPUT -m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-HOST',
  ];
  let proxyPort = 36000;
  for (const svc of host.scenario.services) {
    for (const sp of servicePortsOf(svc)) {
      const name = `${sp.nameString}`;
      const cip = formatIpv4(sp.clusterIP);
      lines.push(
        `-A KUBE-PORTALS-CONTAINER -d ${cip}/32 -p ${sp.proto} -m comment --comment "${name}" -m ${sp.proto} --dport ${sp.port} -j REDIRECT --to-ports ${proxyPort}`,
      );
      lines.push(
        `-A KUBE-PORTALS-HOST -d ${cip}/32 -p ${sp.proto} -m comment --comment "${name}" -m ${sp.proto} --dport ${sp.port} -j DNAT --to-destination ${nodeIP}:${proxyPort}`,
      );
      proxyPort++;
    }
  }
  lines.push('COMMIT');
  return lines.join('\n') + '\n';
}
