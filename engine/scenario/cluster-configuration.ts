// kubeadm's ClusterConfiguration (kubeadm.k8s.io/v1beta4, also v1beta3): the pod and Service ranges and
// the DNS domain. Defaults are kubeadm's own service defaults plus flannel's documented pod network
// (`kubeadm init --pod-network-cidr=10.244.0.0/16`, as the flannel README asks).
import { isSeq } from 'yaml';
import type { ClusterNetworking } from '../model/scenario';
import { cidr, cidrOverlaps, formatCidr } from '../net/ipv4';
import { readCidrList } from './ip-fields';
import { dns1123SubdomainError, invalidValue } from './names';
import type { ObjectFields } from './object-fields';

export const DEFAULT_NETWORKING: ClusterNetworking = {
  podSubnet: cidr('10.244.0.0/16'),
  serviceSubnet: cidr('10.96.0.0/12'),
  dnsDomain: 'cluster.local',
  nodePortRange: { min: 30000, max: 32767 },
};

/**
 * kube-apiserver's `--service-node-port-range`, as kubeadm passes it: `apiServer.extraArgs` is a list of
 * `{name, value}` in v1beta4 and a string map in v1beta3.
 */
function readNodePortRange(object: ObjectFields): { min: number; max: number } {
  const apiServer = object.map('apiServer');
  let text: string | null = null;
  const raw = apiServer.raw('extraArgs');
  if (raw !== null && isSeq(raw)) {
    for (const arg of apiServer.mapList('extraArgs')) {
      if (arg.string('name') === 'service-node-port-range') text = arg.string('value');
    }
  } else if (raw !== null) {
    text = apiServer.map('extraArgs').string('service-node-port-range');
  }
  if (text === null) return DEFAULT_NETWORKING.nodePortRange;
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  const min = m ? Number(m[1]) : NaN;
  const max = m ? Number(m[2]) : NaN;
  if (!m || min < 1 || max > 65535 || min > max) {
    apiServer.error(
      'extraArgs',
      invalidValue(text, 'service-node-port-range must be MIN-MAX within 1-65535'),
    );
    return DEFAULT_NETWORKING.nodePortRange;
  }
  return { min, max };
}

/** kube-controller-manager's default --node-cidr-mask-size for IPv4: each node gets a /24. */
export const NODE_CIDR_MASK_SIZE = 24;

export function readClusterConfiguration(object: ObjectFields): ClusterNetworking {
  const networking = object.map('networking');
  let podSubnet = readCidrList(networking, 'podSubnet') ?? DEFAULT_NETWORKING.podSubnet;
  if (podSubnet.prefix > NODE_CIDR_MASK_SIZE) {
    // kube-controller-manager: the node mask must be longer than the cluster CIDR's.
    networking.error(
      'podSubnet',
      invalidValue(
        `${networking.string('podSubnet')}`,
        `must be a /${NODE_CIDR_MASK_SIZE} or larger: every node is given a /${NODE_CIDR_MASK_SIZE} from it`,
      ),
    );
    podSubnet = DEFAULT_NETWORKING.podSubnet;
  }
  let serviceSubnet = readCidrList(networking, 'serviceSubnet') ?? DEFAULT_NETWORKING.serviceSubnet;
  if (serviceSubnet.prefix < 12 || serviceSubnet.prefix > 30) {
    // kube-apiserver rejects ranges with more than 20 host bits (--service-cluster-ip-range).
    networking.error(
      'serviceSubnet',
      invalidValue(
        `${networking.string('serviceSubnet')}`,
        'the Service range must be between a /12 and a /30',
      ),
    );
    serviceSubnet = DEFAULT_NETWORKING.serviceSubnet;
  }
  for (const [key, range] of [
    ['podSubnet', podSubnet],
    ['serviceSubnet', serviceSubnet],
  ] as const) {
    if ('address' in range && range.address !== range.network) {
      networking.warning(
        key,
        `${networking.string(key)} has host bits set; the range used is ${formatCidr(range)}`,
      );
    }
  }
  if (cidrOverlaps(podSubnet, serviceSubnet)) {
    networking.error(
      'serviceSubnet',
      invalidValue(
        `${formatCidr(serviceSubnet)}`,
        `overlaps the podSubnet ${formatCidr(podSubnet)}: a ClusterIP could then be a pod's address`,
      ),
    );
  }
  let dnsDomain = networking.string('dnsDomain') ?? DEFAULT_NETWORKING.dnsDomain;
  const reason = dns1123SubdomainError(dnsDomain);
  if (reason !== null) {
    networking.error('dnsDomain', invalidValue(dnsDomain, reason));
    dnsDomain = DEFAULT_NETWORKING.dnsDomain;
  }
  return {
    podSubnet: { network: podSubnet.network, prefix: podSubnet.prefix },
    serviceSubnet: { network: serviceSubnet.network, prefix: serviceSubnet.prefix },
    dnsDomain,
    nodePortRange: readNodePortRange(object),
  };
}
