// flannel's `net-conf.json`, read from the `kube-flannel-cfg` ConfigMap in `kube-flannel` exactly as
// kube-flannel.yml ships it. Defaults follow flannel's pkg/subnet/config.go and the backend docs
// (Documentation/backends.md).
import type { Cidr } from '../net/ipv4';
import type { FlannelBackend, FlannelSettings } from '../model/scenario';
import { FLANNEL_BACKENDS, flannelBackend, isFlannelBackend } from '../overlay/registry';
import type { Place } from './diagnostics';
import { placeInString } from './embedded-yaml';
import { cidrOrReport } from './ip-fields';
import type { ObjectFields } from './object-fields';

export const FLANNEL_NAMESPACE = 'kube-flannel';
export const FLANNEL_CONFIGMAP = 'kube-flannel-cfg';
export const NET_CONF_KEY = 'net-conf.json';

export interface FlannelInput {
  /** undefined: the pod range (kubeadm's podSubnet) is used. */
  readonly network: Cidr | undefined;
  /** Where "Network" is written in net-conf.json, for errors about the ranges it must hold. */
  readonly networkPlace: Place | null;
  readonly backend: FlannelBackend;
  readonly vni: number;
  readonly port: number;
}

/** Without the ConfigMap the scenario runs kube-flannel.yml as shipped: VXLAN, VNI 1. */
export const DEFAULT_FLANNEL: FlannelInput = {
  network: undefined,
  networkPlace: null,
  backend: 'vxlan',
  vni: 1,
  port: 0,
};

function jsonInt(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

export function readFlannelConfigMap(object: ObjectFields): FlannelInput {
  const data = object.map('data');
  const text = data.string(NET_CONF_KEY);
  if (text === null) {
    data.error(NET_CONF_KEY, `Required value: flannel reads its configuration from data["${NET_CONF_KEY}"]`);
    return DEFAULT_FLANNEL;
  }
  const fail = (message: string): FlannelInput => {
    data.error(NET_CONF_KEY, `${NET_CONF_KEY}: ${message}`);
    return DEFAULT_FLANNEL;
  };
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch (e) {
    return fail(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof conf !== 'object' || conf === null || Array.isArray(conf)) return fail('expected a JSON object');
  const c = conf as Record<string, unknown>;

  let network: Cidr | undefined;
  let networkPlace: Place | null = null;
  if (c['Network'] !== undefined) {
    if (typeof c['Network'] !== 'string') return fail('"Network" must be a string such as "10.244.0.0/16"');
    // JSON.parse keeps no positions: the value is found after the first "Network" key in the text.
    const key = /"Network"\s*:\s*/.exec(text);
    networkPlace = key
      ? placeInString(data, NET_CONF_KEY, key.index + key[0].length)
      : data.place(NET_CONF_KEY);
    const range = cidrOrReport(object.ctx.diags, networkPlace, c['Network']);
    if (range !== null) network = { network: range.network, prefix: range.prefix };
  }

  // flannel: no "Backend" at all means the udp backend (parseBackendType).
  const be = c['Backend'];
  if (be !== undefined && (typeof be !== 'object' || be === null || Array.isArray(be)))
    return fail('"Backend" must be a JSON object');
  const backendConf = (be ?? {}) as Record<string, unknown>;
  const type = be === undefined ? 'udp' : backendConf['Type'];
  if (typeof type !== 'string' || !isFlannelBackend(type)) {
    const supported = Object.keys(FLANNEL_BACKENDS)
      .map((t) => JSON.stringify(t))
      .join(', ');
    return fail(
      `backend type ${JSON.stringify(type ?? '')} is not simulated: supported values: ${supported}`,
    );
  }
  const vni = backendConf['VNI'] === undefined ? 1 : jsonInt(backendConf['VNI'], 0, 0xffffff);
  if (vni === null) return fail('"Backend.VNI" must be an integer between 0 and 16777215');
  const port = backendConf['Port'] === undefined ? 0 : jsonInt(backendConf['Port'], 0, 65535);
  if (port === null) return fail('"Backend.Port" must be an integer between 0 and 65535');
  if (be === undefined) {
    // flannel's own default, easy to get by accident: say which backend that is.
    data.warning(
      NET_CONF_KEY,
      'no "Backend" means flannel\'s udp backend: flanneld relays every packet between nodes in user space through flannel0 and UDP 8285 (slow, meant for debugging). Use "Backend": {"Type": "vxlan"} for the usual one',
    );
  }
  return { network, networkPlace, backend: type, vni, port };
}

export function resolveFlannel(input: FlannelInput, podSubnet: Cidr): FlannelSettings {
  return {
    network: input.network ?? podSubnet,
    backend: input.backend,
    vni: input.vni,
    // The kernel's VXLAN port (IANA says 4789, Linux predates it), flannel's udp backend port, or none.
    port: input.port === 0 ? flannelBackend(input.backend).defaultPort : input.port,
    ipMasq: true, // kube-flannel.yml runs flanneld with --ip-masq
  };
}
