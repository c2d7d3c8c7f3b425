// Pod addresses for a whole scenario, the way a flannel cluster hands them out: each node runs its own
// host-local over its podCIDR (the flannel delegate's `ranges: [[{subnet: <podCIDR>}]]`), and the kubelet
// starts that node's sandboxes one after another, here in document order. hostNetwork pods share the
// node's address and never reach CNI.
import type { Diagnostic, NodeSpec, PodSpec, Scenario } from '../model/scenario';
import { formatCidr, formatIpv4 } from '../net/ipv4';
import { HostLocalConfigError, HostLocalIpam, canonicaliseRange } from './host-local';
import { sandboxContainerId } from '../model/ids';
import { podKeyIndex } from '../model/pod-key-index';

/** The CNI network name in flannel's conflist (`"name": "cbr0"`), hence `/var/lib/cni/networks/cbr0`. */
export const FLANNEL_NETWORK_NAME = 'cbr0';
export const POD_IFNAME = 'eth0';

export interface PodAddressing {
  /** `namespace/name` → IPv4; pods whose sandbox failed (or are unscheduled) are absent. */
  readonly podIPs: PodIPs;
  readonly diagnostics: Diagnostic[];
}

/**
 * The pods' addresses, kept by the pod's index in the scenario's list (NaN for a pod without one) and seen
 * by key through the shared key index (model/pod-key-index.ts): the EndpointSlice controller, which
 * selects pods by index, reads them without making or hashing a `namespace/name` string per pod.
 */
export class PodIPs implements ReadonlyMap<string, number> {
  private count = -1;

  constructor(
    private readonly pods: readonly PodSpec[],
    private readonly byIndex: Float64Array,
  ) {}

  /** The address of the pod at `index` in the scenario's list, or undefined. */
  ofPod(index: number): number | undefined {
    const ip = this.byIndex[index];
    return ip === undefined || Number.isNaN(ip) ? undefined : ip;
  }

  get(key: string): number | undefined {
    const i = podKeyIndex(this.pods).indexOf(key);
    return i === undefined ? undefined : this.ofPod(i);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    if (this.count < 0) {
      this.count = 0;
      for (const ip of this.byIndex) if (!Number.isNaN(ip)) this.count++;
    }
    return this.count;
  }

