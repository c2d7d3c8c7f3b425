// What kube-apiserver adds by itself: the Service `default/kubernetes` and the endpoints behind it.
//  - The Service (pkg/controlplane/controller/kubernetesservice): ClusterIP, the first address of the
//    Service range (10.96.0.1 for 10.96.0.0/12), one port `https` 443/TCP to targetPort 6443, no selector,
//    labels component=apiserver and provider=kubernetes. It exists before anything else is created, so it
//    claims its address first and a file asking for the same one is refused.
//  - The endpoints (pkg/controlplane/reconcilers, the lease reconciler, and endpointsadapter.go, which
//    writes the EndpointSlice beside the Endpoints): one slice named `kubernetes`, labelled only with
//    `kubernetes.io/service-name: kubernetes`, one endpoint per API server (its advertise address, here each
//    control-plane node's InternalIP, sorted as RepackSubsets sorts them), ready, port `https` 6443/TCP.
// Each API server listens on its node's host network at 6443 (kubeadm's default --secure-port).
// Which nodes run an API server: those labelled node-role.kubernetes.io/control-plane (kubeadm, kind, k3s
// servers; older clusters and k3s also set node-role.kubernetes.io/master). A scenario with no such node
// (Podpath's default two nodes, or Nodes without role labels) is taken to run it on its first node, as a
// single-server cluster whose control plane is also a worker would.
import type { EndpointSliceSpec, NodeSpec } from '../model/scenario';
import { formatIpv4, type Cidr } from '../net/ipv4';
import { SYNTHESISED, SYNTHESISED_SOURCE } from './addon-deployment';
import type { ServiceInput } from './services';
import { synthesisedPort, synthesisedService } from './synthesised-service';

export const KUBERNETES_NAMESPACE = 'default';
export const KUBERNETES_SERVICE = 'kubernetes';
/** kube-apiserver --secure-port as kubeadm, kind and k3s set it. */
export const API_SERVER_PORT = 6443;

const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

/** The nodes whose host network runs kube-apiserver: the control-plane nodes, else the first node. */
export function apiServerNodes(nodes: readonly NodeSpec[]): NodeSpec[] {
  const controlPlane = nodes.filter((n) => CONTROL_PLANE_LABELS.some((l) => l in n.labels));
  return controlPlane.length > 0 ? controlPlane : nodes.slice(0, 1);
}

export function kubernetesService(serviceSubnet: Cidr): ServiceInput {
  return synthesisedService({
    namespace: KUBERNETES_NAMESPACE,
    name: KUBERNETES_SERVICE,
    type: 'ClusterIP',
    // ServiceIPRange: the first address after the network's.
    clusterIP: { kind: 'given', ip: serviceSubnet.network + 1, place: SYNTHESISED },
    ports: [synthesisedPort('https', 'TCP', 443, API_SERVER_PORT)],
    selector: null,
  });
}

/** The slice the endpoint reconciler writes: every API server's address, port https 6443. */
export function apiServerEndpointSlice(nodes: readonly NodeSpec[]): EndpointSliceSpec {
  // RepackSubsets sorts addresses by their text, so 192.168.56.11 comes before 192.168.56.9.
  const servers = apiServerNodes(nodes)
    .map((n) => ({ ip: n.internalIP, text: formatIpv4(n.internalIP) }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return {
    namespace: KUBERNETES_NAMESPACE,
    name: KUBERNETES_SERVICE,
    serviceName: KUBERNETES_SERVICE,
    addressType: 'IPv4',
    // endpointFromAddress copies IP, readiness and targetRef (none); the lease reconciler sets no nodeName.
    endpoints: servers.map((s) => ({
      addresses: [s.ip],
      conditions: { ready: true, serving: null, terminating: null },
      nodeName: null,
      zone: null,
      hostname: null,
      targetPod: null,
      hintsForZones: null,
    })),
    ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
    explicit: false,
    source: SYNTHESISED_SOURCE,
  };
}
