// k3s and kind dumps carry no ClusterConfiguration: the ranges come from their Nodes and Services.
import { describe, expect, it } from 'vitest';
import { formatCidr } from '../net/ipv4';
import { scenarioOf, warningsOf } from './test-helpers';

// `kubectl get nodes,svc -A -o yaml` on a two-node k3s cluster (flannel, pods 10.42/16, Services 10.43/16).
const k3s = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: k3s-server
    labels: {kubernetes.io/hostname: k3s-server, node-role.kubernetes.io/control-plane: "true", node-role.kubernetes.io/master: "true"}
    annotations: {flannel.alpha.coreos.com/backend-type: vxlan, k3s.io/node-args: '["server"]'}
  spec: {podCIDR: 10.42.0.0/24, podCIDRs: [10.42.0.0/24], providerID: k3s://k3s-server}
  status: {addresses: [{address: 192.168.1.50, type: InternalIP}, {address: k3s-server, type: Hostname}]}
- apiVersion: v1
  kind: Node
  metadata: {name: k3s-agent-1, labels: {kubernetes.io/hostname: k3s-agent-1}}
  spec: {podCIDR: 10.42.1.0/24, podCIDRs: [10.42.1.0/24], providerID: k3s://k3s-agent-1}
  status: {addresses: [{address: 192.168.1.51, type: InternalIP}]}
- apiVersion: v1
  kind: Service
  metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
  spec:
    clusterIP: 10.43.0.10
    ports: [{name: dns, port: 53, protocol: UDP, targetPort: 53}, {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}]
    selector: {k8s-app: kube-dns}
- apiVersion: v1
  kind: Service
  metadata: {name: traefik, namespace: kube-system}
  spec: {type: LoadBalancer, clusterIP: 10.43.156.3, selector: {app.kubernetes.io/name: traefik}, ports: [{name: web, port: 80, targetPort: web, nodePort: 31245}]}
`;

// kind's two-node cluster: pods 10.244/16, Services 10.96.0.0/16 (within kubeadm's /12).
const kind = `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Node, metadata: {name: kind-control-plane}, spec: {podCIDR: 10.244.0.0/24, taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}, status: {addresses: [{type: InternalIP, address: 172.18.0.3}]}}
- {apiVersion: v1, kind: Node, metadata: {name: kind-worker}, spec: {podCIDR: 10.244.1.0/24}, status: {addresses: [{type: InternalIP, address: 172.18.0.2}]}}
- {apiVersion: v1, kind: Service, metadata: {name: kube-dns, namespace: kube-system}, spec: {clusterIP: 10.96.0.10, selector: {k8s-app: kube-dns}, ports: [{name: dns, port: 53, protocol: UDP}]}}
`;

describe('ranges from a dump', () => {
  it('recognises k3s: pods 10.42.0.0/16, Services 10.43.0.0/16, with a note on each', () => {
    const s = scenarioOf(k3s);
    expect(formatCidr(s.networking.podSubnet)).toBe('10.42.0.0/16');
    expect(formatCidr(s.networking.serviceSubnet)).toBe('10.43.0.0/16');
    expect(formatCidr(s.flannel.network)).toBe('10.42.0.0/16');
    expect(s.kubeProxy.clusterCIDR && formatCidr(s.kubeProxy.clusterCIDR)).toBe('10.42.0.0/16');
    const notes = warningsOf(k3s).filter((d) => d.message.startsWith('note:'));
    expect(notes.map((d) => d.message)).toEqual([
      "note: no ClusterConfiguration gives the pod network; the Nodes' podCIDRs fit 10.42.0.0/16 (k3s's default), which is used",
      "note: no ClusterConfiguration gives the Service range; the Services' clusterIPs fit 10.43.0.0/16 (k3s's default), which is used",
    ]);
    expect(notes[0]!.field).toBe('items[0].spec.podCIDR');
  });

  it('keeps kubeadm’s defaults for a kind cluster, which fall inside them, without a note', () => {
    const s = scenarioOf(kind);
    expect(formatCidr(s.networking.podSubnet)).toBe('10.244.0.0/16');
    expect(formatCidr(s.networking.serviceSubnet)).toBe('10.96.0.0/12');
    expect(warningsOf(kind).filter((d) => d.message.startsWith('note:'))).toEqual([]);
  });

  it('takes the smallest range holding every address for an unknown installer', () => {
    const other = k3s.replaceAll('10.42.', '172.20.').replaceAll('10.43.', '172.21.');
    const s = scenarioOf(other);
    expect(formatCidr(s.networking.podSubnet)).toBe('172.20.0.0/23');
    expect(formatCidr(s.networking.serviceSubnet)).toBe('172.21.0.0/16');
  });
});