  /** In the scenario's pod order. */
  *entries(): MapIterator<[string, number]> {
    for (let i = 0; i < this.pods.length; i++) {
      const ip = this.ofPod(i);
      if (ip !== undefined) yield [podKey(this.pods[i]!), ip];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<number> {
    for (const [, ip] of this.entries()) yield ip;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [key, ip] of this.entries()) fn(ip, key, this);
  }
}

export function podKey(pod: { readonly namespace: string; readonly name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}

/**
 * How the kubelet reports a failed CNI ADD as a pod event (reason FailedCreatePodSandBox). The flannel
 * plugin's "failed to delegate add:" wrapper does not show: skel unwraps the inner *types.Error
 * (reference §1.5, flannel-io/flannel#2264).
 */
export function failedCreatePodSandBoxMessage(pod: PodSpec, cniError: string): string {
  const sandbox = sandboxContainerId(pod.namespace, pod.name);
  return (
    `pod ${podKey(pod)}: FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = ` +
    `failed to setup network for sandbox "${sandbox}": plugin type="flannel" failed (add): ${cniError}`
  );
}

function diagnostic(pod: PodSpec, message: string, field: string, file: string): Diagnostic {
  // Point at status.podIP itself when the error is about it, else at the pod (or its Deployment).
  const { document, line, column } =
    field === 'status.podIP' && pod.requestedIPSource ? pod.requestedIPSource : pod.source;
  return { severity: 'error', message, file, document, line, column, field };
}

/**
 * A pod the cluster adds (CoreDNS's, the ingress controller's) has no line: its failure points at what
 * left it no address — the node's podCIDR when the file gives it, else the node, else the first pod of the
 * file that already failed on that node (the node's range was full before the add-on's pods came).
 */
function addedPodDiagnostic(
  pod: PodSpec,
  node: NodeSpec,
  message: string,
  file: string,
  onNode: Diagnostic | undefined,
): Diagnostic {
  const at = node.podCIDRSource ?? (node.source.document >= 0 ? node.source : onNode);
  const field = node.podCIDRSource
    ? 'spec.podCIDR'
    : node.source.document >= 0
      ? 'metadata.name'
      : (onNode?.field ?? '');
  const why = ` (node ${node.name}'s podCIDR ${formatCidr(node.podCIDR)} has no address left for it)`;
  const { document, line, column } = at ?? pod.source;
  return { severity: 'error', message: message + why, file, document, line, column, field };
}

/**
 * Runs host-local for one node's pods in order. `idOf` gives the CNI_CONTAINERID to record: the
 * whole-cluster pass uses the pod key (a SHA-256 per pod would cost ~0.4 s at 150,000 pods and the
 * allocation order does not depend on it); `hostLocalForNode` uses the real stand-in IDs.
 */
function runNode(
  node: NodeSpec,
  pods: readonly PodSpec[],
  idOf: (pod: PodSpec) => string,
  onResult: (pod: PodSpec, ip: number | null, error: string | null, k: number) => void,
): HostLocalIpam | null {
  let ipam: HostLocalIpam;
  try {
    ipam = new HostLocalIpam(FLANNEL_NETWORK_NAME, [canonicaliseRange(node.podCIDR)]);
  } catch (e) {
    if (!(e instanceof HostLocalConfigError)) throw e;
    // allocator/config.go LoadIPAMConfig: "invalid range set %d: %w"
    pods.forEach((pod, k) => onResult(pod, null, `invalid range set 0: ${e.message}`, k));
    return null;
  }
  pods.forEach((pod, k) => {
    const result = ipam.add(idOf(pod), POD_IFNAME, pod.requestedIP);
    onResult(pod, result.ok ? result.ip : null, result.ok ? null : result.error, k);
  });
  return ipam;
}

/** Scheduled, non-hostNetwork pods grouped by node, each list in document order. */
export function cniPodsByNode(scenario: Scenario): Map<string, PodSpec[]> {
  const byNode = new Map<string, PodSpec[]>();
  for (const pod of scenario.pods) {
    if (pod.hostNetwork || pod.nodeName === '') continue;
    let list = byNode.get(pod.nodeName);
    if (!list) byNode.set(pod.nodeName, (list = []));
    list.push(pod);
  }
  return byNode;
}

export function allocatePodAddresses(scenario: Scenario, file = '<scenario>'): PodAddressing {
  const byIndex = new Float64Array(scenario.pods.length).fill(NaN);
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map(scenario.nodes.map((n) => [n.name, n]));
  for (let i = 0; i < scenario.pods.length; i++) {
    const pod = scenario.pods[i]!;
    if (!pod.hostNetwork) continue;
    const node = nodes.get(pod.nodeName);
    if (node) byIndex[i] = node.internalIP;
  }
  // cniPodsByNode's grouping, by index, so each address lands in its slot without a lookup by key.
  const byNode = new Map<string, { pods: PodSpec[]; indexes: number[] }>();
  scenario.pods.forEach((pod, i) => {
    if (pod.hostNetwork || pod.nodeName === '') return;
    let group = byNode.get(pod.nodeName);
    if (!group) byNode.set(pod.nodeName, (group = { pods: [], indexes: [] }));
    group.pods.push(pod);
    group.indexes.push(i);
  });
  for (const [nodeName, { pods, indexes }] of byNode) {
    const node = nodes.get(nodeName);
    if (!node) continue; // a pod bound to an unknown node stays Pending; the scenario validator reports it
    // One error per cause and node: a Deployment that overflows a /24 would otherwise give one line per pod.
    const reported = new Map<string, number>();
    const firstOf = new Map<string, Diagnostic>();
    let firstOnNode: Diagnostic | undefined;
    runNode(node, pods, podKey, (pod, ip, error, k) => {
      if (ip !== null) {
        byIndex[indexes[k]!] = ip;
        return;
      }
      if (pod.requestedIP === null) {
        const owner = pod.ownerDeployment ?? pod.ownerWorkload ?? '';
        const seen = reported.get(owner);
        if (seen !== undefined) {
          reported.set(owner, seen + 1);
          return;
        }
        reported.set(owner, 0);
      }
      const field =
        pod.requestedIP !== null
          ? 'status.podIP'
          : pod.ownerDeployment || pod.ownerWorkload?.startsWith('StatefulSet ')
            ? 'spec.replicas'
            : 'spec.nodeName';
      const hint =
        pod.requestedIP !== null ? ` (status.podIP ${formatIpv4(pod.requestedIP)} on node ${nodeName})` : '';
      const d =
        pod.source.document < 0
          ? addedPodDiagnostic(pod, node, failedCreatePodSandBoxMessage(pod, error!), file, firstOnNode)
          : diagnostic(pod, failedCreatePodSandBoxMessage(pod, error!) + hint, field, file);
      if (pod.requestedIP === null) firstOf.set(pod.ownerDeployment ?? pod.ownerWorkload ?? '', d);
      if (d.document >= 0) firstOnNode ??= d;
      diagnostics.push(d);
    });
    for (const [owner, more] of reported) {
      if (more === 0) continue;
      const first = firstOf.get(owner)!;
      diagnostics.push({
        ...first,
        severity: 'error',
        message: `…and ${more} more pod${more === 1 ? '' : 's'}${owner ? ` of Deployment ${owner}` : ''} on node ${nodeName} got no address (${node.podCIDR.prefix === 24 ? 'a /24 holds 253 pods' : "the node's pod CIDR is full"})`,
      });
    }
  }
  return { podIPs: new PodIPs(scenario.pods, byIndex), diagnostics };
}

/**
 * One node's host-local state after its sandboxes started, recorded under the stand-in container IDs,
 * for `dataDirView()`. Costs one SHA-256 per pod on that node only.
 */
export function hostLocalForNode(scenario: Scenario, nodeName: string): HostLocalIpam | null {
  const node = scenario.nodes.find((n) => n.name === nodeName);
  if (!node) return null;
  const pods = scenario.pods.filter((p) => !p.hostNetwork && p.nodeName === nodeName);
  return runNode(
    node,
    pods,
    (p) => sandboxContainerId(p.namespace, p.name),
    () => {},
  );
}
