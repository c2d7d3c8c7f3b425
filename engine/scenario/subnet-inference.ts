// The cluster's pod and Service ranges when no ClusterConfiguration says them, read from what a dump does
// hold: the Nodes' podCIDRs and the Services' clusterIPs. Known installers' defaults are recognised first
// (kubeadm 10.244.0.0/16 with flannel and 10.96.0.0/12; kind 10.244.0.0/16 and 10.96.0.0/16; k3s
// 10.42.0.0/16 and 10.43.0.0/16); otherwise the smallest range holding every address is taken, within what
// the API server accepts for --service-cluster-ip-range (a /12 at most) and no smaller than a /28, so the
// cluster DNS address kubeadm takes (the 10th) exists.
import { isScalar } from 'yaml';
import type { ClusterNetworking } from '../model/scenario';
import { broadcastOf, cidr, cidrContains, cidrCovers, formatCidr, parseIpv4, type Cidr } from '../net/ipv4';
import type { Diagnostics, Place } from './diagnostics';
import type { NodeInput } from './nodes';
import type { SourceObject } from './source-objects';

const POD_DEFAULTS: ReadonlyArray<{ range: Cidr; who: string }> = [
  { range: cidr('10.244.0.0/16'), who: 'kubeadm with flannel, and kind' },
  { range: cidr('10.42.0.0/16'), who: "k3s's default" },
];
const SERVICE_DEFAULTS: ReadonlyArray<{ range: Cidr; who: string }> = [
  { range: cidr('10.96.0.0/12'), who: "kubeadm's default" },
  { range: cidr('10.43.0.0/16'), who: "k3s's default" },
];

/** The smallest CIDR holding every address in [low, high]. */
function covering(low: number, high: number): Cidr {
  let prefix = 32;
  while (prefix > 0) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((low & mask) >>> 0 === (high & mask) >>> 0) return { network: (low & mask) >>> 0, prefix };
    prefix--;
  }
  return { network: 0, prefix: 0 };
}

function pick(
  defaults: ReadonlyArray<{ range: Cidr; who: string }>,
  low: number,
  high: number,
): { range: Cidr; who: string | null } {
  for (const d of defaults)
    if (cidrContains(d.range, low) && cidrContains(d.range, high)) return { range: d.range, who: d.who };
  return { range: covering(low, high), who: null };
}

function clusterIPsOf(services: readonly SourceObject[]): Array<{ ip: number; place: Place }> {
  const out: Array<{ ip: number; place: Place }> = [];
  for (const o of services) {
    const spec = o.fields.map('spec');
    const node = spec.raw('clusterIP');
    if (node === null || !isScalar(node) || typeof node.value !== 'string') continue;
    const ip = parseIpv4(node.value);
    if (ip !== null) out.push({ ip, place: spec.place('clusterIP') });
  }
  return out;
}

function hasKubeDns(services: readonly SourceObject[]): boolean {
  return services.some((o) => {
    const meta = o.fields.map('metadata').raw('name');
    const ns = o.fields.map('metadata').raw('namespace');
    return isScalar(meta) && meta.value === 'kube-dns' && isScalar(ns) && ns.value === 'kube-system';
  });
}

/** The networking to use when the file has no ClusterConfiguration (or one without these fields). */
export function inferNetworking(
  base: ClusterNetworking,
  nodes: readonly NodeInput[],
  services: readonly SourceObject[],
  diags: Diagnostics,
): ClusterNetworking {
  let { podSubnet, serviceSubnet } = base;
  const podCIDRs = nodes.filter((n) => n.podCIDR !== null).map((n) => n.podCIDR!);
  if (podCIDRs.length > 0 && !podCIDRs.every((p) => cidrCovers(podSubnet, p.range))) {
    const low = podCIDRs.reduce((m, p) => Math.min(m, p.range.network), 0xffffffff);
    const high = podCIDRs.reduce((m, p) => Math.max(m, broadcastOf(p.range)), 0);
    const { range, who } = pick(POD_DEFAULTS, low, high);
    // One odd podCIDR in a hand-written file is more likely a mistake than a cluster: the smallest range is
    // taken only from two Nodes or more, as a dump of a running cluster has them.
    if (range.prefix <= 24 && (who !== null || podCIDRs.length > 1)) {
      podSubnet = range;
      diags.warning(
        podCIDRs[0]!.place,
        `note: no ClusterConfiguration gives the pod network; the Nodes' podCIDRs fit ${formatCidr(range)}${who === null ? ' (the smallest range holding them)' : ` (${who})`}, which is used`,
      );
    }
  }
  const ips = clusterIPsOf(services);
  if (ips.length > 0 && !ips.every((i) => cidrContains(serviceSubnet, i.ip))) {
    // A loop, not Math.min(...ips): a dump may hold 50,000 Services, past the engine's argument limit.
    const low = ips.reduce((m, i) => Math.min(m, i.ip), 0xffffffff);
    const high = ips.reduce((m, i) => Math.max(m, i.ip), 0);
    const picked = pick(SERVICE_DEFAULTS, low, high);
    const who = picked.who;
    let range = picked.range;
    // kubeadm puts the cluster DNS at the range's 10th address, so the range holds at least 16.
    if (range.prefix > 28) range = { network: (range.network & 0xfffffff0) >>> 0, prefix: 28 };
    // Likewise a lone clusterIP outside the range keeps the API server's error; a dump always holds kube-dns.
    if (range.prefix >= 12 && (who !== null || hasKubeDns(services))) {
      serviceSubnet = range;
      diags.warning(
        ips[0]!.place,
        `note: no ClusterConfiguration gives the Service range; the Services' clusterIPs fit ${formatCidr(range)}${who === null ? ' (the smallest range the API server would accept holding them)' : ` (${who})`}, which is used`,
      );
    }
  }
  return { ...base, podSubnet, serviceSubnet };
}
