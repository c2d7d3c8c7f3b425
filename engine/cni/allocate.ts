// Pod addresses for a whole scenario, the way a flannel cluster hands them out: each node runs its own
// host-local over its podCIDR (the flannel delegate's `ranges: [[{subnet: <podCIDR>}]]`), and the kubelet
// starts that node's sandboxes one after another, here in document order. hostNetwork pods share the
// node's address and never reach CNI.
import type { Diagnostic, NodeSpec, PodSpec, Scenario } from '../model/scenario';
import { formatCidr, formatIpv4 } from '../net/ipv4';
import { HostLocalConfigError, HostLocalIpam, canonicaliseRange } from './host-local';
import { sandboxContainerId } from '../model/ids';

/** The CNI network name in flannel's conflist (`"name": "cbr0"`), hence `/var/lib/cni/networks/cbr0`. */
export const FLANNEL_NETWORK_NAME = 'cbr0';
export const POD_IFNAME = 'eth0';

export interface PodAddressing {
  /** `namespace/name` → IPv4; pods whose sandbox failed (or are unscheduled) are absent. */
  readonly podIPs: Map<string, number>;
  readonly diagnostics: Diagnostic[];
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
  onResult: (pod: PodSpec, ip: number | null, error: string | null) => void,
): HostLocalIpam | null {
  let ipam: HostLocalIpam;
  try {
    ipam = new HostLocalIpam(FLANNEL_NETWORK_NAME, [canonicaliseRange(node.podCIDR)]);
  } catch (e) {
    if (!(e instanceof HostLocalConfigError)) throw e;
    // allocator/config.go LoadIPAMConfig: "invalid range set %d: %w"
    for (const pod of pods) onResult(pod, null, `invalid range set 0: ${e.message}`);
    return null;
  }
  for (const pod of pods) {
    const result = ipam.add(idOf(pod), POD_IFNAME, pod.requestedIP);
    onResult(pod, result.ok ? result.ip : null, result.ok ? null : result.error);
  }
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
  const podIPs = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  const nodes = new Map(scenario.nodes.map((n) => [n.name, n]));
  for (const pod of scenario.pods) {
    if (!pod.hostNetwork) continue;
    const node = nodes.get(pod.nodeName);
    if (node) podIPs.set(podKey(pod), node.internalIP);
  }
  for (const [nodeName, pods] of cniPodsByNode(scenario)) {
    const node = nodes.get(nodeName);
    if (!node) continue; // a pod bound to an unknown node stays Pending; the scenario validator reports it
    // One error per cause and node: a Deployment that overflows a /24 would otherwise give one line per pod.
    const reported = new Map<string, number>();
    const firstOf = new Map<string, Diagnostic>();
    let firstOnNode: Diagnostic | undefined;
    runNode(node, pods, podKey, (pod, ip, error) => {
      if (ip !== null) {
        podIPs.set(podKey(pod), ip);
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
  return { podIPs, diagnostics };
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
