// `podpath rules --mode ipvs|userspace`: what a node running kube-proxy in IPVS mode shows (`ipvsadm -Ln`,
// `ipset list`, `iptables-save`), and the legacy userspace proxy explained with the rules it used to write.
import type { Cluster } from '../cluster/cluster';
import { ipvsadmList } from '../ipvs/ipvsadm';
import { syncIpvsRules } from '../kube-proxy/ipvs/sync-proxy-rules';
import { installKubeProxyIpvs } from '../kube-proxy/ipvs/install';
import { servicePortsOf } from '../kube-proxy/service-port';
import { formatIpv4 } from '../net/ipv4';
import { iptablesSave } from '../netfilter/iptables-save';
import { ipsetList } from '../netfilter/ipset';
import { Ruleset } from '../netfilter/ruleset';

export const IPVS_DEPRECATED =
  '# kube-proxy --proxy-mode=ipvs is deprecated since Kubernetes v1.35 (KEP-5495): kube-proxy warns "The ipvs\n' +
  "# proxier is now deprecated and may be removed in a future release. Please use 'nftables' instead.\"";

/** The three listings, each under the command that prints it; the same node state the tracer uses. */
export function ipvsRulesText(cluster: Cluster, node: string): string {
  const ruleset =
    cluster.scenario.kubeProxy.mode === 'ipvs' ? cluster.nodeRuleset(node) : standalone(cluster, node);
  const table = ruleset.ipvs()!;
  const references = (name: string): number => {
    let n = 0;
    for (const t of ruleset.tableNames())
      for (const c of ruleset.chains(t))
        for (const r of c.rules) if (r.spec.modules.some((m) => m.module === 'set' && m.name === name)) n++;
    return n;
  };
  return [
    IPVS_DEPRECATED,
    `# node ${node}: IPVS virtual services, kube-proxy's ip sets and the iptables rules that remain.`,
    '',
    '# ipvsadm -Ln',
    ipvsadmList(table),
    '# ipset list -sorted   (plain `ipset list` prints members in hash-bucket order, seeded at random per set)',
    ipsetList(ruleset.ipsets(), references),
    '# iptables-save',
    iptablesSave(ruleset),
  ].join('\n');
}

/** --mode ipvs on a scenario in another mode: this node's IPVS state on its own (no flannel rules). */
function standalone(cluster: Cluster, node: string): Ruleset {
  const base = cluster.netns(`node/${node}`);
  const localAddresses = base.devices
    .filter((d) => d.name !== 'kube-ipvs0')
    .flatMap((d) => d.addresses.map((a) => a.ip));
  const ruleset = new Ruleset();
  for (const t of ['nat', 'filter'] as const) ruleset.ensureTable(t);
  installKubeProxyIpvs(ruleset, syncIpvsRules({ ...cluster.proxierInput(node), localAddresses }));
  return ruleset;
}

/**
 * The userspace proxier (pkg/proxy/userspace, removed in v1.26): for each service port kube-proxy itself
 * listened on a random local port, and iptables REDIRECTed connections to the service there
 * (KUBE-PORTALS-CONTAINER for pods, KUBE-PORTALS-HOST DNAT for the node's own processes). kube-proxy then
 * opened a second TCP connection to a backend it chose round-robin and copied bytes between the two.
 */
export function userspaceRulesText(cluster: Cluster, node: string): string {
  const nodeIP = cluster.nodeIPText(node);
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
  for (const svc of cluster.scenario.services) {
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
