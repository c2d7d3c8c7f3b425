// KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1): the fields that change the datapath. Defaults
// and allowed values follow pkg/proxy/apis/config/v1alpha1/defaults.go and validation/validation.go.
import type { Cidr, ParsedCidr } from '../net/ipv4';
import { isProxyMode, proxyModeInfo, supportedProxyModes } from '../model/proxy-mode';
import type { KubeProxySettings, ProxyMode } from '../model/scenario';
import { cidrOrReport, readCidrList } from './ip-fields';
import { invalidValue } from './names';
import type { ObjectFields } from './object-fields';

/** What the document says; clusterCIDR and "primary" are resolved once the pod range and nodes are known. */
export interface KubeProxyInput {
  readonly mode: ProxyMode;
  /** undefined: not given (defaults to the pod range); null: no local detector. */
  readonly clusterCIDR: Cidr | null | undefined;
  readonly masqueradeAll: boolean;
  readonly masqueradeBit: number;
  readonly localhostNodePorts: boolean;
  readonly nodePortAddresses: readonly Cidr[];
  /** `nodePortAddresses: ["primary"]`: each node's own primary IP. */
  readonly nodePortAddressesPrimary: boolean;
  readonly ipvsScheduler: string;
}

export const DEFAULT_KUBE_PROXY: KubeProxyInput = {
  mode: 'iptables',
  clusterCIDR: undefined,
  masqueradeAll: false,
  masqueradeBit: 14,
  localhostNodePorts: true,
  nodePortAddresses: [],
  nodePortAddressesPrimary: false,
  ipvsScheduler: 'rr',
};

// The schedulers kube-proxy accepts (validateIPVSSchedulerMethod).
const IPVS_SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq', 'mh'];

function readMode(object: ObjectFields): ProxyMode {
  const mode = object.string('mode');
  // Blank means the best available proxier, which is iptables on Linux.
  if (mode === null || mode === '') return 'iptables';
  if (isProxyMode(mode)) {
    const removed = proxyModeInfo(mode).removed;
    if (removed !== null) object.warning('mode', removed);
    return mode;
  }
  const supported = supportedProxyModes().map((m) => JSON.stringify(m));
  object.error(
    'mode',
    `Unsupported value: ${JSON.stringify(mode)}: supported values: ${supported.join(', ')}`,
  );
  return 'iptables';
}

function readClusterCIDR(object: ObjectFields): Cidr | null | undefined {
  const detect = object.string('detectLocalMode');
  if (detect !== null && detect !== '' && detect !== 'ClusterCIDR') {
    object.warning(
      'detectLocalMode',
      `detectLocalMode ${JSON.stringify(detect)} is not simulated; using ClusterCIDR`,
    );
  }
  if (!object.has('clusterCIDR') || object.string('clusterCIDR') === '') return undefined;
  const range: ParsedCidr | null = readCidrList(object, 'clusterCIDR');
  return range === null ? undefined : { network: range.network, prefix: range.prefix };
}

export function readKubeProxyConfiguration(object: ObjectFields): KubeProxyInput {
  const iptables = object.map('iptables');
  const ipvs = object.map('ipvs');
  const nodePortAddresses: Cidr[] = [];
  let primary = false;
  for (const { value, place } of object.stringList('nodePortAddresses')) {
    if (value === 'primary') {
      primary = true;
      continue;
    }
    const range = cidrOrReport(object.ctx.diags, place, value);
    if (range !== null) nodePortAddresses.push({ network: range.network, prefix: range.prefix });
  }
  if (primary) {
    object.warning(
      'nodePortAddresses',
      '"primary" is read as each node\'s InternalIP/32 (kube-proxy takes the node\'s primary IPs)',
    );
  }
  const scheduler = ipvs.string('scheduler') ?? '';
  if (scheduler !== '' && !IPVS_SCHEDULERS.includes(scheduler)) {
    ipvs.error('scheduler', invalidValue(scheduler, `supported values: ${IPVS_SCHEDULERS.join(', ')}`));
  }
  return {
    mode: readMode(object),
    clusterCIDR: readClusterCIDR(object),
    masqueradeAll: iptables.bool('masqueradeAll') ?? DEFAULT_KUBE_PROXY.masqueradeAll,
    masqueradeBit: iptables.int('masqueradeBit', 0, 31) ?? DEFAULT_KUBE_PROXY.masqueradeBit,
    localhostNodePorts: iptables.bool('localhostNodePorts') ?? DEFAULT_KUBE_PROXY.localhostNodePorts,
    nodePortAddresses,
    nodePortAddressesPrimary: primary,
    ipvsScheduler: scheduler === '' || !IPVS_SCHEDULERS.includes(scheduler) ? 'rr' : scheduler,
  };
}

/** Fills in what depended on the rest of the scenario. */
export function resolveKubeProxy(
  input: KubeProxyInput,
  podSubnet: Cidr,
  nodeIPs: readonly number[],
): KubeProxySettings {
  const nodePortAddresses = input.nodePortAddressesPrimary
    ? [...input.nodePortAddresses, ...nodeIPs.map((ip) => ({ network: ip, prefix: 32 }))]
    : input.nodePortAddresses;
  return {
    mode: input.mode,
    // kubeadm writes clusterCIDR = networking.podSubnet into the kube-proxy ConfigMap.
    clusterCIDR: input.clusterCIDR === undefined ? podSubnet : input.clusterCIDR,
    masqueradeAll: input.masqueradeAll,
    masqueradeBit: input.masqueradeBit,
    localhostNodePorts: input.localhostNodePorts,
    nodePortAddresses,
    ipvsScheduler: input.ipvsScheduler,
  };
}
