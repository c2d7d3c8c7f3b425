// The CoreDNS addon kubeadm installs (phase `addon/coredns`, cmd/kubeadm/app/phases/addons/dns): the
// Deployment kube-system/coredns (2 replicas, `k8s-app: kube-dns`, dnsPolicy Default so that `forward .
// /etc/resolv.conf` reaches the node's resolver) behind the Service kube-system/kube-dns at the 10th
// address of the Service subnet, with its Corefile from the ConfigMap kube-system/coredns. A scenario
// opts out the way kubeadm does: an InitConfiguration whose `skipPhases` names `addon/coredns`.
import type { ClusterDns, ContainerPort } from '../model/scenario';
import { broadcastOf, cidrHost, formatCidr, type Cidr } from '../net/ipv4';
import { kubeadmCorefile, parseCorefile } from '../dns/corefile';
import type { DeploymentInput } from './deployments';
import type { Diagnostics, Place } from './diagnostics';
import type { ObjectFields } from './object-fields';
import { addonDeployment, SYNTHESISED } from './addon-deployment';
import type { ServiceInput } from './services';
import { synthesisedPort, synthesisedService } from './synthesised-service';

export const COREDNS_NAMESPACE = 'kube-system';
export const COREDNS_NAME = 'coredns';
export const KUBE_DNS_SERVICE = 'kube-dns';
export const KUBE_DNS_LABEL = { 'k8s-app': 'kube-dns' } as const;

/** kubeadm's phase names (`kubeadm init phase addon coredns`); skipping `addon` skips every addon. */
export function readSkipsCoreDns(object: ObjectFields): boolean {
  const phases = object.stringList('skipPhases').map((p) => p.value);
  return phases.includes('addon/coredns') || phases.includes('addon') || phases.includes('addon/all');
}

/** Whether the Service subnet has the 10th address kubeadm gives the cluster DNS. */
export function clusterDnsFits(serviceSubnet: Cidr): boolean {
  return cidrHost(serviceSubnet, 10) < broadcastOf(serviceSubnet);
}

/** kubeadm GetDNSIP: the 10th address of the Service subnet (10.96.0.10 for 10.96.0.0/12). */
export function clusterDnsIP(serviceSubnet: Cidr, diags: Diagnostics, place: Place): number {
  const ip = cidrHost(serviceSubnet, 10);
  if (!clusterDnsFits(serviceSubnet)) {
    diags.error(
      place,
      `unable to get tenth IP address from service subnet CIDR ${formatCidr(serviceSubnet)}: kubeadm needs it for the cluster DNS`,
    );
  }
  return ip;
}

/** The Corefile: ConfigMap kube-system/coredns `data.Corefile`, or kubeadm's default for the domain. */
export function readCorefile(configMap: ObjectFields | null, dnsDomain: string): ClusterDns['corefile'] {
  const data = configMap?.map('data');
  const text = data?.string('Corefile') ?? null;
  if (configMap && data && text === null)
    data.error('Corefile', 'Required value: the coredns ConfigMap needs a Corefile key');
  const { corefile, problems } = parseCorefile(text ?? kubeadmCorefile(dnsDomain));
  for (const p of problems) {
    if (!data) continue; // kubeadm's own Corefile reads cleanly
    const message = `Corefile line ${p.line}: ${p.message}`;
    if (p.severity === 'error') data.error('Corefile', message);
    else data.warning('Corefile', message);
  }
  if (corefile.servers.every((s) => s.port !== 53) && data)
    data.warning('Corefile', 'no server block listens on port 53: every query to kube-dns gets REFUSED');
  return corefile;
}

const COREDNS_PORTS: readonly ContainerPort[] = [
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
];

export function corednsDeployment(): DeploymentInput {
  return addonDeployment({
    namespace: COREDNS_NAMESPACE,
    name: COREDNS_NAME,
    replicas: 2,
    labels: KUBE_DNS_LABEL,
    ports: COREDNS_PORTS,
    dnsPolicy: 'Default',
    // kubeadm's manifest (cmd/kubeadm/app/phases/addons/dns/manifests.go): it runs on the control plane too.
    tolerations: [
      { key: 'CriticalAddonsOnly', operator: 'Exists', value: '', effect: '' },
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', value: '', effect: 'NoSchedule' },
    ],
    addon: 'kubeadm/coredns',
  });
}

export function kubeDnsService(clusterIP: number): ServiceInput {
  const port = (name: string, protocol: 'TCP' | 'UDP', number: number) =>
    synthesisedPort(name, protocol, number, number);
  return synthesisedService({
    namespace: COREDNS_NAMESPACE,
    name: KUBE_DNS_SERVICE,
    type: 'ClusterIP',
    clusterIP: { kind: 'given', ip: clusterIP, place: SYNTHESISED },
    ports: [port('dns', 'UDP', 53), port('dns-tcp', 'TCP', 53), port('metrics', 'TCP', 9153)],
    selector: KUBE_DNS_LABEL,
  });
}
