// kubeadm's ClusterConfiguration (kubeadm.k8s.io/v1beta4, also v1beta3): the pod and Service ranges and
// the DNS domain. Defaults are kubeadm's own service defaults plus flannel's documented pod network
// (`kubeadm init --pod-network-cidr=10.244.0.0/16`, as the flannel README asks).
import { isSeq } from 'yaml';
import type { ClusterNetworking } from '../model/scenario';
import { cidr, cidrOverlaps, formatCidr } from '../net/ipv4';
import type { Place } from './diagnostics';
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
function nodePortRangeArg(object: ObjectFields): { text: string; place: Place } | null {
  const apiServer = object.map('apiServer');
  let found: { text: string; place: Place } | null = null;
  const raw = apiServer.raw('extraArgs');
  if (raw !== null && isSeq(raw)) {
    for (const arg of apiServer.mapList('extraArgs')) {
      const value = arg.string('value');
      if (arg.string('name') === 'service-node-port-range' && value !== null)
        found = { text: value, place: arg.place('value') };
    }
  } else if (raw !== null) {
    const args = apiServer.map('extraArgs');
    const value = args.string('service-node-port-range');
    if (value !== null) found = { text: value, place: args.place('service-node-port-range') };
  }
  return found;
}

function readNodePortRange(object: ObjectFields): { min: number; max: number } {
  const apiServer = object.map('apiServer');
  const text = nodePortRangeArg(object)?.text ?? null;
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

/**
 * Where the file writes each range, so that what a range cannot hold (a node's /24, the controller's
 * ClusterIP or node ports) is reported on its line; null where the default is used.
 */
export interface NetworkingPlaces {
  readonly podSubnet: Place | null;
  readonly serviceSubnet: Place | null;
  readonly nodePortRange: Place | null;
}

export const DEFAULT_PLACES: NetworkingPlaces = { podSubnet: null, serviceSubnet: null, nodePortRange: null };

export function networkingPlaces(object: ObjectFields): NetworkingPlaces {
  const networking = object.map('networking');
  const at = (key: string) => (networking.has(key) ? networking.place(key) : null);
  return {
    podSubnet: at('podSubnet'),
    serviceSubnet: at('serviceSubnet'),
    nodePortRange: nodePortRangeArg(object)?.place ?? null,
  };
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
